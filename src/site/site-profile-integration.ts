/**
 * The Astro side of the two site builds (site-profile.ts): the internal build injects the
 * department pages as routes and writes a robots.txt that keeps crawlers out; the public build
 * has no route for them at all, so nothing of theirs is rendered, indexed or linked.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { INTERNAL_PAGES, internalRoutes, siteProfile } from './site-profile.ts';

/**
 * A link to a department page in the public build (the handbook says "the site's dashboards")
 * would lead nowhere: it is kept as plain text, marked data-mpflow-internal-link.
 */
export function unlinkInternalPages(html: string, base = '/'): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = new RegExp(
    `<a\\b[^>]*\\bhref="${escaped}(?:[a-z]{2,3}(?:-[a-z0-9]+)*/)?(?:${INTERNAL_PAGES.join('|')})/[^"]*"[^>]*>([\\s\\S]*?)</a>`,
    'g',
  );
  return html.replace(link, '<span data-mpflow-internal-link>$1</span>');
}

export function siteProfilePages(): AstroIntegration {
  const profile = siteProfile();
  let base = '/';
  return {
    name: 'mpflow-site-profile',
    hooks: {
      'astro:config:setup': ({ injectRoute, logger }) => {
        logger.info(`site profile: ${profile}`);
        if (profile !== 'internal') return;
        for (const route of internalRoutes())
          injectRoute({ pattern: route.pattern, entrypoint: route.entrypoint, prerender: true });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir }) => {
        if (profile === 'public') {
          const outDir = fileURLToPath(dir);
          for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
            if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
            const file = path.join(entry.parentPath, entry.name);
            const html = await readFile(file, 'utf8');
            const unlinked = unlinkInternalPages(html, base);
            if (unlinked !== html) await writeFile(file, unlinked);
          }
        }
        const robots = profile === 'internal' ? 'User-agent: *\nDisallow: /\n' : 'User-agent: *\nAllow: /\n';
        await writeFile(fileURLToPath(new URL('robots.txt', dir)), robots);
      },
    },
  };
}
