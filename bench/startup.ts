// Start-up of the commands a writer runs dozens of times a day, side by side with a peer in the
// same run: autocorrect (the typography linter many Chinese writing teams use) over the same
// articles. Runs alternate between the commands, so a busy machine slows all of them alike.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface StartupRow {
  name: string;
  goal: string;
  medianSeconds: number;
  cpuSeconds: number;
}

interface Subject {
  name: string;
  goal: string;
  file: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Prepares each run (e.g. empties the cache for a cold run). */
  before?: () => Promise<void>;
}

async function timeOnce(subject: Subject, cwd: string): Promise<{ wall: number }> {
  await subject.before?.();
  const started = process.hrtime.bigint();
  // Exit codes are not the point here (autocorrect exits 1 when it finds something).
  await run(subject.file, subject.args, { cwd, env: { ...process.env, ...subject.env }, maxBuffer: 1 << 28 }).catch(
    () => undefined,
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  return { wall };
}

async function cpuOf(subject: Subject, cwd: string): Promise<number> {
  // GNU time reports the child's CPU; without it the column stays empty.
  await subject.before?.();
  try {
    const { stderr } = await run('/usr/bin/time', ['-f', 'bench-cpu %U %S', subject.file, ...subject.args], {
      cwd,
      env: { ...process.env, ...subject.env },
      maxBuffer: 1 << 28,
    }).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
    const match = /bench-cpu ([\d.]+) ([\d.]+)/.exec(stderr);
    return match ? Number(match[1]) + Number(match[2]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchStartup(projectRoot: string, runs: number): Promise<StartupRow[]> {
  const node = process.execPath;
  const cli = path.join(projectRoot, 'bin/mpflow.js');
  const cacheFolder = await mkdtemp(path.join(tmpdir(), 'mpflow-bench-cache-'));
  const coldFolder = await mkdtemp(path.join(tmpdir(), 'mpflow-bench-cold-'));
  const warm = { MPFLOW_CACHE_DIR: cacheFolder };
  const subjects: Subject[] = [
    { name: 'mpflow --help', goal: '≤ 0.15 s', file: node, args: [cli, '--help'] },
    {
      name: 'mpflow check, sample department (cache warm)',
      goal: '≤ 0.5 s, ≤ 3× autocorrect',
      file: node,
      args: [cli, 'check'],
      env: warm,
    },
    {
      name: 'mpflow check --no-cache (every file read, parsed, linted)',
      goal: 'none',
      file: node,
      args: [cli, 'check', '--no-cache'],
      env: warm,
    },
    {
      name: 'mpflow check, first run on a new machine (empty caches)',
      goal: 'none',
      file: node,
      args: [cli, 'check'],
      env: { MPFLOW_CACHE_DIR: coldFolder },
      before: async () => {
        await rm(coldFolder, { recursive: true, force: true });
      },
    },
    {
      name: 'autocorrect --lint content/articles (peer)',
      goal: 'reference',
      file: path.join(projectRoot, 'node_modules/.bin/autocorrect'),
      args: ['--lint', 'content/articles'],
    },
  ];
  // One run each to fill the caches the warm rows rely on (Node's compile cache, mpflow's check cache).
  for (const subject of subjects) await timeOnce(subject, projectRoot);
  const walls = subjects.map(() => [] as number[]);
  for (let round = 0; round < runs; round += 1) {
    for (const [index, subject] of subjects.entries()) walls[index]!.push((await timeOnce(subject, projectRoot)).wall);
  }
  const rows: StartupRow[] = [];
  for (const [index, subject] of subjects.entries())
    rows.push({
      name: subject.name,
      goal: subject.goal,
      medianSeconds: median(walls[index]!),
      cpuSeconds: await cpuOf(subject, projectRoot),
    });
  await rm(cacheFolder, { recursive: true, force: true });
  await rm(coldFolder, { recursive: true, force: true });
  return rows;
}
