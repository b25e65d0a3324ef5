/**
 * The scoreboards' view of the appraisals: computed by the scoring core at build time and
 * reduced to what may be public. Privacy boundary: rating comments, interview summaries,
 * calibration reasons and self-assessment text are never read into this view; single raters'
 * numbers are left out (only the mixed rating per indicator), and the peer aggregate appears only
 * when it cannot be taken apart into one person's mark (see publicPeers). What the grade brings
 * (bonus coefficient, promotion eligibility, training need) stays with HR and is not in the view.
 */
import { departmentTimeZone } from '../core/policy/department-clock.ts';
import path from 'node:path';
import { currentInstant } from '../core/clock.ts';
import type { LocalizedText } from '../core/i18n/language.ts';
import { loadRepository, type Repository } from '../core/repository/load-repository.ts';
import { cycleStatus, todayIn, type MemberCycle } from '../core/scoring/cycle.ts';
import { KPI_CATALOGUE } from '../core/scoring/kpi-catalogue.ts';
import { annualScores, scorePeriod } from '../core/scoring/score-period.ts';
import type { MemberMonthScore, NodeExplanation } from '../core/scoring/score-types.ts';
import { FigureCache, policyForPeriod } from '../core/scoring/gather-inputs.ts';
import { presentedPoints, type PresentedPoints } from '../core/scoring/presented-points.ts';

export interface PublicPart {
  kpi: string;
  name: LocalizedText;
  raw: number | null;
  target: number | null;
  score: number | null;
  /** Points of the total this measure carries, and adds. */
  weight: number;
  /** Points as printed (two decimals, shared out so they add up to the indicator). */
  contribution: number;
  basis: LocalizedText;
}

export interface PublicLeaf {
  id: string;
  name: LocalizedText;
  declaredWeight: number;
  effectiveWeight: number;
  score: number | null;
  /** Null when withheld (see revealsSupervisor). */
  contribution: number | null;
  status: NodeExplanation['status'];
  /** The numbers are left out: with the member's own self-assessment they would give the supervisor's mark. */
  withheld?: boolean;
  source: string;
  /** Rated indicators: the mixed rating (supervisor, peers and self together). */
  rating: number | null;
  /** The peers' mean and how many, only when publishing it gives no one's mark away (publicPeers). */
  peers?: { mean: number; count: number };
  parts?: PublicPart[];
}

export interface PublicCategory {
  id: string;
  name: LocalizedText;
  declaredWeight: number;
  score: number | null;
  /** Null when a withheld leaf is in the category (its points would give the leaf back). */
  points: number | null;
  leaves: PublicLeaf[];
}

export interface PublicMonthScore {
  period: string;
  member: string;
  name: string;
  policy: string;
  status: 'scored' | 'blocked';
  blockedBy: LocalizedText[];
  score: number | null;
  computedScore: number | null;
  calibration: number;
  grade: string | null;
  finalized: boolean;
  categories: PublicCategory[];
}

export interface ScoresView {
  today: string;
  timeZone: string;
  months: Array<{ period: string; finalized: boolean; grades: string[]; results: PublicMonthScore[] }>;
  annual: Array<{
    year: number;
    provisional: boolean;
    members: Array<{
      member: string;
      name: string;
      score: number | null;
      grade: string | null;
      months: string[];
      excludedMonths: string[];
    }>;
  }>;
  cycles: Array<{ period: string; members: MemberCycle[] }>;
  members: Array<{ id: string; name: string }>;
}

/**
 * A mean of two is no aggregate to the two in it: either peer gets the other's mark by taking
 * their own away. So the site shows the peers' mean only from three peers, even when the policy's
 * minPeers (which decides whether peers count in the score) is lower.
 */
export const PUBLIC_PEER_FLOOR = 3;

/**
 * The peers' mean, when publishing it gives no single person's mark away: from three peers, and
 * never beside a supervisor's mark, which the member could then work out from their own.
 */
export function publicPeers(node: NodeExplanation, minPeers: number): { mean: number; count: number } | undefined {
  const peers = node.raters?.find((rater) => rater.rater === 'peers');
  if (peers?.status !== 'present' || peers.value === null || peers.count === undefined) return undefined;
  if (peers.count < Math.max(minPeers, PUBLIC_PEER_FLOOR)) return undefined;
  // The rated member knows their own self-assessment: with it, the mixed rating and the peers'
  // mean give the supervisor's mark ((100 × mixed − 30 × peers − 10 × self) ÷ 60 with the
  // 60/30/10 mix), and without it even more plainly. So the mean is shown only where no
  // supervisor's mark is in the mix at all (issue 20).
  const supervisor = (node.raters ?? []).some(
    (rater) => rater.rater === 'supervisor' && rater.status === 'present' && rater.effectiveWeight > 0,
  );
  return supervisor ? undefined : { mean: peers.value, count: peers.count };
}

/**
 * A rated indicator whose mix is the supervisor's mark and the self-assessment only (peers
 * dropped below minPeers, or none): the member knows their own self-assessment, so the mixed
 * rating — or the score, or the points — gives the supervisor's exact mark back (issue 20).
 */
export function revealsSupervisor(node: NodeExplanation): boolean {
  const counted = (node.raters ?? []).filter((rater) => rater.status === 'present' && rater.effectiveWeight > 0);
  return counted.some((rater) => rater.rater === 'supervisor') && !counted.some((rater) => rater.rater === 'peers');
}

function withheld(leaf: PublicLeaf): PublicLeaf {
  return { ...leaf, rating: null, score: null, contribution: null, withheld: true };
}

