/**
 * site-audit.ts — Lighthouse figures and 375 px screenshots of the five pages issue 17 names:
 * home, an article, the dashboards, the monthly report and a member's score page.
 *
 *   node --experimental-strip-types scripts/dev/site-audit.ts <report-folder> [--dist dist]
 *        [--runs 3] [--screenshots docs/screenshots]
 *
 * It serves an already built site (see docs/screenshots/README.md for the build) on 127.0.0.1,
 * gzipping text as any static host does, so that the page weight is what a reader downloads. Each
 * page is audited `--runs` times by Lighthouse in Debian's Chromium at mobile emulation 375×812
 * (Lighthouse's default simulated slow 4G and 4× CPU slowdown); the run with the median performance
 * score is the one printed, and every run's JSON report is written to <report-folder>.
 *
 * Lighthouse is run with `npx --yes lighthouse@13.5.0` rather than installed as a devDependency:
 * it and its dependencies are about 180 MB, for a measurement taken by hand now and then, while
 * `npm ci` runs on every CI job. The version is pinned so that figures from two runs compare.
 *
 * Lighthouse cannot emulate print, so the monthly report is audited as the screen shows it; its
 * screenshot is taken with print media, at the width and height of the A4 page's printable area.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  launchBrowser,
  ROOT,
  type StaticServer,
  serve,
} from '../../test/site/site-server.ts';

const LIGHTHOUSE = 'lighthouse@13.5.0';
const PHONE = { width: 375, height: 812 };
// A4 less the report's @page margins (10 mm × 12 mm, src/components/dashboards/dashboards.css) at 96 px per inch.
const A4_PRINTABLE = { width: Math.round((186 / 25.4) * 96), height: Math.round((277 / 25.4) * 96) };

interface AuditedPage {
  name: string;
  label: string;
  address: string;
  note?: string;
}

const PAGES: AuditedPage[] = [
  { name: 'home', label: 'Home', address: '/' },
  { name: 'article', label: 'Article', address: '/articles/2026-11-04-tea-and-snacks/' },
  { name: 'dashboards', label: 'Dashboards', address: '/dashboards/' },
  {
    name: 'report',
    label: 'Monthly report',
    address: '/dashboards/2026-11/',
    note: 'on screen: Lighthouse cannot emulate print',
  },
  { name: 'member-score', label: 'Member score', address: '/scores/lin-xiao/' },
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '3' },
    screenshots: { type: 'string' },
  },
});
const reportFolder = positionals[0];
if (!reportFolder) {
  console.error(
    'usage: node --experimental-strip-types scripts/dev/site-audit.ts <report-folder> [--dist dist] [--runs 3] [--screenshots folder]',
  );
  process.exit(2);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs ${values.runs}: give a whole number of runs, 1 or more`);
const dist = path.resolve(ROOT, values.dist);

// ---------------------------------------------------------------- Lighthouse -----

interface Lhr {
  lighthouseVersion: string;
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { score: number | null; numericValue?: number; title: string; scoreDisplayMode: string }>;
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const run = promisify(execFile);

async function lighthouse(url: string, output: string): Promise<Lhr> {
  await run(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--form-factor=mobile',
      '--screenEmulation.mobile',
      `--screenEmulation.width=${PHONE.width}`,
      `--screenEmulation.height=${PHONE.height}`,
      '--screenEmulation.deviceScaleFactor=2',
      `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
    ],
    // chrome-launcher reads the browser's path from CHROME_PATH.
    { cwd: ROOT, env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(await readFile(output, 'utf8')) as Lhr;
}

/** The browser's full version: the user agent Lighthouse records says only HeadlessChrome/156.0.0.0. */
async function chromiumVersion(): Promise<string> {
  const { stdout } = await run(CHROMIUM, ['--version']);
  return /Chromium [\d.]+/.exec(stdout)?.[0] ?? stdout.trim();
}

function score(lhr: Lhr, category: string): number {
  return Math.round((lhr.categories[category]?.score ?? 0) * 100);
}

function numeric(lhr: Lhr, audit: string): number {
  return lhr.audits[audit]?.numericValue ?? Number.NaN;
}

/** The run with the median performance score (then the median LCP), as Lighthouse advises for variance. */
function medianRun(results: Lhr[]): Lhr {
  const sorted = [...results].sort(
    (a, b) =>
      score(a, 'performance') - score(b, 'performance') ||
      numeric(b, 'largest-contentful-paint') - numeric(a, 'largest-contentful-paint'),
  );
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The audits that cost a category points, so that a fix can start from them. */
function shortfalls(lhr: Lhr): string[] {
  return Object.entries(lhr.audits)
    .filter(
      ([, audit]) =>
        audit.score !== null &&
        audit.score < 0.9 &&
        ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode),
    )
    .map(([id, audit]) => `${id} (${audit.score}): ${audit.title}`);
}

