/**
 * Shared lookups of the handbook's policy components: which policy version a page shows, and
 * the words and number formats around its values, in both handbook languages. The numbers
 * themselves always come from the policy file, through the `policies` content collection.
 */
import { DEFAULT_TIME_ZONE } from '../core/policy/department-clock.ts';
import { currentInstant } from '../core/clock.ts';
import { getCollection } from 'astro:content';
import { type Locale, localizedTextLanguage } from '../core/i18n/catalogue.ts';
import { parseLanguage, type Language } from '../core/i18n/language.ts';
import { dateInTimeZone } from '../core/model/dates.ts';
import type { GradeBand, PolicyFile, WeightNode } from '../core/model/types.generated.ts';
import { policyInForce } from '../core/policy/policy-versions.ts';
import type { PolicyEntry } from './mpflow-loader.ts';

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
  return { lang, policy: await policyFor(props.effective), t: LABELS[lang] };
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
  return lang ? (parseLanguage(lang) ?? localizedTextLanguage(lang)) : 'zh-CN';
}

/**
 * "微信部管理制度（2026 年版） · 2026-01-01 起生效" — names the version a table was read from; a
 * version still to come says so: "尚未生效，2027-01-01 起生效" / "not yet in force: takes effect on 2027-01-01".
 */
export function policyLine(policy: PolicyEntry, lang: Lang, today: string = todayInDepartment()): string {
  const english = localizedTextLanguage(lang) === 'en';
  if (isUpcoming(policy, today)) {
    return english
      ? `${policy.title.en}, not yet in force: takes effect on ${policy.effective}`
      : `${policy.title.zh} · 尚未生效，${policy.effective} 起生效`;
  }
  return english
    ? `${policy.title.en}, effective ${policy.effective}`
    : `${policy.title.zh} · ${policy.effective} 起生效`;
}

// ------------------------------------------------------------------ numbers -----

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  // British English groups and rounds as the English handbook always has.
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang, { maximumFractionDigits: 2, ...options });
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
  return localizedTextLanguage(lang) === 'en'
    ? `${formatNumber(value, lang)} characters`
    : `${formatNumber(value, lang)} 字`;
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
  return localizedTextLanguage(lang) === 'en'
    ? `${formatNumber(value, lang)} bytes`
    : `${formatNumber(value, lang)} 字节`;
}

export function formatMinutes(value: number, lang: Lang): string {
  return localizedTextLanguage(lang) === 'en'
    ? `${formatNumber(value, lang)} ${value === 1 ? 'minute' : 'minutes'}`
    : `${formatNumber(value, lang)} 分钟`;
}

export function formatDueDay(day: number, lang: Lang): string {
  return localizedTextLanguage(lang) === 'en' ? `Day ${day} of the following month` : `次月 ${day} 日`;
}

