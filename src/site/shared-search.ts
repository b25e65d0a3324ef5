/**
 * Search over the pages whose text is the same in every language: an article's page shows the
 * same Chinese title, digest and body under /articles/<id>/ and /en/articles/<id>/.
 *
 * Pagefind files each page under the language of its `<html lang>`. Indexed in every language,
 * each article body would be indexed once per language, and in the English index its Chinese
 * text is not cut into Chinese words (an English-page search for a word of one article's body
 * found nothing). So only the default language's page of such a page is indexed (SiteLayout.astro,
 * `sameInEveryLanguage`); the search box of every other language searches its own language's
 * index and, merged in, the default language's, whose results it opens under the reader's
 * language (/articles/<id>/ → /en/articles/<id>/). The default language's search box searches
 * its one index, as before: Pagefind drops a query word an index lacks, so a split of the Chinese
 * pages into two indexes would have each answer with the pages holding the other words.
 */
import { localizedUrl, siteRoot } from './localized-url.ts';
import type { Lang } from './policy-view.ts';

/** What a search box in `lang` merges into its own index: Pagefind UI's `mergeIndex` entry. */
export interface SharedSearchIndex {
  /**
   * The site's own bundle, written so that Pagefind, which merges no bundle into itself (it
   * compares the paths), loads it again for the other language: the browser reads "/./pagefind/"
   * as "/pagefind/".
   */
  bundlePath: string;
  /** Pagefind's key of the default language's index ("zh-cn"). */
  language: string;
  /** Put in front of a result's address: the root of the reader's language ("/en/", "/repo/zh-tw/"). */
  baseUrl: string;
}

/** The index a search box in `lang` merges; none in the default language, whose own index it is. */
export function sharedSearchIndex(lang: Lang, base: string, locales: readonly Lang[]): SharedSearchIndex | undefined {
  const [defaultLang] = locales;
  if (defaultLang === undefined || lang === defaultLang) return undefined;
  return {
    bundlePath: `${siteRoot(base)}./pagefind/`,
    language: defaultLang.toLowerCase(),
    baseUrl: localizedUrl('', lang, base, defaultLang),
  };
}
