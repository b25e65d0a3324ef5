/**
 * `mpflow/astro`: the whole department site as one Astro integration, the way
 * `@astrojs/starlight` is one. A department's astro.config.mjs is
 *
 *   import { defineConfig } from 'astro/config';
 *   import mpflow from 'mpflow/astro';
 *   export default defineConfig({ integrations: [mpflow()] });
 *
 * and its src/content.config.ts is `export { collections } from 'mpflow/astro/content';`.
 * The integration adds Starlight (the handbook, configured from content/department.yaml), the
 * department pages of this package's src/pages/, the articles' images and the internal build's
 * pages (src/site/site-profile-integration.ts).
 */
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import starlight from '@astrojs/starlight';
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { readDepartmentSettings, DepartmentSettingsError } from '../core/department/settings.ts';
import { astroSiteOptionsFrom } from '../core/department/site-options.ts';
import { MessageCatalogue } from '../core/i18n/catalogue.ts';
import { toolDigest } from '../core/cache/check-cache.ts';
import { articleImages } from '../site/article-images.ts';
import { basePathLinks } from '../site/base-path.ts';
import { codeBlockNames } from '../site/code-block-names.ts';
import {
  PREVIEW_CACHE_FOLDER_VARIABLE,
  PREVIEW_CACHE_TOOL_VARIABLE,
  prunePreviewCache,
} from '../site/preview-cache.ts';
import { siteProfile } from '../site/site-profile.ts';
import { siteProfilePages } from '../site/site-profile-integration.ts';
import { searchIndex } from './search-index.ts';
import { starlightOptions } from './starlight-options.ts';

export interface MpflowIntegrationOptions {
  /**
   * Whether to add the package's department pages (src/pages/) as routes. By default they are
   * added unless the project is the mpflow repository itself, where Astro already routes them.
   */
  injectPages?: boolean;
  /** Starlight options laid over the ones the settings give (e.g. `components`, `social`). */
  starlight?: Partial<StarlightUserConfig>;
}

/** The package root: this file is src/astro/index.ts in the repository and lib/astro/index.js when installed. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES_ROOT = path.join(PACKAGE_ROOT, 'src', 'pages');

/**
 * Starlight's base styles, which the department pages load as Starlight's Page.astro does
 * (src/components/site/SiteLayout.astro). Starlight's exports name only markdown.css, and where
 * the package sits depends on the install (hoisted in a department, top-level here), so the pages
 * import them as `virtual:mpflow/starlight-style/<file>.css` and this alias finds the folder.
 */
export const STARLIGHT_STYLE_ALIAS = /^virtual:mpflow\/starlight-style\/([a-z-]+\.css)$/;
function starlightStyleFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight'))), 'style');
}
const PAGE_FILE = /\.(astro|md|mdx|ts|js)$/;

/**
 * Every page file under src/pages/ as a route, with Astro's own file-routing rule for its
 * pattern: src/pages/[...locale]/articles/[id]/index.astro → /[...locale]/articles/[id],
 * …/index.astro → its folder. Files and folders starting with _ are not pages.
 */
