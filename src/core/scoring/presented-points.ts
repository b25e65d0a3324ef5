/**
 * Points as printed. The score is computed from unrounded contributions and rounded once, so
 * rounding every contribution on its own can print parts that do not add up to what they make
 * (林晓, 2026-10: 54.02 + 16.81 + 12.33 + 4.45 = 87.61 beside a total of 87.60). A person checks a
 * score by adding what is printed, so every level is shared out in hundredths by the largest
 * remainder method: the categories add up to the total, each category's indicators to the
 * category, each indicator's measures to the indicator. No printed figure is more than 0.01 from
 * its plain rounding, and the score itself does not change.
 */
import type { MemberMonthScore, NodeExplanation, PartExplanation } from './score-types.ts';

export interface PresentedPoints {
  /** A node's points as printed (two decimals). */
  node: (node: NodeExplanation) => number;
  /** A quantitative measure's points as printed (two decimals). */
  part: (part: PartExplanation) => number;
}

/** Whole hundredths that add up to `total`, each within one hundredth of its exact share. */
export function apportionHundredths(total: number, exact: readonly number[]): number[] {
  const scaled = exact.map((value) => value * 100);
  // The epsilon keeps 16.81 (1680.9999…) from flooring to 1680.
  const shares = scaled.map((value) => Math.floor(value + 1e-7));
  const remainders = scaled.map((value, index) => value - shares[index]!);
  const order = remainders.map((_, index) => index).sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  let left = total - shares.reduce((sum, value) => sum + value, 0);
  for (let step = 0; left > 0 && order.length > 0; step += 1, left -= 1) shares[order[step % order.length]!]! += 1;
  // Only when a parent was itself rounded up past its parts: take the hundredth back from the smallest remainders.
  for (let step = 0; left < 0 && order.length > 0; step += 1) {
    const index = order[order.length - 1 - (step % order.length)]!;
    if (shares[index]! > 0) {
      shares[index]! -= 1;
      left += 1;
    }
  }
  return shares;
}

export function presentedPoints(result: MemberMonthScore): PresentedPoints {
  const nodes = new Map<NodeExplanation, number>();
  const parts = new Map<PartExplanation, number>();
  const share = (hundredths: number, children: readonly NodeExplanation[]) => {
    const split = apportionHundredths(
      hundredths,
      children.map((child) => child.contribution),
    );
    children.forEach((child, index) => {
      nodes.set(child, split[index]!);
      if (child.children) share(split[index]!, child.children);
      else if (child.parts && child.parts.length > 0) {
        const exact = child.parts.map(
          (part) => (child.effectiveWeight * part.effectiveWeight * (part.score ?? 0)) / 10_000,
        );
        apportionHundredths(split[index]!, exact).forEach((value, at) => parts.set(child.parts![at]!, value));
      }
    });
  };
  const exactTotal = result.categories.reduce((sum, category) => sum + category.contribution, 0);
  const total = result.computedScore ?? exactTotal;
  share(Math.round(total * 100 + 1e-7), result.categories);
  return {
    node: (node) => (nodes.get(node) ?? Math.round(node.contribution * 100)) / 100,
    part: (part) => (parts.get(part) ?? 0) / 100,
  };
}
