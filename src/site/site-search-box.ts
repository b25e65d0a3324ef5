/**
 * The department pages' search box (SiteLayout.astro's `[data-mpflow-search]`): Pagefind's UI over
 * the index the build makes (src/astro/search-index.ts), in the page's language, built by the same
 * class as the handbook's box, so both merge the default language's index and list a page found in
 * both indexes once. Runs in the reader's browser.
 */
import { PagefindUI } from '../astro/search-index-ui.ts';

export function mountSiteSearch(): void {
  const search = document.querySelector<HTMLElement>('[data-mpflow-search]');
  if (!search) return;
  const bundlePath = search.dataset.bundle ?? '';
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = `${bundlePath}pagefind-ui.css`;
  document.head.append(style);
  const translations = JSON.parse(search.dataset.translations ?? '{}') as { search_label?: string };
  // Outside the default language, its index too: the articles are indexed there only (src/site/shared-search.ts).
  const mergeIndex = search.dataset.sharedIndex ? [JSON.parse(search.dataset.sharedIndex)] : [];
  new PagefindUI({ element: search, bundlePath, showImages: false, resetStyles: false, translations, mergeIndex });
  // Pagefind labels its input only by a title; a screen reader wants a name.
  if (translations.search_label) search.querySelector('input')?.setAttribute('aria-label', translations.search_label);
}
