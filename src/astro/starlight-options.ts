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

/** The department pages (src/pages/ and src/site/internal-pages/): links, not Starlight entries. */
const DEPARTMENT_LINKS = [
  { page: 'articles', zh: '文章', en: 'Articles' },
  { page: 'calendar', zh: '发布日历', en: 'Calendar' },
  { page: 'topics', zh: '选题库', en: 'Topics' },
  { page: 'campaigns', zh: '活动', en: 'Campaigns' },
  { page: 'team', zh: '团队', en: 'Team' },
  // Training is a department page too (src/site/internal-pages/training/); one navigation across handbook and department pages.
  { page: 'training', zh: '培训', en: 'Training' },
  { page: 'dashboards', zh: '数据', en: 'Dashboards' },
  { page: 'scores', zh: '考核', en: 'Appraisals' },
];

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
}

export function starlightOptions({ settings, profile, docsFolder, themeCss }: StarlightOptionsInput): StarlightOptions {
  const slugs = handbookSlugs(docsFolder);
  const chapters = [
    ...HANDBOOK_ORDER.filter((slug) => slugs.includes(slug)),
    ...slugs.filter((slug) => slug !== GUIDE && !HANDBOOK_ORDER.includes(slug)).sort(),
  ];
  const sidebar: SidebarItem[] = [];
  // Labels of handbook entries come from each page's `title`, in the reader's language.
  if (chapters.length > 0)
    sidebar.push({
      label: '手册',
      translations: { en: 'Handbook' },
      items: chapters.map((slug) => `handbook/${slug}`),
    });
  if (slugs.includes(GUIDE))
    sidebar.push({ label: '仓库指南', translations: { en: 'Repository guide' }, items: [`handbook/${GUIDE}`] });
  sidebar.push({
    // Starlight puts /en/ in front of these links in the English sidebar.
    label: '部门',
    translations: { en: 'Department' },
    items: DEPARTMENT_LINKS.filter((link) => profile === 'internal' || !isInternalPage(link.page)).map((link) => ({
      label: link.zh,
      translations: { en: link.en },
      link: `/${link.page}/`,
      attrs: { 'data-mpflow-site-page': link.page },
    })),
  });

  return {
    // Title, description, languages, icon and "Edit page" link.
    ...starlightOptionsFrom(settings),
    customCss: [themeCss],
    head: [
      // The department's accent colour over the theme's neutral one.
      { tag: 'style', content: themeStyle(settings) },
      ...(profile === 'internal' ? [{ tag: 'meta' as const, attrs: { name: 'robots', content: NOINDEX } }] : []),
    ],
    // Pagefind search stays on (Starlight's default); it indexes each language's pages separately
    // by their `lang` attribute, so Chinese queries are segmented as Chinese.
    sidebar,
  };
}
