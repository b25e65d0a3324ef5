import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { i18nLoader } from '@astrojs/starlight/loaders';
import type { Loader } from 'astro/loaders';
import { SEARCH_LABELS } from './search-labels.ts';

/** The handbook's languages, as Starlight knows them (astro.config.mjs `locales`). */
const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * Starlight ships no Chinese strings for the search results (Pagefind's UI): without these, the
 * Chinese site's search said "No results for …" and "Load more results".
 */
const STRINGS = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    Object.fromEntries(
      Object.entries(SEARCH_LABELS[lang])
        .filter(([key]) => key !== 'placeholder')
        .map(([key, value]) => [`pagefind.${key}`, value]),
    ),
  ]),
) as Record<(typeof LANGUAGES)[number], Record<string, string>>;

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
      for (const lang of LANGUAGES) context.store.set({ id: lang, data: STRINGS[lang] });
    },
  };
}
