/**
 * The site's words: the message catalogue (src/core/i18n/catalogue.ts) of the package's
 * src/i18n/<locale>/site*.yaml, with the department's own i18n/<locale>/ on top, one translator
 * per page language. A language the package does not ship is therefore the department's message
 * files plus its line in content/department.yaml `locales:`; a key it lacks falls back
 * (zh-TW → zh-CN → en). Numbers and dates are formatted here with `Intl` in the page's locale;
 * the texts only place them.
 */
import { type Locale, MessageCatalogue, type Translator } from '../core/i18n/catalogue.ts';
import { siteRepositoryRoot } from './department-settings.ts';

/**
 * The shipped message files as texts. Inside Astro's build Vite bundles this module, where the
 * package's folder is no longer next to it, so Vite hands the files over; plain Node (the
 * integration, a script) has no import.meta.glob and reads them from disk instead.
 */
function shippedTexts(): Record<string, string> | undefined {
  try {
    return import.meta.glob('../i18n/*/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<
      string,
      string
    >;
  } catch {
    return undefined;
  }
}

let cached: { root: string; catalogue: MessageCatalogue } | undefined;

/** The catalogue of the repository the site is built from, read once per build. */
export function siteCatalogue(): MessageCatalogue {
  const root = siteRepositoryRoot();
  if (cached?.root !== root) {
    const shipped = shippedTexts();
    const catalogue = shipped
      ? MessageCatalogue.fromTexts(shipped, { departmentRoot: root })
      : MessageCatalogue.load({ departmentRoot: root });
    cached = { root, catalogue };
  }
  return cached.catalogue;
}

export function siteTranslator(locale: Locale): Translator {
  return siteCatalogue().translator(locale);
}

/** Parameters as the site passes them: numbers are already in the form the page shows (2026, not 2,026). */
export type SiteParams = Readonly<Record<string, string | number | undefined>>;

/** The texts under one key prefix: `messagesUnder('en', 'site.articles')('title')`. */
export function messagesUnder(locale: Locale, prefix: string): (key: string, params?: SiteParams) => string {
  const translator = siteTranslator(locale);
  return (key, params = {}) => {
    const texts: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) if (value !== undefined) texts[name] = String(value);
    return translator.t(`${prefix}.${key}`, texts);
  };
}

/** A record of texts, one per key, under a prefix: the names of states, roles, kinds. */
export function textsUnder<K extends string>(locale: Locale, prefix: string, keys: readonly K[]): Record<K, string> {
  const message = messagesUnder(locale, prefix);
  return Object.fromEntries(keys.map((key) => [key, message(key)])) as Record<K, string>;
}

/** A month ("2026-03") in a language: "2026 年 3 月", "March 2026" (`site.month`, the name from Intl). */
export function monthIn(month: string, locale: Locale): string {
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    new Date(`${month.slice(0, 7)}-01T00:00:00Z`),
  );
  return siteTranslator(locale).t('site.month', {
    year: month.slice(0, 4),
    monthNumber: String(Number(month.slice(5, 7))),
    monthName,
  });
}

/** The name of a language in itself, for the language switch and Starlight's picker (`site.locale.name`). */
export function localeName(locale: Locale): string {
  return siteTranslator(locale).t('site.locale.name');
}

/** A record of plain texts named by a key list: `Texts<typeof KEYS>` for `const KEYS = [...] as const`. */
export type Texts<Keys extends readonly string[]> = Record<Keys[number], string>;

/**
 * What the page calls the department's time zone: a name the messages give it (site.timeZones,
 * "北京时间" for Asia/Shanghai, as Chinese readers say it), else the locale's own generic name
 * from Intl ("Japan Time", "太平洋时间"), else the zone's IANA id. Labels place it rather than
 * saying 北京时间 whatever the policy's zone.
 */
export function timeZoneName(timeZone: string, locale: Locale): string {
  const translator = siteTranslator(locale);
  const key = `site.timeZones.${timeZone}`;
  if (translator.has(key)) return translator.t(key);
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(0);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
