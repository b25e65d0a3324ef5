/**
 * How the page middleware (search-index-middleware.ts) reaches the search index the integration
 * opened (search-index.ts). They run in one process but in two module graphs, Astro's config and
 * Vite's page bundle, so they meet on a global name rather than through a shared import.
 */
export const SEARCH_INDEX_SESSION_KEY = Symbol.for('mpflow.search-index');

/** What the middleware may call: hand over a rendered page. */
export interface SearchIndexTap {
  add(pathname: string, html: string): void;
}

/** The tap the build installed, when the build is indexing (not in `astro dev`, not in tests that render pages alone). */
export function searchIndexTap(): SearchIndexTap | undefined {
  return (globalThis as { [SEARCH_INDEX_SESSION_KEY]?: SearchIndexTap })[SEARCH_INDEX_SESSION_KEY];
}
