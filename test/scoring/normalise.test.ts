/** The normalisers a policy may declare, as a table: raw value → score on 0–100. */
import { describe, expect, it } from 'vitest';
import type { Normaliser } from '../../src/core/model/types.generated.ts';
import { normalise, normaliseRating, round2 } from '../../src/core/scoring/normalise.ts';

const linear: Normaliser = { kind: 'linear', target: 3000, cap: 100 };
const churn: Normaliser = { kind: 'lower-is-better', target: 0.015, worst: 0.04 };
const onTime: Normaliser = {
  kind: 'bands',
  bands: [
    { min: 0.9, score: 90 },
    { min: 0.95, score: 100 },
    { min: 0.8, score: 75 },
    { min: 0, score: 40 },
  ],
};

describe('normalisers', () => {
  it.each([
    ['linear, below target', linear, 2904.4, 1, 96.81],
    ['linear, above target is capped', linear, 4181, 1, 100],
    ['linear, negative growth is 0', linear, -120, 1, 0],
    [
      'linear, prorated target (16 of 31 days)',
      { kind: 'linear', target: 800, cap: 100 } as Normaliser,
      400,
      16 / 31,
      96.88,
    ],
    ['lower-is-better, at target', churn, 0.015, 1, 100],
    ['lower-is-better, between', churn, 0.0178, 1, 88.8],
    ['lower-is-better, at worst', churn, 0.04, 1, 0],
    ['lower-is-better, beyond worst', churn, 0.09, 1, 0],
    ['bands, top band (bands listed in any order)', onTime, 0.97, 1, 100],
    ['bands, middle', onTime, 0.8676, 1, 75],
    ['bands, lowest', onTime, 0.2, 1, 40],
  ] as const)('%s', (_name, normaliser, raw, scale, expected) => {
    expect(round2(normalise(raw, normaliser, scale))).toBe(expected);
  });

  it('maps the rating scale to 0–100', () => {
    expect(normaliseRating(4, { min: 1, max: 5 })).toBe(75);
    expect(normaliseRating(87, { min: 0, max: 100 })).toBe(87);
  });

  it('rounds half away from zero at two decimals, despite binary fractions', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(87.595)).toBe(87.6);
  });
});
