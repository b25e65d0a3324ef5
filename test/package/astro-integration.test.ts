/**
 * `mpflow/astro` as a department's astro.config.mjs meets it: the package's pages become routes
 * (once: not in the package's own repository, which routes them itself), Starlight gets the
 * department's names from content/department.yaml and a sidebar of the handbook pages the
 * department has, and Vite is told to compile the package's sources.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import mpflow, { PACKAGE_ROOT, packagePageRoutes } from '../../src/astro/index.ts';

const temporary = mkdtempSync(path.join(os.tmpdir(), 'mpflow-astro-integration-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function write(file: string, text = '---\n---\n') {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

interface SetupResult {
  routes: Array<{ pattern: string; entrypoint: string }>;
  updates: Array<Record<string, any>>;
}

/** Runs the integration's astro:config:setup as Astro would for a project at `root`. */
async function setUp(root: string, options: Parameters<typeof mpflow>[0] = {}): Promise<SetupResult> {
  const routes: SetupResult['routes'] = [];
  const updates: SetupResult['updates'] = [];
  const silent = { info() {}, warn() {}, error() {}, debug() {} };
  const hook = mpflow(options).hooks['astro:config:setup']!;
  await hook({
    config: {
      root: pathToFileURL(`${root}/`),
      srcDir: pathToFileURL(`${root}/src/`),
      base: '/',
      site: undefined,
      prefetch: undefined,
    },
    updateConfig: (update: Record<string, any>) => updates.push(update),
    injectRoute: (route: { pattern: string; entrypoint: string }) => routes.push(route),
    logger: { ...silent, fork: () => silent },
    command: 'build',
  } as never);
  return { routes, updates };
}

const CITY_LIBRARY = `schemaVersion: 1
department:
  zh: 城市图书馆微信部
  en: City Library WeChat Department
account:
  zh: 城市书声
  en: City Library Voices
repository: https://github.com/city-library/wechat
locales: [zh-CN, en]
`;

describe('packagePageRoutes', () => {
  it('turns every page file into the route Astro file routing would give it', () => {
    const pages = path.join(temporary, 'pages');
    write(path.join(pages, 'articles', 'index.astro'));
    write(path.join(pages, 'articles', '[id]', 'index.astro'));
    write(path.join(pages, 'en', 'articles', '[id]', 'preview.astro'));
    write(path.join(pages, 'rss.xml.ts'), 'export const GET = () => new Response("");\n');
    write(path.join(pages, '_draft.astro'));
    write(path.join(pages, '_parts', 'card.astro'));
    write(path.join(pages, 'notes.txt'), '不是页面');
    expect(packagePageRoutes(pages).map((route) => route.pattern)).toEqual([
      '/articles',
      '/articles/[id]',
      '/en/articles/[id]/preview',
      '/rss.xml',
    ]);
    expect(packagePageRoutes(pages).find((route) => route.pattern === '/articles/[id]')?.entrypoint).toBe(
      path.join(pages, 'articles', '[id]', 'index.astro'),
    );
  });

  it("finds the package's own department pages: one route per page for every language, no copied en/ files", () => {
    const patterns = packagePageRoutes().map((route) => route.pattern);
    expect(patterns).toContain('/[...locale]/articles');
    expect(patterns).toContain('/[...locale]/articles/[id]');
    expect(patterns.filter((pattern) => pattern.startsWith('/en/'))).toEqual([]);
  });
});

