import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_REPORT_FORMATS, REPORT_FORMATS } from '../../src/cli/report-formats.ts';
import { FIXTURE_DEPARTMENT, FixtureRepository, MINIMAL_TEAM } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// Commands that report positioned diagnostics write them through one registry of formats, so
// --format json and --format github mean the same thing for check, lint and metrics import.

let folder: string;
let export_: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mpflow-formats-'));
  // A back-office export nobody can recognise: its header (Traditional Chinese) names no known column.
  export_ = path.join(folder, '匯出.csv');
  await writeFile(export_, '篇名,心得\n冬至喝什麼茶,好喝\n');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the report-format registry', () => {
  it('offers the formats the helps list', () => {
    expect(ALL_REPORT_FORMATS).toEqual(Object.keys(REPORT_FORMATS));
    expect(ALL_REPORT_FORMATS).toEqual(expect.arrayContaining(['text', 'json', 'github']));
  });

  it('metrics import reports an unreadable export as a GitHub annotation on the file, and writes nothing', async () => {
    const run = await runMpflow(
      ['metrics', 'import', '--from', 'csv', export_, '--format', 'github', '--lang', 'zh-CN'],
      { cwd: FIXTURE_DEPARTMENT },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error file=.*匯出\.csv,line=1,col=1,title=metrics\/import::认不出/m);
    expect(run.stderr).toContain('没有写入任何文件。');
  });

  it('metrics import gives the same problem as a JSON report, in the language asked for', async () => {
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', export_, '--format', 'json', '--lang', 'en'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as {
      summary: { errors: number };
      problems: Array<{ ruleId: string; message: string; line: number }>;
    };
    expect(report.summary.errors).toBe(1);
    expect(report.problems[0]).toMatchObject({ ruleId: 'metrics/import', line: 1 });
    expect(report.problems[0]!.message).toMatch(/^Cannot tell which back-office export/);
  });

  it('metrics import refuses a format the registry does not offer it', async () => {
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', export_, '--format', 'sarif'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('mpflow: Unknown format "sarif"; use one of text, json, github.\n');
  });

  it('codeowners reports a roster it cannot read as annotations, and writes no CODEOWNERS', async () => {
    const fixture = await FixtureRepository.create();
    try {
      await fixture.write('content/team.yaml', `${MINIMAL_TEAM}  - 名字: 壞掉的一行\n`);
      const run = await runMpflow(['codeowners', '--write', '--format', 'github', '--root', fixture.root], {
        cwd: FIXTURE_DEPARTMENT,
      });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/^::error file=content\/team\.yaml,line=\d+/m);
      expect(run.stderr).toContain('CODEOWNERS cannot be generated');
      await expect(fixture.read('.github/CODEOWNERS')).rejects.toThrow();
    } finally {
      await fixture.dispose();
    }
  });

  it('draw reports broken entries as an annotation on the file, and draws nothing', async () => {
    const fixture = await FixtureRepository.create();
    try {
      await fixture.write(
        'content/campaigns/C-2026-01/entries.csv',
        'id,participant,enteredAt\n"E-1,陳小姐,2026-09-05T10:00:00+08:00\n',
      );
      const run = await runMpflow(['draw', 'C-2026-01', '--format', 'github', '--root', fixture.root], {
        cwd: FIXTURE_DEPARTMENT,
      });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(
        /^::error file=content\/campaigns\/C-2026-01\/entries\.csv,line=2,col=1,title=csv\/syntax::/m,
      );
      expect(run.stderr).toContain('nothing was drawn');
      await expect(fixture.read('content/campaigns/C-2026-01/draw.yaml')).rejects.toThrow();
    } finally {
      await fixture.dispose();
    }
  });

  it('new reports what stops the record as annotations, and leaves no file behind', async () => {
    const fixture = await FixtureRepository.create();
    try {
      const run = await runMpflow(
        [
          'new',
          'article',
          '--title',
          '冬至喝什麼茶',
          '--slug',
          'dongzhi-tea',
          '--date',
          '2026-12-21',
          '--author',
          'lin-xiao',
          '--topic',
          'T-2026-999',
          '--format',
          'github',
          '--lang',
          'zh-CN',
        ],
        { cwd: fixture.root },
      );
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/^::error file=content\/articles\/2026\/12-21-dongzhi-tea\/index\.md,line=\d+/m);
      expect(run.stderr).toContain('没有写入 content/articles/2026/12-21-dongzhi-tea/index.md。');
      await expect(fixture.read('content/articles/2026/12-21-dongzhi-tea/index.md')).rejects.toThrow();
    } finally {
      await fixture.dispose();
    }
  });
});
