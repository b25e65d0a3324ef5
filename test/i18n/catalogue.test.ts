import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageOfLocale } from '../../src/core/i18n/language.ts';
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

  it('chooses words by number (plural, =0) and by value (select), with # in the locale digits', () => {
    const root = department({
      'i18n/en/demo.yaml': [
        'summary: "{count, plural, one {# article} other {# articles}} over {months, plural, one {# month} other {# months}}"',
        'scheduled: "{count} due{scheduled, plural, =0 {} other {, {scheduled} scheduled}}"',
        'prize: "{name}{value, select, none {} other { ({value} each)}}"',
        '',
      ].join('\n'),
      'i18n/zh-TW/demo.yaml': 'summary: "共 {count} 篇{@glossary.article}"\n',
    });
    const catalogue = MessageCatalogue.load({ departmentRoot: root });
    const english = catalogue.translator('en');
    expect(english.t('demo.summary', { count: 1, months: 1 })).toBe('1 article over 1 month');
    expect(english.t('demo.summary', { count: 1200, months: 3 })).toBe('1,200 articles over 3 months');
    expect(english.t('demo.scheduled', { count: 4, scheduled: 0 })).toBe('4 due');
    expect(english.t('demo.scheduled', { count: 4, scheduled: 2 })).toBe('4 due, 2 scheduled');
    expect(english.t('demo.prize', { name: 'Tea set', value: 'none' })).toBe('Tea set');
    expect(english.t('demo.prize', { name: 'Tea set', value: '¥88' })).toBe('Tea set (¥88 each)');
    expect(catalogue.translator('zh-TW').t('demo.summary', { count: 3 })).toBe('共 3 篇文章');
  });

  it('reads shipped messages handed over as texts, a department folder on top', () => {
    const root = department({ 'i18n/zh-TW/site.yaml': 'nav:\n  home: 首頁\n' });
    const catalogue = MessageCatalogue.fromTexts(
      { '/pkg/src/i18n/zh-CN/site.yaml': 'nav:\n  home: 首页\n  team: 团队\n' },
      { departmentRoot: root },
    );
    expect(catalogue.translator('zh-TW').t('site.nav.home')).toBe('首頁');
    expect(catalogue.translator('zh-TW').t('site.nav.team')).toBe('团队');
    expect(catalogue.keys('zh-CN')).toEqual(['site.nav.home', 'site.nav.team']);
  });

  it('shows the Chinese half of a two-language text for every Chinese locale', () => {
    expect(['zh-CN', 'zh-TW', 'zh-HK', 'en', 'ja'].map(languageOfLocale)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'en',
      'en',
    ]);
  });
});