// ---------------------------------------------------------------- screenshots -----

async function screenshots(base: string, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const browser = await launchBrowser();
  try {
    const phone = await browser.newContext({ viewport: PHONE, colorScheme: 'light', deviceScaleFactor: 1 });
    // The light theme picked in the theme control (Starlight's stored choice), so the pictures do
    // not depend on the system's; the dashboards, which have no script, follow colorScheme.
    await phone.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
    const shots: Array<{ file: string; address: string; scrollTo?: string }> = [
      // The front door's cards, below the handbook's hero: what the home page adds for the department.
      { file: 'home-375.png', address: '/', scrollTo: '[data-mpflow-front-door]' },
      { file: 'article-375.png', address: '/articles/2026-11-04-tea-and-snacks/' },
      { file: 'article-first-week-375.png', address: '/articles/2026-11-04-tea-and-snacks/', scrollTo: '#first-week' },
      { file: 'dashboards-375.png', address: '/dashboards/' },
      { file: 'member-score-375.png', address: '/scores/lin-xiao/' },
    ];
    for (const shot of shots) {
      const page = await phone.newPage();
      await page.goto(`${base}${shot.address}`, { waitUntil: 'networkidle' });
      await page.evaluate(() => document.fonts.ready);
      // The element just below the header when the header stays on screen (the handbook's does).
      if (shot.scrollTo)
        await page.locator(shot.scrollTo).evaluate((element) => {
          const header = document.querySelector('header');
          const fixed = header && ['fixed', 'sticky'].includes(getComputedStyle(header).position);
          const offset = (fixed ? header.getBoundingClientRect().bottom : 0) + 16;
          window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - offset);
        });
      await page.screenshot({ path: path.join(folder, shot.file) });
      await page.close();
    }
    // The first A4 page of the printed report, approximately: print media in the printable area,
    // since a PDF page cannot be rasterised without tools this machine lacks.
    const paper = await browser.newContext({ viewport: A4_PRINTABLE, colorScheme: 'light', deviceScaleFactor: 1 });
    const page = await paper.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${base}/dashboards/2026-11/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(folder, 'report-print-page-1.png') });
    await page.close();
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- run -----

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await mkdir(reportFolder, { recursive: true });
let server: StaticServer | undefined;
try {
  server = await serve(dist, { gzip: true });
  if (values.screenshots) {
    await screenshots(server.base, path.resolve(values.screenshots));
    console.log(`screenshots written to ${values.screenshots}`);
  }
  const rows: string[] = [];
  const notes: string[] = [];
  let lighthouseVersion = '';
  for (const page of PAGES) {
    const results: Lhr[] = [];
    for (let index = 1; index <= runs; index++) {
      const output = path.join(reportFolder, `${page.name}.run${index}.report.json`);
      results.push(await lighthouse(`${server.base}${page.address}`, output));
      console.error(`${page.name} run ${index}: performance ${score(results.at(-1)!, 'performance')}`);
    }
    const median = medianRun(results);
    await copyFile(
      path.join(reportFolder, `${page.name}.run${results.indexOf(median) + 1}.report.json`),
      path.join(reportFolder, `${page.name}.report.json`),
    );
    lighthouseVersion = median.lighthouseVersion;
    rows.push(
      [
        page.note ? `${page.label} (${page.note})` : page.label,
        `\`${page.address}\``,
        ...CATEGORIES.map((category) => String(score(median, category))),
        seconds(numeric(median, 'largest-contentful-paint')),
        numeric(median, 'cumulative-layout-shift').toFixed(3),
        `${numeric(median, 'total-blocking-time').toFixed(0)} ms`,
        kilobytes(numeric(median, 'total-byte-weight')),
      ].join(' | '),
    );
    for (const line of shortfalls(median)) notes.push(`${page.name}: ${line}`);
  }
  console.log('| Page | URL | Performance | Accessibility | Best practices | SEO | LCP | CLS | TBT | Transfer |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row} |`);
  console.log(
    `\nLighthouse ${lighthouseVersion}, ${await chromiumVersion()}; median of ${runs} run(s) per page; reports in ${reportFolder}`,
  );
  if (notes.length) console.log(`\nAudits scoring below 0.9 in the median runs:\n${notes.join('\n')}`);
} finally {
  await server?.close();
}
