// npm run bench [-- --articles N --runs R --typography-articles T --skip-site --site-only --site-runs S --startup-only]: times `mpflow check` as a
// user runs it (a new process each time), the changed-files check of a pull request, and mpflow's
// typography pass next to autocorrect-node and zhlint over the same text.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { GENERATOR_VERSION, generateRepository } from './generate-repository.ts';
import { timeTypography } from './typography-throughput.ts';
import { clearAstroCache, growRoster, timeAstroBuild, timePagefind, writeBareAstroProject } from './site-build.ts';
import { benchScoring } from './scoring.ts';
import { benchStartup } from './startup.ts';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    'site-articles': { type: 'string', default: '2000' },
    'skip-site': { type: 'boolean', default: false },
    // The site row alone (a few minutes on a loaded machine instead of the whole bench).
    'site-only': { type: 'boolean', default: false },
    'site-runs': { type: 'string', default: '1' },
    'startup-only': { type: 'boolean', default: false },
    'typography-articles': { type: 'string', default: '300' },
  },
});
const articleCount = Number(values.articles);
const runs = Number(values.runs);
const cli = [...process.execArgv, path.join(projectRoot, 'bin/mpflow.js')];

// On a shared machine wall time depends on the load; GNU time adds the CPU seconds the check used.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

