// What the site build keeps between builds and hands to Pagefind while it renders: the phone
// previews of unchanged articles are read back instead of rendered (src/site/preview-cache.ts),
// and each rendered page goes to the search index under the address a reader lands on
// (src/astro/search-index.ts).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSearchablePage, searchResultPath } from '../../src/astro/search-index.ts';
import { sharedSearchIndex } from '../../src/site/shared-search.ts';
import {
  PREVIEW_CACHE_FOLDER_VARIABLE,
  PREVIEW_CACHE_TOOL_VARIABLE,
  previewCache,
  prunePreviewCache,
} from '../../src/site/preview-cache.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function cacheEnv(tool = 'mpflow-0.2.0-abc') {
  const folder = mkdtempSync(path.join(tmpdir(), 'mpflow-previews-'));
  folders.push(folder);
  return { folder, env: { [PREVIEW_CACHE_FOLDER_VARIABLE]: folder, [PREVIEW_CACHE_TOOL_VARIABLE]: tool } };
}

const body = '# 白茶怎么存\n\n白茶宜避光、防潮、远离异味，存放温度以 25 ℃ 以下为宜。\n';
const inputs = [
  '2026-11-04-tea-and-snacks',
  'tea-green',
  '/',
  'undefined',
  body,
  '/repo/content/articles/2026/11-04-tea-and-snacks',
  '{}',
];

describe('the phone-preview cache', () => {
  it('gives back the preview an earlier build wrote for the same article', () => {
    const { env } = cacheEnv();
    const preview = { html: '<section><h1>白茶怎么存</h1></section>', characters: 24, images: [], references: [] };
    const first = previewCache(env)!;
    first.write(first.nameOf(inputs), preview);
    const next = previewCache(env)!;
    expect(next.read(next.nameOf(inputs))).toEqual(preview);
  });

  it('finds nothing once the body, the theme, the base path or mpflow itself changed', () => {
    const { env } = cacheEnv();
    const cache = previewCache(env)!;
    cache.write(cache.nameOf(inputs), { html: '<p>old</p>' });
    const changed = [
      inputs.map((part, index) => (index === 4 ? `${part}冷泡也可以。\n` : part)),
      inputs.map((part, index) => (index === 1 ? 'ink-black' : part)),
      inputs.map((part, index) => (index === 2 ? '/repo/' : part)),
    ];
    for (const other of changed) expect(cache.read(cache.nameOf(other))).toBeUndefined();
    const newerTool = previewCache({ ...env, [PREVIEW_CACHE_TOOL_VARIABLE]: 'mpflow-0.3.0-def' })!;
    expect(newerTool.read(newerTool.nameOf(inputs))).toBeUndefined();
  });

  it('renders every time when the build set up no cache, and treats an unreadable file as absent', () => {
    expect(previewCache({})).toBeUndefined();
    const { folder, env } = cacheEnv();
    const cache = previewCache(env)!;
    const name = cache.nameOf(inputs);
    writeFileSync(path.join(folder, name), '{"html": "<p>cut off');
    expect(cache.read(name)).toBeUndefined();
  });

  it('removes at the end of a build the previews it did not use, and nothing after a build that used none', () => {
    const { folder, env } = cacheEnv();
    const cache = previewCache(env)!;
    const kept = cache.nameOf(inputs);
    cache.write(kept, { html: '<p>kept</p>' });
    writeFileSync(path.join(folder, 'deleted-article.json'), '{}');
    expect(prunePreviewCache(folder)).toBe(1);
    expect(readdirSync(folder)).toEqual([kept]);
    // The next build has not read anything yet: pruning now must not empty the folder.
    expect(prunePreviewCache(folder)).toBe(0);
    expect(readdirSync(folder)).toEqual([kept]);
  });
});

describe('the search index fed while pages render', () => {
  it('indexes the pages that mark a searchable part, as Pagefind would', () => {
    expect(isSearchablePage('<main class="mpflow-main" data-pagefind-body><h1>茶宠</h1></main>')).toBe(true);
    expect(isSearchablePage('<main data-pagefind-body=""><h1>工作手册</h1></main>')).toBe(true);
    // Starlight's 404 page has no mark; an ignored part is not a body.
    expect(isSearchablePage('<main><h1>404</h1></main>')).toBe(false);
    expect(isSearchablePage('<aside data-pagefind-ignore>发布记录</aside>')).toBe(false);
  });

  it('records the address inside the site, which the search box puts the base path in front of', () => {
    expect(searchResultPath('/articles/2026-11-04-tea-and-snacks/', '/')).toBe('/articles/2026-11-04-tea-and-snacks/');
    expect(searchResultPath('/repo/articles/2026-11-04-tea-and-snacks/', '/repo/')).toBe(
      '/articles/2026-11-04-tea-and-snacks/',
    );
    expect(searchResultPath('/repo/en/handbook/general/', '/repo')).toBe('/en/handbook/general/');
    expect(searchResultPath('/repository/', '/repo/')).toBe('/repository/');
  });

  it('lets each other language search the default language’s index too, and open its results in that language', () => {
    const locales = ['zh-CN', 'en', 'zh-TW'];
    // The default language's box searches its own index, the articles' one.
    expect(sharedSearchIndex('zh-CN', '/', locales)).toBeUndefined();
    expect(sharedSearchIndex('en', '/', locales)).toEqual({
      bundlePath: '/./pagefind/',
      language: 'zh-cn',
      baseUrl: '/en/',
    });
    expect(sharedSearchIndex('zh-TW', '/repo/', locales)).toEqual({
      bundlePath: '/repo/./pagefind/',
      language: 'zh-cn',
      baseUrl: '/repo/zh-tw/',
    });
    expect(sharedSearchIndex('zh-CN', '/', ['en', 'zh-CN'])).toEqual({
      bundlePath: '/./pagefind/',
      language: 'en',
      baseUrl: '/zh-cn/',
    });
  });
});
