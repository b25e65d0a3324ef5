/**
 * End to end: build the site with `astro build`, serve dist/ on 127.0.0.1 and read the handbook
 * in Debian's Chromium. The policy tables must show the policy file's numbers, and nothing an
 * appraisal keeps private may reach dist/.
 *
 * Needs /usr/bin/chromium (apt-get install chromium fonts-noto-cjk) for the browser part; the
 * build and the dist/ privacy scan run without it. Set MPFLOW_E2E_SCREENSHOT=/path.png to keep a
 * 1280×900 screenshot of /handbook/appraisal/.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dateInTimeZone } from '../../src/core/model/dates.ts';
import type { PolicyFile, WeightNode } from '../../src/core/model/types.generated.ts';
import { policyInForce } from '../../src/core/policy/policy-versions.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
// Debian's Chromium by default; CHROMIUM_PATH points elsewhere (GitHub's runners ship Google Chrome).
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
// CI installs the browser (.ci/run), so there a missing browser is a failure, not a reason to skip.
if (!HAS_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing on CI; .ci/run installs it with apt-get install chromium.`);
const BROWSER_SUITE = HAS_CHROMIUM
  ? 'handbook in Chromium'
  : `handbook in Chromium — SKIPPED: ${CHROMIUM} does not exist (apt-get install -y chromium fonts-noto-cjk)`;

if (!HAS_CHROMIUM) console.warn(`[handbook.e2e] ${CHROMIUM} not found: skipping the browser checks; the build and the privacy scan still run.`);

const run = promisify(execFile);

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The policy the site should show today: the one in force in Beijing time, read with `yaml`. */
async function policyInForceToday(): Promise<PolicyFile> {
  const folder = path.join(ROOT, 'content', 'policy');
  const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name));
  const policies = await Promise.all(files.map(async (name) => parse(await readFile(path.join(folder, name), 'utf8')) as PolicyFile));
  const today = dateInTimeZone(new Date().toISOString(), 'Asia/Shanghai');
  const policy = policyInForce(policies, today);
  if (!policy) throw new Error(`no policy in content/policy/ is in force on ${today}`);
  return policy;
}

/** Every appraisal comment and interview summary in the repository. */
async function privateTexts(): Promise<Array<{ file: string; text: string }>> {
  const found: Array<{ file: string; text: string }> = [];
  for (const file of await filesUnder(path.join(ROOT, 'appraisals'))) {
    if (!/\.ya?ml$/.test(file)) continue;
    const data = parse(await readFile(file, 'utf8')) as { comment?: unknown; summary?: unknown } | null;
    for (const value of [data?.comment, data?.summary]) {
      if (typeof value === 'string' && value.trim() !== '') found.push({ file: path.relative(ROOT, file), text: value.trim() });
    }
  }
  return found;
}

/** How a text could be spelled in an HTML, JSON or JS file. */
function spellings(text: string): string[] {
  const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const json = JSON.stringify(text).slice(1, -1);
  const escaped = text.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([text, html, json, escaped])];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
};

