/**
 * Pagefind's UI as every search box of the site gets it: Starlight's (the handbook's) and the
 * department pages' (src/site/site-search-box.ts). Outside the default language the default
 * language's index is merged in, where the articles are indexed (src/site/shared-search.ts), and a
 * page found in both indexes is listed once (src/site/search-repeats.ts). Starlight builds its box
 * from `@pagefind/default-ui` with options of its own, none of which differs by language: the
 * integration points that import here (search-index.ts), and this module reads what the page's
 * StarlightSearch.astro wrote. Runs in the reader's browser.
 */
// @ts-expect-error: the package ships no types (Starlight says the same where it imports it).
import { PagefindUI as PagefindUIBase } from 'virtual:mpflow/pagefind-default-ui';
import { hideRepeatedResults } from '../site/search-repeats.ts';

const written = document.querySelector('script[data-mpflow-shared-search-index]')?.textContent;

export interface SearchBoxOptions {
  element?: string | Element;
  mergeIndex?: unknown[];
  [option: string]: unknown;
}

export class PagefindUI extends PagefindUIBase {
  constructor(options: SearchBoxOptions) {
    // Pagefind takes the bundle path out of each entry it merges: a fresh copy for each box.
    const shared = written ? [JSON.parse(written)] : [];
    const mergeIndex = [...(options.mergeIndex ?? []), ...shared];
    super({ ...options, mergeIndex });
    const box = typeof options.element === 'string' ? document.querySelector(options.element) : options.element;
    if (mergeIndex.length > 0 && box) hideRepeatedResults(box);
  }
}
