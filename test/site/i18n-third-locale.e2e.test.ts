/**
 * Issue 18's promise: adding a language is its message files plus one config line. The fixture
 * test/fixtures/third-locale/ is exactly that over the sample department (i18n/zh-TW/*.yaml and
 * `zh-TW` in content/department.yaml `locales:`); this file builds the site from it once (the
 * internal build, every department page) and reads what a Taiwanese reader would get, next to
 * the run's own two-language build (site-server.ts) for what must not change.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { buildSite, buildSiteOnce, DIST, ROOT } from './site-server.ts';

const THIRD_LOCALE = path.join(ROOT, 'test/fixtures/third-locale');
const DEPARTMENT_PAGES = ['articles', 'calendar', 'topics', 'campaigns', 'team', 'training', 'dashboards', 'scores'];

let department: string;
let dist: string;

const page = (folder: string, file: string) => readFile(path.join(folder, file), 'utf8');
/** The names in the header's navigation, in order. */
const navigation = (html: string) =>
  [...html.matchAll(/data-mpflow-nav="[a-z]+">\s*([^<]+?)\s*<\/a>/g)].map((match) => match[1]);
/** The language switch's links: the address and the language's name. */
const languageSwitch = (html: string) =>
  [
    ...html.matchAll(
      /<a class="mpflow-lang-switch" href="([^"]+)" hreflang="([^"]+)"[\s\S]*?<span lang="[^"]+">([^<]+)<\/span>/g,
    ),
  ].map((match) => ({ href: match[1], hreflang: match[2], name: match[3] }));
/**
 * A page's <main>: what it says, without the header that now names a third language. The charts'
 * clip-path ids count drawings in build order (ECharts' zr<n>), so they are not compared.
 */
const main = (html: string) => (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/\bzr\d+-/g, 'zr-');

