import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fallbackChain, MessageCatalogue, MessageFileError } from '../../src/core/i18n/catalogue.ts';

function department(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mpflow-i18n-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('message catalogue', () => {
  it('speaks the shipped languages from src/i18n, glossary terms included', () => {
    const catalogue = MessageCatalogue.load();
    expect(catalogue.translator('zh-CN').t('glossary.appraisal')).toBe('考核');
    expect(catalogue.translator('en').t('glossary.appraisal')).toBe('appraisal');
  });

  it('takes a third locale from a department folder, falling back key by key', () => {
    const root = department({
      'i18n/zh-TW/glossary.yaml': 'article: 文章\nappraisal: 考核\n',
      'i18n/zh-TW/demo.yaml': 'greeting:\n  published: "{name} 已發布 {count} 篇{@glossary.article}"\n',
    });
    const taiwan = MessageCatalogue.load({ departmentRoot: root }).translator('zh-TW');
    expect(taiwan.t('demo.greeting.published', { name: '林曉', count: 1234 })).toBe('林曉 已發布 1,234 篇文章');
    // 编辑日历 is not translated for zh-TW: the page still reads, in the mainland wording.
    expect(taiwan.t('glossary.calendar')).toBe('编辑日历');
    expect(taiwan.translates('glossary.calendar')).toBe(false);
    expect(taiwan.t('demo.unknown')).toBe('[demo.unknown]');
    expect([...taiwan.missing]).toEqual(['demo.unknown']);
  });

  it('lets a department override a shipped text without copying the rest', () => {
    const root = department({ 'i18n/en/glossary.yaml': 'calendar: content calendar\n' });
    const english = MessageCatalogue.load({ departmentRoot: root }).translator('en');
    expect(english.t('glossary.calendar')).toBe('content calendar');
    expect(english.t('glossary.article')).toBe('article');
  });

  it('names the file, line and column of a message that is not text', () => {
    const root = department({ 'i18n/ja/site.yaml': 'nav:\n  home: ホーム\n  list:\n    - 一\n' });
    expect(() => MessageCatalogue.load({ departmentRoot: root })).toThrowError(MessageFileError);
    expect(() => MessageCatalogue.load({ departmentRoot: root })).toThrowError(
      /i18n\/ja\/site\.yaml:4:5: message site\.nav\.list must be text, found a list/,
    );
  });

  it('falls back from a regional Chinese to the shipped Chinese before English', () => {
    expect(fallbackChain('zh-TW')).toEqual(['zh-TW', 'zh-CN', 'en']);
    expect(fallbackChain('ja')).toEqual(['ja', 'en', 'zh-CN']);
    expect(fallbackChain('en')).toEqual(['en', 'zh-CN']);
  });
});
