/**
 * The registry of report formats (`REPORT_FORMATS`, src/cli/report-formats.ts) is complete: every
 * formatter module in src/core/report/ is registered, every registered format is offered by
 * `mpflow check --help`, and `mpflow check --format <each>` carries the same problem — file, line,
 * column, rule and the message in the language asked for — in a form a reader can take back. A
 * format added without a reader here fails the test; so does a formatter module left unregistered.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_REPORT_FORMATS, type ReportFormat } from '../../src/cli/report-formats.ts';
import { ARTICLE_DIRECTORY, FixtureRepository, PROJECT_ROOT, positionOf } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

interface ReadBack {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

/** How each format is read back: what a CI runner, a code-scanning upload or a reviewer gets. */
const READERS: Record<ReportFormat, (stdout: string) => ReadBack[]> = {
  text: (stdout) =>
    [...stdout.matchAll(/^(\S+):(\d+):(\d+) {2}(\S+) {2}(.*)$/gm)].map((match) => ({
      file: match[1]!,
      line: Number(match[2]),
      column: Number(match[3]),
      ruleId: match[4]!,
      message: match[5]!,
    })),
  json: (stdout) =>
    (JSON.parse(stdout) as { problems: ReadBack[] }).problems.map(({ file, line, column, ruleId, message }) => ({
      file,
      line,
      column,
      ruleId,
      message,
    })),
  github: (stdout) =>
    [...stdout.matchAll(/^::(?:error|warning) file=([^,]+),line=(\d+),col=(\d+),(?:.*,)?title=([^,:]+)::(.*)$/gm)].map(
      (match) => ({
        file: decodeURIComponent(match[1]!),
        line: Number(match[2]),
        column: Number(match[3]),
        ruleId: decodeURIComponent(match[4]!),
        message: decodeURIComponent(match[5]!),
      }),
    ),
  sarif: (stdout) => {
    const log = JSON.parse(stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number };
            };
          }>;
        }>;
      }>;
    };
    return log.runs[0]!.results.map((result) => {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      return {
        file: artifactLocation.uri.split('/').map(decodeURIComponent).join('/'),
        line: region.startLine,
        column: region.startColumn,
        ruleId: result.ruleId,
        message: result.message.text,
      };
    });
  },
  markdown: (stdout) => {
    // Problems are grouped under a <details> per file; each row is `| line:col | icon `rule` | message | fix |`.
    const found: ReadBack[] = [];
    let file = '';
    for (const line of stdout.split('\n')) {
      const heading = /<summary><code>(.*?)<\/code>/.exec(line);
      if (heading) file = heading[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const row = /^\| (\d+):(\d+) \| \S+ `([^`]+)` \| (.*?) \|/.exec(line);
      if (row) found.push({ file, line: Number(row[1]), column: Number(row[2]), ruleId: row[3]!, message: row[4]! });
    }
    return found;
  },
};

/** Formatter modules (format-<name>.ts) with no registered format, and formats with no reader. */
function unmatched(moduleFiles: readonly string[], formats: readonly string[], readers: readonly string[]) {
  const modules = moduleFiles.flatMap((file) => /^format-(.+)\.ts$/.exec(file)?.[1] ?? []);
  return {
    modulesUnregistered: modules.filter((name) => !formats.includes(name)),
    formatsWithoutReader: formats.filter((name) => !readers.includes(name)),
  };
}

const ARTICLE = `${ARTICLE_DIRECTORY}/index.md`;
let repository: FixtureRepository;
let expected: { file: string; line: number; column: number; ruleId: string };

beforeAll(async () => {
  repository = await FixtureRepository.create();
  // One mistake a writer makes: the author's id misspelt.
  const article = (await repository.read(ARTICLE)).replace('author: lin-xiao', 'author: lin-xaio');
  await repository.write(ARTICLE, article);
  expected = { file: ARTICLE, ...positionOf(article, 'lin-xaio'), ruleId: 'ref/unknown-member' };
});
afterAll(async () => {
  await repository.dispose();
});

describe('the registry of report formats', () => {
  it('registers every formatter module and gives every format a reader', async () => {
    const moduleFiles = await readdir(path.join(PROJECT_ROOT, 'src/core/report'));
    const readers = Object.keys(READERS);
    expect(unmatched(moduleFiles, ALL_REPORT_FORMATS, readers)).toEqual({
      modulesUnregistered: [],
      formatsWithoutReader: [],
    });
    // A module added beside them without a registry entry, or a format without a reader, is named.
    expect(unmatched([...moduleFiles, 'format-junit.ts'], [...ALL_REPORT_FORMATS, 'checkstyle'], readers)).toEqual({
      modulesUnregistered: ['junit'],
      formatsWithoutReader: ['checkstyle'],
    });
  });

  it('offers every format in mpflow check --help', async () => {
    const help = await runMpflow(['check', '--help', '--lang', 'en'], { cwd: repository.root });
    const formatLine = help.stdout.split('\n').find((line) => line.trimStart().startsWith('--format'));
    for (const format of ALL_REPORT_FORMATS) expect(formatLine).toContain(format);
  });

  it.each(ALL_REPORT_FORMATS)('mpflow check --format %s carries the problem, its place and message', async (format) => {
    for (const [lang, says] of [
      ['en', 'is not in the roster'],
      ['zh-CN', '不在成员名册'],
    ] as const) {
      const run = await runMpflow(['check', '--format', format, '--lang', lang], {
        cwd: repository.root,
        env: { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-10-20T12:00:00+08:00' },
      });
      expect(run.exitCode, run.stderr).toBe(1);
      const problems = READERS[format](run.stdout);
      expect(problems).toEqual([expect.objectContaining(expected)]);
      expect(problems[0]!.message).toContain(says);
      expect(problems[0]!.message).toContain('lin-xaio');
    }
  });
});
