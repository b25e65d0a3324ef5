import { describe, expect, it } from 'vitest';
import { isLoopbackHost, wechatClientFromEnvironment } from '../../src/core/wechat/client.ts';

/** WECHAT_API_BASE carries the AppSecret (stable_token): https, or http only to this machine (issue 13). */
describe('WECHAT_API_BASE', () => {
  const client = (base: string) => () =>
    wechatClientFromEnvironment({
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_APPSECRET: 's',
      WECHAT_API_BASE: base,
      MPFLOW_WECHAT_TOKEN_CACHE: '/nonexistent/token.json',
    });

  it.each([
    'http://wx-proxy.minlan-tea.example',
    'http://10.0.0.8:8080',
    'http://api.weixin.qq.com',
    'HTTP://proxy.example/cgi',
    'http://127.0.0.1.evil.example',
    'http://[::2]:80',
  ])('refuses plain http to another machine: %s', (base) => {
    expect(client(base)).toThrow(/plain http:\/\/ is allowed only for this machine/);
  });

  it.each([
    'https://api.weixin.qq.com',
    'https://wx-proxy.minlan-tea.example:8443/',
    'http://127.0.0.1:9',
    'http://localhost:3000',
    'http://[::1]:8080',
    'http://127.8.9.10',
  ])('accepts %s', (base) => {
    expect(client(base)).not.toThrow();
  });

  it('says so in Chinese too, and refuses a password in the address', () => {
    try {
      client('http://wx-proxy.example')();
      expect.unreachable();
    } catch (error) {
      expect((error as { localized: { zh: string } }).localized.zh).toContain('http:// 只允许本机');
    }
    expect(client('https://:secret@proxy.example')).toThrow(/without user name or password/);
  });

  it('knows the loopback names', () => {
    expect(['localhost', 'a.localhost', '127.0.0.1', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.example', '128.0.0.1', '::', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });
});
