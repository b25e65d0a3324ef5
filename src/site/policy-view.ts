/**
 * Shared lookups of the handbook's policy components: which policy version a page shows, and
 * the words and number formats around its values, in both handbook languages. The numbers
 * themselves always come from the policy file, through the `policies` content collection.
 */
import { DEFAULT_TIME_ZONE } from '../core/policy/department-clock.ts';
import { currentInstant } from '../core/clock.ts';
import { getCollection } from 'astro:content';
import type { Locale } from '../core/i18n/catalogue.ts';
import { type Language, languageOfLocale, parseLanguage, pick } from '../core/i18n/language.ts';
import { dateInTimeZone } from '../core/model/dates.ts';
import type { GradeBand, PolicyFile, WeightNode } from '../core/model/types.generated.ts';
import { policyInForce } from '../core/policy/policy-versions.ts';
import type { PolicyEntry } from './mpflow-loader.ts';
import { messagesUnder, textsUnder } from './site-messages.ts';

/**
 * A page's language: any BCP 47 tag the department lists (content/department.yaml `locales`) and
 * has messages for. The handbook's policy components speak the two languages policies are written
 * in (`Language`), a Chinese locale the Chinese half.
 */
export type Lang = Locale;

/**
 * The zone that decides which date "today" is when choosing the policy in force. Everything shown
 * after that uses the chosen policy's own `timezone` (departmentTimeZone below).
 */
const POLICY_CHOICE_TIME_ZONE = DEFAULT_TIME_ZONE;

export function todayInDepartment(now: Date = new Date(currentInstant())): string {
  return dateInTimeZone(now.toISOString(), POLICY_CHOICE_TIME_ZONE);
}

/**
 * The policy in force on `on` (YYYY-MM-DD; default: today in Beijing time). Passing a version's
 * effective date selects that version. Before the first version takes effect (a head preparing
 * January in December) the first version is shown, and policyLine says it is not yet in force:
 * the handbook of a department that is just starting is the rules it is about to work by.
 */
export function choosePolicy(policies: readonly PolicyEntry[], on: string = todayInDepartment()): PolicyEntry {
  const policy = policyInForce(policies, on) ?? upcomingPolicy(policies, on);
  if (!policy) throw new NoPolicyError();
  return policy;
}

/** The first version that takes effect after `on`, if any. */
export function upcomingPolicy<T extends { effective: string }>(policies: readonly T[], on: string): T | undefined {
  let chosen: T | undefined;
  for (const policy of policies) {
    if (typeof policy.effective !== 'string' || policy.effective <= on) continue;
    if (!chosen || policy.effective < chosen.effective) chosen = policy;
  }
  return chosen;
}

/** Whether a version shown today is still to come. */
export function isUpcoming(policy: { effective: string }, today: string = todayInDepartment()): boolean {
  return policy.effective > today;
}

/** A repository without any policy version: `mpflow check` reports it (policy/missing) before the site is built. */
export class NoPolicyError extends Error {
  constructor() {
    super('content/policy/ holds no policy version; create one with mpflow new policy (mpflow check says so too).');
    this.name = 'NoPolicyError';
  }
}

/** The department's time zone, from the policy in force: dates and times on the site are shown in it. */
export async function departmentTimeZone(): Promise<string> {
  return (await policyFor()).timezone;
}

/** The props every policy component takes. */
export interface PolicyComponentProps {
  lang: string;
  /** A date (YYYY-MM-DD): show the policy in force on it. Default: today in Beijing time. */
  effective?: string;
}

/** What every policy component starts from: its language, the policy it shows and the words around it. */
export async function policyComponentContext(
  props: PolicyComponentProps,
): Promise<{ lang: Language; policy: PolicyEntry; t: PolicyLabels }> {
  const lang = normalizeLang(props.lang);
  return { lang, policy: await policyFor(props.effective), t: policyLabels(lang) };
}

/** The policy a handbook component shows, read from the `policies` collection. */
export async function policyFor(effective?: string): Promise<PolicyEntry> {
  const entries = await getCollection('policies');
  return choosePolicy(
    entries.map((entry) => entry.data),
    effective,
  );
}

