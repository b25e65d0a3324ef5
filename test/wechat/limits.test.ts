import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/compliance/engine.ts';
import { errcodeMeaning } from '../../src/core/wechat/errors.ts';
import { WECHAT_LIMITS } from '../../src/core/wechat/limits.ts';

// WeChat's limits are stated once (src/core/wechat/limits.ts); what quotes or defaults to them agrees.
describe("WeChat's article limits", () => {
  it('are the compliance checks’ defaults, which a policy may tighten', () => {
    expect(DEFAULT_SETTINGS.limits).toEqual(WECHAT_LIMITS);
  });

  it('are what the errcode explanations quote, in both languages', () => {
    expect(errcodeMeaning(45003).meaning).toEqual({
      zh: '标题超过 32 个字符。',
      en: 'The title is longer than 32 characters.',
    });
    expect(errcodeMeaning(45004).meaning.zh).toBe('摘要超过 128 个字符。');
    expect(errcodeMeaning(45110).meaning.en).toBe('The author is longer than 16 characters.');
    expect(errcodeMeaning(45002).meaning).toEqual({
      zh: '正文超过长度限制（须少于 2 万字符且小于 1 MB）。',
      en: 'The content is too long (it must be under 20,000 characters and 1 MB).',
    });
    expect(errcodeMeaning(40009).meaning.zh).toBe('图片大小超过限制（正文图片须小于 1 MB）。');
  });
});