/** A tiny static server for dist/: directories serve their index.html, like any static host. */
function serve(directory: string): Promise<http.Server> {
  const server = http.createServer(async (request, response) => {
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      let file = path.join(directory, pathname);
      if (!file.startsWith(directory)) throw new Error('outside dist/');
      if (pathname.endsWith('/')) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

interface WeightRowView {
  id: string;
  depth: number;
  name: string;
  weight: string;
}

/** The weights table as a reader sees it, read through the DOM. */
async function weightRows(page: Page): Promise<WeightRowView[]> {
  return page.$$eval('table[data-policy-table="weights"] tr[data-indicator]', (rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-indicator') ?? '',
      depth: Number(row.getAttribute('data-depth') ?? '-1'),
      name: row.querySelector('.mpflow-name')?.textContent?.trim() ?? '',
      weight: row.querySelector('.mpflow-weight')?.textContent?.trim() ?? '',
    })),
  );
}

describe('handbook site', () => {
  let buildSeconds = 0;

  beforeAll(async () => {
    const started = performance.now();
    try {
      await run('npx', ['astro', 'build'], { cwd: ROOT, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`astro build failed:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-80).join('\n')}`);
    }
    buildSeconds = (performance.now() - started) / 1000;
    console.info(`[handbook.e2e] astro build took ${buildSeconds.toFixed(1)} s`);
  }, 300_000);

  it('builds the handbook pages', () => {
    for (const page of ['index.html', 'handbook/appraisal/index.html', 'en/handbook/appraisal/index.html']) {
      expect(existsSync(path.join(DIST, page)), page).toBe(true);
    }
  });

  it('keeps every appraisal comment and interview summary out of dist/', async () => {
    const secrets = await privateTexts();
    expect(secrets.length, 'the sample appraisals should have comments to look for').toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const file of await filesUnder(DIST)) {
      let bytes = await readFile(file);
      // Pagefind's index and fragments are gzipped; look inside them too.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
          bytes = gunzipSync(bytes);
        } catch {
          // not gzip after all
        }
      }
      const text = bytes.toString('utf8');
      for (const secret of secrets) {
        if (spellings(secret.text).some((spelling) => text.includes(spelling))) leaks.push(`${path.relative(ROOT, file)} contains text from ${secret.file}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  describe.skipIf(!HAS_CHROMIUM)(BROWSER_SUITE, () => {
    let server: http.Server;
    let browser: Browser;
    let page: Page;
    let base = '';

    beforeAll(async () => {
      server = await serve(DIST);
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    });

    it('renders the zh-CN home page with lang="zh-CN"', async () => {
      const response = await page.goto(`${base}/`);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.title()).toContain('闽岚茶事');
    });

    it('shows the appraisal weights table on /handbook/appraisal/', async () => {
      const response = await page.goto(`${base}/handbook/appraisal/`);
      expect(response?.status()).toBe(200);
      const table = page.locator('table[data-policy-table="weights"]');
      expect(await table.isVisible()).toBe(true);

      const rows = await weightRows(page);
      const byName = new Map(rows.map((row) => [row.name, row]));
      expect(byName.get('工作业绩')).toMatchObject({ weight: '60%', depth: 0 });
      expect(byName.get('职业素养')).toMatchObject({ weight: '5%', depth: 0 });
      expect(byName.get('业务协作贡献')).toMatchObject({ weight: '10%', depth: 1 });
      expect(byName.get('合计')).toMatchObject({ weight: '100%' });

      // The leaf row reads as a row of the table, with its measure and source.
      const collaboration = page.locator('table[data-policy-table="weights"] tr[data-indicator="collaboration"]');
      expect((await collaboration.innerText()).replace(/\s+/g, ' ')).toMatch(/业务协作贡献.*10%.*定性.*评价/);
      // Indented under its category.
      const indent = await collaboration.locator('th').evaluate((cell) => parseFloat(getComputedStyle(cell).paddingInlineStart));
      const categoryIndent = await page
        .locator('table[data-policy-table="weights"] tr[data-indicator="performance"] th')
        .evaluate((cell) => parseFloat(getComputedStyle(cell).paddingInlineStart));
      expect(indent).toBeGreaterThan(categoryIndent);

      if (process.env.MPFLOW_E2E_SCREENSHOT) {
        await table.evaluate((element) => element.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: process.env.MPFLOW_E2E_SCREENSHOT });
      }
    });

    it('reads the numbers from the policy file in force', async () => {
      const policy = await policyInForceToday();
      await page.goto(`${base}/handbook/appraisal/`);

      const caption = await page.locator('table[data-policy-table="weights"] caption').innerText();
      expect(caption).toContain(policy.effective);
      expect(caption).toContain(policy.title.zh);
      expect(policy.effective).toBe('2026-01-01');
      expect(await page.locator('table[data-policy-table="weights"]').getAttribute('data-policy-effective')).toBe(policy.effective);

      // Every node of the policy's weight tree, and nothing else, in order.
      const expected: WeightRowView[] = [];
      const visit = (node: WeightNode, depth: number) => {
        expected.push({ id: node.id, depth, name: node.name.zh, weight: `${node.weight}%` });
        for (const child of node.children ?? []) visit(child, depth + 1);
      };
      for (const node of policy.appraisal.weights) visit(node, 0);
      const rows = (await weightRows(page)).filter((row) => row.id !== 'total');
      expect(rows).toEqual(expected);

      // The other policy tables on the page read the same version.
      for (const name of ['cycle', 'raters', 'grades']) {
        expect(await page.locator(`table[data-policy-table="${name}"]`).getAttribute('data-policy-effective'), name).toBe(policy.effective);
      }
      const supervisor = await page.locator('table[data-policy-table="raters"] tr[data-rater="supervisor"]').innerText();
      expect(supervisor).toContain(`${policy.appraisal.raterWeights.supervisor}%`);
      const selfDue = await page.locator('table[data-policy-table="cycle"] tr[data-step="selfAssessmentDueDay"]').innerText();
      expect(selfDue).toContain(`次月 ${policy.appraisal.cycle.selfAssessmentDueDay} 日`);
    });

    it('shows the English appraisal page in English', async () => {
      const response = await page.goto(`${base}/en/handbook/appraisal/`);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      const rows = await weightRows(page);
      expect(rows.find((row) => row.id === 'performance')).toMatchObject({ name: 'Work performance', weight: '60%' });
      expect(await page.locator('table[data-policy-table="weights"] caption').innerText()).toContain('effective 2026-01-01');
    });

    it('shows the support and compliance tables on the workflow and standards pages', async () => {
      const policy = await policyInForceToday();
      await page.goto(`${base}/handbook/workflow/`);
      expect(await page.locator('table[data-policy-table="support"] tr[data-support="firstReplyDeadlineMinutes"]').innerText()).toContain(
        `${policy.support.firstReplyDeadlineMinutes} 分钟`,
      );
      await page.goto(`${base}/en/handbook/standards/`);
      expect(await page.locator('table[data-policy-table="limits"] tr[data-limit="titleMaxChars"]').innerText()).toContain(
        `${policy.compliance.limits.titleMaxChars} characters`,
      );
    });
  });
});
