/**
 * The search box of the department pages (Pagefind's own UI over the index src/astro/search-index.ts builds): its
 * strings in a language (`site-search.*` messages, whose keys are Pagefind UI's translation keys),
 * so the Chinese site searches in Chinese words. The handbook's search gets the same strings
 * (i18n-loader.ts).
 */
import type { Lang } from './policy-view.ts';
import { textsUnder } from './site-messages.ts';

export const SEARCH_KEYS = [
  'placeholder',
  'clear_search',
  'load_more',
  'search_label',
  'filters_label',
  'zero_results',
  'many_results',
  'one_result',
  'alt_search',
  'search_suggestion',
  'searching',
] as const;

export function searchLabels(lang: Lang): Record<(typeof SEARCH_KEYS)[number], string> {
  return textsUnder(lang, 'site-search', SEARCH_KEYS);
}
