/**
 * Issue 17: a GitHub Pages project site lives under its repository's name (pages.yml builds with
 * `--base /<repo>/`), so every link of every page must stay under that path. One build of the run
 * is made with `--base /repo/` into a temporary folder served as <tmp>/repo/, and a crawler
 * fetches every internal reference of every HTML page (links, stylesheets, scripts, images,
 * icons, the stylesheets' own url()s): none may leave /repo/, none may be missing, and a link to
 * a heading (#…) must find it on the page it names.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizedUrl, withBase } from '../../src/site/localized-url.ts';
import { buildSite, filesUnder, serve, type StaticServer } from './site-server.ts';

const BASE = '/repo/';

/** Attributes holding one address, and the ones holding a list of them (srcset). */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'poster', 'data'];
const LIST_ATTRIBUTES = ['srcSet', 'imageSrcSet'];

interface Reference {
  /** The page (or stylesheet) that refers, as a path under the server. */
  from: string;
  /** What the page wrote. */
  written: string;
  /** What it resolves to. */
  url: URL;
}

/** Every address an HTML page refers to, resolved against the page's own address. */
function referencesOf(tree: Root, page: URL): Array<{ written: string; url: URL }> {
  const found: Array<{ written: string; url: URL }> = [];
  let baseHref = page;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'base' && typeof node.properties.href === 'string')
      baseHref = new URL(node.properties.href, page);
  });
  const add = (written: string) => {
    const trimmed = written.trim();
    if (trimmed === '' || /^(data|mailto|tel|javascript|blob):/i.test(trimmed)) return;
    found.push({ written: trimmed, url: new URL(trimmed, baseHref) });
  };
  visit(tree, 'element', (node: Element) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.properties[name];
      if (typeof value === 'string') add(value);
    }
    for (const name of LIST_ATTRIBUTES) {
      const value = node.properties[name];
      if (typeof value === 'string')
        for (const candidate of value.split(',')) add(candidate.trim().split(/\s+/)[0] ?? '');
    }
    // <meta property="og:image"> and the like name absolute addresses of this site.
    if (
      node.tagName === 'meta' &&
      typeof node.properties.content === 'string' &&
      /^(https?:)?\//.test(node.properties.content)
    )
      add(node.properties.content);
    if (typeof node.properties.style === 'string') for (const url of cssUrls(node.properties.style)) add(url);
    if (node.tagName === 'style') for (const url of cssUrls(textOf(node))) add(url);
  });
  return found;
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

function cssUrls(css: string): string[] {
  const urls: string[] = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g))
    urls.push(match[1] ?? match[2] ?? match[3] ?? '');
  for (const match of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) urls.push(match[1] ?? match[2] ?? '');
  return urls;
}

/** The ids a fragment can land on: id="…" and the old <a name="…">. */
function anchorsOf(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    if (node.tagName === 'a' && typeof node.properties.name === 'string') ids.add(node.properties.name);
  });
  return ids;
}

interface Crawl {
  pages: Set<string>;
  references: Reference[];
  outside: Reference[];
  broken: Array<Reference & { status: number }>;
  missingAnchors: Reference[];
}

/** Fetches every HTML page of the build and everything any of them refers to on this server. */
async function crawl(server: StaticServer, htmlPaths: string[]): Promise<Crawl> {
  const origin = new URL(server.base).origin;
  const pages = new Set<string>();
  const references: Reference[] = [];
  const status = new Map<string, number>();
  const anchors = new Map<string, Set<string>>();
  const queue = [...htmlPaths];
  const seen = new Set(queue);
  const enqueue = (pathname: string) => {
    if (!seen.has(pathname)) {
      seen.add(pathname);
      queue.push(pathname);
    }
  };
  while (queue.length > 0) {
    const pathname = queue.shift()!;
    const response = await fetch(new URL(pathname, origin));
    status.set(pathname, response.status);
    if (!response.ok) continue;
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text();
    const here = new URL(pathname, origin);
    let found: Array<{ written: string; url: URL }> = [];
    if (type.startsWith('text/html')) {
      pages.add(pathname);
      const tree = fromHtml(body);
      anchors.set(pathname, anchorsOf(tree));
      found = referencesOf(tree, here);
    } else if (type.startsWith('text/css')) {
      found = cssUrls(body)
        .filter((url) => url !== '' && !/^data:/i.test(url))
        .map((written) => ({ written, url: new URL(written, here) }));
    }
    for (const { written, url } of found) {
      if (url.origin !== origin) continue;
      references.push({ from: pathname, written, url });
      if (url.pathname.startsWith(BASE)) enqueue(url.pathname);
    }
  }
  const outside = references.filter((reference) => !reference.url.pathname.startsWith(BASE));
  const broken = references
    .filter((reference) => reference.url.pathname.startsWith(BASE) && status.get(reference.url.pathname) !== 200)
    .map((reference) => ({ ...reference, status: status.get(reference.url.pathname) ?? 0 }));
  const missingAnchors = references.filter((reference) => {
    const fragment = decodeURIComponent(reference.url.hash.slice(1));
    if (fragment === '' || fragment === '_top') return false;
    const ids = anchors.get(reference.url.pathname);
    return ids !== undefined && !ids.has(fragment);
  });
  return { pages, references, outside, broken, missingAnchors };
}