/** Zones the department is likely to name get a familiar name; others show as IANA names. */
export function formatTimeZone(zone: string, lang: Lang): string {
  if (zone === 'Asia/Shanghai')
    return localizedTextLanguage(lang) === 'en' ? 'Beijing time (Asia/Shanghai)' : '北京时间（Asia/Shanghai）';
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

export const LABELS: Record<Language, PolicyLabels> = {
  'zh-CN': {
    weights: {
      title: '考核指标与权重',
      indicator: '指标',
      weight: '权重',
      measure: '类型',
      source: '来源',
      total: '合计',
    },
    measure: { quantitative: '定量', qualitative: '定性' },
    source: { metrics: '数据', campaigns: '活动', ratings: '评价' },
    raters: { title: '评价类指标的评价人比例', rater: '评价人', weight: '比例', note: '说明' },
    rater: { supervisor: '上级', peers: '同事', self: '本人' },
    raterNote: {
      supervisor: () => '对结果负主要责任',
      peers: (minPeers) => `至少 ${minPeers} 位同事参与，取汇总结果`,
      self: () => '自评作为参考',
    },
    cycle: { title: '月度考核时间表', due: '截止时间', who: '谁', what: '做什么' },
    cycleSteps: {
      selfAssessmentDueDay: { who: '每位成员', what: '提交本人当月的自评' },
      supervisorDueDay: { who: '上级', what: '提交上级评价' },
      peersDueDay: { who: '同事', what: '提交同事互评' },
      hrComputationDueDay: { who: '人力资源', what: '汇总数据、计算得分、核对后定稿' },
      interviewDueDay: { who: '上级与成员', what: '完成绩效面谈，商定改进计划' },
      applicationDueDay: { who: '人力资源', what: '定稿当月结果，应用到奖金、晋升与培训' },
    },
    grades: {
      title: '等级与结果应用',
      grade: '等级',
      min: '最低分',
      bonus: '奖金系数',
      promotion: '晋升',
      training: '培训',
    },
    promotionEligible: '具备晋升资格',
    trainingNeed: '列入培训需求',
    no: '否',
    limits: {
      title: '内容长度与可读性阈值',
      item: '项目',
      limit: '上限',
      platform: '微信平台限制',
      readability: '可读性建议',
    },
    limitItems: {
      title: '标题',
      author: '作者名',
      digest: '摘要',
      body: '正文',
      images: '正文图片',
      paragraph: '段落长度',
      sentence: '句子长度',
      subheading: '小标题',
    },
    limitValues: {
      atMost: (value) => `不超过 ${value}`,
      body: (chars, bytes) => `少于 ${chars}，且不超过 ${bytes}`,
      images: (bytes) => `单张不超过 ${bytes}，格式为 JPG 或 PNG`,
      aimAtMost: (value) => `建议不超过 ${value}`,
      subheadingEvery: (value) => `长文每 ${value}左右至少一个`,
    },
    support: {
      title: '粉丝消息的回复要求',
      item: '项目',
      requirement: '要求',
      hours: '服务时段',
      firstReply: '首次回复时限',
      outside: '服务时段外的消息',
    },
    supportValues: {
      hours: (start, end) => `每天 ${start}–${end}`,
      firstReply: (minutes) => `收到消息后 ${minutes}内`,
      outside: (start) => `从下一个服务时段开始时（${start}）起算`,
    },
  },
  en: {
    weights: {
      title: 'Indicators and weights',
      indicator: 'Indicator',
      weight: 'Weight',
      measure: 'Measure',
      source: 'Source',
      total: 'Total',
    },
    measure: { quantitative: 'Quantitative', qualitative: 'Qualitative' },
    source: { metrics: 'Metrics', campaigns: 'Campaigns', ratings: 'Ratings' },
    raters: { title: 'Rater weights for rated indicators', rater: 'Rater', weight: 'Weight', note: 'Notes' },
    rater: { supervisor: 'Supervisor', peers: 'Peers', self: 'Self' },
    raterNote: {
      supervisor: () => 'Carries the main responsibility for the result',
      peers: (minPeers) => `At least ${minPeers} ${minPeers === 1 ? 'peer' : 'peers'}; only their aggregate is used`,
      self: () => 'The self-assessment counts as a reference',
    },
    cycle: { title: 'The monthly timetable', due: 'Deadline', who: 'Who', what: 'What' },
    cycleSteps: {
      selfAssessmentDueDay: { who: 'Every member', what: 'Submit your self-assessment for the month' },
      supervisorDueDay: { who: 'Supervisor', what: 'Submit the supervisor rating' },
      peersDueDay: { who: 'Peers', what: 'Submit peer ratings' },
      hrComputationDueDay: { who: 'HR', what: 'Collect the data, compute the scores, check and finalise' },
      interviewDueDay: {
        who: 'Supervisor and member',
        what: 'Hold the feedback interview and agree an improvement plan',
      },
      applicationDueDay: {
        who: 'HR',
        what: 'Finalise the month and apply the results to bonus, promotion and training',
      },
    },
    grades: {
      title: 'Grades and how results are used',
      grade: 'Grade',
      min: 'Minimum score',
      bonus: 'Bonus coefficient',
      promotion: 'Promotion',
      training: 'Training',
    },
    promotionEligible: 'Eligible',
    trainingNeed: 'Training need recorded',
    no: 'No',
    limits: {
      title: 'Length and readability limits',
      item: 'Item',
      limit: 'Limit',
      platform: 'WeChat platform limits',
      readability: 'Readability guidance',
    },
    limitItems: {
      title: 'Title',
      author: 'Author name',
      digest: 'Digest',
      body: 'Body',
      images: 'Body images',
      paragraph: 'Paragraph length',
      sentence: 'Sentence length',
      subheading: 'Subheadings',
    },
    limitValues: {
      atMost: (value) => `At most ${value}`,
      body: (chars, bytes) => `Under ${chars} and at most ${bytes}`,
      images: (bytes) => `At most ${bytes} each, JPG or PNG`,
      aimAtMost: (value) => `Aim for at most ${value}`,
      subheadingEvery: (value) => `At least one every ${value} or so in long articles`,
    },
    support: {
      title: 'Replying to reader messages',
      item: 'Item',
      requirement: 'Requirement',
      hours: 'Service hours',
      firstReply: 'First-reply deadline',
      outside: 'Messages outside service hours',
    },
    supportValues: {
      hours: (start, end) => `${start}–${end} every day`,
      firstReply: (minutes) => `Within ${minutes} of receiving the message`,
      outside: (start) => `The clock starts when service hours next begin (${start})`,
    },
  },
};

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
