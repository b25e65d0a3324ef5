/**
 * The reproducible lottery draw (algorithm "mpflow-draw/1"). Pure and deterministic: the same
 * entries file and the same public seed give the same winners on any machine, so anyone can
 * re-run a campaign's draw from the repository and compare.
 *
 * 1. Pool. Entries outside the campaign period are dropped; of what is left, each participant's
 *    first entry counts (rule 3 of the sample quiz: later answers do not replace the first);
 *    an entry below the campaign's `draw.minCorrect` is not eligible. The eligible entries are
 *    sorted canonically: by entry instant, then by participant id (UTF-16 code unit order), and
 *    numbered from 1.
 * 2. Randomness. Block k (k = 0, 1, 2, …) is SHA-256 of the UTF-8 text `<seed>:<k>`; each block
 *    gives eight 32-bit unsigned big-endian words, used in order. `printf '%s' 'seed:0' | sha256sum`
 *    reproduces block 0 by hand.
 * 3. A number below m is a word w accepted only when w < 2^32 − (2^32 mod m), as w mod m; other
 *    words are rejected and the next is taken, so no position is favoured (no modulo bias).
 * 4. Prizes are drawn in the order the campaign declares them, one slot per unit of quantity,
 *    by a partial Fisher–Yates shuffle of the pool: for slot i, swap pool[i] with
 *    pool[i + below(n − i)]; pool[i] wins slot i. One prize per participant, unless the
 *    campaign sets `draw.multiplePrizesPerParticipant`, in which case each prize is drawn from
 *    the whole pool again (still never the same prize twice to one participant).
 */
import { createHash } from 'node:crypto';

export const DRAW_ALGORITHM = 'mpflow-draw/1';

export interface DrawEntry {
  id: string;
  nickname: string;
  enteredAt: string;
  correct?: number;
  /** Line in the entries file, for messages. */
  line: number;
}

export interface DrawPrize {
  name: string;
  quantity: number;
}

export interface DrawRules {
  period: { start: string; end: string };
  prizes: readonly DrawPrize[];
  minCorrect?: number;
  multiplePrizesPerParticipant?: boolean;
}

export interface DrawCounts {
  /** Data rows in the entries file. */
  rows: number;
  /** Rows whose time lies inside the period. */
  inPeriod: number;
  /** Distinct participants inside the period (first entry each). */
  participants: number;
  /** Participants whose first entry passes the eligibility rule. */
  eligible: number;
}

export interface DrawExclusions {
  outsidePeriod: DrawEntry[];
  /** Later entries of a participant whose first entry already counts. */
  repeated: DrawEntry[];
  belowMinCorrect: DrawEntry[];
}

export interface DrawWinner {
  prize: string;
  /** 1-based number in the canonically sorted pool. */
  position: number;
  id: string;
  nickname: string;
}

export interface DrawOutcome {
  algorithm: typeof DRAW_ALGORITHM;
  seed: string;
  entriesSha256: string;
  counts: DrawCounts;
  exclusions: DrawExclusions;
  /** The eligible entries in canonical order (position = index + 1). */
  pool: DrawEntry[];
  winners: DrawWinner[];
  /** Prize slots left unawarded because the pool was smaller than the prizes. */
  unawarded: number;
}

/** SHA-256 of the entries file, line endings normalised to LF so a Windows checkout digests the same. */
export function entriesDigest(fileText: string): string {
  return createHash('sha256').update(fileText.replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}

const WORD_RANGE = 2 ** 32;

/** The seeded stream of 32-bit words: SHA-256(`<seed>:<counter>`), eight words per block. */
export class SeededWords {
  readonly #seed: string;
  #block = 0;
  #words: number[] = [];
  /** Words taken so far, rejected ones included (for tests and audits). */
  taken = 0;

  constructor(seed: string) {
    this.#seed = seed;
  }

  next(): number {
    if (this.#words.length === 0) {
      const digest = createHash('sha256').update(`${this.#seed}:${this.#block}`, 'utf8').digest();
      this.#block += 1;
      for (let index = 0; index < 8; index += 1) this.#words.push(digest.readUInt32BE(index * 4));
    }
    this.taken += 1;
    return this.#words.shift()!;
  }

  /** A uniform integer in [0, bound), by rejection sampling. */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > WORD_RANGE)
      throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
    const limit = WORD_RANGE - (WORD_RANGE % bound);
    for (;;) {
      const word = this.next();
      if (word < limit) return word % bound;
    }
  }
}

