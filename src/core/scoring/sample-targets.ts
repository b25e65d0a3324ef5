/**
 * The targets a department inherits when it starts from the sample's policy: those of 闽岚茶事, a
 * fictional tea brand's account, sized to its followers. They are documented here as the starting
 * values, and `mpflow score` says so while a department other than the sample scores with most of
 * them still in force, since a target sized to someone else's account makes every score meaningless.
 */
import type { PolicyFile, TeamFile } from '../model/types.generated.ts';
import { indicatorLeaves } from '../policy/policy-versions.ts';

export const SAMPLE_ACCOUNT = '闽岚茶事';

/** The sample's absolute targets by measure (ratios such as campaign attainment are nobody's in particular). */
export const SAMPLE_TARGETS: Readonly<Record<string, number>> = {
  'reads-per-article': 3000,
  'shares-per-article': 180,
  'likes-per-article': 60,
  'comments-per-article': 30,
  'designed-reads-per-article': 3000,
  'designed-shares-per-article': 180,
  'follower-net-growth': 800,
  'follower-churn-rate': 0.015,
  'support-satisfaction': 4.5,
};

/** Measures of the policy whose target is still the sample's, when the roster is not the sample's own. */
export function sampleTargetsInForce(policy: PolicyFile, team: TeamFile | undefined): string[] {
  if (team?.account === SAMPLE_ACCOUNT) return [];
  const found = new Set<string>();
  for (const leaf of indicatorLeaves(policy)) {
    for (const parts of Object.values(leaf.node.parts ?? {})) {
      for (const part of parts ?? []) {
        const target = (part.normaliser as { target?: number }).target;
        if (SAMPLE_TARGETS[part.kpi] !== undefined && target === SAMPLE_TARGETS[part.kpi]) found.add(part.kpi);
      }
    }
  }
  // One coincidence is a department's own choice; most of them is the sample's table left in place.
  return found.size >= 3 ? [...found].sort() : [];
}
