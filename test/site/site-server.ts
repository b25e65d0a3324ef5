/**
 * What the site's end-to-end tests share: the one `astro build` of the test run (made by
 * test/site/build-site.ts, the site project's globalSetup), a tiny static server for dist/,
 * Debian's Chromium, and the private texts that must never reach dist/.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { parse } from 'yaml';
import { openSealed, parseIdentities } from '../../src/core/source/seal.ts';
import { FIXTURE_DEPARTMENT, SAMPLE_HR_IDENTITY_FILE } from '../helpers/fixture-repository.ts';

/** The site project: astro.config.mjs, src/ and the dist/ it builds. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
/**
 * The department the test site is built from (MPFLOW_REPOSITORY): the tests' own copy of the
 * sample department, never the repository's content/ and appraisals/, which a department deletes.
 */
export const SITE_DEPARTMENT = FIXTURE_DEPARTMENT;
/** The sample department's HR identity: a labelled SAMPLE key (sample-keys/), never a real one. */
export const SAMPLE_HR_KEY = SAMPLE_HR_IDENTITY_FILE;

// Debian's Chromium by default; CHROMIUM_PATH points elsewhere (GitHub's runners ship Google Chrome).
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** CI installs the browser (.ci/run), so there a missing browser is a failure, not a reason to skip. */
export function requireChromiumOnCi(): void {
  if (!HAS_CHROMIUM && process.env.CI)
    throw new Error(`${CHROMIUM} is missing on CI; .ci/run installs it with apt-get install chromium.`);
}

export function browserSuiteName(name: string): string {
  return HAS_CHROMIUM
    ? name
    : `${name} — SKIPPED: ${CHROMIUM} does not exist (apt-get install -y chromium fonts-noto-cjk)`;
}

const run = promisify(execFile);

export async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

// ------------------------------------------------------------------- build -----

/**
 * The instant the test site is built "at": what is scheduled, due, held or missed depends on it,
 * so it is fixed rather than read from the clock (CI builds it again a year ahead with faketime).
 */
export const SITE_BUILT_AT = '2026-12-03T12:00:00+08:00';

export interface SiteBuild {
  /** Wall-clock seconds of the run's `astro build`. */
  seconds: number;
}

/**
 * Builds dist/ from the fixture department; the site project's globalSetup calls it once per run.
 * NODE_ENV is reset because vitest sets it to "test", and Astro would then build a site that is
 * not the production one (Starlight's search, for one, is left out).
 */
export async function buildSite(
  profile: 'public' | 'internal' = 'internal',
  outDir?: string,
  department: { repository?: string; now?: string; base?: string } = {},
): Promise<SiteBuild> {
  // Builds share the project's .astro/ folder: two at once (the run's own, a test's public or
  // early-department build) would overwrite each other's chunks, so they take turns.
  const release = await takeBuildTurn();
  try {
    return await buildSiteNow(profile, outDir, department);
  } finally {
    await release();
  }
}

const BUILD_TURN = path.join(
  tmpdir(),
  `mpflow-astro-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`,
);

/** A folder made atomically is the turn; one left by a killed run is taken after ten minutes. */
async function takeBuildTurn(): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await mkdir(BUILD_TURN);
      return () => rm(BUILD_TURN, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(BUILD_TURN).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > 10 * 60_000) await rm(BUILD_TURN, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function buildSiteNow(
  profile: 'public' | 'internal',
  outDir: string | undefined,
  department: { repository?: string; now?: string; base?: string },
): Promise<SiteBuild> {
  const started = performance.now();
  // The run's shared build is the internal one (every page), read as HR would with the sample's
  // labelled SAMPLE key; test/site/profiles.test.ts builds the public one apart and crawls it.
  // Vitest puts import.meta.env's keys into process.env (BASE_URL=/, MODE=test, DEV, PROD, SSR), and
  // Astro reads import.meta.env.* from process.env: inherited, they would pin the build's base to "/".
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR'].includes(key)),
  );
  const env = {
    ...inherited,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    NODE_ENV: 'production',
    MPFLOW_SITE_PROFILE: profile,
    MPFLOW_REPOSITORY: department.repository ?? SITE_DEPARTMENT,
    MPFLOW_AGE_IDENTITY_FILE: profile === 'internal' ? SAMPLE_HR_KEY : '',
    MPFLOW_NOW: department.now ?? SITE_BUILT_AT,
  };
  try {
    // `base`: a project site's path, as pages.yml passes it (`--base /repo/`).
    await run(
      'npx',
      [
        'astro',
        'build',
        ...(outDir ? ['--outDir', outDir] : []),
        ...(department.base ? ['--base', department.base] : []),
      ],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`astro build failed:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-80).join('\n')}`);
  }
  return { seconds: (performance.now() - started) / 1000 };
}