/** A page's language; the handbook's first language when none or an unknown one is given. */
export function normalizeLang(lang: string | undefined): Language {
  return lang ? (parseLanguage(lang) ?? languageOfLocale(lang)) : 'zh-CN';
}

/**
 * "微信部管理制度（2026 年版） · 2026-01-01 起生效" — names the version a table was read from; a
 * version still to come says so: "尚未生效，2027-01-01 起生效" / "not yet in force: takes effect on 2027-01-01".
 */
export function policyLine(policy: PolicyEntry, lang: Lang, today: string = todayInDepartment()): string {
  return messagesUnder(lang, 'site-policy')(isUpcoming(policy, today) ? 'lineUpcoming' : 'line', {
    title: pick(policy.title, languageOfLocale(lang)),
    effective: policy.effective,
  });
}

// ------------------------------------------------------------------ numbers -----

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, ...options });
}

export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang).format(value);
}

/** Weights are percentages of the total score. */
export function formatPercent(value: number, lang: Lang): string {
  return `${formatNumber(value, lang)}%`;
}

export function formatCoefficient(value: number, lang: Lang): string {
  return numberFormat(lang, { minimumFractionDigits: 1 }).format(value);
}

export function formatChars(value: number, lang: Lang): string {
  return messagesUnder(lang, 'site-policy')('chars', { value: formatNumber(value, lang) });
}

/** Binary units, as WeChat states its limits ("1 MB" = 1,048,576 bytes). */
export function formatBytes(value: number, lang: Lang): string {
  const units: Array<[string, number]> = [
    ['MB', 1024 * 1024],
    ['KB', 1024],
  ];
  for (const [unit, size] of units) {
    if (value >= size) return `${formatNumber(value / size, lang)} ${unit}`;
  }
  return messagesUnder(lang, 'site-policy')('bytes', { value: formatNumber(value, lang) });
}

export function formatMinutes(value: number, lang: Lang): string {
  return messagesUnder(lang, 'site-policy')('minutes', { value: formatNumber(value, lang), count: value });
}

export function formatDueDay(day: number, lang: Lang): string {
  return messagesUnder(lang, 'site-policy')('dueDay', { day });
}

/** Zones the department is likely to name get a familiar name; others show as IANA names. */
export function formatTimeZone(zone: string, lang: Lang): string {
  if (zone === 'Asia/Shanghai') return messagesUnder(lang, 'site-policy')('beijingTime');
  return zone;
}

// ------------------------------------------------------------------ weights -----

export interface WeightRow {
  node: WeightNode;
  /** 0 for a top-level category. */
  depth: number;
  isLeaf: boolean;
}

/** The weight tree in reading order, grouped by top-level category. */
export function weightGroups(policy: PolicyFile): WeightRow[][] {
  return policy.appraisal.weights.map((category) => {
    const rows: WeightRow[] = [];
    const visit = (node: WeightNode, depth: number) => {
      const isLeaf = !node.children || node.children.length === 0;
      rows.push({ node, depth, isLeaf });
      for (const child of node.children ?? []) visit(child, depth + 1);
    };
    visit(category, 0);
    return rows;
  });
}

export function totalWeight(policy: PolicyFile): number {
  // Sum in hundredths so 0.1 + 0.2 style weights add up to what the checker accepted.
  return policy.appraisal.weights.reduce((sum, node) => sum + Math.round(node.weight * 100), 0) / 100;
}

// ------------------------------------------------------------------- labels -----

type Measure = NonNullable<WeightNode['measure']>;
type Source = NonNullable<WeightNode['source']>;
type Rater = keyof PolicyFile['appraisal']['raterWeights'];
type CycleStep = keyof PolicyFile['appraisal']['cycle'];

