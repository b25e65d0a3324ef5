/**
 * A department's languages (content/department.yaml `locales:`): any BCP 47 tag with messages.
 * mpflow ships zh-CN and en; another language is the department's i18n/<tag>/ folder, and
 * without it `mpflow check` refuses the line that lists it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DepartmentSettingsError, readDepartmentSettings } from '../../src/core/department/settings.ts';
import { starlightOptionsFrom } from '../../src/core/department/site-options.ts';
import { MessageCatalogue } from '../../src/core/i18n/catalogue.ts';
import { localizedUrl } from '../../src/site/localized-url.ts';
import { FixtureRepository, positionOf } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

let fixture: FixtureRepository;
beforeEach(async () => {
  fixture = await FixtureRepository.create();
});
afterEach(async () => {
  await fixture.dispose();
});

async function listLocales(line: string): Promise<string> {
  const settings = await fixture.read('content/department.yaml');
  const next = /^locales:.*$/m.test(settings)
    ? settings.replace(/^locales:.*$/m, line)
    : `${settings.trimEnd()}\n${line}\n`;
  await fixture.write('content/department.yaml', next);
  return next;
}

describe('site languages', () => {
  it('takes a third language whose messages the department writes, named by its own words in Starlight', async () => {
    await listLocales('locales: [zh-CN, en, zh-TW]');
    await fixture.write('i18n/zh-TW/site.yaml', 'title: "{account} · 工作手冊"\nlocale:\n  name: 繁體中文\n');
    const settings = readDepartmentSettings(fixture.root);
    expect(settings.locales).toEqual(['zh-CN', 'en', 'zh-TW']);
    const starlight = starlightOptionsFrom(settings, MessageCatalogue.load({ departmentRoot: fixture.root }));
    expect(starlight.locales).toEqual({
      root: { label: '简体中文', lang: 'zh-CN' },
      en: { label: 'English', lang: 'en' },
      'zh-tw': { label: '繁體中文', lang: 'zh-TW' },
    });
    expect(starlight.title['zh-TW']).toMatch(/ · 工作手冊$/);
  });

  it('refuses a language without messages, on its place in the list', async () => {
    const text = await listLocales('locales: [zh-CN, en, ja]');
    const at = positionOf(text, 'ja]');
    expect(() => readDepartmentSettings(fixture.root)).toThrow(DepartmentSettingsError);
    expect(() => readDepartmentSettings(fixture.root)).toThrow(
      new RegExp(`^content/department\\.yaml:${at.line}:${at.column}: The site language ja has no messages`),
    );
    const result = await runMpflow(['check', '--lang', 'zh'], { cwd: fixture.root });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('department/locale-without-messages');
    expect(result.stdout).toContain('站点语言 ja 没有消息文件');
  });

  it('refuses a tag that is not a language tag', async () => {
    await listLocales('locales: [zh-CN, Chinese]');
    expect(() => readDepartmentSettings(fixture.root)).toThrow(/locales/);
  });
});

describe('localizedUrl', () => {
  it('puts the default language at the root and every other one under its lower-case folder', () => {
    expect(localizedUrl('articles/', 'zh-CN', '/', 'zh-CN')).toBe('/articles/');
    expect(localizedUrl('articles/', 'zh-TW', '/repo/', 'zh-CN')).toBe('/repo/zh-tw/articles/');
    expect(localizedUrl('/team/', 'en', '/', 'en')).toBe('/team/');
    expect(localizedUrl('/team/', 'zh-CN', '/', 'en')).toBe('/zh-cn/team/');
  });
});
