/**
 * Golden tests: the sample department's scores and one explanation, pinned. A change to the
 * policy, the sample data or the scorer that moves a score shows up here first.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../src/core/repository/load-repository.ts';
import { scorePeriod } from '../../src/core/scoring/score-period.ts';
import { explanationText } from '../../src/core/scoring/explain.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from './sample-copy.ts';

let repository: Repository;
beforeAll(async () => {
  repository = (await loadRepository(FIXTURE_DEPARTMENT)).repository;
});

describe('the sample department', () => {
  it.each([
    [
      '2026-09',
      {
        'chen-yu': [86.66, 'A'],
        'huang-shan': [88.47, 'A'],
        'lin-xiao': [87.26, 'A'],
        'wang-jia': [88.19, 'A'],
        'zheng-hao': [77.68, 'B'],
      },
    ],
    [
      '2026-10',
      {
        'chen-yu': [88.94, 'A'],
        'huang-shan': [88.1, 'A'],
        'lin-xiao': [87.6, 'A'],
        'wang-jia': [79.83, 'B'],
        'zheng-hao': [79.7, 'B'],
      },
    ],
  ] as const)('scores %s as pinned', (period, expected) => {
    const scores = scorePeriod(repository, period)!;
    expect(Object.fromEntries(scores.results.map((result) => [result.member, [result.score, result.grade]]))).toEqual(
      expected,
    );
  });

  it('withholds every November score until the supervisor has rated, and says why', () => {
    const scores = scorePeriod(repository, '2026-11')!;
    for (const result of scores.results) {
      expect(result.status).toBe('blocked');
      expect(result.blockedBy.map((reason) => reason.zh)).toContain('还没有上级评价');
    }
  });

  it('explains 林晓 2026-10 exactly as the golden file', async () => {
    const result = scorePeriod(repository, '2026-10')!.results.find((entry) => entry.member === 'lin-xiao')!;
    const golden = await readFile(path.join(PROJECT_ROOT, 'test/scoring/golden/lin-xiao-2026-10.zh.txt'), 'utf8');
    expect(explanationText(result, 'zh-CN', '林晓')).toBe(golden);
  });

  it('explains it in English too, as the golden file', async () => {
    const run = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10', '--lang', 'en'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    expect(run.stdout).toBe(
      await readFile(path.join(PROJECT_ROOT, 'test/scoring/golden/lin-xiao-2026-10.en.txt'), 'utf8'),
    );
  });

  it.each([
    [['score'], 'Give --period (YYYY-MM or YYYY)'],
    [['score', '--period', '2026-13'], '--period must be YYYY-MM or YYYY (got "2026-13").'],
    [
      ['score', '--explain', 'liu-fang', '--period', '2026-10'],
      '"liu-fang" is not appraised in 2026-10; appraised: chen-yu, huang-shan, lin-xiao, wang-jia, zheng-hao.',
    ],
    [['score', '--period', '2026-10', '--format', 'xml'], 'Unknown format "xml"; use text or json.'],
    [['score', '--period', '2026-11', '--today', '4 Dec'], '--today "4 Dec" is not a valid time.'],
  ])('answers a wrong command line %j with a plain message and exit 2', async (args, message) => {
    const run = await runMpflow(args, { cwd: FIXTURE_DEPARTMENT });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to score a month before any policy was in force', async () => {
    const run = await runMpflow(['score', '--period', '2025-06', '--lang', 'zh-CN'], { cwd: FIXTURE_DEPARTMENT });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('2025-06-01 没有生效的制度版本，无法计分。');
  });

  it('makes every contribution add up to the total', () => {
    for (const result of scorePeriod(repository, '2026-10')!.results) {
      const sum = result.categories.reduce((total, category) => total + category.contribution, 0);
      expect(sum).toBeCloseTo(result.computedScore!, 2);
      for (const category of result.categories) {
        expect(category.children!.reduce((total, leaf) => total + leaf.contribution, 0)).toBeCloseTo(
          category.contribution,
          9,
        );
      }
    }
  });

  it("applies 郑浩's recorded calibration of +1 on top of the computed score", () => {
    const result = scorePeriod(repository, '2026-10')!.results.find((entry) => entry.member === 'zheng-hao')!;
    expect(result.computedScore).toBe(78.7);
    expect(result.calibration).toBe(1);
    expect(result.score).toBe(79.7);
  });

  it('verifies the committed results of the sample department', async () => {
    const run = await runMpflow(['score', '--verify'], { cwd: FIXTURE_DEPARTMENT });
    expect(run.stdout).toContain('Recomputed 10 results; all match.');
    expect(run.exitCode).toBe(0);
  });

  it('writes the committed results again byte for byte (stable key order, two decimals)', async () => {
    const sample = await copySampleDepartment();
    try {
      const run = await runMpflow(['score', '--period', '2026-10', '--write'], { cwd: sample.root });
      expect(run.exitCode).toBe(0);
      for (const member of ['chen-yu', 'huang-shan', 'lin-xiao', 'wang-jia', 'zheng-hao']) {
        const file = `appraisals/2026-10/${member}/result.yaml`;
        expect(await readFile(path.join(sample.root, file), 'utf8'), file).toBe(
          await readFile(path.join(FIXTURE_DEPARTMENT, file), 'utf8'),
        );
      }
      expect(await readFile(path.join(sample.root, 'appraisals/2026-10/lin-xiao/result.yaml'), 'utf8')).toContain(
        'calibration: 0.00\n',
      );
    } finally {
      await sample.dispose();
    }
  });

  it('prints the JSON explanation with the same total as the text', async () => {
    const run = await runMpflow(['score', '--explain', 'lin-xiao', '--period', '2026-10', '--format', 'json'], {
      cwd: FIXTURE_DEPARTMENT,
    });
    const json = JSON.parse(run.stdout);
    expect(json.score).toBe(87.6);
    expect(json.categories.map((category: { id: string }) => category.id)).toEqual([
      'performance',
      'ability',
      'attitude',
      'professionalism',
    ]);
  });
});
