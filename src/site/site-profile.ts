/**
 * The site's two builds (issue 20). GitHub Pages is public on the internet, even for a private
 * repository, so the default build is the public one: the handbook and the articles that have
 * gone out (a publish record says published), nothing else. The internal build, for hosting
 * behind the department's own access control, adds the department pages (calendar, topic
 * library, campaigns, team, dashboards, scoreboards, training) and tells search engines to keep
 * out (noindex on every page, robots.txt). Neither build ever shows a bonus coefficient, a
 * promotion eligibility or a training-need flag: those stay with HR.
 *
 *   MPFLOW_SITE_PROFILE=public   (default) astro build
 *   MPFLOW_SITE_PROFILE=internal astro build
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type SiteProfile = 'public' | 'internal';

/** Department pages that only the internal build has (each at /<page>/ in the default language and /<locale>/<page>/ in the others). */
export const INTERNAL_PAGES = ['calendar', 'topics', 'campaigns', 'team', 'dashboards', 'scores', 'training'] as const;

export function siteProfile(environment: NodeJS.ProcessEnv = process.env): SiteProfile {
  const value = environment.MPFLOW_SITE_PROFILE?.trim() || 'public';
  if (value === 'public' || value === 'internal') return value;
  throw new Error(
    `MPFLOW_SITE_PROFILE=${value}: use public (the default: handbook and published articles) or internal (every department page, for access-controlled hosting). / MPFLOW_SITE_PROFILE 只能是 public（默认：手册与已发布文章）或 internal（全部部门页面，只用于有访问控制的站点）。`,
  );
}

export function isInternalPage(page: string): boolean {
  return (INTERNAL_PAGES as readonly string[]).includes(page);
}

// Through src/ rather than ./: the installed package runs this module compiled in lib/site/, and
// the pages stay .astro sources under src/site/internal-pages/ for Vite to compile.
const INTERNAL_ROOT = fileURLToPath(new URL('../../src/site/internal-pages/', import.meta.url));

/** The internal pages as Astro routes: /scores/[member] ← src/site/internal-pages/scores/[member].astro. */
export function internalRoutes(root = INTERNAL_ROOT): Array<{ pattern: string; entrypoint: string }> {
  const routes: Array<{ pattern: string; entrypoint: string }> = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.astro')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path
      .relative(root, file)
      .split(path.sep)
      .join('/')
      .replace(/\.astro$/, '');
    const pattern = `/${relative.replace(/(^|\/)index$/, '')}`;
    routes.push({ pattern: pattern === '/' ? '/' : pattern.replace(/\/$/, ''), entrypoint: file });
  }
  return routes.sort((a, b) => (a.pattern < b.pattern ? -1 : 1));
}

export const NOINDEX = 'noindex, nofollow, noarchive';

/**
 * The articles a build may show: in the public build only those a publish record says went out
 * (content/publishing/<id>.yaml, status published) — a merged but unpublished article, or one
 * only scheduled, is not public yet. The internal build shows them all.
 */
export async function articlesForProfile<T extends { id: string }>(
  articles: readonly T[],
  profile: SiteProfile = siteProfile(),
): Promise<T[]> {
  if (profile === 'internal') return [...articles];
  const { publishingSources } = await import('./publishing-sources.ts');
  const { publishRecords } = await publishingSources();
  const published = new Set(
    publishRecords.filter((record) => record.status === 'published').map((record) => record.article),
  );
  return articles.filter((article) => published.has(article.id));
}
