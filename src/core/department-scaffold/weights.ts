import { parseDocument, type Document } from 'yaml';

/**
 * Splits `total` into parts in proportion to `shares`, each part a multiple of the coarsest unit
 * (1, then 0.5, 0.1, 0.01) that leaves every part above zero and adds up exactly (largest
 * remainder): 60 → 30/20/10 becomes 50 → 25/17/8, and 5 → 2/2/1 becomes 3 → 1.2/1.2/0.6.
 */
export function apportion(total: number, shares: readonly number[]): number[] | undefined {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (shares.length === 0 || sum <= 0) return undefined;
  for (const unitsPerPoint of [1, 2, 10, 100]) {
    const units = Math.round(total * unitsPerPoint);
    if (Math.abs(units - total * unitsPerPoint) > 1e-9) continue;
    const ideal = shares.map((share) => (share / sum) * units);
    const floors = ideal.map(Math.floor);
    let left = units - floors.reduce((a, b) => a + b, 0);
    const order = ideal
      .map((value, index) => ({ index, remainder: value - floors[index]! }))
      .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of order) {
      if (left <= 0) break;
      floors[index]! += 1;
      left -= 1;
    }
    if (floors.every((value) => value > 0)) return floors.map((value) => Number((value / unitsPerPoint).toFixed(2)));
  }
  return undefined;
}

export interface Dimension {
  id: string;
  name: string;
  weight: number;
}

/** The top-level dimensions of a policy text, in order. */
export function dimensionsOf(policyText: string): Dimension[] {
  const data = parseDocument(policyText).toJS() as {
    appraisal: { weights: Array<{ id: string; weight: number; name: { zh: string } }> };
  };
  return data.appraisal.weights.map((node) => ({ id: node.id, name: node.name.zh, weight: node.weight }));
}

/**
 * The policy text with the top-level weights replaced (in order) and every level below scaled
 * to its new parent, comments kept. Returns undefined when a level cannot be split into
 * positive parts.
 */
export function withTopWeights(policyText: string, weights: readonly number[]): string | undefined {
  const document: Document = parseDocument(policyText);
  const top = document.getIn(['appraisal', 'weights']) as { items: unknown[] } | undefined;
  if (!top || top.items.length !== weights.length) return undefined;
  const scale = (path: Array<string | number>, weight: number): boolean => {
    document.setIn([...path, 'weight'], weight);
    const children = document.getIn([...path, 'children']) as { items: unknown[] } | undefined;
    if (!children) return true;
    const shares = children.items.map((_item, index) => Number(document.getIn([...path, 'children', index, 'weight'])));
    const parts = apportion(weight, shares);
    if (!parts) return false;
    return parts.every((part, index) => scale([...path, 'children', index], part));
  };
  for (const [index, weight] of weights.entries())
    if (!scale(['appraisal', 'weights', index], weight)) return undefined;
  return document.toString({ lineWidth: 0 });
}