describe('the mpflow integration', () => {
  const department = path.join(temporary, 'city-library');
  write(path.join(department, 'content', 'department.yaml'), CITY_LIBRARY);
  write(path.join(department, 'src', 'content', 'docs', 'handbook', 'roles.md'), '---\ntitle: 岗位职责\n---\n');
  write(path.join(department, 'src', 'content', 'docs', 'handbook', 'general.md'), '---\ntitle: 总则\n---\n');
  write(path.join(department, 'src', 'content', 'docs', 'handbook', 'reading-club.md'), '---\ntitle: 读书会\n---\n');

  it("injects the package's pages into a department's site", async () => {
    const { routes } = await setUp(department);
    expect(routes.map((route) => route.pattern)).toEqual(packagePageRoutes().map((route) => route.pattern));
    expect(routes.every((route) => route.entrypoint.startsWith(path.join(PACKAGE_ROOT, 'src', 'pages')))).toBe(true);
  });

  it("does not inject them in the package's own repository, where src/pages/ is routed already, unless asked", async () => {
    expect((await setUp(PACKAGE_ROOT)).routes).toEqual([]);
    expect((await setUp(department, { injectPages: false })).routes).toEqual([]);
    expect((await setUp(PACKAGE_ROOT, { injectPages: true })).routes.length).toBeGreaterThan(0);
  });

  it("adds Starlight named after the department, the search index, the articles' images, the site profiles and Vite's noExternal", async () => {
    const { updates } = await setUp(department);
    const update = Object.assign({}, ...updates) as Record<string, any>;
    expect(update.integrations.map((integration: { name: string }) => integration.name)).toEqual([
      '@astrojs/starlight',
      'mpflow-search-index',
      'mpflow-article-images',
      'mpflow-site-profile',
    ]);
    expect(update.vite.ssr.noExternal).toContain('mpflow');
    expect(update.prefetch).toBe(false);
  });

  it("gives Starlight the settings' names and a sidebar of the handbook pages the department has", async () => {
    // The Starlight integration keeps its options to itself; the same function builds them.
    const { starlightOptions } = await import('../../src/astro/starlight-options.ts');
    const { readDepartmentSettings } = await import('../../src/core/department/settings.ts');
    const options = starlightOptions({
      settings: readDepartmentSettings(department),
      profile: 'public',
      docsFolder: path.join(department, 'src', 'content', 'docs'),
      themeCss: '/theme.css',
    });
    expect(Object.values(options.title as Record<string, string>).join(' ')).toContain('城市书声');
    expect(Object.values(options.title as Record<string, string>).join(' ')).toContain('City Library Voices');
    expect(options.editLink?.baseUrl).toBe('https://github.com/city-library/wechat/edit/main/');
    const [handbook, departmentLinks] = options.sidebar as Array<{ items: Array<string | { link: string }> }>;
    // The handbook's reading order first, the department's own pages after; no entry without a page.
    expect(handbook!.items).toEqual(['handbook/general', 'handbook/roles', 'handbook/reading-club']);
    // The public build links only the pages it has.
    expect(departmentLinks!.items.map((item) => (item as { link: string }).link)).toEqual(['/articles/']);
    const internal = starlightOptions({
      settings: readDepartmentSettings(department),
      profile: 'internal',
      docsFolder: path.join(department, 'src', 'content', 'docs'),
      themeCss: '/theme.css',
    });
    // The internal build links every department page, training included (one navigation across handbook and department pages).
    expect((internal.sidebar as Array<{ items: Array<{ link: string }> }>)[1]!.items.map((item) => item.link)).toEqual([
      '/articles/',
      '/calendar/',
      '/topics/',
      '/campaigns/',
      '/team/',
      '/training/',
      '/dashboards/',
      '/scores/',
    ]);
    expect(internal.head).toContainEqual(
      expect.objectContaining({ tag: 'meta', attrs: expect.objectContaining({ name: 'robots' }) }),
    );
  });

  it('stops on invalid settings with the file and line, not a stack trace through the integration', async () => {
    const broken = path.join(temporary, 'broken');
    write(
      path.join(broken, 'content', 'department.yaml'),
      'schemaVersion: 1\ndepartment: 城市图书馆微信部\naccount:\n  zh: 城市书声\n  en: City Library Voices\n',
    );
    const error = (await setUp(broken).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/^mpflow: content\/department\.yaml:2:\d+/);
    expect(error.stack).not.toMatch(/\n\s+at /);
  });
});
