import type { LocalizedText } from '../i18n/language.ts';
import type { MissingRule } from '../model/types.generated.ts';
import type { Role } from '../team/roster.ts';

export type RaterKind = 'supervisor' | 'peers' | 'self';
export const RATER_KINDS: readonly RaterKind[] = ['supervisor', 'peers', 'self'];

/** A measured figure of a member's month, with the facts it was computed from (for explanations). */
export interface KpiValue {
  value: number | null;
  basis: LocalizedText;
}

/** Everything one member's month is scored from. Plain data: the scorer does no I/O. */
export interface MemberMonthInputs {
  member: string;
  period: string;
  /** The member's roles; an indicator uses the parts of the first one the policy lists (else `all`). */
  roles: Role[];
  joined: string;
  /** Days of the month the member was in post (from the joined date, up to the left date). */
  daysInPost: number;
  daysInMonth: number;
  kpis: Record<string, KpiValue>;
  ratings: {
    supervisor?: Record<string, number>;
    self?: Record<string, number>;
    /** One entry per peer, ordered by rater id; rater ids are not needed to score. */
    peers: Array<Record<string, number>>;
  };
  calibrations: Array<{ points: number; by: string; at: string }>;
}

export type NodeStatus = 'scored' | 'missing-reweighted' | 'missing-zero' | 'missing-blocked';

export interface RaterExplanation {
  rater: RaterKind;
  declaredWeight: number;
  /** Weight after re-weighting among the raters present (percent of the mix). */
  effectiveWeight: number;
  /** The rating (peers: the mean), or null when missing or not counted. */
  value: number | null;
  /** Peers only: how many rated this indicator. */
  count?: number;
  status: 'present' | 'missing' | 'below-minimum' | 'zero';
}

export interface PartExplanation {
  kpi: string;
  declaredWeight: number;
  effectiveWeight: number;
  raw: number | null;
  target: number | null;
  normaliser: string;
  score: number | null;
  contribution: number;
  status: NodeStatus;
  basis: LocalizedText;
}

export interface NodeExplanation {
  id: string;
  name: LocalizedText;
  /** The policy's weight, percent of the total. */
  declaredWeight: number;
  /** Points of the total this node carries after missing parts were re-weighted. */
  effectiveWeight: number;
  /** 0–100, or null when missing. */
  score: number | null;
  /** effectiveWeight × score ÷ 100: points it adds to the total. */
  contribution: number;
  status: NodeStatus;
  missingRule?: MissingRule;
  measure?: 'quantitative' | 'qualitative';
  source?: 'metrics' | 'campaigns' | 'ratings';
  /** Qualitative leaves: the rater-mixed rating on the policy's scale. */
  raw?: number | null;
  /** The role whose parts were used (quantitative leaves). */
  partsRole?: string;
  parts?: PartExplanation[];
  raters?: RaterExplanation[];
  children?: NodeExplanation[];
}

export interface Application {
  bonusCoefficient: number;
  promotionEligible: boolean;
  trainingNeed: boolean;
}

export interface MemberMonthScore {
  member: string;
  period: string;
  policy: string;
  status: 'scored' | 'blocked';
  /** Why the score is withheld (block rules that fired). */
  blockedBy: LocalizedText[];
  /** Before calibration. */
  computedScore: number | null;
  calibration: number;
  /** After calibration, within 0–100. */
  score: number | null;
  grade: string | null;
  application: Application | null;
  categories: NodeExplanation[];
  inputDigest: string;
}
