/**
 * Words of the scoreboard pages (/scores/ and /<locale>/scores/; `site-scores.*` messages,
 * src/i18n/<locale>/site-scores.yaml). Pure, so tests can import it.
 */
import { CYCLE_STEP_IDS, type CycleStepId } from '../core/scoring/cycle.ts';
import type { Lang } from './policy-view.ts';
import { localizedUrl } from './localized-url.ts';
import { type Texts, messagesUnder, monthIn, textsUnder } from './site-messages.ts';

/** The plain texts (no parameters) of ScoresLabels, one message each. */
const SCORES_TEXTS = [
  'title',
  'description',
  'privacy',
  // A department with no appraisal cycle open and no results yet (just started, or its policy not yet in force).
  'empty',
  'finalized',
  'notFinalized',
  'rank',
  'month',
  'member',
  'score',
  'grade',
  'bonus',
  'promotion',
  'training',
  'yes',
  'no',
  'withheld',
  'distribution',
  'categories',
  'annualNote',
  'months',
  'excluded',
  'dueToday',
  'inProgress',
  'countedArticles',
  'countedArticlesNone',
  'roleAuthor',
  'roleDesigner',
  'history',
  'indicator',
  'raw',
  'target',
  'normalised',
  'weight',
  'contribution',
  'rating',
  'missing',
  // A rated indicator left out because, with the member's own self-assessment, it would give the supervisor's mark.
  'withheldLeaf',
  'total',
] as const;

export interface ScoresLabels extends Texts<typeof SCORES_TEXTS> {
  monthly: (month: string) => string;
  annual: (year: number, provisional: boolean) => string;
  cycle: (month: string, today: string) => string;
  steps: Record<CycleStepId, string>;
  /** A step's state on the progress board, in words (not colour alone). */
  done: (date?: string) => string;
  due: (date: string) => string;
  overdue: (date: string) => string;
  progressNote: (today: string) => string;
  explanation: (month: string) => string;
  peers: (mean: string, count: number) => string;
  calibration: (points: string) => string;
  memberTitle: (name: string) => string;
  policy: (version: string) => string;
}

/** The words of the scoreboards in a language. */
export function scoresLabels(lang: Lang): ScoresLabels {
  const m = messagesUnder(lang, 'site-scores');
  return {
    ...textsUnder(lang, 'site-scores', SCORES_TEXTS),
    monthly: (month) => monthIn(month, lang),
    annual: (year, provisional) => m('annual', { year, provisional: provisional ? 'yes' : 'no' }),
    cycle: (month, today) => m('cycle', { month: monthIn(month, lang), today }),
    steps: textsUnder(lang, 'site-scores.steps', CYCLE_STEP_IDS),
    done: (date) => m('done', { date: date || 'none' }),
    due: (date) => m('due', { date }),
    overdue: (date) => m('overdue', { date }),
    progressNote: (today) => m('progressNote', { today }),
    explanation: (month) => m('explanation', { month: monthIn(month, lang) }),
    peers: (mean, count) => m('peers', { mean, count }),
    calibration: (points) => m('calibration', { points }),
    memberTitle: (name) => m('memberTitle', { name }),
    policy: (version) => m('policy', { version }),
  };
}

export function scoresHref(lang: Lang, base?: string, member?: string): string {
  return localizedUrl(`scores/${member ? `${member}/` : ''}`, lang, base);
}

export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toFixed(2);
}

export function formatRaw(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) < 1 && value !== 0 ? value.toFixed(4) : value.toFixed(2);
}

/** Measures that are ratios (attainment of a target, a rate, a share): shown as percentages. */
function isRatio(kpi: string): boolean {
  return /-(attainment|rate|share)$/.test(kpi);
}

/**
 * A measure's raw value or target as a reader expects it: ratios as percentages (131%, not 1.31),
 * counts and means with thousands separators and no needless decimals (3,000, not 3000.00).
 */
export function formatMeasure(kpi: string, value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (isRatio(kpi)) return `${(value * 100).toLocaleString(lang, { maximumFractionDigits: 1 })}%`;
  return value.toLocaleString(lang, { maximumFractionDigits: 2 });
}
