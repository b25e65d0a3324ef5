import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  drawWinners,
  entriesDigest,
  runDraw,
  SeededWords,
  selectPool,
  type DrawEntry,
  type DrawRules,
} from '../../src/core/campaigns/draw.ts';

const PERIOD = { start: '2026-09-26T20:30:00+08:00', end: '2026-10-06T23:59:00+08:00' };

/** Real zh-CN nicknames as they appear masked in a result post. */
const NICKNAMES = [
  '山***风',
  '林***鹿',
  '一***茶',
  '阿***呀',
  '半***月',
  '小**檬',
  '岩*客',
  '茉***香',
  '白***舟',
  '青***禾',
  '南***安',
  '桂***子',
];

function entries(): DrawEntry[] {
  return NICKNAMES.map((nickname, index) => ({
    id: `w${(0x1000 + index * 37).toString(16)}`,
    nickname,
    enteredAt: `2026-09-${String(27 + (index % 3)).padStart(2, '0')}T2${index % 4}:0${index % 10}:00+08:00`,
    correct: index % 5 === 4 ? 3 : 5,
    line: index + 2,
  }));
}

function csvOf(list: DrawEntry[]): string {
  return `${[
    'id,nickname,enteredAt,correct',
    ...list.map((entry) => `${entry.id},${entry.nickname},${entry.enteredAt},${entry.correct ?? ''}`),
  ].join('\n')}\n`;
}

const RULES: DrawRules = {
  period: PERIOD,
  prizes: [
    { name: '茶礼小样', quantity: 3 },
    { name: '茉莉花茶一罐', quantity: 2 },
  ],
  minCorrect: 5,
};

/**
 * The algorithm as the handbook states it, written again from the words alone: if this and
 * the implementation ever disagree, one of them no longer does what the handbook promises.
 */
function referenceDraw(pool: readonly DrawEntry[], slots: number, seed: string): string[] {
  const words: number[] = [];
  let block = 0;
  const next = () => {
    if (words.length === 0) {
      const digest = createHash('sha256').update(`${seed}:${block++}`).digest();
      for (let offset = 0; offset < 32; offset += 4) words.push(digest.readUInt32BE(offset));
    }
    return words.shift()!;
  };
  const below = (bound: number) => {
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const word = next();
      if (word < limit) return word % bound;
    }
  };
  const list = [...pool];
  const winners: string[] = [];
  for (let index = 0; index < Math.min(slots, list.length); index += 1) {
    const pick = index + below(list.length - index);
    [list[index], list[pick]] = [list[pick]!, list[index]!];
    winners.push(list[index]!.id);
  }
  return winners;
}

describe('reproducible draw', () => {
  it('gives the same winners for the same entries and seed, and matches the documented algorithm', () => {
    const list = entries();
    const first = runDraw({ entries: list, entriesText: csvOf(list), seed: '2026-10-08-C-2026-01', rules: RULES });
    const again = runDraw({
      entries: [...list].reverse(),
      entriesText: csvOf(list),
      seed: '2026-10-08-C-2026-01',
      rules: RULES,
    });
    expect(again.winners).toEqual(first.winners);
    expect(first.winners).toHaveLength(5);
    expect(first.winners.map((winner) => winner.prize)).toEqual([
      '茶礼小样',
      '茶礼小样',
      '茶礼小样',
      '茉莉花茶一罐',
      '茉莉花茶一罐',
    ]);
    expect(new Set(first.winners.map((winner) => winner.id)).size).toBe(5);
    expect(first.winners.map((winner) => winner.id)).toEqual(referenceDraw(first.pool, 5, '2026-10-08-C-2026-01'));
    // Positions point into the canonically sorted pool.
    for (const winner of first.winners) expect(first.pool[winner.position - 1]!.id).toBe(winner.id);
  });

  it('a different seed draws different winners', () => {
    const list = entries();
    const a = runDraw({ entries: list, entriesText: csvOf(list), seed: 'seed-a', rules: RULES });
    const b = runDraw({ entries: list, entriesText: csvOf(list), seed: 'seed-b', rules: RULES });
    expect(a.winners.map((winner) => winner.id)).not.toEqual(b.winners.map((winner) => winner.id));
  });

  it('changing one entry changes the digest; line endings do not', () => {
    const list = entries();
    const text = csvOf(list);
    const changed = text.replace('林***鹿', '林***路');
    expect(entriesDigest(changed)).not.toBe(entriesDigest(text));
    expect(entriesDigest(text.replace(/\n/g, '\r\n'))).toBe(entriesDigest(text));
    expect(entriesDigest(text)).toBe(createHash('sha256').update(text).digest('hex'));
  });
});