export function packagePageRoutes(pagesRoot = PAGES_ROOT): Array<{ pattern: string; entrypoint: string }> {
  const routes: Array<{ pattern: string; entrypoint: string }> = [];
  for (const entry of readdirSync(pagesRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !PAGE_FILE.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const segments = path.relative(pagesRoot, file).split(path.sep);
    if (segments.some((segment) => segment.startsWith('_'))) continue;
    const last = segments.pop()!.replace(PAGE_FILE, '');
    if (last !== 'index') segments.push(last);
    routes.push({ pattern: `/${segments.join('/')}`, entrypoint: file });
  }
  return routes.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

function samePath(a: string, b: string): boolean {
  const real = (value: string) => {
    try {
      return realpathSync(value);
    } catch {
      return path.resolve(value);
    }
  };
  return real(a) === real(b);
}

export default function mpflow(options: MpflowIntegrationOptions = {}): AstroIntegration {
  let previewFolder: string | undefined;
  return {
    name: 'mpflow',
    hooks: {
      'astro:config:done': ({ config }) => {
        // The articles' phone previews of the last build (src/site/preview-cache.ts), next to
        // Astro's own content cache; MPFLOW_CACHE=off renders every one, as it checks every file.
        if (process.env.MPFLOW_CACHE === 'off' || process.env.MPFLOW_CACHE === '0') return;
        previewFolder = path.join(fileURLToPath(config.cacheDir), 'mpflow-previews');
        process.env[PREVIEW_CACHE_FOLDER_VARIABLE] = previewFolder;
        process.env[PREVIEW_CACHE_TOOL_VARIABLE] = toolDigest();
      },
      'astro:build:done': ({ logger }) => {
        if (!previewFolder) return;
        const removed = prunePreviewCache(previewFolder);
        if (removed > 0) logger.debug(`${removed} phone previews no article uses any more removed from the cache`);
      },
      'astro:config:setup': ({ config, updateConfig, injectRoute, logger }) => {
        const projectRoot = fileURLToPath(config.root);
        const repositoryRoot = process.env.MPFLOW_REPOSITORY
          ? path.resolve(process.env.MPFLOW_REPOSITORY)
          : projectRoot;
        let settings: ReturnType<typeof readDepartmentSettings>;
        try {
          settings = readDepartmentSettings(repositoryRoot);
        } catch (error) {
          if (!(error instanceof DepartmentSettingsError)) throw error;
          // A plain message with file:line:column: a stack through the integration would bury it.
          const plain = new Error(`mpflow: ${error.message}`);
          plain.stack = plain.message;
          throw plain;
        }
        const profile = siteProfile();
        const site = astroSiteOptionsFrom(settings);
        const handbook = starlightOptions({
          settings,
          profile,
          docsFolder: path.join(fileURLToPath(config.srcDir), 'content', 'docs'),
          themeCss: path.join(PACKAGE_ROOT, 'src', 'styles', 'theme.css'),
          // The department's own languages and wording (i18n/) name the handbook's languages and sidebar too.
          messages: MessageCatalogue.load({ departmentRoot: repositoryRoot }),
        });
        const injectPages = options.injectPages ?? !samePath(projectRoot, PACKAGE_ROOT);
        if (injectPages) {
          for (const route of packagePageRoutes())
            injectRoute({ pattern: route.pattern, entrypoint: route.entrypoint });
          logger.debug(`department pages injected from ${PAGES_ROOT}`);
        }
        updateConfig({
          // Starlight turns on Astro's link prefetching, whose module script Astro adds to every
          // page; the dashboards must ship no script at all, and prefetching static pages saves little.
          ...(config.prefetch === undefined ? { prefetch: false } : {}),
          // The site's address and base path from the settings, unless astro.config.mjs gives them.
          ...(site.site && !config.site ? { site: site.site } : {}),
          ...(config.base === '/' && site.base !== '/' ? { base: site.base } : {}),
          integrations: [
            // Handbook links written from the site's root gain the base path (src/site/base-path.ts);
            // code blocks get names for when they become scrollable regions (src/site/code-block-names.ts).
            starlight({
              ...handbook,
              ...options.starlight,
              // The search index is built while the pages render (searchIndex() below), not by
              // Starlight after the build; its search box stays, named as an override.
              pagefind: false,
              components: {
                Search: path.join(PACKAGE_ROOT, 'src', 'components', 'site', 'StarlightSearch.astro'),
                ...options.starlight?.components,
              },
              plugins: [basePathLinks(), codeBlockNames(), ...(options.starlight?.plugins ?? [])],
            }),
            searchIndex(),
            // The articles' images next to their phone previews (/articles/<id>/figure-1.png).
            articleImages(),
            // The internal build's department pages (src/site/internal-pages/) and robots.txt.
            siteProfilePages(),
          ],
          // The pages, components and core come as TypeScript and .astro sources: Vite must
          // compile them rather than hand them to Node, which strips no types under node_modules.
          // Astro already does so for a package with an `astro` peer dependency (a department's
          // build passes without this line); said here so it does not rest on that detection.
          vite: {
            ssr: { noExternal: ['mpflow'] },
            resolve: { alias: [{ find: STARLIGHT_STYLE_ALIAS, replacement: `${starlightStyleFolder()}/$1` }] },
          },
        });
      },
    },
  };
}
