/**
 * The monthly score of one member: policy-as-code. The weight tree, each indicator's parts and
 * normalisers, the rater mix and the missing-data rules all come from the policy version given;
 * this module only applies them. Pure: the same inputs and policy always give the same result.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import type { IndicatorPart, MissingRule, PolicyFile, WeightNode } from '../model/types.generated.ts';
import { digestOf } from './digest.ts';
import { clamp, normalise, normaliseRating, normaliserTarget, round2 } from './normalise.ts';
import {
  RATER_KINDS,
  type Application,
  type MemberMonthInputs,
  type MemberMonthScore,
  type NodeExplanation,
  type NodeStatus,
  type PartExplanation,
  type RaterExplanation,
} from './score-types.ts';

type Appraisal = PolicyFile['appraisal'];

interface Evaluated {
  node: NodeExplanation;
  blocked: LocalizedText[];
}

/** The parts of a quantitative indicator that apply to a member: their first role with parts, else `all`. */
export function partsFor(
  node: WeightNode,
  roles: readonly string[],
): { role: string; parts: IndicatorPart[] } | undefined {
  const table = node.parts as Record<string, IndicatorPart[] | undefined> | undefined;
  if (!table) return undefined;
  for (const role of roles) {
    const parts = table[role];
    if (parts) return { role, parts };
  }
  return table.all ? { role: 'all', parts: table.all } : undefined;
}

function missingStatus(rule: MissingRule): NodeStatus {
  return rule === 'zero' ? 'missing-zero' : rule === 'block' ? 'missing-blocked' : 'missing-reweighted';
}

function mixRatings(
  node: WeightNode,
  inputs: MemberMonthInputs,
  appraisal: Appraisal,
): { raw: number | null; raters: RaterExplanation[]; blocked: LocalizedText[] } {
  const blocked: LocalizedText[] = [];
  const raters: RaterExplanation[] = [];
  for (const kind of RATER_KINDS) {
    const declaredWeight = appraisal.raterWeights[kind];
    if (kind === 'peers') {
      const values = inputs.ratings.peers
        .map((ratings) => ratings[node.id])
        .filter((value): value is number => typeof value === 'number');
      const mean = values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
      if (values.length > 0 && values.length < appraisal.minPeers && appraisal.peersBelowMinimum === 'drop') {
        raters.push({
          rater: kind,
          declaredWeight,
          effectiveWeight: 0,
          value: null,
          count: values.length,
          status: 'below-minimum',
        });
        continue;
      }
      if (mean !== null) {
        raters.push({
          rater: kind,
          declaredWeight,
          effectiveWeight: 0,
          value: mean,
          count: values.length,
          status: 'present',
        });
        continue;
      }
    } else {
      const value = inputs.ratings[kind]?.[node.id];
      if (typeof value === 'number') {
        raters.push({ rater: kind, declaredWeight, effectiveWeight: 0, value, status: 'present' });
        continue;
      }
    }
    const rule = appraisal.raterMissing[kind];
    if (rule === 'zero')
      raters.push({
        rater: kind,
        declaredWeight,
        effectiveWeight: 0,
        value: appraisal.ratingScale.min,
        status: 'zero',
        ...(kind === 'peers' ? { count: 0 } : {}),
      });
    else {
      raters.push({
        rater: kind,
        declaredWeight,
        effectiveWeight: 0,
        value: null,
        status: 'missing',
        ...(kind === 'peers' ? { count: 0 } : {}),
      });
      if (rule === 'block' && declaredWeight > 0) {
        const whole = kind === 'peers' ? inputs.ratings.peers.length === 0 : inputs.ratings[kind] === undefined;
        blocked.push(
          whole
            ? text(`还没有${RATER_NAMES[kind].zh}评价`, `no ${RATER_NAMES[kind].en} rating yet`)
            : text(
                `缺少${RATER_NAMES[kind].zh}对“${node.name.zh}”的评分`,
                `no ${RATER_NAMES[kind].en} rating of "${node.name.en}"`,
              ),
        );
      }
    }
  }
  // A below-minimum peer aggregate is handled as the peers' missing-data rule says.
  for (const rater of raters) {
    if (rater.status === 'below-minimum' && appraisal.raterMissing.peers === 'block' && rater.declaredWeight > 0) {
      blocked.push(
        text(
          `“${node.name.zh}”的同事评价不足 ${appraisal.minPeers} 人`,
          `fewer than ${appraisal.minPeers} peer ratings of "${node.name.en}"`,
        ),
      );
    }
    if (rater.status === 'below-minimum' && appraisal.raterMissing.peers === 'zero') {
      rater.status = 'zero';
      rater.value = appraisal.ratingScale.min;
    }
  }
  const counted = raters.filter((rater) => rater.value !== null && rater.declaredWeight > 0);
  const weightSum = counted.reduce((sum, rater) => sum + rater.declaredWeight, 0);
  if (weightSum === 0) return { raw: null, raters, blocked };
  let raw = 0;
  for (const rater of counted) {
    rater.effectiveWeight = (100 * rater.declaredWeight) / weightSum;
    raw += (rater.value! * rater.declaredWeight) / weightSum;
  }
  return { raw, raters, blocked };
}

