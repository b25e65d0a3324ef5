/**
 * Starlight's options for a department's site, all from the department's settings
 * (content/department.yaml, src/core/department/settings.ts) and the handbook pages it has:
 * nothing here names a department.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import type { DepartmentSettings } from '../core/department/settings.ts';
import { starlightOptionsFrom, themeStyle } from '../core/department/site-options.ts';
import { MessageCatalogue } from '../core/i18n/catalogue.ts';
import { isInternalPage, NOINDEX, type SiteProfile } from '../site/site-profile.ts';

type StarlightOptions = StarlightUserConfig;
type SidebarItem = NonNullable<StarlightOptions['sidebar']>[number];

/**
 * The handbook's chapters in reading order. A department that leaves one out (or adds its own
 * page under src/content/docs/handbook/) gets a sidebar of what it has: Starlight stops the
 * build on a sidebar entry without a page.
 */
const HANDBOOK_ORDER = ['general', 'roles', 'workflow', 'standards', 'appraisal', 'training'];
const GUIDE = 'repository';

/**
 * The department pages (src/pages/ and src/site/internal-pages/): links, not Starlight entries,
 * named as the pages' own navigation names them (`site.nav.*`). Training is a department page too
 * (src/site/internal-pages/[...locale]/training/): one navigation across handbook and department pages.
 */
const DEPARTMENT_LINKS = ['articles', 'calendar', 'topics', 'campaigns', 'team', 'training', 'dashboards', 'scores'];

/** Slugs of the handbook pages in the project's src/content/docs/handbook/ (default locale). */
function handbookSlugs(docsFolder: string): string[] {
  const folder = path.join(docsFolder, 'handbook');
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(md|mdx|mdoc)$/.test(entry.name))
    .map((entry) => entry.name.replace(/\.(md|mdx|mdoc)$/, ''));
}

export interface StarlightOptionsInput {
  settings: DepartmentSettings;
  profile: SiteProfile;
  /** The project's src/content/docs/ folder. */
  docsFolder: string;
  /** The package's theme stylesheet, as an absolute path. */
  themeCss: string;
  /** The site's messages, the department's i18n/ included; the package's own by default. */
  messages?: MessageCatalogue;
}

export function starlightOptions({
  settings,
  profile,
  docsFolder,
  themeCss,
  messages = MessageCatalogue.load(),
}: StarlightOptionsInput): StarlightOptions {
  // A sidebar label in the default language, with Starlight's `translations` for the others.
  const [defaultLocale = 'zh-CN', ...otherLocales] = settings.locales;
  const labelled = (key: string) => ({
    label: messages.translator(defaultLocale).t(key),
    translations: Object.fromEntries(otherLocales.map((locale) => [locale, messages.translator(locale).t(key)])),
  });
  const slugs = handbookSlugs(docsFolder);
  const chapters = [
    ...HANDBOOK_ORDER.filter((slug) => slugs.includes(slug)),
    ...slugs.filter((slug) => slug !== GUIDE && !HANDBOOK_ORDER.includes(slug)).sort(),
  ];
  const sidebar: SidebarItem[] = [];
  // Labels of handbook entries come from each page's `title`, in the reader's language.
  if (chapters.length > 0)
    sidebar.push({ ...labelled('site.nav.handbook'), items: chapters.map((slug) => `handbook/${slug}`) });
  if (slugs.includes(GUIDE))
    sidebar.push({ ...labelled('site.sidebar.repositoryGuide'), items: [`handbook/${GUIDE}`] });
  sidebar.push({
    // Starlight puts /en/ (each language's folder) in front of these links in that language's sidebar.
    ...labelled('site.sidebar.department'),
    items: DEPARTMENT_LINKS.filter((page) => profile === 'internal' || !isInternalPage(page)).map((page) => ({
      ...labelled(`site.nav.${page}`),
      link: `/${page}/`,
      attrs: { 'data-mpflow-site-page': page },
    })),
  });

  return {
    // Title, description, languages, icon and "Edit page" link.
    ...starlightOptionsFrom(settings, messages),
    customCss: [themeCss],
    head: [
      // The department's accent colour over the theme's neutral one.
      { tag: 'style', content: themeStyle(settings) },
      ...(profile === 'internal' ? [{ tag: 'meta' as const, attrs: { name: 'robots', content: NOINDEX } }] : []),
    ],
    // Search is Pagefind's, built by the integration while pages render (src/astro/search-index.ts);
    // it indexes each language's pages separately by their `lang`, so Chinese queries are segmented as Chinese.
    sidebar,
    // Each handbook page's date of its newest commit, read from git at build time. Without git
    // history (a downloaded archive) Starlight shows no date rather than failing; a shallow clone
    // would date every page to its one commit, so pages.yml checks out the whole history.
    lastUpdated: true,
  };
}