function publicLeaf(node: NodeExplanation, minPeers: number, printed: PresentedPoints): PublicLeaf {
  const leaf: PublicLeaf = {
    id: node.id,
    name: node.name,
    declaredWeight: node.declaredWeight,
    effectiveWeight: node.effectiveWeight,
    score: node.score,
    contribution: printed.node(node),
    status: node.status,
    source: node.source ?? 'ratings',
    rating: node.raw ?? null,
  };
  const peers = publicPeers(node, minPeers);
  if (peers) leaf.peers = peers;
  if (node.parts) {
    leaf.parts = node.parts.map((part) => ({
      kpi: part.kpi,
      name: KPI_CATALOGUE[part.kpi]?.name ?? { zh: part.kpi, en: part.kpi },
      raw: part.raw,
      target: part.target,
      score: part.score,
      weight: (node.effectiveWeight * part.effectiveWeight) / 100,
      contribution: printed.part(part),
      basis: part.basis,
    }));
  }
  return leaf;
}

export function publicMonthScore(
  result: MemberMonthScore,
  name: string,
  finalized: boolean,
  minPeers: number,
): PublicMonthScore {
  // Points as --explain prints them, so the page's columns add up to its total.
  const printed = presentedPoints(result);
  return {
    period: result.period,
    member: result.member,
    name,
    policy: result.policy,
    status: result.status,
    blockedBy: result.blockedBy,
    score: result.score,
    computedScore: result.computedScore,
    calibration: result.calibration,
    grade: result.grade,
    finalized,
    categories: result.categories.map((category) => {
      const nodes = category.children ?? [category];
      // A category holding a withheld indicator hides its own score and points too, or they would
      // give it back; the month's total still shows, spread over too many unknowns to undo.
      const hides = nodes.some(revealsSupervisor);
      return {
        id: category.id,
        name: category.name,
        declaredWeight: category.declaredWeight,
        score: hides ? null : category.score,
        points: hides ? null : printed.node(category),
        leaves: nodes.map((leaf) =>
          revealsSupervisor(leaf) ? withheld(publicLeaf(leaf, minPeers, printed)) : publicLeaf(leaf, minPeers, printed),
        ),
      };
    }),
  };
}

export function buildScoresView(repository: Repository, today?: string): ScoresView {
  const periods = [
    ...new Set(
      repository.ratings
        .map((record) => record.data.period)
        .filter((period): period is string => typeof period === 'string'),
    ),
  ];
  const firstPolicy = policyForPeriod(repository, periods.sort()[0] ?? '2026-01');
  const timeZone = departmentTimeZone(firstPolicy);
  // The build's instant (MPFLOW_NOW when set), as every other page: not the wall clock.
  const day = today ?? todayIn(timeZone, new Date(currentInstant()));
  const lastMonth = (() => {
    const [year, month] = day.split('-').map(Number) as [number, number];
    return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  })();
  // The month just ended and the current one are in (or about to start) their cycle even before anyone has rated them.
  for (const month of [lastMonth, day.slice(0, 7)])
    if (!periods.includes(month) && policyForPeriod(repository, month)) periods.push(month);
  periods.sort();
  const names = new Map((repository.team?.data.members ?? []).map((member) => [member.id, member.name]));
  const finalised = new Set((repository.finalizations ?? []).map((record) => record.data.period));
  const cache = new FigureCache(repository, timeZone);
  const months: ScoresView['months'] = [];
  const cycles: ScoresView['cycles'] = [];
  for (const period of [...periods].reverse()) {
    const scores = scorePeriod(repository, period, cache);
    if (!scores) continue;
    const minPeers = scores.policy.appraisal.minPeers;
    const results = scores.results
      .map((result) =>
        publicMonthScore(result, names.get(result.member) ?? result.member, finalised.has(period), minPeers),
      )
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.member < b.member ? -1 : 1));
    months.push({
      period,
      finalized: finalised.has(period),
      grades: [...scores.policy.appraisal.grades].sort((a, b) => b.min - a.min).map((grade) => grade.grade),
      results,
    });
    if (!finalised.has(period)) cycles.push({ period, members: cycleStatus(repository, scores.policy, period, day) });
  }
  const years = [...new Set([...finalised].map((period) => Number(period.slice(0, 4))))].sort((a, b) => b - a);
  const annual: ScoresView['annual'] = [];
  for (const year of years) {
    const scores = annualScores(repository, year);
    if (!scores) continue;
    annual.push({
      year,
      provisional: day < `${year + 1}-01-01`,
      members: scores.members
        .map((member) => ({
          member: member.member,
          name: names.get(member.member) ?? member.member,
          score: member.score,
          grade: member.grade,
          months: member.months,
          excludedMonths: member.excludedMonths,
        }))
        .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.member < b.member ? -1 : 1)),
    });
  }
  const members = [...new Set(months.flatMap((month) => month.results.map((result) => result.member)))]
    .sort()
    .map((id) => ({ id, name: names.get(id) ?? id }));
  return { today: day, timeZone, months, annual, cycles, members };
}

let cached: Promise<ScoresView> | undefined;

/** The view for the site build: the repository at MPFLOW_REPOSITORY or the project root; "today" may be pinned with MPFLOW_TODAY. */
export function scoresView(): Promise<ScoresView> {
  cached ??= (async () => {
    const root = path.resolve(process.env.MPFLOW_REPOSITORY ?? process.cwd());
    const { repository } = await loadRepository(root);
    return buildScoresView(repository, process.env.MPFLOW_TODAY);
  })();
  return cached;
}

export function memberHistory(view: ScoresView, member: string): PublicMonthScore[] {
  return view.months.flatMap((month) => month.results.filter((result) => result.member === member));
}
