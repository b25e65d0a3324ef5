/** Words of the scoreboard pages (/scores/ and /en/scores/). Pure, so tests can import it. */
import type { CycleStepId } from '../core/scoring/cycle.ts';
import type { Lang } from './policy-view.ts';
import { localizedUrl } from './localized-url.ts';

export interface ScoresLabels {
  title: string;
  description: string;
  privacy: string;
  /** A department with no appraisal cycle open and no results yet (just started, or its policy not yet in force). */
  empty: string;
  monthly: (month: string) => string;
  finalized: string;
  notFinalized: string;
  rank: string;
  month: string;
  member: string;
  score: string;
  grade: string;
  bonus: string;
  promotion: string;
  training: string;
  yes: string;
  no: string;
  withheld: string;
  distribution: string;
  categories: string;
  annual: (year: number, provisional: boolean) => string;
  annualNote: string;
  months: string;
  excluded: string;
  cycle: (month: string, today: string) => string;
  steps: Record<CycleStepId, string>;
  /** A step's state on the progress board, in words (not colour alone). */
  done: (date?: string) => string;
  due: (date: string) => string;
  dueToday: string;
  overdue: (date: string) => string;
  progressNote: (today: string) => string;
  inProgress: string;
  countedArticles: string;
  countedArticlesNone: string;
  roleAuthor: string;
  roleDesigner: string;
  history: string;
  explanation: (month: string) => string;
  indicator: string;
  raw: string;
  target: string;
  normalised: string;
  weight: string;
  contribution: string;
  rating: string;
  peers: (mean: string, count: number) => string;
  missing: string;
  /** A rated indicator left out because, with the member's own self-assessment, it would give the supervisor's mark. */
  withheldLeaf: string;
  total: string;
  calibration: (points: string) => string;
  memberTitle: (name: string) => string;
  policy: (version: string) => string;
}

