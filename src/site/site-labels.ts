/**
 * Words and addresses of the department pages (archive, topic library, campaigns, team): the
 * plain Astro pages that sit next to the Starlight handbook. Pure: no `astro:content` here, so
 * unit tests can import it.
 */
import type { Role } from '../core/team/roster.ts';
import type { CampaignFile, TopicFile } from '../core/model/types.generated.ts';
import type { Lang } from './policy-view.ts';
import { localizedUrl } from './localized-url.ts';

export type { Lang };

/** The department pages, in navigation order. `handbook` is Starlight's home page. */
export const SITE_PAGES = [
  'handbook',
  'articles',
  'calendar',
  'topics',
  'campaigns',
  'team',
  'training',
  'dashboards',
  'scores',
] as const;
export type SitePage = (typeof SITE_PAGES)[number];

/**
 * The address of a page in a language: zh-CN at the root, English under /en/ (Starlight's
 * locales). `base` is Astro's `import.meta.env.BASE_URL`.
 */
export function pageHref(page: SitePage, lang: Lang, base?: string): string {
  return localizedUrl(page === 'handbook' ? '' : `${page}/`, lang, base);
}

export const OTHER_LANG: Record<Lang, Lang> = { 'zh-CN': 'en', en: 'zh-CN' };

/** The name of each language in itself, for the language switch. */
export const LANG_NAME: Record<Lang, string> = { 'zh-CN': '简体中文', en: 'English' };

/** The department's records are written in Chinese; English pages mark them so. */
export const CONTENT_LANG = 'zh-CN';

/** `lang` for an element holding repository text: only needed where the page is not Chinese. */
export function contentLang(lang: Lang): string | undefined {
  return lang === 'zh-CN' ? undefined : CONTENT_LANG;
}

type Decision = TopicFile['decision'];
type CampaignKind = CampaignFile['kind'];

export interface SiteLabels {
  nav: Record<SitePage, string>;
  navLabel: string;
  skipLink: string;
  switchLanguage: string;
  /** The colour theme picker, as the handbook's (Starlight's) names it. */
  theme: { label: string; auto: string; dark: string; light: string };
  /** "：" after a Chinese label, ": " after an English one. */
  colon: string;
  footer: (builtAt: string) => string;
  none: string;
  month: (month: string) => string;
  dateTime: (date: string, time: string) => string;
  articles: {
    title: string;
    description: string;
    summary: (count: number, months: number) => string;
    statusNote: (builtAt: string) => string;
    jumpTo: string;
    monthCount: (count: number) => string;
    monthCaption: (month: string, count: number, scheduled: number) => string;
    date: string;
    article: string;
    author: string;
    designer: string;
    topic: string;
    campaign: string;
    status: string;
    tags: string;
    scheduled: string;
    due: string;
    empty: string;
  };
  topics: {
    title: string;
    description: string;
    caption: (count: number) => string;
    summary: (counts: Record<Decision, number>) => string;
    id: string;
    topic: string;
    angle: string;
    pillar: string;
    decision: string;
    proposed: string;
    meeting: string;
    owner: string;
    articles: string;
    decisions: Record<Decision, string>;
    empty: string;
  };
  team: {
    title: string;
    description: string;
    roles: Record<Role, string>;
    caption: (role: string, count: number) => string;
    former: string;
    formerCaption: (count: number) => string;
    name: string;
    jobTitle: string;
    github: string;
    supervisor: string;
    joined: string;
    left: string;
    count: (count: number) => string;
    privacy: string;
  };
  campaigns: {
    title: string;
    description: string;
    kinds: Record<CampaignKind, string>;
    kind: string;
    period: string;
    owner: string;
    goal: string;
    prizes: string;
    prize: (name: string, quantity: number, value: string | undefined) => string;
    results: string;
    resultsCaption: (title: string) => string;
    measure: string;
    target: string;
    actual: string;
    met: string;
    metYes: string;
    metNo: string;
    participants: string;
    validEntries: string;
    conversions: string;
    conversionRate: string;
    satisfaction: string;
    surveyResponses: (count: string) => string;
    conversionDefinition: string;
    winners: string;
    winnersNote: string;
    drawSeed: string;
    noResults: string;
    articles: string;
    rules: string;
    yuan: (value: string) => string;
    empty: string;
  };
}

