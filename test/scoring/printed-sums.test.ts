/**
 * A person checks a score by adding what `--explain` prints. Every level must add up, as printed,
 * to the level above and the categories to the total — for the sample department and for many
 * made-up months (seeded, so a failure is repeatable).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { explanationText } from '../../src/core/scoring/explain.ts';
import { gatherPeriodInputs, type PeriodInputs } from '../../src/core/scoring/gather-inputs.ts';
import { apportionHundredths } from '../../src/core/scoring/presented-points.ts';
import { resultRecord } from '../../src/core/scoring/result-file.ts';
import { scoreMemberMonth } from '../../src/core/scoring/score-member.ts';
import type { MemberMonthInputs, MemberMonthScore } from '../../src/core/scoring/score-types.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

const cents = (text: string) => Math.round(Number(text) * 100);

/** Checks the printed tree: each line's points against the sum of the lines under it. */
function expectPrintedSumsAddUp(text: string, label: string): void {
  const lines = text.split('\n');
  const total = /^(?:Total|总分) (\d+\.\d\d)(?: \((?:computed|计算) (\d+\.\d\d))?/m.exec(
    text.replace(/（计算 /, ' (computed '),
  );
  expect(total, label).not.toBeNull();
  const computed = cents(total![2] ?? total![1]!);
  const entries: Array<{ depth: number; points: number; line: string }> = [];
  for (const line of lines) {
    const depth = /^ */.exec(line)![0].length / 2;
    const category = depth === 0 ? / (?:contribution|贡献) (\d+\.\d\d)$/.exec(line) : null;
    const leaf = depth === 1 ? /\d+\.\d\d\/\d+\.\d\d → (\d+\.\d\d)/.exec(line) : null;
    const part = depth === 2 ? /^\s+\S.*? [^ ]+ → [^ ]+ → [^ ]+ → [^ ]+ → (\d+\.\d\d)/.exec(line) : null;
    const found = category ?? leaf ?? part;
    if (found) entries.push({ depth, points: cents(found[1]!), line });
  }
  const categories = entries.filter((entry) => entry.depth === 0);
  expect(categories.length, label).toBeGreaterThan(0);
  expect(
    categories.reduce((sum, entry) => sum + entry.points, 0),
    `${label}: categories vs total`,
  ).toBe(computed);
  entries.forEach((entry, index) => {
    const children: number[] = [];
    for (let next = index + 1; next < entries.length && entries[next]!.depth > entry.depth; next += 1)
      if (entries[next]!.depth === entry.depth + 1) children.push(entries[next]!.points);
    if (children.length > 0)
      expect(
        children.reduce((sum, value) => sum + value, 0),
        `${label}: ${entry.line.trim()}`,
      ).toBe(entry.points);
  });
}

/** A small seeded PRNG (mulberry32): the same cases on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let october: PeriodInputs;
let september: PeriodInputs;
beforeAll(async () => {
  const { repository } = await loadRepository(FIXTURE_DEPARTMENT);
  october = gatherPeriodInputs(repository, '2026-10')!;
  september = gatherPeriodInputs(repository, '2026-09')!;
});

describe('printed points add up', () => {
  it('林晓, 2026-10: 54.02 + 16.81 + 12.32 + 4.45 = 87.60, and 4.27 + 4.12 + 3.93 = 12.32', () => {
    const inputs = october.members.find((member) => member.member === 'lin-xiao')!;
    const result = scoreMemberMonth(inputs, october.policy);
    const text = explanationText(result, 'en');
    expect(text).toMatch(/Attitude \[attitude\] {2}score 82\.17 · weight 15\.00\/15\.00 · contribution 12\.32/);
    expect(text).toMatch(/Teamwork \[teamwork\] {2}rating 82\.50 → target 100 → 82\.50 → 5\.00\/5\.00 → 4\.12/);
    expect(text).toContain('Total 87.60 · grade A');
    expectPrintedSumsAddUp(text, 'lin-xiao 2026-10');
    expect(resultRecord(result).categories).toEqual({
      performance: { score: 90.03, points: 54.02 },
      ability: { score: 84.05, points: 16.81 },
      attitude: { score: 82.17, points: 12.32 },
      professionalism: { score: 89.02, points: 4.45 },
    });
  });

  it('for every member of the sample department, in both languages', () => {
    for (const gathered of [september, october]) {
      for (const inputs of gathered.members) {
        const result = scoreMemberMonth(inputs, gathered.policy);
        for (const language of ['zh-CN', 'en'] as const)
          expectPrintedSumsAddUp(explanationText(result, language), `${inputs.member} ${inputs.period} ${language}`);
        const points = Object.values(resultRecord(result).categories as Record<string, { points: number }>).reduce(
          (sum, category) => sum + Math.round(category.points * 100),
          0,
        );
        expect(points, `${inputs.member} ${inputs.period} result.yaml`).toBe(Math.round(result.computedScore! * 100));
      }
    }
  });

  it('for 300 made-up months: random ratings, missing raters, missing metrics and calibrations', () => {
    const next = random(20261126);
    const rating = () => Math.round(55 + next() * 45 + (next() < 0.3 ? 0.5 : 0));
    for (let round = 0; round < 300; round += 1) {
      const base = october.members[round % october.members.length]!;
      const inputs: MemberMonthInputs = structuredClone(base);
      const ids = Object.keys(inputs.ratings.supervisor ?? {});
      const sheet = () => Object.fromEntries(ids.map((id) => [id, rating()]));
      inputs.ratings.supervisor = sheet();
      if (next() < 0.3) delete inputs.ratings.self;
      else inputs.ratings.self = sheet();
      inputs.ratings.peers = Array.from({ length: Math.floor(next() * 5) }, sheet);
      for (const kpi of Object.keys(inputs.kpis)) {
        const value = inputs.kpis[kpi]!.value;
        inputs.kpis[kpi] = {
          ...inputs.kpis[kpi]!,
          value: next() < 0.2 || value === null ? null : value * (0.5 + next()),
        };
      }
      if (next() < 0.2)
        inputs.calibrations = [
          { points: Math.round((next() * 6 - 3) * 100) / 100, by: 'liu-fang', at: '2026-11-20T10:00:00+08:00' },
        ];
      const result: MemberMonthScore = scoreMemberMonth(inputs, october.policy);
      if (result.status !== 'scored') continue;
      expectPrintedSumsAddUp(explanationText(result, 'en'), `case ${round} (${base.member})`);
    }
  });

  it('shares hundredths out by largest remainder, each within 0.01 of its exact value', () => {
    expect(apportionHundredths(8760, [54.0176, 16.81, 12.325, 4.451])).toEqual([5402, 1681, 1232, 445]);
    expect(apportionHundredths(10000, [100 / 3, 100 / 3, 100 / 3])).toEqual([3334, 3333, 3333]);
    expect(apportionHundredths(0, [0, 0])).toEqual([0, 0]);
    // A parent rounded up past its parts takes the hundredth back from the smallest remainder.
    expect(apportionHundredths(100, [0.334, 0.334, 0.334])).toEqual([34, 33, 33]);
    expect(apportionHundredths(99, [0.334, 0.334, 0.334])).toEqual([33, 33, 33]);
  });
});
