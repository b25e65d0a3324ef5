// Full `mpflow check` of one repository by two checkouts of mpflow, interleaved run by run so that
// the machine's load falls on both alike, next to autocorrect --lint on the same articles:
//
//   node bench/eval/compare-check.ts --before DIR --after DIR --repository DIR [--runs 3]
//
// DIR of --before/--after: a checkout (git archive <commit> | tar -x; node_modules linked in).
// --repository: a department, e.g. the bench's 10,000 articles (bench/.generated/10000 after
// npm run bench). The check cache is off (MPFLOW_CACHE=off): the engine's own speed. Prints wall
// and CPU seconds (user + system, from GNU time) per run and the medians; on a shared machine
// the CPU column is the one to compare.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string' },
    repository: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
if (!values.before || !values.after || !values.repository) {
  process.stderr.write(
    'usage: node bench/eval/compare-check.ts --before DIR --after DIR --repository DIR [--runs 3]\n',
  );
  process.exit(2);
}
const repository = path.resolve(values.repository);
const runs = Number(values.runs);

async function timed(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ wall: number; cpu: number }> {
  const result = await run('/usr/bin/time', ['-f', 'mpflow-time %e %U %S', file, ...args], {
    cwd: repository,
    env: { ...process.env, ...env },
    maxBuffer: 1 << 30,
  }).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
  const match = /mpflow-time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (!match) throw new Error(`no timing from ${file} ${args.join(' ')}`);
  return { wall: Number(match[1]), cpu: Number(match[2]) + Number(match[3]) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows = new Map<string, Array<{ wall: number; cpu: number }>>();
const add = (name: string, value: { wall: number; cpu: number }) => {
  rows.set(name, [...(rows.get(name) ?? []), value]);
  process.stdout.write(`${name}: wall ${value.wall.toFixed(2)} s, CPU ${value.cpu.toFixed(2)} s\n`);
};
const autocorrect = path.join(path.resolve(values.after), 'node_modules/.bin/autocorrect');
for (let attempt = 0; attempt < runs; attempt += 1) {
  add(
    'before',
    await timed(
      process.execPath,
      [path.join(path.resolve(values.before), 'bin/mpflow.js'), 'check', '--format', 'json'],
      { MPFLOW_CACHE: 'off' },
    ),
  );
  add(
    'after',
    await timed(
      process.execPath,
      [path.join(path.resolve(values.after), 'bin/mpflow.js'), 'check', '--format', 'json'],
      { MPFLOW_CACHE: 'off' },
    ),
  );
  add('autocorrect --lint content/articles', await timed(autocorrect, ['--lint', 'content/articles']));
}
process.stdout.write(`\nmedian of ${runs}:\n`);
for (const [name, list] of rows)
  process.stdout.write(
    `${name}: wall ${median(list.map((item) => item.wall)).toFixed(2)} s, CPU ${median(list.map((item) => item.cpu)).toFixed(2)} s\n`,
  );
