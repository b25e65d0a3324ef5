/**
 * content/department.yaml: read with defaults, refused with file:line:column, checked by
 * `mpflow check` like every record kind, and the support categories come from it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DepartmentSettingsError, readDepartmentSettings } from '../../src/core/department/settings.ts';
import { starlightOptionsFrom, themeStyle } from '../../src/core/department/site-options.ts';
import { FixtureRepository, MINIMAL_SUPPORT, positionOf } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const LIBRARY = `schemaVersion: 1
department:
  zh: 城东图书馆推广组
  en: Eastside Library Outreach
account:
  zh: 城东书房
  en: Eastside Reading Room
theme:
  accent: '#8a3b12'
site:
  url: https://library.example.org
  base: /outreach/
repository: https://github.com/eastside-library/outreach
support:
  categories: [借阅, 活动, 咨询, 其他]
`;

let fixture: FixtureRepository;
beforeEach(async () => {
  fixture = await FixtureRepository.create();
});
afterEach(async () => {
  await fixture.dispose();
});

describe('readDepartmentSettings', () => {
  it('reads names, colours, site and categories, and gives Starlight its title, languages and edit links', async () => {
    await fixture.write('content/department.yaml', LIBRARY);
    const settings = readDepartmentSettings(fixture.root);
    expect(settings.present).toBe(true);
    expect(settings.account).toEqual({ zh: '城东书房', en: 'Eastside Reading Room' });
    expect(settings.site).toEqual({ url: 'https://library.example.org', base: '/outreach/' });
    expect(settings.support.categories).toEqual(['借阅', '活动', '咨询', '其他']);
    const starlight = starlightOptionsFrom(settings);
    expect(starlight.title).toEqual({ 'zh-CN': '城东书房 · 工作手册', en: 'Eastside Reading Room · Handbook' });
    expect(starlight.locales).toEqual({
      root: { label: '简体中文', lang: 'zh-CN' },
      en: { label: 'English', lang: 'en' },
    });
    expect(starlight.editLink).toEqual({ baseUrl: 'https://github.com/eastside-library/outreach/edit/main/' });
    expect(themeStyle(settings)).toContain('--sl-color-accent:#8a3b12');
  });

  it("without the file: neutral defaults, the roster's old department and account names, schema version 0", async () => {
    await fixture.remove('content/department.yaml');
    await fixture.write(
      'content/team.yaml',
      `department: 山嵐茶舍新媒體部\naccount: 山嵐茶舍\n${await fixture.read('content/team.yaml')}`,
    );
    const settings = readDepartmentSettings(fixture.root);
    expect(settings.present).toBe(false);
    expect(settings.schemaVersion).toBe(0);
    expect(settings.account.zh).toBe('山嵐茶舍');
    expect(settings.locales).toEqual(['zh-CN', 'en']);
    await fixture.remove('content/team.yaml');
    expect(readDepartmentSettings(fixture.root).account).toEqual({ zh: '公众号', en: 'Official Account' });
  });

  it('refuses an invalid file with its file:line:column and a plain message', async () => {
    const broken = LIBRARY.replace("accent: '#8a3b12'", 'accent: 棕色');
    await fixture.write('content/department.yaml', broken);
    const at = positionOf(broken, '棕色');
    expect(() => readDepartmentSettings(fixture.root)).toThrow(DepartmentSettingsError);
    expect(() => readDepartmentSettings(fixture.root)).toThrow(
      new RegExp(`^content/department\\.yaml:${at.line}:${at.column}: Field theme\\.accent`),
    );
  });
});

describe('mpflow check and content/department.yaml', () => {
  it('reports a schema problem on its line, and an unknown support category on its cell', async () => {
    const text = LIBRARY.replace('  en: Eastside Reading Room\n', '  eng: Eastside Reading Room\n');
    await fixture.write('content/department.yaml', text);
    await fixture.write('content/metrics/support/2026-09.csv', MINIMAL_SUPPORT);
    const run = await runMpflow(['check'], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `content/department.yaml:${positionOf(text, 'eng:').line}:3  schema/unknown-field  Unknown field account.eng. Did you mean en?`,
    );

    await fixture.write('content/department.yaml', LIBRARY);
    const support = await fixture.read('content/metrics/support/2026-09.csv');
    const category = support.split('\n')[1]!.split(',')[6]!;
    const changed = support.replace(`,${category},`, ',借书,');
    await fixture.write('content/metrics/support/2026-09.csv', changed);
    const second = await runMpflow(['check'], { cwd: fixture.root });
    expect(second.exitCode).toBe(1);
    const cell = positionOf(changed, '借书');
    expect(second.stdout).toContain(
      `content/metrics/support/2026-09.csv:${cell.line}:${cell.column}  support/unknown-category  Category "借书" is not in support.categories of content/department.yaml (借阅, 活动, 咨询, 其他).`,
    );
  });

  it('warns, without failing, when a department has no settings yet', async () => {
    await fixture.remove('content/department.yaml');
    const run = await runMpflow(['check'], { cwd: fixture.root });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^content\/department\.yaml:1:1 {2}department\/missing {2}There are no department settings/m,
    );
  });

  it('asks for 其他 among the categories: imported conversations get it first', async () => {
    const text = LIBRARY.replace('[借阅, 活动, 咨询, 其他]', '[借阅, 活动]');
    await fixture.write('content/department.yaml', text);
    const run = await runMpflow(['check'], { cwd: fixture.root });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`content/department.yaml:${positionOf(text, '[借阅, 活动]').line}:`);
    expect(run.stdout).toContain('department/support-categories');
  });
});