async function timeCheck(
  root: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<{ median: number; cpu: string; exitCode: number; filesChecked: string; findings: string }> {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let exitCode = 0;
  let stdout = '';
  for (let attempt = 0; attempt < runs; attempt += 1) {
    const command = [...cli, 'check', '--format', 'json', ...extra];
    const [file, args] = gnuTime
      ? [gnuTime, ['-f', 'mpflow-bench-cpu %U %S', process.execPath, ...command]]
      : [process.execPath, command];
    let stderr = '';
    const started = process.hrtime.bigint();
    try {
      ({ stdout, stderr } = await run(file, args, { cwd: root, env: { ...process.env, ...env }, maxBuffer: 1 << 30 }));
      exitCode = 0;
    } catch (error) {
      exitCode = (error as { code?: number }).code ?? 2;
      stdout = (error as { stdout?: string }).stdout ?? '';
      stderr = (error as { stderr?: string }).stderr ?? '';
    }
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    const cpu = /^mpflow-bench-cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
    if (cpu) cpuSeconds.push(Number(cpu[1]) + Number(cpu[2]));
  }
  seconds.sort((a, b) => a - b);
  cpuSeconds.sort((a, b) => a - b);
  // The JSON summary says how much was checked and found, so a run that checked nothing cannot pass for a fast one.
  let filesChecked = '—';
  let findings = '—';
  try {
    const summary = (JSON.parse(stdout) as { summary?: { filesChecked?: number; errors?: number; warnings?: number } })
      .summary;
    if (summary) {
      filesChecked = String(summary.filesChecked ?? '—');
      findings = `${summary.errors ?? 0} errors, ${summary.warnings ?? 0} warnings`;
    }
  } catch {
    // Not JSON (a usage error, for instance): the exit code column tells.
  }
  const cpu = cpuSeconds.length > 0 ? cpuSeconds[Math.floor(cpuSeconds.length / 2)]!.toFixed(2) : '—';
  return { median: seconds[Math.floor(seconds.length / 2)]!, cpu, exitCode, filesChecked, findings };
}

async function characterCount(root: string): Promise<{ files: number; chars: number }> {
  let files = 0;
  let chars = 0;
  for (const entry of await readdir(path.join(root, 'content/articles'), { recursive: true })) {
    if (!entry.endsWith('index.md')) continue;
    files += 1;
    chars += (await readFile(path.join(root, 'content/articles', entry), 'utf8')).length;
  }
  return { files, chars };
}

/**
 * A generated repository copies the sample department's policy, roster and records, so a cache is
 * reused only while the generator and everything it copies from (content/, appraisals/, schemas/)
 * are as they were; a policy with a new required field would otherwise fail the bench's check.
 */
async function generationKey(): Promise<string> {
  const { stdout } = await run('git', ['ls-files', '-s', '--', 'content', 'appraisals', 'schemas'], {
    cwd: projectRoot,
    maxBuffer: 1 << 26,
  }).catch(() => ({ stdout: '' }));
  return `${GENERATOR_VERSION} ${createHash('sha256').update(stdout).digest('hex').slice(0, 16)}`;
}
const currentKey = await generationKey();
async function isCacheCurrent(folder: string, marker: string): Promise<boolean> {
  const stamp = `${folder}.version`;
  return (
    existsSync(path.join(folder, marker)) && existsSync(stamp) && (await readFile(stamp, 'utf8')).trim() === currentKey
  );
}

/** The site row: mpflow's site over a generated department next to a bare Astro build of the same articles. */
async function benchSite(): Promise<void> {
  const siteArticles = Number(values['site-articles']);
  const siteRepository = path.join(projectRoot, 'bench/.generated', `site-${siteArticles}`);
  if (!(await isCacheCurrent(siteRepository, 'content/articles'))) {
    process.stderr.write(
      `bench: generating a ${siteArticles}-article department with 50 members in ${path.relative(projectRoot, siteRepository)} …\n`,
    );
    await generateRepository(projectRoot, siteRepository, siteArticles);
    await growRoster(siteRepository, 50);
    await writeFile(`${siteRepository}.version`, `${currentKey}\n`);
  }
  const bareProject = path.join(projectRoot, 'bench/.generated/bare-astro');
  await writeBareAstroProject(siteRepository, bareProject);
  const siteRuns = Number(values['site-runs']);
  process.stderr.write(
    `bench: building the mpflow site and a bare Astro site of the same articles, alternately, ${siteRuns} ${siteRuns === 1 ? 'time' : 'times'} each …\n`,
  );
  type Build = Awaited<ReturnType<typeof timeAstroBuild>>;
  const mpflowCold: Build[] = [];
  const mpflowWarm: Build[] = [];
  const bareCold: Build[] = [];
  const bareWarm: Build[] = [];
  const bareSearches: Build[] = [];
  const mpflowDist = path.join(projectRoot, 'bench/.generated/dist-mpflow');
  const bareDist = path.join(projectRoot, 'bench/.generated/dist-bare');
  const mpflowEnv = { MPFLOW_REPOSITORY: siteRepository, MPFLOW_SITE_PROFILE: 'internal' };
  // Each side twice: cold (no cache of an earlier build: a fresh CI runner) and warm (the build
  // again with nothing changed, as a runner that restores the cache or a writer rebuilding sees
  // it). Astro keeps its rendered Markdown there and mpflow its phone previews (src/site/preview-cache.ts).
  // Alternating, so a machine that gets busier or quieter during the run slows both sides alike.
  for (let attempt = 0; attempt < siteRuns; attempt += 1) {
    await clearAstroCache(projectRoot);
    mpflowCold.push(await timeAstroBuild(projectRoot, mpflowDist, mpflowEnv));
    mpflowWarm.push(await timeAstroBuild(projectRoot, mpflowDist, mpflowEnv));
    await clearAstroCache(bareProject);
    const bare = await timeAstroBuild(bareProject, bareDist);
    bareCold.push(bare);
    bareWarm.push(await timeAstroBuild(bareProject, bareDist));
    // The bare site has no search; indexing its pages afterwards shows what search costs any site.
    const search = await timePagefind(bareDist);
    bareSearches.push({
      ...bare,
      seconds: bare.seconds + search.seconds,
      cpuSeconds:
        bare.cpuSeconds !== undefined && search.cpuSeconds !== undefined
          ? bare.cpuSeconds + search.cpuSeconds
          : undefined,
      searchIndexSeconds: search.seconds,
    });
  }
  const median = (builds: Build[], figure: (build: Build) => number | undefined): number | undefined => {
    const values = builds.map(figure).filter((value): value is number => value !== undefined);
    values.sort((a, b) => a - b);
    return values.length > 0 ? values[Math.floor(values.length / 2)] : undefined;
  };
  const figures = (builds: Build[]) => ({
    seconds: median(builds, (build) => build.seconds)!,
    cpu: median(builds, (build) => build.cpuSeconds),
    search: median(builds, (build) => build.searchIndexSeconds),
    pages: builds[0]!.pages,
  });
  const fixed = (value: number | undefined) => value?.toFixed(2) ?? '—';
  const row = (label: string, build: ReturnType<typeof figures>) => [
    label,
    String(siteArticles),
    String(build.pages),
    fixed(build.seconds),
    fixed(build.cpu),
    fixed(build.search),
  ];
  const ratio = (label: string, a: ReturnType<typeof figures>, b: ReturnType<typeof figures>) => [
    label,
    '',
    '',
    fixed(a.seconds / b.seconds),
    a.cpu && b.cpu ? fixed(a.cpu / b.cpu) : '—',
    '',
  ];
  const [mc, mw, bc, bw, bs] = [mpflowCold, mpflowWarm, bareCold, bareWarm, bareSearches].map(figures) as [
    ReturnType<typeof figures>,
    ReturnType<typeof figures>,
    ReturnType<typeof figures>,
    ReturnType<typeof figures>,
    ReturnType<typeof figures>,
  ];
  const siteRows = [
    [
      'site build',
      'articles',
      'pages',
      `wall s (median of ${siteRuns})`,
      'CPU s',
      'search index after the pages (wall s)',
    ],
    row('mpflow, cold (every page, search index)', mc),
    row('mpflow, warm', mw),
    row('bare Astro, cold (a page per article)', bc),
    row('bare Astro, warm', bw),
    row('bare Astro cold, then Pagefind over its pages', bs),
    ratio('ratio mpflow / bare, cold (goal ≤ 1)', mc, bc),
    ratio('ratio mpflow / bare, warm (goal ≤ 1)', mw, bw),
    ratio('ratio mpflow / bare with search, cold', mc, bs),
  ];
  const siteWidths = siteRows[0]!.map((_, column) => Math.max(...siteRows.map((row) => row[column]!.length)));
  process.stdout.write('\n');
  for (const row of siteRows)
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(siteWidths[column]!)).join('  ')}\n`);
}

if (values['site-only']) {
  await benchSite();
  process.exit(0);
}

process.stderr.write(
  'bench: timing start-up (mpflow --help, mpflow check on the sample) next to autocorrect --lint on the same articles …\n',
);
const startup = await benchStartup(projectRoot, Math.max(runs, 5));
const peer = startup.find((row) => row.name.startsWith('autocorrect'))!;
const startupRows = [
  ['start-up', 'goal', `wall s (median of ${Math.max(runs, 5)})`, 'CPU s', '× autocorrect'],
  ...startup.map((row) => [
    row.name,
    row.goal,
    row.medianSeconds.toFixed(3),
    Number.isNaN(row.cpuSeconds) ? '—' : row.cpuSeconds.toFixed(2),
    (row.medianSeconds / peer.medianSeconds).toFixed(1),
  ]),
];
const startupWidths = startupRows[0]!.map((_, column) => Math.max(...startupRows.map((row) => row[column]!.length)));
for (const row of startupRows)
  process.stdout.write(`${row.map((cell, column) => cell.padEnd(startupWidths[column]!)).join('  ')}\n`);
process.stdout.write('\n');
if (values['startup-only']) process.exit(0);

const rows: string[][] = [
  ['repository', 'articles', 'chars', 'files checked', 'problems', `seconds (median of ${runs})`, 'CPU s', 'exit'],
];
const sample = await timeCheck(projectRoot);
const sampleSize = await characterCount(projectRoot);
rows.push([
  'sample department',
  String(sampleSize.files),
  String(sampleSize.chars),
  sample.filesChecked,
  sample.findings,
  sample.median.toFixed(2),
  sample.cpu,
  String(sample.exitCode),
]);

const generated = path.join(projectRoot, 'bench/.generated', String(articleCount));
if (!(await isCacheCurrent(generated, '.git'))) {
  process.stderr.write(
    `bench: generating ${articleCount} articles in ${path.relative(projectRoot, generated)} (a git repository; the last commit edits 5 articles) …\n`,
  );
  await generateRepository(projectRoot, generated, articleCount, { git: true });
  await writeFile(`${generated}.version`, `${currentKey}\n`);
}
// Without the check cache: the engine's own speed, as CI sees it on a fresh machine.
const large = await timeCheck(generated, [], { MPFLOW_CACHE: 'off' });
const largeSize = await characterCount(generated);
rows.push([
  `generated (goal ≤ 15 s at 10,000)`,
  String(largeSize.files),
  String(largeSize.chars),
  large.filesChecked,
  large.findings,
  large.median.toFixed(2),
  large.cpu,
  String(large.exitCode),
]);

// A fresh checkout has an up-to-date index; a cached repository whose files were rewritten or
// re-linked since has not, and git would then re-read all 10,000 articles to compare them.
await run('git', ['update-index', '-q', '--refresh'], { cwd: generated }).catch(() => undefined);
// As a writer runs it again and again (the check cache holds the context files), and as CI runs
// it on a fresh machine (no cache).
const changedCacheFolder = path.join(projectRoot, 'bench/.generated', 'check-cache');
const changed = await timeCheck(generated, ['--changed', '--base', 'HEAD~1'], { MPFLOW_CACHE_DIR: changedCacheFolder });
rows.push([
  '--changed --base HEAD~1 (goal ≤ 1 s)',
  '5',
  '—',
  changed.filesChecked,
  changed.findings,
  changed.median.toFixed(2),
  changed.cpu,
  String(changed.exitCode),
]);
const changedCold = await timeCheck(generated, ['--changed', '--base', 'HEAD~1'], { MPFLOW_CACHE: 'off' });
rows.push([
  '--changed --base HEAD~1, no check cache',
  '5',
  '—',
  changedCold.filesChecked,
  changedCold.findings,
  changedCold.median.toFixed(2),
  changedCold.cpu,
  String(changedCold.exitCode),
]);

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);

const scoring = await benchScoring();
process.stdout.write(
  `\nscoring ${scoring.memberMonths} member-months (50 × 60, goal ≤ 1 s): ${scoring.seconds[0]!.toFixed(3)} s, again ${scoring.seconds[1]!.toFixed(3)} s, byte-identical: ${scoring.identical ? 'yes' : 'NO'}\n\n`,
);

process.stderr.write('bench: timing the typography pass of mpflow, autocorrect-node and zhlint in-process …\n');
const typographyRows = [
  ['typography pass (goal: mpflow ≥ autocorrect)', 'text', 'files', 'chars', 'seconds', 'chars/s', 'findings'],
  ...(await timeTypography(generated, Number(values['typography-articles']))),
];
const typographyWidths = typographyRows[0]!.map((_, column) =>
  Math.max(...typographyRows.map((row) => row[column]!.length)),
);
process.stdout.write('\n');
for (const row of typographyRows)
  process.stdout.write(`${row.map((cell, column) => cell.padEnd(typographyWidths[column]!)).join('  ')}\n`);

process.stdout.write(`\n${await (await import('./render.ts')).benchRender(projectRoot)}`); // the WeChat renderer over the sample articles
process.stdout.write(`\n${await (await import('./dashboards.ts')).benchDashboards(projectRoot)}`); // API import and dashboard charts over eight months

if (!values['skip-site']) await benchSite();
