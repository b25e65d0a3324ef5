/**
 * The seeded randomness of the sample-data scripts: the same key always gives the same stream,
 * so regenerating the sample department is byte-identical.
 */
export type Rng = () => number;

/** FNV-1a, 32 bits: a stable number from a key such as a file path or a date. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast PRNG with good enough spread for sample numbers and pictures. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
