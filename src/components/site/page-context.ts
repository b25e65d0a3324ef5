/**
 * What every department page (archive, calendar, topics, campaigns, team) starts from: the
 * department's time zone, the site's base path, the page's labels, the language of the
 * repository's own text on it, and the instant the build reads as now.
 */
import { currentInstant } from '../../core/clock.ts';
import { departmentTimeZone } from '../../site/policy-view.ts';
import { contentLang, type Lang, type SiteLabels, siteLabels } from '../../site/site-labels.ts';

export interface PageContext {
  /** The department's zone (its policy): dates and times on the page are read in it. */
  timeZone: string;
  /** Astro's base path (`--base /repo/`), for every address the page writes. */
  base: string;
  t: SiteLabels;
  /** `lang` for repository text (titles, names): Chinese even on an English page. */
  zh: string | undefined;
  /** The build's now (MPFLOW_NOW in tests), shown in the footer and used for what is due. */
  builtAt: Date;
}

export async function pageContext(lang: Lang): Promise<PageContext> {
  return {
    timeZone: await departmentTimeZone(),
    base: import.meta.env.BASE_URL,
    t: siteLabels(lang),
    zh: contentLang(lang),
    builtAt: new Date(currentInstant()),
  };
}
