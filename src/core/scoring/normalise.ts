import type { Normaliser } from '../model/types.generated.ts';

/**
 * A raw value on the policy's 0–100 scale. Pure and total: every declared normaliser gives a
 * number in [0, 100] for every finite raw value, so a typo in a target cannot push a total past 100.
 */
export function normalise(raw: number, normaliser: Normaliser, targetScale = 1): number {
  switch (normaliser.kind) {
    case 'linear': {
      const target = normaliser.target * targetScale;
      if (target <= 0) return normaliser.cap;
      return clamp((raw / target) * 100, 0, normaliser.cap);
    }
    case 'lower-is-better': {
      const target = normaliser.target * targetScale;
      const worst = normaliser.worst * targetScale;
      if (raw <= target) return 100;
      if (raw >= worst || worst <= target) return 0;
      return (100 * (worst - raw)) / (worst - target);
    }
    case 'bands': {
      const band = [...normaliser.bands]
        .sort((a, b) => b.min - a.min)
        .find((candidate) => raw >= candidate.min * targetScale);
      return band ? clamp(band.score, 0, 100) : 0;
    }
  }
}

/** A rating on the policy's rating scale, as 0–100. */
export function normaliseRating(rating: number, scale: { min: number; max: number }): number {
  return clamp(((rating - scale.min) / (scale.max - scale.min)) * 100, 0, 100);
}

/** The target as a person reads it in an explanation (the value that earns full marks). */
export function normaliserTarget(normaliser: Normaliser, targetScale = 1): number | undefined {
  switch (normaliser.kind) {
    case 'linear':
    case 'lower-is-better':
      return normaliser.target * targetScale;
    case 'bands':
      return undefined;
  }
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Half away from zero at two decimals, the way the results files and the handbook round. */
export function round2(value: number): number {
  // The epsilon guards against binary artefacts such as 1.005 being stored as 1.00499999…
  const sign = value < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(value) * 100 + 1e-7)) / 100;
}

export function fixed2(value: number): string {
  const rounded = round2(value);
  return (Object.is(rounded, -0) ? 0 : rounded).toFixed(2);
}
