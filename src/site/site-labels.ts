/**
 * Words and addresses of the department pages (archive, topic library, campaigns, team): the
 * plain Astro pages that sit next to the Starlight handbook. The words are messages
 * (src/i18n/<locale>/site.yaml, site-messages.ts); this module gives them their shape and places
 * the numbers. Pure: no `astro:content` here, so unit tests can import it.
 */
import type { Role } from '../core/team/roster.ts';
import type { CampaignFile, TopicFile } from '../core/model/types.generated.ts';
import type { Lang } from './policy-view.ts';
import { type LocalizedText, languageOfLocale, pick } from '../core/i18n/language.ts';
import { siteLocales } from './department-settings.ts';
import { localizedUrl } from './localized-url.ts';
import { type Texts, messagesUnder, monthIn, textsUnder } from './site-messages.ts';

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
  return pick(text, languageOfLocale(lang));
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

/** The plain texts (no parameters) of SiteLabels.articles, one message each. */
const ARTICLES_TEXTS = [
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
] as const;

/** The plain texts (no parameters) of SiteLabels.topics, one message each. */
const TOPICS_TEXTS = [
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
] as const;

/** The plain texts (no parameters) of SiteLabels.team, one message each. */
const TEAM_TEXTS = [
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
] as const;

/** The plain texts (no parameters) of SiteLabels.campaigns, one message each. */
const CAMPAIGNS_TEXTS = [
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
] as const;

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
  /** `zone`: the department's time zone as the page names it (timeZoneName). */
  footer: (builtAt: string, zone: string) => string;
  none: string;
  month: (month: string) => string;
  dateTime: (date: string, time: string) => string;
  articles: Texts<typeof ARTICLES_TEXTS> & {
    summary: (count: number, months: number, zone: string) => string;
    statusNote: (builtAt: string) => string;
    monthCount: (count: number) => string;
    monthCaption: (month: string, count: number, scheduled: number) => string;
  };
  topics: Texts<typeof TOPICS_TEXTS> & {
    caption: (count: number) => string;
    summary: (counts: Record<Decision, number>) => string;
    decisions: Record<Decision, string>;
  };
  team: Texts<typeof TEAM_TEXTS> & {
    roles: Record<Role, string>;
    caption: (role: string, count: number) => string;
    formerCaption: (count: number) => string;
    count: (count: number) => string;
  };
  campaigns: Texts<typeof CAMPAIGNS_TEXTS> & {
    kinds: Record<CampaignKind, string>;
    prize: (name: string, quantity: number, value: string | undefined) => string;
    resultsCaption: (title: string) => string;
    surveyResponses: (count: string) => string;
    yuan: (value: string) => string;
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
    footer: (builtAt, zone) => m('footer', { builtAt, zone }),
    none: m('none'),
    month: (month) => monthIn(month, lang),
    dateTime: (date, time) => m('dateTime', { date, time }),
    articles: {
      ...texts('articles', ARTICLES_TEXTS),
      summary: (count, months, zone) => articles('summary', { count, months, zone }),
      statusNote: (builtAt) => articles('statusNote', { builtAt }),
      monthCount: (count) => articles('monthCount', { count }),
      monthCaption: (month, count, scheduled) => articles('monthCaption', { month, count, scheduled }),
    },
    topics: {
      ...texts('topics', TOPICS_TEXTS),
      caption: (count) => topics('caption', { count }),
      summary: (counts) => topics('summary', counts),
      decisions: texts('topics.decisions', DECISIONS),
    },
    team: {
      ...texts('team', TEAM_TEXTS),
      roles: texts('team.roles', ROLES),
      caption: (role, count) => team('caption', { role, count }),
      formerCaption: (count) => team('formerCaption', { count }),
      count: (count) => team('count', { count }),
    },
    campaigns: {
      ...texts('campaigns', CAMPAIGNS_TEXTS),
      kinds: texts('campaigns.kinds', CAMPAIGN_KINDS),
      prize: (name, quantity, value) => campaigns('prize', { name, quantity, value: value || 'none' }),
      resultsCaption: (title) => campaigns('resultsCaption', { title }),
      surveyResponses: (count) => campaigns('surveyResponses', { count }),
      yuan: (value) => campaigns('yuan', { value }),
    },
  };
}
