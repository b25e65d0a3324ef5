import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWeChatClient,
  WeChatApiError,
  WeChatConfigurationError,
  WeChatNetworkError,
  wechatClientFromEnvironment,
  type WeChatClient,
} from '../../src/core/wechat/client.ts';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fake-wechat-server.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

let fake: FakeWeChat;
let folder: string;
let clock: number;
let sleeps: number[];

beforeEach(async () => {
  clock = Date.parse('2026-11-27T12:00:00Z');
  sleeps = [];
  fake = await startFakeWeChat({ now: () => clock });
  folder = await mkdtemp(path.join(os.tmpdir(), 'mpflow-wechat-'));
});

afterEach(async () => {
  await fake.close();
  await rm(folder, { recursive: true, force: true });
});

function client(overrides: { appSecret?: string; appId?: string; cache?: string } = {}): WeChatClient {
  return createWeChatClient({
    appId: overrides.appId ?? fake.state.appId,
    appSecret: overrides.appSecret ?? fake.state.appSecret,
    baseUrl: fake.url,
    tokenCachePath: overrides.cache ?? path.join(folder, 'token.json'),
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<WeChatApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WeChatApiError);
  return error as WeChatApiError;
}

const draft = { articles: [{ title: '测试', content: '<p>正文</p>', thumb_media_id: 'none' }] };

describe('access token', () => {
  it('is fetched once through stable_token, kept in a 0600 file with its expiry, and reused by the next process', async () => {
    await client()
      .postJson('/cgi-bin/freepublish/get', { publish_id: 1 })
      .catch(() => undefined);
    await client()
      .postJson('/cgi-bin/freepublish/get', { publish_id: 1 })
      .catch(() => undefined);
    expect(fake.count('/cgi-bin/stable_token')).toBe(1);
    expect(fake.calls[0]).toMatchObject({
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid: fake.state.appId, force_refresh: false },
    });
    const file = path.join(folder, 'token.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const cached = JSON.parse(await readFile(file, 'utf8')) as { accessToken: string; expiresAt: number };
    expect(cached.accessToken).toBe(fake.state.token?.value);
    expect(cached.expiresAt).toBe(clock + 7200 * 1000);
    // The secret is never written down.
    expect(await readFile(file, 'utf8')).not.toContain(fake.state.appSecret);
  });

  it('is renewed five minutes before it expires, not after', async () => {
    const wechat = client();
    await wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }).catch(() => undefined);
    clock += (7200 - 301) * 1000;
    await wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }).catch(() => undefined);
    expect(fake.count('/cgi-bin/stable_token')).toBe(1);
    clock += 2000;
    await wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }).catch(() => undefined);
    expect(fake.count('/cgi-bin/stable_token')).toBe(2);
  });

  it('replaces a token that another process invalidated (40001) once, forcing a new one only when the shared one is the rejected one', async () => {
    const wechat = client();
    await rejection(wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }));
    const first = fake.state.token!.value;
    // Someone else forces a new token: ours now answers 40001.
    await fetch(`${fake.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: fake.state.appId,
        secret: fake.state.appSecret,
        force_refresh: true,
      }),
    });
    const error = await rejection(wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }));
    expect(error.errcode).toBe(53600);
    const uses = fake.calls.filter((call) => call.path === '/cgi-bin/freepublish/get');
    expect(uses).toHaveLength(3);
    expect(fake.state.token!.value).not.toBe(first);
    expect(fake.state.forceRefreshes).toBe(1);
  });

  it('refreshes an expired token (42001) and an invalid one (40014) and retries the call', async () => {
    for (const errcode of [42001, 40014]) {
      const wechat = client({ cache: path.join(folder, `token-${errcode}.json`) });
      await wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }).catch(() => undefined);
      fake.injectError('/cgi-bin/draft/add', errcode);
      const before = fake.state.tokensIssued;
      const error = await rejection(wechat.postJson('/cgi-bin/draft/add', draft));
      expect(error.errcode).toBe(40007); // the retried call reached draft/add's own validation
      expect(fake.state.tokensIssued).toBe(before + 1);
    }
  });

  it('refreshes at most once per call: a token error that persists is reported', async () => {
    fake.injectError('/cgi-bin/draft/add', 40001, { times: 5 });
    const error = await rejection(client().postJson('/cgi-bin/draft/add', draft));
    expect(error.errcode).toBe(40001);
    expect(fake.count('/cgi-bin/draft/add')).toBe(2);
  });

  it('ignores a cache file written for another account', async () => {
    const file = path.join(folder, 'token.json');
    await writeFile(
      file,
      JSON.stringify({ appId: 'wxother', baseUrl: fake.url, accessToken: 'OTHER', expiresAt: clock + 3_600_000 }),
    );
    await client()
      .postJson('/cgi-bin/freepublish/get', { publish_id: 1 })
      .catch(() => undefined);
    expect(fake.count('/cgi-bin/stable_token')).toBe(1);
    expect(fake.calls.some((call) => JSON.stringify(call).includes('OTHER'))).toBe(false);
  });
});

describe('errors that stop', () => {
  it('names the refused outbound IP on 40164 and does not retry', async () => {
    fake.injectError('/cgi-bin/stable_token', 40164);
    const error = await rejection(client().postJson('/cgi-bin/draft/add', draft));
    expect(error.errcode).toBe(40164);
    expect(error.request).toBe('POST /cgi-bin/stable_token');
    expect(error.localized.zh).toContain('IP 白名单');
    expect(error.localized.zh).toContain('203.0.113.7');
    expect(error.localized.en).toContain('The refused outbound IP: 203.0.113.7');
    expect(fake.count('/cgi-bin/stable_token')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('says the daily quota is used up on 45009, without retrying', async () => {
    fake.injectError('/cgi-bin/draft/add', 45009);
    const error = await rejection(client().postJson('/cgi-bin/draft/add', draft));
    expect(error.errcode).toBe(45009);
    expect(error.localized.zh).toContain('今天的接口调用次数已用完');
    expect(error.message).toContain('daily API quota');
    expect(fake.count('/cgi-bin/draft/add')).toBe(1);
  });

  it.each([
    ['a wrong AppID', { appId: 'wxwrong' }, 40013, 'WECHAT_APPID'],
    ['a wrong AppSecret', { appSecret: 'wrong-secret' }, 40125, 'WECHAT_APPSECRET'],
  ])(
    'stops on %s with a configuration message that never shows the secret',
    async (_label, credentials, errcode, variable) => {
      const error = await rejection(client(credentials).postJson('/cgi-bin/draft/add', draft));
      expect(error.errcode).toBe(errcode);
      expect(error.localized.en).toContain(variable);
      expect(JSON.stringify(error.localized) + error.message + error.request).not.toContain('wrong-secret');
      expect(JSON.stringify(error.localized)).not.toContain(fake.state.appSecret);
    },
  );

  it('shows the request as method and path, never the access token', async () => {
    fake.injectError('/cgi-bin/draft/add', 48001);
    const wechat = client();
    const error = await rejection(wechat.postJson('/cgi-bin/draft/add', draft));
    expect(error.request).toBe('POST /cgi-bin/draft/add');
    expect(`${error.message} ${JSON.stringify(error.localized)}`).not.toMatch(/access_token|FAKE_TOKEN/);
  });
});

describe('transient errors', () => {
  it('retries -1 with growing waits, then succeeds', async () => {
    fake.injectError('/cgi-bin/freepublish/get', -1, { times: 2 });
    await rejection(client().postJson('/cgi-bin/freepublish/get', { publish_id: 1 }));
    expect(fake.count('/cgi-bin/freepublish/get')).toBe(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('backs off for the per-minute quota (45011) and gives up after three retries', async () => {
    fake.injectError('/cgi-bin/freepublish/get', 45011, { times: 10 });
    const error = await rejection(client().postJson('/cgi-bin/freepublish/get', { publish_id: 1 }));
    expect(error.errcode).toBe(45011);
    expect(fake.count('/cgi-bin/freepublish/get')).toBe(4);
    expect(sleeps).toEqual([15000, 30000, 60000]);
  });

  it('retries a dropped connection, but never resends freepublish/submit whose fate is unknown', async () => {
    fake.injectDisconnect('/cgi-bin/freepublish/get');
    await rejection(client().postJson('/cgi-bin/freepublish/get', { publish_id: 1 }));
    expect(fake.count('/cgi-bin/freepublish/get')).toBe(2);

    fake.injectDisconnect('/cgi-bin/freepublish/submit');
    const error = await client()
      .postJson('/cgi-bin/freepublish/submit', { media_id: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WeChatNetworkError);
    expect((error as WeChatNetworkError).request).toBe('POST /cgi-bin/freepublish/submit');
    expect(fake.count('/cgi-bin/freepublish/submit')).toBe(1);
  });
});

describe('uploads', () => {
  it('sends the image as multipart field "media" and returns the uploadimg URL', async () => {
    const answer = await client().uploadFile<{ url: string }>('/cgi-bin/media/uploadimg', 'media', {
      name: '图一.png',
      bytes: PNG,
      contentType: 'image/png',
    });
    expect(answer.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
    expect(fake.calls.at(-1)).toMatchObject({
      path: '/cgi-bin/media/uploadimg',
      body: { files: [{ field: 'media', name: '图一.png', contentType: 'image/png', size: PNG.length }] },
    });
  });

  it('names the file when WeChat refuses its type or size', async () => {
    const gif = Buffer.from('GIF89a........');
    const error = await rejection(
      client().uploadFile('/cgi-bin/media/uploadimg', 'media', {
        name: 'anim.gif',
        bytes: gif,
        contentType: 'image/gif',
      }),
    );
    expect(error.errcode).toBe(40005);
    expect(error.localized.zh).toContain('anim.gif');
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const tooBig = await rejection(
      client().uploadFile('/cgi-bin/media/uploadimg', 'media', {
        name: 'big.png',
        bytes: big,
        contentType: 'image/png',
      }),
    );
    expect(tooBig.errcode).toBe(40009);
    expect(tooBig.localized.en).toContain('big.png');
  });

  it('adds a permanent image material with type in the query', async () => {
    const answer = await client().uploadFile<{ media_id: string; url: string }>(
      '/cgi-bin/material/add_material',
      'media',
      { name: 'cover.png', bytes: PNG, contentType: 'image/png' },
      { type: 'image' },
    );
    expect(fake.state.materials.get(answer.media_id)?.type).toBe('image');
    const thumb = await rejection(
      client().uploadFile(
        '/cgi-bin/material/add_material',
        'media',
        { name: 'cover.png', bytes: PNG, contentType: 'image/png' },
        { type: 'thumb' },
      ),
    );
    expect(thumb.errcode).toBe(40005);
  });
});

describe('an unreachable API', () => {
  it('retries the connection, then says which request failed and where, never the password or token in the URL', async () => {
    const wechat = createWeChatClient({
      appId: 'wx1',
      appSecret: 'secret-1',
      baseUrl: 'http://proxy-user:proxy-pass@127.0.0.1:9',
      tokenCachePath: path.join(folder, 'unreachable.json'),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const error = await wechat.postJson('/cgi-bin/draft/add', draft).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WeChatNetworkError);
    const network = error as WeChatNetworkError;
    expect(network.request).toBe('POST /cgi-bin/stable_token');
    expect(network.localized.en).toContain('could not reach the WeChat API (http://127.0.0.1:9)');
    expect(JSON.stringify(network.localized)).not.toMatch(/proxy-pass|secret-1/);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('never shows the access token when a call with one fails to connect', async () => {
    const wechat = client();
    await wechat.postJson('/cgi-bin/freepublish/get', { publish_id: 1 }).catch(() => undefined);
    const token = fake.state.token!.value;
    await fake.close();
    const error = (await wechat
      .postJson('/cgi-bin/freepublish/get', { publish_id: 1 })
      .catch((caught: unknown) => caught)) as WeChatNetworkError;
    expect(error).toBeInstanceOf(WeChatNetworkError);
    expect(error.request).toBe('POST /cgi-bin/freepublish/get');
    expect(`${error.message}${JSON.stringify(error.localized)}`).not.toContain(token);
    fake = await startFakeWeChat();
  });

  it('refuses a WECHAT_API_BASE that is not a URL', () => {
    expect(() =>
      wechatClientFromEnvironment({ WECHAT_APPID: 'wx1', WECHAT_APPSECRET: 's', WECHAT_API_BASE: 'api.weixin.qq.com' }),
    ).toThrow(/WECHAT_API_BASE must be an https:\/\/ URL/);
    expect(() =>
      wechatClientFromEnvironment({
        WECHAT_APPID: 'wx1',
        WECHAT_APPSECRET: 's',
        WECHAT_API_BASE: 'https://u:p@proxy.example',
      }),
    ).toThrow(/without user name or password/);
  });
});

describe('configuration', () => {
  it('reads credentials and the base URL only from the environment', async () => {
    expect(() => wechatClientFromEnvironment({ WECHAT_APPID: 'wx1' })).toThrow(WeChatConfigurationError);
    const wechat = wechatClientFromEnvironment(
      { WECHAT_APPID: fake.state.appId, WECHAT_APPSECRET: fake.state.appSecret, WECHAT_API_BASE: fake.url },
      { tokenCachePath: path.join(folder, 'env-token.json') },
    );
    const answer = await wechat.uploadFile<{ url: string }>('/cgi-bin/media/uploadimg', 'media', {
      name: 'a.png',
      bytes: PNG,
      contentType: 'image/png',
    });
    expect(answer.url).toContain('mmbiz.qpic.cn');
  });
});

describe('a fixed-IP proxy with a path prefix', () => {
  it('keeps the prefix (and drops a trailing slash) on every call, the token call included', async () => {
    const seen: string[] = [];
    const viaProxy: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      seen.push(`${url.pathname}?${[...url.searchParams.keys()].join(',')}`);
      // The "proxy" strips its prefix and forwards to WeChat (the fake).
      return fetch(`${fake.url}${url.pathname.replace(/^\/wechat-api/, '')}${url.search}`, init);
    };
    const wechat = wechatClientFromEnvironment(
      {
        WECHAT_APPID: fake.state.appId,
        WECHAT_APPSECRET: fake.state.appSecret,
        WECHAT_API_BASE: 'https://proxy.example.com/wechat-api/',
      },
      { tokenCachePath: path.join(folder, 'proxy-token.json'), fetch: viaProxy },
    );
    await wechat.uploadFile('/cgi-bin/media/uploadimg', 'media', {
      name: 'a.png',
      bytes: PNG,
      contentType: 'image/png',
    });
    expect(seen).toEqual(['/wechat-api/cgi-bin/stable_token?', '/wechat-api/cgi-bin/media/uploadimg?access_token']);
  });
});
