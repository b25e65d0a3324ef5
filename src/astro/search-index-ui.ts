/**
 * Pagefind's UI as Starlight's search box (the handbook's) gets it, with the default language's
 * index merged in outside that language, where the articles are indexed (src/site/shared-search.ts).
 * Starlight builds its box from `@pagefind/default-ui` with options of its own, none of which
 * differs by language: the integration points that import here (search-index.ts), and this
 * module reads what the page's StarlightSearch.astro wrote. Runs in the reader's browser.
 */
// @ts-expect-error: the package ships no types (Starlight says the same where it imports it).
import { PagefindUI as PagefindUIBase } from 'virtual:mpflow/pagefind-default-ui';

const written = document.querySelector('script[data-mpflow-shared-search-index]')?.textContent;

export class PagefindUI extends PagefindUIBase {
  constructor(options: { mergeIndex?: unknown[] }) {
    // Pagefind takes the bundle path out of each entry it merges: a fresh copy for each box.
    const shared = written ? [JSON.parse(written)] : [];
    super({ ...options, mergeIndex: [...(options.mergeIndex ?? []), ...shared] });
  }
}