function instant(value: string): number {
  return Date.parse(value);
}

/** The canonical order of the pool: entry instant, then participant id. */
export function compareEntries(a: DrawEntry, b: DrawEntry): number {
  const difference = instant(a.enteredAt) - instant(b.enteredAt);
  if (difference !== 0) return difference;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function selectPool(
  entries: readonly DrawEntry[],
  rules: Pick<DrawRules, 'period' | 'minCorrect'>,
): { pool: DrawEntry[]; counts: DrawCounts; exclusions: DrawExclusions } {
  const start = instant(rules.period.start);
  const end = instant(rules.period.end);
  const exclusions: DrawExclusions = { outsidePeriod: [], repeated: [], belowMinCorrect: [] };
  const inPeriod: DrawEntry[] = [];
  for (const entry of entries) {
    const at = instant(entry.enteredAt);
    if (Number.isNaN(at) || at < start || at > end) exclusions.outsidePeriod.push(entry);
    else inPeriod.push(entry);
  }
  // Each participant's first entry in the period counts; ties in time fall back to file order.
  const ordered = [...inPeriod].sort((a, b) => instant(a.enteredAt) - instant(b.enteredAt) || a.line - b.line);
  const first = new Map<string, DrawEntry>();
  for (const entry of ordered) {
    if (first.has(entry.id)) exclusions.repeated.push(entry);
    else first.set(entry.id, entry);
  }
  const pool: DrawEntry[] = [];
  for (const entry of first.values()) {
    if (rules.minCorrect !== undefined && (entry.correct ?? 0) < rules.minCorrect)
      exclusions.belowMinCorrect.push(entry);
    else pool.push(entry);
  }
  pool.sort(compareEntries);
  return {
    pool,
    counts: { rows: entries.length, inPeriod: inPeriod.length, participants: first.size, eligible: pool.length },
    exclusions,
  };
}

/** Partial Fisher–Yates over the pool for each prize slot; see the algorithm at the top of this file. */
export function drawWinners(
  pool: readonly DrawEntry[],
  prizes: readonly DrawPrize[],
  seed: string,
  multiplePrizesPerParticipant = false,
): { winners: DrawWinner[]; unawarded: number } {
  const words = new SeededWords(seed);
  const position = new Map(pool.map((entry, index) => [entry, index + 1]));
  const winners: DrawWinner[] = [];
  let unawarded = 0;
  const award = (candidates: DrawEntry[], slots: string[]) => {
    const count = Math.min(slots.length, candidates.length);
    unawarded += slots.length - count;
    for (let index = 0; index < count; index += 1) {
      const pick = index + words.below(candidates.length - index);
      [candidates[index], candidates[pick]] = [candidates[pick]!, candidates[index]!];
      const winner = candidates[index]!;
      winners.push({ prize: slots[index]!, position: position.get(winner)!, id: winner.id, nickname: winner.nickname });
    }
  };
  if (multiplePrizesPerParticipant) {
    for (const prize of prizes)
      award(
        [...pool],
        Array.from({ length: prize.quantity }, () => prize.name),
      );
  } else {
    award(
      [...pool],
      prizes.flatMap((prize) => Array.from({ length: prize.quantity }, () => prize.name)),
    );
  }
  return { winners, unawarded };
}

export function runDraw(input: {
  entries: readonly DrawEntry[];
  entriesText: string;
  seed: string;
  rules: DrawRules;
}): DrawOutcome {
  const { pool, counts, exclusions } = selectPool(input.entries, input.rules);
  const { winners, unawarded } = drawWinners(
    pool,
    input.rules.prizes,
    input.seed,
    input.rules.multiplePrizesPerParticipant ?? false,
  );
  return {
    algorithm: DRAW_ALGORITHM,
    seed: input.seed,
    entriesSha256: entriesDigest(input.entriesText),
    counts,
    exclusions,
    pool,
    winners,
    unawarded,
  };
}
