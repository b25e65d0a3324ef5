/**
 * A department on its first day (issue 12 item 6): settings, a roster and a policy that takes effect
 * next month — a head preparing January in December. No article, no figures, no appraisal yet.
 * Every command works on it and says plainly what is missing or upcoming; so does the site.
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow, type CliRun } from '../helpers/run-cli.ts';
import { buildSite } from '../site/site-server.ts';

// 4 December, a policy effective 1 January: nothing is in force yet.
const NOW = '2026-12-04T10:00:00+08:00';
const EFFECTIVE = '2027-01-01';

const SETTINGS = `schemaVersion: 1
department:
  zh: 城東圖書館推廣組
  en: Eastside Library Outreach
account:
  zh: 城東書房
  en: Eastside Reading Room
theme:
  accent: '#8a3b12'
locales: [zh-CN, en]
support:
  categories: [借閱, 活動, 其他]
`;

const ROSTER = `members:
  - id: he-ping
    name: 何平
    github: heping-lib
    roles: [head, operator]
    joined: 2024-09-01
  - id: su-lan
    name: 蘇嵐
    github: sulan-lib
    roles: [copywriter, designer, support]
    supervisor: he-ping
    joined: 2025-02-10
`;

let root: string;
let dist: string;

async function mpflow(args: string[]): Promise<CliRun> {
  return runMpflow(args, { cwd: root, env: { LANG: 'en_US.UTF-8', MPFLOW_NOW: NOW } });
}

/** What a user must never see: a JavaScript stack frame or an uncaught error's name. */
function expectNoStackTrace(run: CliRun): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(output).not.toMatch(/\b(TypeError|ReferenceError|RangeError)\b/);
}

async function page(relative: string): Promise<string> {
  const html = await readFile(path.join(dist, relative), 'utf8');
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mpflow-early-'));
  dist = await mkdtemp(path.join(tmpdir(), 'mpflow-early-dist-'));
  await mkdir(path.join(root, 'content/policy'), { recursive: true });
  await writeFile(path.join(root, 'content/department.yaml'), SETTINGS);
  await writeFile(path.join(root, 'content/team.yaml'), ROSTER);
  const policy = await readFile(path.join(FIXTURE_DEPARTMENT, 'content/policy/2026-01-01.yaml'), 'utf8');
  await writeFile(
    path.join(root, `content/policy/${EFFECTIVE}.yaml`),
    policy.replace(/^effective: .*$/m, `effective: ${EFFECTIVE}`),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(dist, { recursive: true, force: true });
});

describe('a department whose policy takes effect next month, with no records yet', () => {
  it('passes check, which says that no policy is in force until the first takes effect', async () => {
    const run = await mpflow(['check']);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain(`content/policy/${EFFECTIVE}.yaml:3:`);
    expect(run.stdout).toContain(`the first takes effect on ${EFFECTIVE}`);
    expect(run.stdout).toMatch(/0 errors, 1 warning/);
    expectNoStackTrace(run);
  });

  it('verifies zero results, and refuses to score a month before the policy with a plain sentence', async () => {
    const verify = await mpflow(['score', '--verify']);
    expect(verify.exitCode, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Recomputed 0 results/);
    const november = await mpflow(['score', '--period', '2026-11']);
    expect(november.exitCode).toBe(1);
    expect(november.stderr).toMatch(/No policy is in force on 2026-11-01/);
    expectNoStackTrace(verify);
    expectNoStackTrace(november);
  });

  it('has nothing due to publish, nothing to render and nothing to lint, and says so', async () => {
    const publish = await mpflow(['publish', '--due', '--dry-run']);
    expect(publish.exitCode, publish.stderr).toBe(0);
    expect(publish.stdout).toMatch(/No article is due/);
    const render = await mpflow(['render', '2026-12-10-first-post']);
    expect(render.exitCode).toBe(2);
    expect(render.stderr).toMatch(/^mpflow: The article 2026-12-10-first-post does not exist\./m);
    const lint = await mpflow(['lint', 'content']);
    expect(lint.exitCode).toBe(2);
    expect(lint.stderr).toMatch(/hold no Markdown files/);
    for (const run of [publish, render, lint]) expectNoStackTrace(run);
  });

  it('imports no figures from a file it cannot read, says why, and writes nothing', async () => {
    await writeFile(path.join(root, 'export.csv'), 'date,article,reads\n');
    const run = await mpflow(['metrics', 'import', '--from', 'csv', 'export.csv']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^export\.csv:1: error: Cannot tell which back-office export/m);
    expect(run.stderr).toContain('Nothing was written.');
    expectNoStackTrace(run);
    await rm(path.join(root, 'export.csv'));
  });

  it('builds a site that shows the upcoming policy and says where there is no data yet', async () => {
    await buildSite('internal', dist, { repository: root, now: NOW });
    const handbook = await page('handbook/appraisal/index.html');
    expect(handbook).toContain(`尚未生效，${EFFECTIVE} 起生效`);
    expect(await page('en/handbook/appraisal/index.html')).toContain(`not yet in force: takes effect on ${EFFECTIVE}`);
    expect(await page('articles/index.html')).toContain('仓库里还没有文章');
    expect(await page('en/dashboards/index.html')).toContain('no figures yet');
    expect(await page('scores/index.html')).toContain('还没有考核记录');
    expect(await page('training/index.html')).toContain('还没有培训计划');
    const title = (await readFile(path.join(dist, 'articles/index.html'), 'utf8')).match(
      /<title>([^<]*)<\/title>/,
    )?.[1];
    expect(title).toContain('城東書房');
    expect(await readFile(path.join(dist, 'articles/index.html'), 'utf8')).toContain('#8a3b12');
    // Built from the tool's handbook and this department's files only: nothing of the sample department.
    const leaks: string[] = [];
    for (const file of await readdir(dist, { recursive: true })) {
      if (!/\.(html|css|js|svg|xml|txt)$/.test(file)) continue;
      const text = await readFile(path.join(dist, file), 'utf8');
      const match = /闽岚|Minlan|茶/i.exec(text);
      if (match) leaks.push(`${file}: …${text.slice(Math.max(0, match.index - 40), match.index + 20)}…`);
    }
    expect(leaks, leaks.join('\n')).toEqual([]);
  }, 300_000);
});
