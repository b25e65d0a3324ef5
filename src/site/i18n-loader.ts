import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { i18nLoader } from '@astrojs/starlight/loaders';
import type { Loader } from 'astro/loaders';
import { siteLocales } from './department-settings.ts';
import type { Lang } from './policy-view.ts';
import { searchLabels } from './search-labels.ts';

/**
 * Starlight ships no Chinese strings for the search results (Pagefind's UI): without these, the
 * Chinese site's search said "No results for …" and "Load more results". Each of the department's
 * languages (the handbook's, as Starlight knows them) gets the site's search messages.
 */
function searchStrings(lang: Lang): Record<string, string> {
  return Object.fromEntries(
    Object.entries(searchLabels(lang))
      .filter(([key]) => key !== 'placeholder')
      .map(([key, value]) => [`pagefind.${key}`, value]),
  );
}

/**
 * Starlight's `i18n` collection. UI string overrides live in src/content/i18n/<lang>.json when a
 * department writes them; otherwise each language gets the strings above (Chinese search results),
 * so neither the glob loader nor Starlight warns about a missing or empty collection.
 */
export function handbookStrings(): Loader {
  const files = i18nLoader();
  return {
    name: 'mpflow-i18n',
    load: async (context) => {
      if (existsSync(fileURLToPath(new URL('content/i18n/', context.config.srcDir)))) return files.load(context);
      context.store.clear();
      for (const lang of siteLocales()) context.store.set({ id: lang, data: searchStrings(lang) });
    },
  };
}