describe('who is in the pool', () => {
  it('drops entries outside the period, counts each participant’s first entry only, and applies minCorrect', () => {
    const list: DrawEntry[] = [
      { id: 'wearly01', nickname: '早***鸟', enteredAt: '2026-09-26T20:29:59+08:00', correct: 5, line: 2 },
      { id: 'wfirst01', nickname: '山***风', enteredAt: '2026-09-26T20:30:00+08:00', correct: 5, line: 3 },
      { id: 'wretry01', nickname: '林***鹿', enteredAt: '2026-09-27T09:00:00+08:00', correct: 3, line: 4 },
      { id: 'wretry01', nickname: '林***鹿', enteredAt: '2026-09-27T10:00:00+08:00', correct: 5, line: 5 },
      { id: 'wlast001', nickname: '半***月', enteredAt: '2026-10-06T23:59:00+08:00', correct: 5, line: 6 },
      // 00:00 Beijing time on 7 October is after the end, whatever offset it is written in.
      { id: 'wlate001', nickname: '夜***猫', enteredAt: '2026-10-06T16:00:00Z', correct: 5, line: 7 },
      { id: 'wutc0001', nickname: '阿***呀', enteredAt: '2026-10-01T01:00:00Z', correct: 5, line: 8 },
    ];
    const { pool, counts, exclusions } = selectPool(list, { period: PERIOD, minCorrect: 5 });
    expect(pool.map((entry) => entry.id)).toEqual(['wfirst01', 'wutc0001', 'wlast001']);
    expect(exclusions.outsidePeriod.map((entry) => entry.line)).toEqual([2, 7]);
    expect(exclusions.repeated.map((entry) => entry.line)).toEqual([5]);
    expect(exclusions.belowMinCorrect.map((entry) => entry.line)).toEqual([4]);
    expect(counts).toEqual({ rows: 7, inPeriod: 5, participants: 4, eligible: 3 });
  });

  it('awards what it can when there are fewer eligible participants than prizes', () => {
    const pool = entries().slice(0, 2);
    const { winners, unawarded } = drawWinners(pool, [{ name: '茶礼小样', quantity: 3 }], 'seed');
    expect(winners).toHaveLength(2);
    expect(unawarded).toBe(1);
  });

  it('lets one participant win different prizes only when the rules allow it', () => {
    const pool = entries().slice(0, 3);
    const prizes = [
      { name: '一等奖', quantity: 2 },
      { name: '二等奖', quantity: 2 },
    ];
    const single = drawWinners(pool, prizes, 'seed-x');
    expect(single.winners).toHaveLength(3);
    expect(new Set(single.winners.map((winner) => winner.id)).size).toBe(3);
    // With several prizes allowed, across many seeds someone wins both kinds, never the same prize twice.
    let someoneWonTwice = false;
    for (let seed = 0; seed < 50; seed += 1) {
      const multiple = drawWinners(pool, prizes, `seed-${seed}`, true);
      expect(multiple.winners).toHaveLength(4);
      for (const prize of ['一等奖', '二等奖']) {
        const ids = multiple.winners.filter((winner) => winner.prize === prize).map((winner) => winner.id);
        expect(new Set(ids).size).toBe(2);
      }
      if (new Set(multiple.winners.map((winner) => winner.id)).size < 4) someoneWonTwice = true;
    }
    expect(someoneWonTwice).toBe(true);
  });
});

describe('no modulo bias', () => {
  it('rejects the words that would favour small numbers', () => {
    // 2^32 = 4·2^30; with bound 3·2^30, plain w mod bound would give [0, 2^30) twice the weight:
    // half of all draws instead of a third.
    const bound = 3 * 2 ** 30;
    let small = 0;
    const draws = 20_000;
    const words = new SeededWords('bias-check');
    for (let index = 0; index < draws; index += 1) if (words.below(bound) < 2 ** 30) small += 1;
    expect(small / draws).toBeGreaterThan(0.32);
    expect(small / draws).toBeLessThan(0.347);
    // About a quarter of the words are rejected, as the arithmetic says.
    expect(words.taken / draws).toBeGreaterThan(1.3);
    expect(words.taken / draws).toBeLessThan(1.37);
  });

  it('every order of a three-person pool is equally likely over a fixed set of seeds (chi-square)', () => {
    const pool = entries().slice(0, 3);
    const counts = new Map<string, number>();
    const seeds = 6_000;
    for (let seed = 0; seed < seeds; seed += 1) {
      const order = drawWinners(pool, [{ name: '奖', quantity: 3 }], `C-2026-01/${seed}`)
        .winners.map((winner) => winner.position)
        .join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const expected = seeds / 6;
    const chiSquare = [...counts.values()].reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // 5 degrees of freedom: 20.5 is the 0.999 quantile. Deterministic: the seeds are fixed.
    expect(chiSquare).toBeLessThan(20.5);
  });
});
