/**
 * Issue 20: the public build (what the pages workflow deploys to the open internet) has the
 * handbook and the published articles and nothing else; the internal build has every page and
 * keeps search engines out. Neither shows a bonus coefficient or a promotion eligibility.
 * The public build is made here, apart from the run's shared (internal) build in dist/.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, buildSiteOnce, DIST, filesUnder, privateTexts, SITE_DEPARTMENT, spellings } from './site-server.ts';
import { INTERNAL_PAGES } from '../../src/site/site-profile.ts';
import { unlinkInternalPages } from '../../src/site/site-profile-integration.ts';

let publicDir: string;

/** Every page reachable by following links from the two home pages, as a crawler would. */
async function crawl(dir: string): Promise<{ pages: Map<string, string>; links: Set<string> }> {
  const pages = new Map<string, string>();
  const links = new Set<string>();
  const queue = ['/', '/en/'];
  while (queue.length > 0) {
    const href = queue.shift()!;
    if (pages.has(href)) continue;
    const file = href.endsWith('/') ? path.join(dir, href, 'index.html') : path.join(dir, href);
    if (!existsSync(file)) continue;
    if (!file.endsWith('.html')) continue;
    const html = await readFile(file, 'utf8');
    pages.set(href, html);
    for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"#?]*)[^"]*"/g)) {
      let target = match[1]!;
      if (target === '' || /^[a-z]+:/i.test(target) || target.startsWith('//')) continue;
      if (!target.startsWith('/')) target = new URL(target, `http://site${href}`).pathname;
      links.add(target);
      if (target.endsWith('/') || target.endsWith('.html')) queue.push(target);
    }
  }
  return { pages, links };
}

const UNPUBLISHED = ['2026-11-28-beginner-notes', '2026-12-02-winter-tea-gathering'];

async function titleOf(id: string): Promise<string> {
  const [year, ...rest] = id.split('-');
  const source = await readFile(
    path.join(SITE_DEPARTMENT, 'content/articles', year!, rest.join('-'), 'index.md'),
    'utf8',
  );
  return /^title:\s*(.+)$/m
    .exec(source)![1]!
    .trim()
    .replace(/^["']|["']$/g, '');
}

describe('the two site builds', () => {
  beforeAll(async () => {
    publicDir = await mkdtemp(path.join(tmpdir(), 'mpflow-public-site-'));
    await buildSite('public', publicDir);
    await buildSiteOnce();
  });
  afterAll(() => rm(publicDir, { recursive: true, force: true }));

  it('a crawl of the public build finds the handbook and the published articles, and no department page', async () => {
    const { pages, links } = await crawl(publicDir);
    expect(pages.has('/handbook/appraisal/')).toBe(true);
    expect(pages.has('/en/articles/')).toBe(true);
    for (const page of INTERNAL_PAGES) {
      for (const prefix of ['/', '/en/']) {
        expect(existsSync(path.join(publicDir, prefix, page)), `${prefix}${page}/ in the public build`).toBe(false);
        expect(
          [...links].filter((link) => link.startsWith(`${prefix}${page}/`)),
          `links to ${prefix}${page}/`,
        ).toEqual([]);
      }
    }
    // Nothing of a department page anywhere in the build, the search index included.
    for (const file of await filesUnder(publicDir)) {
      if (!/\.(html|js|json|pf_meta|txt)$/.test(file)) continue;
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/data-mpflow-page="(calendar|topics|campaigns|team|dashboards|scores|training)"/);
      expect(text, file).not.toContain('data-member=');
    }
  });

  it('the public build shows no article that has not gone out, the internal one does', async () => {
    const { pages } = await crawl(publicDir);
    const archive = pages.get('/articles/')!;
    for (const id of UNPUBLISHED) {
      const title = await titleOf(id);
      expect(archive).not.toContain(title);
      expect(existsSync(path.join(publicDir, 'articles', id))).toBe(false);
      for (const file of await filesUnder(publicDir)) {
        if (file.endsWith('.html')) expect(await readFile(file, 'utf8'), file).not.toContain(title);
      }
      expect(await readFile(path.join(DIST, 'articles/index.html'), 'utf8')).toContain(title);
    }
    expect(archive).toContain(await titleOf('2026-09-02-yancha-yanyun'));
  });

  it('no private text, score table or rater mark reaches the public build', async () => {
    const texts = await privateTexts();
    expect(texts.length).toBeGreaterThan(40);
    const files = (await filesUnder(publicDir)).filter((file) => /\.(html|js|json|txt|xml)$/.test(file));
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      for (const { text, file: source } of texts)
        for (const spelling of spellings(text)) expect(content.includes(spelling), `${source} in ${file}`).toBe(false);
    }
  });

  it('the internal build has every department page, each marked noindex, and robots.txt shuts crawlers out', async () => {
    for (const page of INTERNAL_PAGES) {
      expect(existsSync(path.join(DIST, page, 'index.html')), page).toBe(true);
      expect(existsSync(path.join(DIST, 'en', page, 'index.html')), page).toBe(true);
    }
    expect(existsSync(path.join(DIST, 'scores/lin-xiao/index.html'))).toBe(true);
    for (const file of (await filesUnder(DIST)).filter((name) => name.endsWith('.html'))) {
      expect(await readFile(file, 'utf8'), file).toMatch(/<meta name="robots" content="noindex, nofollow, noarchive"/);
    }
    expect(await readFile(path.join(DIST, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    for (const file of (await filesUnder(publicDir)).filter((name) => name.endsWith('.html'))) {
      expect(await readFile(file, 'utf8'), file).not.toContain('name="robots"');
    }
  });

  it("the internal scoreboards show scores and explanations (read with HR's key) but no bonus, promotion or training-need column", async () => {
    const board = await readFile(path.join(DIST, 'scores/index.html'), 'utf8');
    expect(board).toContain('87.60');
    for (const label of ['奖金系数', '晋升资格', '培训需求']) expect(board).not.toContain(label);
    const english = await readFile(path.join(DIST, 'en/scores/index.html'), 'utf8');
    for (const label of ['Bonus coefficient', 'Promotion']) expect(english).not.toContain(label);
    const member = await readFile(path.join(DIST, 'scores/lin-xiao/index.html'), 'utf8');
    expect(member).toContain('87.60');
  });

  it('links from the handbook to department pages are plain text in the public build', () => {
    expect(
      unlinkInternalPages(
        '<p>网站的<a href="/calendar/">发布日历</a>和<a href="/articles/">文章</a>，<a class="x" href="/en/scores/lin-xiao/#m">scores</a></p>',
      ),
    ).toBe(
      '<p>网站的<span data-mpflow-internal-link>发布日历</span>和<a href="/articles/">文章</a>，<span data-mpflow-internal-link>scores</span></p>',
    );
    expect(unlinkInternalPages('<a href="/mpflow/team/">团队</a>', '/mpflow/')).toBe(
      '<span data-mpflow-internal-link>团队</span>',
    );
  });
});