describe('a third language: its message files plus one line of department.yaml', () => {
  beforeAll(async () => {
    department = mkdtempSync(path.join(tmpdir(), 'mpflow-zh-tw-'));
    cpSync(FIXTURE_DEPARTMENT, department, { recursive: true });
    cpSync(path.join(THIRD_LOCALE, 'i18n'), path.join(department, 'i18n'), { recursive: true });
    cpSync(path.join(THIRD_LOCALE, 'content'), path.join(department, 'content'), { recursive: true });
    dist = path.join(department, '.dist');
    await buildSiteOnce();
    await buildSite('internal', dist, { repository: department });
  }, 900_000);
  afterAll(() => rmSync(department, { recursive: true, force: true }));

  it('is the sample department with one more line in locales:', () => {
    const before = readFileSync(path.join(FIXTURE_DEPARTMENT, 'content/department.yaml'), 'utf8').split('\n');
    const after = readFileSync(path.join(THIRD_LOCALE, 'content/department.yaml'), 'utf8').split('\n');
    const changed = after.filter((line, index) => line !== before[index]);
    expect(after).toHaveLength(before.length);
    expect(changed).toEqual(['locales: [zh-CN, en, zh-TW]']);
  });

  it('builds every department page under /zh-tw/ in Traditional Chinese', async () => {
    for (const name of DEPARTMENT_PAGES) {
      const html = await page(dist, `zh-tw/${name}/index.html`);
      expect(html, name).toMatch(/<html lang="zh-TW"/);
      expect(navigation(html), name).toEqual([
        '手冊',
        '文章',
        '發布行事曆',
        '選題庫',
        '活動',
        '團隊',
        '教育訓練',
        '數據',
        '考核',
      ]);
      expect(html, name).toContain('跳到主要內容');
      // The account's name is the department's data (written in zh-CN); the words around it are zh-TW.
      expect(html, name).toContain('闽岚茶事 · 工作手冊');
    }
    const team = await page(dist, 'zh-tw/team/index.html');
    expect(team).toContain('本頁只列出名冊中的公開資訊，不含請假事由與任何考核資料。');
    expect(team).toContain('到職日期');
    const articles = await page(dist, 'zh-tw/articles/index.html');
    expect(articles).toMatch(/共 \d+ 篇文章，分布在 \d+ 個月。日期為北京時間。/);
    // Every article's own page is there too, linked from the archive in the same language.
    const [, firstArticle] = /href="\/zh-tw\/articles\/([^/"]+)\/"/.exec(articles) ?? [];
    expect(firstArticle).toBeDefined();
    expect(existsSync(path.join(dist, `zh-tw/articles/${firstArticle}/index.html`))).toBe(true);
    // A key the translation leaves out falls back to zh-CN (zh-TW → zh-CN → en): the page still reads.
    const training = await page(dist, 'zh-tw/training/index.html');
    expect(training).toMatch(/\d{4} 年度教育訓練/);
    expect(training).toContain('成员学时');
    // The search speaks Taiwanese wording too.
    expect(articles).toContain('搜尋文章與手冊');
  });

  it('lists the three languages in the language switch of every language', async () => {
    for (const [file, current] of [
      ['team/index.html', 'zh-CN'],
      ['en/team/index.html', 'en'],
      ['zh-tw/team/index.html', 'zh-TW'],
    ] as const) {
      const html = await page(dist, file);
      const others = languageSwitch(html);
      const listed = [current, ...others.map((link) => link.hreflang)].sort();
      expect(listed, file).toEqual(['en', 'zh-CN', 'zh-TW']);
      const names = Object.fromEntries(others.map((link) => [link.hreflang, `${link.name} ${link.href}`]));
      expect(names, file).toMatchObject({
        ...(current !== 'zh-CN' ? { 'zh-CN': '简体中文 /team/' } : {}),
        ...(current !== 'en' ? { en: 'English /en/team/' } : {}),
        ...(current !== 'zh-TW' ? { 'zh-TW': '繁體中文 /zh-tw/team/' } : {}),
      });
      for (const lang of ['zh-CN', 'en', 'zh-TW']) expect(html, file).toContain(`hreflang="${lang}"`);
    }
  });

  it('leaves the zh-CN and English pages as the two-language site has them', async () => {
    const reports = (await readdir(path.join(DIST, 'dashboards'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const [article] = (await readdir(path.join(DIST, 'articles'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(reports.length).toBeGreaterThan(0);
    for (const file of [
      ...DEPARTMENT_PAGES.flatMap((name) => [`${name}/index.html`, `en/${name}/index.html`]),
      `dashboards/${reports[0]}/index.html`,
      `en/dashboards/${reports[0]}/index.html`,
      `articles/${article}/index.html`,
      `en/articles/${article}/index.html`,
    ]) {
      const twoLanguages = await page(DIST, file);
      const threeLanguages = await page(dist, file);
      expect(navigation(threeLanguages), file).toEqual(navigation(twoLanguages));
      expect(main(threeLanguages), file).toBe(main(twoLanguages));
      expect(main(threeLanguages).length, file).toBeGreaterThan(500);
    }
  });

  it('gives the handbook the third language in Starlight, its pages falling back to the default language', async () => {
    const handbook = await page(dist, 'zh-tw/handbook/general/index.html');
    expect(handbook).toMatch(/<html lang="zh-TW"/);
    // Starlight's language picker and the sidebar's department links name the third language.
    expect(handbook).toContain('繁體中文');
    expect(handbook).toContain('href="/zh-tw/team/"');
    // No zh-tw/ handbook pages are written: Starlight shows the zh-CN page under /zh-tw/.
    const general = await page(dist, 'handbook/general/index.html');
    const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(general)?.[1];
    expect(title).toBeTruthy();
    expect(handbook).toContain(title!);
    // The home page's department cards speak the address's language, linking its pages.
    const home = await page(dist, 'zh-tw/index.html');
    expect(home).toContain('data-mpflow-front-door');
    expect(home).toContain('href="/zh-tw/calendar/"');
    expect(home).toContain('發布行事曆');
  });
});
