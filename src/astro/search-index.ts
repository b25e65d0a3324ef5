/**
 * The site's Pagefind search index, built while Astro renders the pages rather than after.
 *
 * Starlight's own Pagefind step reads every built page back from disk once the build is done, so
 * the build waits for it: on a 2,000-article department in two languages it took about as long as
 * rendering all 4,000 pages. Pagefind's indexer is a separate process, so here each page is handed
 * to it the moment Astro has rendered it (search-index-middleware.ts taps the responses) and the
 * indexer works on the other core while Node renders the next page. At the end of the build only
 * the index files are left to write, to the same `pagefind/` folder Starlight's search UI loads.
 *
 * The pages indexed are those Starlight's step would index: pages whose HTML marks its
 * searchable part with `data-pagefind-body` (Starlight's pages except the 404, and the department
 * pages of SiteLayout.astro); Pagefind drops the others anyway once any page has that mark. An
 * article's page marks it in the default language only, and the other languages' search boxes
 * search that language's index too (src/site/shared-search.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { SEARCH_INDEX_SESSION_KEY as SESSION_KEY, type SearchIndexTap } from './search-index-tap.ts';
import path from 'node:path';

/** The package root: src/astro/ in the repository, lib/astro/ when installed, are both two folders down. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Pagefind's UI module (its `module` entry) as installed for Starlight, whose search box imports it. */
function pagefindDefaultUi(): string {
  const fromStarlight = createRequire(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
  const manifest = fromStarlight.resolve('@pagefind/default-ui/package.json');
  const { module } = JSON.parse(readFileSync(manifest, 'utf8')) as { module: string };
  return path.join(path.dirname(manifest), module);
}

type Pagefind = typeof pagefind;
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>;

/** Whether a rendered page has a searchable part: the mark Pagefind itself looks for. */
export function isSearchablePage(html: string): boolean {
  return /<[a-z][^>]*\sdata-pagefind-body[\s=>/]/i.test(html);
}

/**
 * The URL Pagefind records for a page: its path inside the site, without the base path (the
 * search UI puts the base in front, as it does for an index built from the output folder).
 */
export function searchResultPath(pathname: string, base: string): string {
  const prefix = base.replace(/\/+$/, '');
  const withoutBase = prefix && pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
  return withoutBase.startsWith('/') ? withoutBase : `/${withoutBase}`;
}

class SearchIndexSession implements SearchIndexTap {
  private readonly pending: Promise<void>[] = [];
  private readonly errors: string[] = [];
  pages = 0;

  private readonly pagefind: Pagefind;
  private readonly index: PagefindIndex;
  private readonly base: string;

  constructor(pagefindModule: Pagefind, index: PagefindIndex, base: string) {
    this.pagefind = pagefindModule;
    this.index = index;
    this.base = base;
  }

  add(pathname: string, html: string): void {
    if (!isSearchablePage(html)) return;
    this.pages += 1;
    const url = searchResultPath(pathname, this.base);
    this.pending.push(
      this.index.addHTMLFile({ url, content: html }).then(
        (response) => {
          for (const error of response.errors) this.errors.push(`${url}: ${error}`);
        },
        (error: unknown) => {
          this.errors.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
        },
      ),
    );
  }

  async write(outputPath: string, logger: AstroIntegrationLogger): Promise<void> {
    try {
      await Promise.all(this.pending);
      if (this.errors.length === 0) {
        const written = await this.index.writeFiles({ outputPath });
        this.errors.push(...written.errors);
      }
      if (this.errors.length > 0) {
        for (const error of this.errors) logger.error(`Pagefind: ${error}`);
        throw new Error(`mpflow: the search index could not be built (${this.errors.length} errors above).`);
      }
    } finally {
      await this.pagefind.close();
    }
  }
}

export function searchIndex(): AstroIntegration {
  let session: SearchIndexSession | undefined;
  let base = '/';
  return {
    name: 'mpflow-search-index',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware, updateConfig }) => {
        // Starlight's search box takes Pagefind's UI through search-index-ui.ts, which adds the
        // index of the articles' language (src/site/shared-search.ts); that module reaches the
        // real UI under a name of its own, found where Starlight's import finds it.
        updateConfig({
          vite: {
            resolve: {
              alias: [
                {
                  find: /^@pagefind\/default-ui$/,
                  replacement: path.join(PACKAGE_ROOT, 'src', 'astro', 'search-index-ui.ts'),
                },
                { find: /^virtual:mpflow\/pagefind-default-ui$/, replacement: pagefindDefaultUi() },
              ],
            },
          },
        });
        if (command !== 'build') return;
        // The source file, also in an installed package: lib/ holds only what Node runs itself, and
        // Vite compiles the middleware as it does the pages.
        addMiddleware({
          entrypoint: path.join(PACKAGE_ROOT, 'src', 'astro', 'search-index-middleware.ts'),
          order: 'post',
        });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:start': async ({ logger }) => {
        const created = await pagefind.createIndex();
        if (!created.index) throw new Error(`mpflow: Pagefind could not start (${created.errors.join('; ')}).`);
        session = new SearchIndexSession(pagefind, created.index, base);
        (globalThis as { [SESSION_KEY]?: SearchIndexTap })[SESSION_KEY] = session;
        logger.info('Pagefind indexes each page as it is rendered.');
      },
      'astro:build:done': async ({ dir, logger }) => {
        delete (globalThis as { [SESSION_KEY]?: SearchIndexTap })[SESSION_KEY];
        if (!session) return;
        const pagesDone = performance.now();
        await session.write(fileURLToPath(new URL('./pagefind/', dir)), logger);
        const waited = (performance.now() - pagesDone) / 1000;
        logger.info(
          `Search index of ${session.pages} pages written; the build waited ${waited.toFixed(2)} s for it after the last page.`,
        );
        session = undefined;
      },
    },
  };
}