const EN_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const SITE_LABELS: Record<Lang, SiteLabels> = {
  'zh-CN': {
    nav: {
      handbook: '手册',
      articles: '文章',
      calendar: '发布日历',
      topics: '选题库',
      campaigns: '活动',
      team: '团队',
      training: '培训',
      dashboards: '数据',
      scores: '考核',
    },
    navLabel: '部门页面',
    skipLink: '跳到正文',
    switchLanguage: '切换语言',
    theme: { label: '选择主题', auto: '自动', dark: '深色', light: '浅色' },
    colon: '：',
    footer: (builtAt) => `内容读取自部门仓库（content/），网站构建于 ${builtAt}（北京时间）。`,
    none: '无',
    month: (month) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`,
    dateTime: (date, time) => `${date} ${time}`,
    articles: {
      title: '文章',
      description: '公众号的全部文章，按计划发布时间分月排列。',
      summary: (count, months) => `共 ${count} 篇文章，分布在 ${months} 个月。日期为北京时间。`,
      statusNote: (builtAt) =>
        `状态与发布日历相同：发出与否来自 content/publishing/ 的发布记录；没有发布记录的文章，以网站构建时间 ${builtAt} 比较计划发布时间。`,
      jumpTo: '按月份跳转',
      monthCount: (count) => `${count} 篇`,
      monthCaption: (month, count, scheduled) =>
        `${month}的文章：${count} 篇${scheduled > 0 ? `，其中 ${scheduled} 篇已排期` : ''}`,
      date: '日期',
      article: '标题与摘要',
      author: '作者',
      designer: '设计',
      topic: '选题',
      campaign: '活动',
      status: '状态',
      tags: '标签',
      scheduled: '已排期',
      due: '已到发布时间',
      empty: '仓库里还没有文章。',
    },
    topics: {
      title: '选题库',
      description: '选题会上提出和讨论过的全部选题：方向、决定、负责人、切入角度，以及用到它的文章。',
      caption: (count) => `全部选题（${count} 个），按提出日期从新到旧排列`,
      summary: (c) => `通过 ${c.accepted} 个 · 待议 ${c.proposed} 个 · 暂缓 ${c.parked} 个 · 否决 ${c.rejected} 个。`,
      id: '编号',
      topic: '选题与切入角度',
      angle: '切入角度',
      pillar: '方向',
      decision: '决定',
      proposed: '提出',
      meeting: '选题会',
      owner: '负责人',
      articles: '文章',
      decisions: { proposed: '待议', accepted: '通过', parked: '暂缓', rejected: '否决' },
      empty: '选题库还是空的。',
    },
    team: {
      title: '团队',
      description: '部门成员，按角色分组。',
      roles: {
        head: '主管',
        operator: '运营专员',
        copywriter: '文案策划',
        designer: '设计师',
        support: '客服',
        hr: '人力资源',
      },
      caption: (role, count) => `${role}（${count} 人）`,
      former: '已离职成员',
      formerCaption: (count) => `已离职成员（${count} 人）`,
      name: '姓名',
      jobTitle: '职位',
      github: 'GitHub',
      supervisor: '直属上级',
      joined: '入职日期',
      left: '离职日期',
      count: (count) =>
        `微信部共有 ${count} 位成员。一人身兼数职时，会出现在每个角色下；审核权限以 main 分支上的名册为准。`,
      privacy: '本页只列出名册中的公开信息，不含请假事由和任何考核数据。',
    },
    campaigns: {
      title: '活动',
      description: '公众号活动的目的、时间、奖品、目标与结果。',
      kinds: { lottery: '抽奖', quiz: '问答', vote: '投票' },
      kind: '类型',
      period: '活动时间',
      owner: '负责人',
      goal: '活动目的',
      prizes: '奖品',
      prize: (name, quantity, value) => `${name} × ${quantity}${value ? `（每份 ${value}）` : ''}`,
      results: '目标与结果',
      resultsCaption: (title) => `${title}：目标与实际结果`,
      measure: '指标',
      target: '目标',
      actual: '实际',
      met: '达成',
      metYes: '达成',
      metNo: '未达成',
      participants: '参与人数',
      validEntries: '有效参与',
      conversions: '转化人数',
      conversionRate: '转化率（转化人数 ÷ 参与人数）',
      satisfaction: '满意度（1–5）',
      surveyResponses: (count) => `回收问卷 ${count} 份`,
      conversionDefinition: '转化口径',
      winners: '中奖者',
      winnersNote: '昵称按仓库记录部分遮挡。',
      drawSeed: '抽签种子',
      noResults: '活动结束后填写结果。',
      articles: '相关文章',
      rules: '活动规则全文',
      yuan: (value) => `${value} 元`,
      empty: '还没有活动记录。',
    },
  },
  en: {
    nav: {
      handbook: 'Handbook',
      articles: 'Articles',
      calendar: 'Calendar',
      topics: 'Topics',
      campaigns: 'Campaigns',
      team: 'Team',
      training: 'Training',
      dashboards: 'Dashboards',
      scores: 'Appraisals',
    },
    navLabel: 'Department pages',
    skipLink: 'Skip to content',
    switchLanguage: 'Switch language',
    theme: { label: 'Select theme', auto: 'Auto', dark: 'Dark', light: 'Light' },
    colon: ': ',
    footer: (builtAt) => `Read from the department repository (content/); site built ${builtAt} (Beijing time).`,
    none: 'None',
    month: (month) => EN_MONTH.format(new Date(`${month}-01T00:00:00Z`)),
    dateTime: (date, time) => `${date} ${time}`,
    articles: {
      title: 'Articles',
      description: 'Every article of the account, by month of its scheduled publication.',
      summary: (count, months) =>
        `${count} ${count === 1 ? 'article' : 'articles'} over ${months} ${months === 1 ? 'month' : 'months'}. Dates are Beijing time.`,
      statusNote: (builtAt) =>
        `States are the calendar's: whether an article went out comes from its publish record (content/publishing/); without one, publishAt is compared with the site build (${builtAt}).`,
      jumpTo: 'Jump to a month',
      monthCount: (count) => `(${count})`,
      monthCaption: (month, count, scheduled) =>
        `Articles of ${month}: ${count}${scheduled > 0 ? `, ${scheduled} of them scheduled` : ''}`,
      date: 'Date',
      article: 'Title and digest',
      author: 'Author',
      designer: 'Designer',
      topic: 'Topic',
      campaign: 'Campaign',
      status: 'Status',
      tags: 'Tags',
      scheduled: 'Scheduled',
      due: 'Past publish time',
      empty: 'There are no articles in the repository yet.',
    },
    topics: {
      title: 'Topic library',
      description:
        'Every topic proposed at the topic meeting: pillar, decision, owner, angle and the articles that use it.',
      caption: (count) => `All topics (${count}), newest proposal first`,
      summary: (c) => `${c.accepted} accepted · ${c.proposed} proposed · ${c.parked} parked · ${c.rejected} rejected.`,
      id: 'ID',
      topic: 'Topic and angle',
      angle: 'Angle',
      pillar: 'Pillar',
      decision: 'Decision',
      proposed: 'Proposed',
      meeting: 'Meeting',
      owner: 'Owner',
      articles: 'Articles',
      decisions: { proposed: 'Proposed', accepted: 'Accepted', parked: 'Parked', rejected: 'Rejected' },
      empty: 'The topic library is empty.',
    },
    team: {
      title: 'Team',
      description: 'The department’s members, by role.',
      roles: {
        head: 'Head',
        operator: 'Operators',
        copywriter: 'Copywriters',
        designer: 'Designers',
        support: 'Support',
        hr: 'HR',
      },
      caption: (role, count) => `${role} (${count})`,
      former: 'Former members',
      formerCaption: (count) => `Former members (${count})`,
      name: 'Name',
      jobTitle: 'Title',
      github: 'GitHub',
      supervisor: 'Supervisor',
      joined: 'Joined',
      left: 'Left',
      count: (count) =>
        `The department has ${count} ${count === 1 ? 'member' : 'members'}. A member with several roles is listed under each; review rights follow the roster on the main branch.`,
      privacy: 'This page shows only the public part of the roster: no leave reasons and no appraisal data.',
    },
    campaigns: {
      title: 'Campaigns',
      description: 'The account’s campaigns: goal, period, prizes, targets and results.',
      kinds: { lottery: 'Lottery', quiz: 'Quiz', vote: 'Vote' },
      kind: 'Kind',
      period: 'Period',
      owner: 'Owner',
      goal: 'Goal',
      prizes: 'Prizes',
      prize: (name, quantity, value) => `${name} × ${quantity}${value ? ` (${value} each)` : ''}`,
      results: 'Targets and results',
      resultsCaption: (title) => `${title}: targets and results`,
      measure: 'Measure',
      target: 'Target',
      actual: 'Actual',
      met: 'Met',
      metYes: 'Met',
      metNo: 'Not met',
      participants: 'Participants',
      validEntries: 'Valid entries',
      conversions: 'Conversions',
      conversionRate: 'Conversion rate (conversions ÷ participants)',
      satisfaction: 'Satisfaction (1–5)',
      surveyResponses: (count) => `${count} survey responses`,
      conversionDefinition: 'What counts as a conversion',
      winners: 'Winners',
      winnersNote: 'Nicknames are masked as recorded in the repository.',
      drawSeed: 'Draw seed',
      noResults: 'Results are filled in when the campaign ends.',
      articles: 'Related articles',
      rules: 'Full rules',
      yuan: (value) => `¥${value}`,
      empty: 'No campaigns yet.',
    },
  },
};