export interface PolicyLabels {
  weights: { title: string; indicator: string; weight: string; measure: string; source: string; total: string };
  measure: Record<Measure, string>;
  source: Record<Source, string>;
  raters: { title: string; rater: string; weight: string; note: string };
  rater: Record<Rater, string>;
  raterNote: Record<Rater, (minPeers: number) => string>;
  cycle: { title: string; due: string; who: string; what: string };
  cycleSteps: Record<CycleStep, { who: string; what: string }>;
  grades: { title: string; grade: string; min: string; bonus: string; promotion: string; training: string };
  promotionEligible: string;
  trainingNeed: string;
  no: string;
  limits: { title: string; item: string; limit: string; platform: string; readability: string };
  limitItems: {
    title: string;
    author: string;
    digest: string;
    body: string;
    images: string;
    paragraph: string;
    sentence: string;
    subheading: string;
  };
  limitValues: {
    atMost: (value: string) => string;
    body: (chars: string, bytes: string) => string;
    images: (bytes: string) => string;
    aimAtMost: (value: string) => string;
    subheadingEvery: (value: string) => string;
  };
  support: { title: string; item: string; requirement: string; hours: string; firstReply: string; outside: string };
  supportValues: {
    hours: (start: string, end: string) => string;
    firstReply: (minutes: string) => string;
    outside: (start: string) => string;
  };
}

const MEASURES = ['quantitative', 'qualitative'] as const satisfies readonly Measure[];
const SOURCES = ['metrics', 'campaigns', 'ratings'] as const satisfies readonly Source[];

/** The words around the handbook's policy tables in a language (`site-policy.*` messages). */
export function policyLabels(lang: Lang): PolicyLabels {
  const m = messagesUnder(lang, 'site-policy');
  const texts = <K extends string>(prefix: string, keys: readonly K[]) =>
    textsUnder(lang, `site-policy.${prefix}`, keys);
  return {
    weights: texts('weights', ['title', 'indicator', 'weight', 'measure', 'source', 'total']),
    measure: texts('measure', MEASURES),
    source: texts('source', SOURCES),
    raters: texts('raters', ['title', 'rater', 'weight', 'note']),
    rater: texts('rater', RATERS),
    raterNote: {
      supervisor: () => m('raterNote.supervisor'),
      peers: (minPeers) => m('raterNote.peers', { minPeers }),
      self: () => m('raterNote.self'),
    },
    cycle: texts('cycle', ['title', 'due', 'who', 'what']),
    cycleSteps: Object.fromEntries(
      CYCLE_STEPS.map((step) => [step, texts(`cycleSteps.${step}`, ['who', 'what'])]),
    ) as PolicyLabels['cycleSteps'],
    grades: texts('grades', ['title', 'grade', 'min', 'bonus', 'promotion', 'training']),
    promotionEligible: m('promotionEligible'),
    trainingNeed: m('trainingNeed'),
    no: m('no'),
    limits: texts('limits', ['title', 'item', 'limit', 'platform', 'readability']),
    limitItems: texts('limitItems', [
      'title',
      'author',
      'digest',
      'body',
      'images',
      'paragraph',
      'sentence',
      'subheading',
    ]),
    limitValues: {
      atMost: (value) => m('limitValues.atMost', { value }),
      body: (chars, bytes) => m('limitValues.body', { chars, bytes }),
      images: (bytes) => m('limitValues.images', { bytes }),
      aimAtMost: (value) => m('limitValues.aimAtMost', { value }),
      subheadingEvery: (value) => m('limitValues.subheadingEvery', { value }),
    },
    support: texts('support', ['title', 'item', 'requirement', 'hours', 'firstReply', 'outside']),
    supportValues: {
      hours: (start, end) => m('supportValues.hours', { start, end }),
      firstReply: (minutes) => m('supportValues.firstReply', { minutes }),
      outside: (start) => m('supportValues.outside', { start }),
    },
  };
}

export const RATERS: readonly Rater[] = ['supervisor', 'peers', 'self'];

export const CYCLE_STEPS: readonly CycleStep[] = [
  'selfAssessmentDueDay',
  'supervisorDueDay',
  'peersDueDay',
  'hrComputationDueDay',
  'interviewDueDay',
  'applicationDueDay',
];

/** Grades from the highest threshold down, as the scoring program assigns them. */
export function gradesInOrder(policy: PolicyFile): GradeBand[] {
  return [...policy.appraisal.grades].sort((a, b) => b.min - a.min);
}