export const RATER_NAMES = {
  supervisor: text('上级', 'supervisor'),
  peers: text('同事', 'peer'),
  self: text('自评', 'self'),
} as const;

function evaluateParts(
  node: WeightNode,
  inputs: MemberMonthInputs,
): { score: number | null; role?: string; parts: PartExplanation[]; blocked: LocalizedText[] } {
  const chosen = partsFor(node, inputs.roles);
  if (!chosen) return { score: null, parts: [], blocked: [] };
  const blocked: LocalizedText[] = [];
  const parts: PartExplanation[] = chosen.parts.map((part) => {
    const kpi = inputs.kpis[part.kpi];
    const raw = kpi?.value ?? null;
    // A member who joined mid-month is measured against the share of the target for their days in post.
    const scale = part.prorate ? inputs.daysInPost / inputs.daysInMonth : 1;
    const target = normaliserTarget(part.normaliser, scale) ?? null;
    const basis = kpi?.basis ?? text('没有数据', 'no data');
    let score: number | null;
    let status: PartExplanation['status'];
    if (raw === null) {
      const rule = part.missing ?? 'reweight';
      if (rule === 'block') blocked.push(text(`缺少数据项 ${part.kpi}`, `no value for ${part.kpi}`));
      score = rule === 'zero' ? 0 : null;
      status = missingStatus(rule);
    } else {
      score = normalise(raw, part.normaliser, scale);
      status = 'scored';
    }
    // Weights and contributions are settled below, once every part's score is known.
    return {
      kpi: part.kpi,
      declaredWeight: part.weight,
      effectiveWeight: 0,
      raw,
      target,
      normaliser: part.normaliser.kind,
      score,
      contribution: 0,
      status,
      basis,
    };
  });
  const counted = parts.filter((part) => part.score !== null);
  const weightSum = counted.reduce((sum, part) => sum + part.declaredWeight, 0);
  if (weightSum === 0) return { score: null, role: chosen.role, parts, blocked };
  let score = 0;
  for (const part of counted) {
    part.effectiveWeight = (100 * part.declaredWeight) / weightSum;
    part.contribution = (part.score! * part.declaredWeight) / weightSum;
    score += part.contribution;
  }
  return { score, role: chosen.role, parts, blocked };
}

function evaluate(node: WeightNode, inputs: MemberMonthInputs, appraisal: Appraisal): Evaluated {
  const base = { id: node.id, name: node.name, declaredWeight: node.weight, effectiveWeight: 0, contribution: 0 };
  if (node.children && node.children.length > 0) {
    const children = node.children.map((child) => evaluate(child, inputs, appraisal));
    const present = children.filter((child) => child.node.score !== null);
    const weightSum = present.reduce((sum, child) => sum + child.node.declaredWeight, 0);
    const score =
      weightSum > 0
        ? present.reduce((sum, child) => sum + child.node.score! * child.node.declaredWeight, 0) / weightSum
        : null;
    return {
      node: {
        ...base,
        score,
        status: score === null ? 'missing-reweighted' : 'scored',
        children: children.map((child) => child.node),
      },
      blocked: children.flatMap((child) => child.blocked),
    };
  }
  const rule: MissingRule = node.missing ?? 'reweight';
  let score: number | null;
  let blocked: LocalizedText[];
  const leaf: Partial<NodeExplanation> = { measure: node.measure, source: node.source, missingRule: rule };
  if (node.source === 'ratings') {
    const mixed = mixRatings(node, inputs, appraisal);
    leaf.raw = mixed.raw;
    leaf.raters = mixed.raters;
    score = mixed.raw === null ? null : normaliseRating(mixed.raw, appraisal.ratingScale);
    blocked = mixed.blocked;
  } else {
    const evaluated = evaluateParts(node, inputs);
    if (evaluated.role !== undefined) leaf.partsRole = evaluated.role;
    leaf.parts = evaluated.parts;
    score = evaluated.score;
    blocked = evaluated.blocked;
  }
  let status: NodeStatus = 'scored';
  if (score === null) {
    status = missingStatus(rule);
    if (rule === 'zero') score = 0;
    if (rule === 'block') blocked = [...blocked, text(`“${node.name.zh}”没有数据`, `"${node.name.en}" has no data`)];
  }
  return { node: { ...base, ...leaf, score, status } as NodeExplanation, blocked };
}

