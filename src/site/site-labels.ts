/**
 * Words and addresses of the department pages (archive, topic library, campaigns, team): the
 * plain Astro pages that sit next to the Starlight handbook. The words are messages
 * (src/i18n/<locale>/site.yaml, site-messages.ts); this module gives them their shape and places
 * the numbers. Pure: no `astro:content` here, so unit tests can import it.
 */
import type { Role } from '../core/team/roster.ts';
import type { CampaignFile, TopicFile } from '../core/model/types.generated.ts';
import type { Lang } from './policy-view.ts';
import { localizedTextLanguage } from '../core/i18n/catalogue.ts';
import { type LocalizedText, pick } from '../core/i18n/language.ts';
import { siteLocales } from './department-settings.ts';
import { localizedUrl } from './localized-url.ts';
import { messagesUnder, monthIn, textsUnder } from './site-messages.ts';

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
 * The address of a page in a language: the default language at the root, the others under their
 * folder (/en/, /zh-tw/, Starlight's locales). `base` is Astro's `import.meta.env.BASE_URL`.
 */
export function pageHref(page: SitePage, lang: Lang, base?: string): string {
  return localizedUrl(page === 'handbook' ? '' : `${page}/`, lang, base);
}

/** The half of a two-language text (a policy's labels, a role's name, the account) a page shows. */
export function inLanguage(text: LocalizedText, lang: Lang): string {
  return pick(text, localizedTextLanguage(lang));
}

/** A page's address in each of the department's languages: the language switch's targets. */
export function alternatesOf(href: (lang: Lang) => string): Record<Lang, string> {
  return Object.fromEntries(siteLocales().map((lang) => [lang, href(lang)]));
}

/** The department's records are written in Chinese; English pages mark them so. */
export const CONTENT_LANG = 'zh-CN';

/** `lang` for an element holding repository text: only needed where the page is not Chinese. */
export function contentLang(lang: Lang): string | undefined {
  return lang === CONTENT_LANG ? undefined : CONTENT_LANG;
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
  /** Between the items of a short list: "、" or ", ". */
  listSeparator: string;
  /** Between clauses (reasons): "；" or "; ". */
  clauseSeparator: string;
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

const DECISIONS = ['proposed', 'accepted', 'parked', 'rejected'] as const satisfies readonly Decision[];
const ROLES = ['head', 'operator', 'copywriter', 'designer', 'support', 'hr'] as const satisfies readonly Role[];
const CAMPAIGN_KINDS = ['lottery', 'quiz', 'vote'] as const satisfies readonly CampaignKind[];

/** The words of the department pages in a language (`site.*` messages). */
export function siteLabels(lang: Lang): SiteLabels {
  const m = messagesUnder(lang, 'site');
  const under = (prefix: string) => messagesUnder(lang, `site.${prefix}`);
  const texts = <K extends string>(prefix: string, keys: readonly K[]) => textsUnder(lang, `site.${prefix}`, keys);
  const articles = under('articles');
  const topics = under('topics');
  const team = under('team');
  const campaigns = under('campaigns');
  return {
    nav: texts('nav', SITE_PAGES),
    navLabel: m('navLabel'),
    skipLink: m('skipLink'),
    switchLanguage: m('switchLanguage'),
    theme: texts('theme', ['label', 'auto', 'dark', 'light']),
    colon: m('colon'),
    listSeparator: m('listSeparator'),
    clauseSeparator: m('clauseSeparator'),
    footer: (builtAt) => m('footer', { builtAt }),
    none: m('none'),
    month: (month) => monthIn(month, lang),
    dateTime: (date, time) => m('dateTime', { date, time }),
    articles: {
      ...texts('articles', [
        'title',
        'description',
        'jumpTo',
        'date',
        'article',
        'author',
        'designer',
        'topic',
        'campaign',
        'status',
        'tags',
        'scheduled',
        'due',
        'empty',
      ]),
      summary: (count, months) => articles('summary', { count, months }),
      statusNote: (builtAt) => articles('statusNote', { builtAt }),
      monthCount: (count) => articles('monthCount', { count }),
      monthCaption: (month, count, scheduled) => articles('monthCaption', { month, count, scheduled }),
    },
    topics: {
      ...texts('topics', [
        'title',
        'description',
        'id',
        'topic',
        'angle',
        'pillar',
        'decision',
        'proposed',
        'meeting',
        'owner',
        'articles',
        'empty',
      ]),
      caption: (count) => topics('caption', { count }),
      summary: (counts) => topics('summary', counts),
      decisions: texts('topics.decisions', DECISIONS),
    },
    team: {
      ...texts('team', [
        'title',
        'description',
        'former',
        'name',
        'jobTitle',
        'github',
        'supervisor',
        'joined',
        'left',
        'privacy',
      ]),
      roles: texts('team.roles', ROLES),
      caption: (role, count) => team('caption', { role, count }),
      formerCaption: (count) => team('formerCaption', { count }),
      count: (count) => team('count', { count }),
    },
    campaigns: {
      ...texts('campaigns', [
        'title',
        'description',
        'kind',
        'period',
        'owner',
        'goal',
        'prizes',
        'results',
        'measure',
        'target',
        'actual',
        'met',
        'metYes',
        'metNo',
        'participants',
        'validEntries',
        'conversions',
        'conversionRate',
        'satisfaction',
        'conversionDefinition',
        'winners',
        'winnersNote',
        'drawSeed',
        'noResults',
        'articles',
        'rules',
        'empty',
      ]),
      kinds: texts('campaigns.kinds', CAMPAIGN_KINDS),
      prize: (name, quantity, value) => campaigns('prize', { name, quantity, value: value || 'none' }),
      resultsCaption: (title) => campaigns('resultsCaption', { title }),
      surveyResponses: (count) => campaigns('surveyResponses', { count }),
      yuan: (value) => campaigns('yuan', { value }),
    },
  };
}
