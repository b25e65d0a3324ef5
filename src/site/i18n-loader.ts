import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { i18nLoader } from '@astrojs/starlight/loaders';
import type { Loader } from 'astro/loaders';

/** The handbook's languages, as Starlight knows them (astro.config.mjs `locales`). */
const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * Starlight's `i18n` collection. UI string overrides would live in src/content/i18n/<lang>.json;
 * while there are none, each language gets an empty entry ("Starlight's built-in strings"), so
 * neither the glob loader nor Starlight warns about a missing or empty collection.
 */
export function handbookStrings(): Loader {
  const files = i18nLoader();
  return {
    name: 'mpflow-i18n',
    load: async (context) => {
      if (existsSync(fileURLToPath(new URL('content/i18n/', context.config.srcDir)))) return files.load(context);
      context.store.clear();
      for (const lang of LANGUAGES) context.store.set({ id: lang, data: {} });
    },
  };
}