function listed(references: Array<Reference & { status?: number }>): string {
  const lines = references.map(
    (reference) => `${reference.from}: ${reference.written}${reference.status ? ` → ${reference.status}` : ''}`,
  );
  return [...new Set(lines)].slice(0, 60).join('\n');
}

describe('addresses of the site under a base path', () => {
  it('puts the base and the language in front of a path of the site, and leaves other addresses alone', () => {
    expect(localizedUrl('articles/', 'zh-CN', '/repo/')).toBe('/repo/articles/');
    expect(localizedUrl('/scores/lin-xiao/', 'en', '/repo')).toBe('/repo/en/scores/lin-xiao/');
    expect(localizedUrl('', 'en', '/')).toBe('/en/');
    expect(withBase('/handbook/workflow/#5-定时发布', '/repo/')).toBe('/repo/handbook/workflow/#5-定时发布');
    for (const address of ['https://mp.weixin.qq.com/s/AbC', '//cdn.example/x.js', '#top', 'mailto:hr@example.com'])
      expect(withBase(address, '/repo/')).toBe(address);
  });
});

describe(`the site built with --base ${BASE}`, () => {
  let root: string;
  let server: StaticServer;
  let result: Crawl;

  beforeAll(async () => {
    // Served as <root>/repo/: whatever lies outside the base path is a 404 here, as on GitHub Pages.
    root = await mkdtemp(path.join(tmpdir(), 'mpflow-base-site-'));
    const outDir = path.join(root, BASE);
    await buildSite('internal', outDir, { base: BASE });
    server = await serve(root);
    const html = (await filesUnder(outDir)).filter((file) => file.endsWith('.html'));
    const htmlPaths = html.map((file) =>
      `/${path.relative(root, file).split(path.sep).join('/')}`.replace(/index\.html$/, ''),
    );
    result = await crawl(server, htmlPaths);
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('crawls the handbook and every department page in both languages', () => {
    for (const page of [
      '',
      'en/',
      'handbook/appraisal/',
      'en/handbook/training/',
      'articles/',
      'calendar/',
      'topics/',
      'campaigns/',
      'team/',
      'training/',
      'dashboards/',
      'scores/',
      'en/scores/',
    ]) {
      expect(result.pages, `${BASE}${page}`).toContain(`${BASE}${page}`);
    }
    expect(result.pages.size).toBeGreaterThan(60);
    // Stylesheets, scripts and icons are part of the crawl, not only the pages.
    expect(result.references.some((reference) => reference.url.pathname.endsWith('.css'))).toBe(true);
    expect(result.references.some((reference) => reference.url.pathname.endsWith('.js'))).toBe(true);
  });

  it('no page refers to anything outside the base path', () => {
    expect(result.outside, `references outside ${BASE}:\n${listed(result.outside)}`).toEqual([]);
  });

  it('every internal reference is there, every heading link finds its heading', () => {
    expect(result.broken, `missing targets:\n${listed(result.broken)}`).toEqual([]);
    expect(
      result.missingAnchors,
      `links to a heading the page does not have:\n${listed(result.missingAnchors)}`,
    ).toEqual([]);
  });
});
