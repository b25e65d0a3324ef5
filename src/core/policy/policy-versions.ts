import type { PolicyFile, WeightNode } from '../model/types.generated.ts';

/** The policy version in force on a date (YYYY-MM-DD): the latest one effective on or before it. */
export function policyInForce<T extends { effective: string }>(policies: readonly T[], date: string): T | undefined {
  let chosen: T | undefined;
  for (const policy of policies) {
    if (typeof policy.effective !== 'string' || policy.effective > date) continue;
    if (!chosen || policy.effective > chosen.effective) chosen = policy;
  }
  return chosen;
}

export interface IndicatorLeaf {
  node: WeightNode;
  /** Ids from the top-level category down to this leaf. */
  path: string[];
}

export function indicatorLeaves(policy: PolicyFile): IndicatorLeaf[] {
  const leaves: IndicatorLeaf[] = [];
  const visit = (node: WeightNode, path: string[]) => {
    const here = [...path, node.id];
    if (node.children && node.children.length > 0) for (const child of node.children) visit(child, here);
    else leaves.push({ node, path: here });
  };
  for (const node of policy.appraisal.weights) visit(node, []);
  return leaves;
}

export function qualitativeIndicatorIds(policy: PolicyFile): string[] {
  return indicatorLeaves(policy)
    .filter((leaf) => leaf.node.measure === 'qualitative')
    .map((leaf) => leaf.node.id);
}

/** Weights are percentages of the total; float sums such as 0.1 + 0.2 are compared with care. */
export function weightsEqual(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