/** Hands the total's 100 points down the tree: each present node gets its share among present siblings. */
function distributeWeights(nodes: NodeExplanation[], points: number): void {
  const present = nodes.filter((node) => node.score !== null);
  const weightSum = present.reduce((sum, node) => sum + node.declaredWeight, 0);
  for (const node of nodes) {
    node.effectiveWeight = node.score !== null && weightSum > 0 ? (points * node.declaredWeight) / weightSum : 0;
    node.contribution = node.score !== null ? (node.effectiveWeight * node.score) / 100 : 0;
    if (node.children) distributeWeights(node.children, node.effectiveWeight);
  }
}

export function gradeFor(score: number, appraisal: Appraisal): { grade: string; application: Application } | undefined {
  const band = [...appraisal.grades].sort((a, b) => b.min - a.min).find((candidate) => score >= candidate.min);
  if (!band) return undefined;
  return {
    grade: band.grade,
    application: {
      bonusCoefficient: band.bonusCoefficient,
      promotionEligible: band.promotionEligible,
      trainingNeed: band.trainingNeed,
    },
  };
}

/** What the digest covers: every value the score depends on, and nothing private that does not move it. */
const policyDigests = new WeakMap<PolicyFile, string>();

/** The policy part of the digest, computed once per policy version (it is most of the bytes hashed). */
function policyDigest(policy: PolicyFile): string {
  let digest = policyDigests.get(policy);
  if (!digest) {
    digest = digestOf({ effective: policy.effective, appraisal: policy.appraisal });
    policyDigests.set(policy, digest);
  }
  return digest;
}

export function scoringInputsOf(inputs: MemberMonthInputs, policy: PolicyFile): unknown {
  return {
    policy: policyDigest(policy),
    member: inputs.member,
    period: inputs.period,
    roles: inputs.roles,
    joined: inputs.joined,
    daysInPost: inputs.daysInPost,
    daysInMonth: inputs.daysInMonth,
    kpis: Object.fromEntries(Object.entries(inputs.kpis).map(([id, kpi]) => [id, kpi.value])),
    ratings: inputs.ratings,
    calibrations: inputs.calibrations,
  };
}

export function scoreMemberMonth(inputs: MemberMonthInputs, policy: PolicyFile): MemberMonthScore {
  const appraisal = policy.appraisal;
  const evaluated = appraisal.weights.map((node) => evaluate(node, inputs, appraisal));
  const categories = evaluated.map((entry) => entry.node);
  distributeWeights(categories, 100);
  // One missing rating file blocks every indicator it rates; say so once.
  const blockedBy = [
    ...new Map(evaluated.flatMap((entry) => entry.blocked).map((reason) => [reason.en, reason])).values(),
  ];
  const inputDigest = digestOf(scoringInputsOf(inputs, policy));
  const calibration = round2(inputs.calibrations.reduce((sum, entry) => sum + entry.points, 0));
  const anyScored = categories.some((category) => category.score !== null);
  if (!anyScored && blockedBy.length === 0) blockedBy.push(text('没有任何可计分的数据', 'there is nothing to score'));
  if (blockedBy.length > 0) {
    return {
      member: inputs.member,
      period: inputs.period,
      policy: policy.effective,
      status: 'blocked',
      blockedBy,
      computedScore: null,
      calibration,
      score: null,
      grade: null,
      application: null,
      categories,
      inputDigest,
    };
  }
  const computedScore = round2(categories.reduce((sum, category) => sum + category.contribution, 0));
  const score = round2(clamp(computedScore + calibration, 0, 100));
  const graded = gradeFor(score, appraisal);
  return {
    member: inputs.member,
    period: inputs.period,
    policy: policy.effective,
    status: 'scored',
    blockedBy,
    computedScore,
    calibration,
    score,
    grade: graded?.grade ?? null,
    application: graded?.application ?? null,
    categories,
    inputDigest,
  };
}