/** The build the globalSetup made for this run. */
export async function buildSiteOnce(): Promise<SiteBuild> {
  const { inject } = await import('vitest');
  return inject('siteBuild');
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteBuild: SiteBuild;
  }
}

// ------------------------------------------------------------------- serve -----

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

export interface StaticServer {
  base: string;
  close(): Promise<void>;
}

/**
 * A tiny static server for dist/ on 127.0.0.1: directories serve their index.html, like any static host.
 * `gzip` compresses text as a real host does (GitHub Pages, nginx), for measurements of what a reader
 * downloads (scripts/dev/site-audit.ts); the tests read the bytes as they are.
 */
export function serve(directory: string = DIST, options: { gzip?: boolean } = {}): Promise<StaticServer> {
  const server = http.createServer(async (request, response) => {
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      let file = path.join(directory, pathname);
      if (!file.startsWith(directory)) throw new Error('outside dist/');
      if (pathname.endsWith('/')) file = path.join(file, 'index.html');
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      if (
        options.gzip &&
        /^(text\/|application\/json|image\/svg)/.test(type) &&
        /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')
      ) {
        response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        response.end(gzipSync(body));
        return;
      }
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

/** How the browser tests (and scripts/dev/site-audit.ts's Lighthouse) start Debian's Chromium here. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

// ----------------------------------------------------------------- privacy -----

/**
 * Every private text in the site's department: appraisal comments, interview summaries and agreed
 * actions, calibration reasons, and the reasons for leave in the roster.
 */
export async function privateTexts(): Promise<Array<{ file: string; text: string }>> {
  const found: Array<{ file: string; text: string }> = [];
  const add = (file: string, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '')
      found.push({ file: path.relative(SITE_DEPARTMENT, file), text: value.trim() });
  };
  // Sealed inputs (.yaml.age) are opened with the sample's HR key: their plain text must not reach dist/ either.
  const hr = parseIdentities(await readFile(SAMPLE_HR_KEY, 'utf8'), SAMPLE_HR_KEY);
  for (const file of await filesUnder(path.join(SITE_DEPARTMENT, 'appraisals'))) {
    if (!/\.ya?ml(\.age)?$/.test(file)) continue;
    let source = await readFile(file, 'utf8');
    if (file.endsWith('.age')) {
      const opened = await openSealed(source, hr);
      if (opened.state !== 'opened') throw new Error(`the sample HR key does not open ${file}`);
      source = opened.text;
    }
    const data = parse(source) as {
      comment?: unknown;
      summary?: unknown;
      actions?: Array<{ action?: unknown }>;
      entries?: Array<{ reason?: unknown }>;
    } | null;
    add(file, data?.comment);
    add(file, data?.summary);
    for (const action of Array.isArray(data?.actions) ? data.actions : []) add(file, action?.action);
    for (const entry of Array.isArray(data?.entries) ? data.entries : []) {
      // A calibration's reason is sealed in place (issue 20): its plain text must not reach dist/ either.
      const opened =
        typeof entry?.reason === 'string' && entry.reason.startsWith('-----BEGIN AGE')
          ? await openSealed(entry.reason, hr)
          : undefined;
      add(file, opened?.state === 'opened' ? opened.text : entry?.reason);
    }
  }
  const teamFile = path.join(SITE_DEPARTMENT, 'content/team.yaml');
  const team = parse(await readFile(teamFile, 'utf8')) as {
    members?: Array<{ leave?: Array<{ reason?: unknown }> }>;
  } | null;
  for (const member of team?.members ?? []) for (const period of member.leave ?? []) add(teamFile, period.reason);
  return found;
}

/** How a text could be spelled in an HTML, JSON or JS file. */
export function spellings(text: string): string[] {
  const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const json = JSON.stringify(text).slice(1, -1);
  const escaped = text.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([text, html, json, escaped])];
}