export const SCORES_LABELS: Record<Lang, ScoresLabels> = {
  'zh-CN': {
    title: '考核榜单',
    description: '按制度计算的月度与年度绩效得分、等级分布、各维度得分，以及当月考核进度。',
    empty: '还没有考核记录：制度生效后，第一个考核月结束时这里会出现考核进度，计分后出现榜单。',
    privacy:
      '榜单只显示得分、等级和逐项说明；不显示任何评语、面谈纪要、校准理由或单个评价人的打分，同事评价只以平均值出现，且只在至少 3 位同事评价、上级评价和自评都已计入时出现（否则可以从平均值倒推出某个人的打分）。',
    monthly: (month) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`,
    finalized: '已定稿',
    notFinalized: '未定稿（得分可能变化）',
    rank: '名次',
    month: '月份',
    member: '成员',
    score: '总分',
    grade: '等级',
    bonus: '奖金系数',
    promotion: '晋升资格',
    training: '培训需求',
    yes: '是',
    no: '否',
    withheld: '暂不出分',
    distribution: '等级分布',
    categories: '各维度得分',
    annual: (year, provisional) => `${year} 年度${provisional ? '（暂算，次年 1 月定）' : ''}`,
    annualNote: '年度得分 = 当年已定稿月份总分的平均值；当月休假达到制度规定天数的月份不计入。',
    months: '计入月份',
    excluded: '休假不计入',
    cycle: (month, today) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月考核进度（截至 ${today}）`,
    steps: {
      self: '自评',
      supervisor: '上级评价',
      peers: '同事互评',
      hr: '汇总计算',
      interview: '绩效面谈',
      application: '定稿应用',
    },
    done: (date) => (date ? `已提交 ${date}` : '已提交'),
    due: (date) => `未到期，截止 ${date}`,
    dueToday: '今天截止',
    overdue: (date) => `缺交（截止 ${date}）`,
    progressNote: (today) => `截至 ${today}：“已提交”有记录；“缺交”已过截止日仍无记录；“今天截止”今天内提交即可。`,
    inProgress: '进行中的月份',
    countedArticles: '计入的文章',
    countedArticlesNone: '这个月没有计入的文章。',
    roleAuthor: '撰写',
    roleDesigner: '设计',
    history: '历月得分',
    explanation: (month) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月得分说明`,
    indicator: '指标',
    raw: '原始值',
    target: '目标',
    normalised: '得分',
    weight: '权重',
    contribution: '贡献',
    rating: '综合评分',
    peers: (mean, count) => `同事平均 ${mean}（${count} 人）`,
    missing: '缺失',
    withheldLeaf: '不公开（同事评价不足，公开会推出上级打分）',
    total: '总分',
    calibration: (points) => `含校准 ${points} 分`,
    memberTitle: (name) => `${name}的考核`,
    policy: (version) => `制度 ${version}`,
  },
  en: {
    title: 'Appraisal scoreboards',
    description:
      'Monthly and annual appraisal scores computed by the policy, grade distribution, category scores and the progress of the current cycle.',
    empty:
      "No appraisals yet: once the policy is in force, the progress of the first month's appraisal appears here when that month ends, and the scoreboard once it is scored.",
    privacy:
      "Only scores, grades and their explanations are shown: no comments, interview notes, calibration reasons or single raters' scores; the peers' mean appears only when at least 3 peers rated and the supervisor's and self-assessment are both in the mix (otherwise someone's mark could be worked out from it).",
    monthly: (month) =>
      new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
    finalized: 'Finalised',
    notFinalized: 'Not finalised (scores may change)',
    rank: 'Rank',
    month: 'Month',
    member: 'Member',
    score: 'Score',
    grade: 'Grade',
    bonus: 'Bonus coefficient',
    promotion: 'Promotion',
    training: 'Training',
    yes: 'Yes',
    no: 'No',
    withheld: 'Withheld',
    distribution: 'Grade distribution',
    categories: 'Category scores',
    annual: (year, provisional) => `${year}${provisional ? ' (provisional until January)' : ''}`,
    annualNote:
      "Annual score = mean of the year's finalised monthly scores; months with at least the policy's number of leave days are left out.",
    months: 'Months counted',
    excluded: 'Left out for leave',
    cycle: (month, today) =>
      `Cycle of ${new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`))} (as of ${today})`,
    steps: {
      self: 'Self',
      supervisor: 'Supervisor',
      peers: 'Peers',
      hr: 'HR computation',
      interview: 'Interview',
      application: 'Finalised',
    },
    done: (date) => (date ? `submitted ${date}` : 'submitted'),
    due: (date) => `open, due ${date}`,
    dueToday: 'due today',
    overdue: (date) => `missing (due ${date})`,
    progressNote: (today) =>
      `As of ${today}: “submitted” has a record; “missing” is past its due date with none; “due today” can still be handed in today.`,
    inProgress: 'Months in progress',
    countedArticles: 'Articles counted',
    countedArticlesNone: 'No article counts towards this month.',
    roleAuthor: 'written',
    roleDesigner: 'designed',
    history: 'Monthly history',
    explanation: (month) =>
      `How the ${new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`))} score is made`,
    indicator: 'Indicator',
    raw: 'Raw value',
    target: 'Target',
    normalised: 'Score',
    weight: 'Weight',
    contribution: 'Contribution',
    rating: 'Mixed rating',
    peers: (mean, count) => `peers' mean ${mean} (${count})`,
    missing: 'missing',
    withheldLeaf: "not shown (too few peers: it would give the supervisor's mark away)",
    total: 'Total',
    calibration: (points) => `incl. calibration ${points}`,
    memberTitle: (name) => `${name}'s appraisals`,
    policy: (version) => `policy ${version}`,
  },
};

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
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  if (isRatio(kpi)) return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  return value.toLocaleString(locale, { maximumFractionDigits: 2 });
}
