/**
 * The handbook's worked example (绩效考核 › 示例): one made-up member's month, scored by the scoring
 * core under the policy the page shows, so the numbers follow whatever weights, rater mix, scale and
 * grades the department's policy has. Pure: the ratings are derived from the policy, nothing is read.
 */
import type { PolicyFile, WeightNode } from '../core/model/types.generated.ts';
import { presentedPoints } from '../core/scoring/presented-points.ts';
import { scoreMemberMonth } from '../core/scoring/score-member.ts';
import type {
  MemberMonthInputs,
  MemberMonthScore,
  NodeExplanation,
  RaterExplanation,
} from '../core/scoring/score-types.ts';
import type { Role } from '../core/team/roster.ts';

/** The made-up member: a copywriter who joined on the 9th of the month the policy takes effect. */
export const EXAMPLE_MEMBER = 'example-member';
export const EXAMPLE_ROLE: Role = 'copywriter';
const JOINED_DAY = 9;

export interface WorkedExampleRow {
  id: string;
  name: { zh: string; en: string };
  supervisor: number | null;
  peers: number | null;
  /** The rater-mixed rating on the policy's scale. */
  mixed: number | null;
  /** Points of the total the indicator carries after re-weighting. */
  weight: number;
  /** Points it adds, as printed (they add up to the category and the total). */
  points: number;
}

export interface WorkedExample {
  period: string;
  joined: string;
  /** The rating files the example stands for: every rated indicator, by each rater kind present. */
  ratings: MemberMonthInputs['ratings'];
  result: MemberMonthScore;
  rows: WorkedExampleRow[];
  /** Measured indicators without data that month, and what the policy did with them. */
  missingMeasured: NodeExplanation[];
  /** The raters of a rated indicator: declared and effective weights (self is missing). */
  raters: RaterExplanation[];
  categories: Array<{ name: { zh: string; en: string }; points: number }>;
  /** The grade band reached, when scored. */
  band?: PolicyFile['appraisal']['grades'][number];
}

function leavesOf(nodes: readonly WeightNode[]): WeightNode[] {
  return nodes.flatMap((node) => (node.children && node.children.length > 0 ? leavesOf(node.children) : [node]));
}

function explainedLeaves(nodes: readonly NodeExplanation[]): NodeExplanation[] {
  return nodes.flatMap((node) => (node.children && node.children.length > 0 ? explainedLeaves(node.children) : [node]));
}

function daysIn(period: string): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Ratings that differ from indicator to indicator and rater to rater, inside the scale and the same
 * on every build: a little over three quarters of the way up the scale, as a solid month looks.
 */
function exampleRating(scale: { min: number; max: number }, leafIndex: number, raterIndex: number): number {
  const steps = [0.8, 0.75, 0.85, 0.8, 0.85, 0.8, 0.9, 0.9, 0.9];
  const wobble = [
    [0, 0.06, 0.02],
    [0, -0.03, 0.03],
    [0, -0.05, 0.01],
    [0, 0.04, 0],
    [0, 0.03, -0.01],
    [0, -0.03, 0.03],
    [0, 0, 0],
    [0, 0.06, 0],
    [0, 0, -0.06],
  ];
  const fraction = Math.min(
    1,
    Math.max(0, steps[leafIndex % steps.length]! + wobble[leafIndex % wobble.length]![raterIndex % 3]!),
  );
  return Math.round(scale.min + (scale.max - scale.min) * fraction);
}

export function workedExample(policy: PolicyFile): WorkedExample {
  const appraisal = policy.appraisal;
  const period = policy.effective.slice(0, 7);
  const joined = `${period}-${String(JOINED_DAY).padStart(2, '0')}`;
  const daysInMonth = daysIn(period);
  const rated = leavesOf(appraisal.weights).filter(
    (leaf) => leaf.source === 'ratings' || leaf.measure === 'qualitative',
  );
  const peerCount = Math.max(appraisal.minPeers, 1);
  const ratingOf = (raterIndex: number) =>
    Object.fromEntries(rated.map((leaf, index) => [leaf.id, exampleRating(appraisal.ratingScale, index, raterIndex)]));
  // No self-assessment: the example shows what the policy does when one is missing.
  const ratings: MemberMonthInputs['ratings'] = {
    supervisor: ratingOf(0),
    peers: Array.from({ length: peerCount }, (_, index) => ratingOf(index + 1)),
  };
  const inputs: MemberMonthInputs = {
    member: EXAMPLE_MEMBER,
    period,
    roles: [EXAMPLE_ROLE],
    joined,
    daysInPost: daysInMonth - JOINED_DAY + 1,
    daysInMonth,
    kpis: {},
    ratings,
    calibrations: [],
  };
  const result = scoreMemberMonth(inputs, policy);
  const printed = presentedPoints(result);
  const leaves = explainedLeaves(result.categories);
  const rows = leaves
    .filter((leaf) => leaf.raters)
    .map((leaf) => ({
      id: leaf.id,
      name: leaf.name,
      supervisor: leaf.raters!.find((rater) => rater.rater === 'supervisor')?.value ?? null,
      peers: leaf.raters!.find((rater) => rater.rater === 'peers')?.value ?? null,
      mixed: leaf.raw ?? null,
      weight: leaf.effectiveWeight,
      points: printed.node(leaf),
    }));
  const example: WorkedExample = {
    period,
    joined,
    ratings,
    result,
    rows,
    missingMeasured: leaves.filter((leaf) => !leaf.raters && leaf.status !== 'scored'),
    raters: leaves.find((leaf) => leaf.raters)?.raters ?? [],
    categories: result.categories.map((category) => ({ name: category.name, points: printed.node(category) })),
  };
  if (result.score !== null) {
    const band = [...appraisal.grades].sort((a, b) => b.min - a.min).find((grade) => result.score! >= grade.min);
    if (band) example.band = band;
  }
  return example;
}
