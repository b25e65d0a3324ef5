import { MessageCatalogue, type Translator } from '../i18n/catalogue.ts';
import { languageOfLocale, pick } from '../i18n/language.ts';
import type { DepartmentSettings, SiteLocale } from './settings.ts';

/** The URL folder of a language that is not the default one: its tag in lower case (en, zh-tw), Starlight's rule. */
export function localeFolder(locale: SiteLocale): string {
  return locale.toLowerCase();
}

/** The package's own messages: what a caller that has not read a department's i18n/ gets. */
let shippedMessages: MessageCatalogue | undefined;
function shipped(): MessageCatalogue {
  shippedMessages ??= MessageCatalogue.load();
  return shippedMessages;
}

export interface StarlightLocale {
  label: string;
  lang: string;
}

/** The part of Starlight's options that comes from the department (the rest is the tool's). */
export interface StarlightDepartmentOptions {
  title: Record<string, string>;
  description: string;
  defaultLocale: 'root';
  locales: Record<string, StarlightLocale>;
  favicon: string;
  editLink?: { baseUrl: string };
  /** The department's colours: one inline style (see themeStyle), to add to Starlight's `head`. */
  head: Array<{ tag: 'style'; content: string }>;
}

/**
 * Starlight's title, description, languages, icon and "Edit page" link from the settings. The
 * default language is served at the root, as Starlight's `root` locale; the others under their
 * folder. Each language's name and the title's words are messages (`site.locale.name`,
 * `site.title`): pass the catalogue with the department's i18n/ for a language mpflow does not ship.
 */
export function starlightOptionsFrom(
  settings: DepartmentSettings,
  messages: MessageCatalogue = shipped(),
): StarlightDepartmentOptions {
  const [first, ...others] = settings.locales;
  const defaultLocale = first ?? 'zh-CN';
  const label = (locale: SiteLocale) => messages.translator(locale).t('site.locale.name');
  const locales: Record<string, StarlightLocale> = {
    root: { label: label(defaultLocale), lang: defaultLocale },
  };
  for (const locale of others) locales[localeFolder(locale)] = { label: label(locale), lang: locale };
  const title: Record<string, string> = {};
  for (const locale of [defaultLocale, ...others])
    title[locale] = siteTitle(settings, locale, messages.translator(locale));
  const options: StarlightDepartmentOptions = {
    title,
    description: siteDescription(settings, messages.translator(defaultLocale)),
    defaultLocale: 'root',
    locales,
    favicon: settings.favicon,
    head: [{ tag: 'style', content: themeStyle(settings) }],
  };
  if (settings.repository) options.editLink = { baseUrl: `${settings.repository.replace(/\/+$/, '')}/edit/main/` };
  return options;
}

/** Astro's `site` and `base`. */
export function astroSiteOptionsFrom(settings: DepartmentSettings): { site?: string; base: string } {
  return { ...(settings.site.url ? { site: settings.site.url } : {}), base: settings.site.base };
}

/** The handbook's title in a language: the account's name, then what the site is (`site.title`). */
export function siteTitle(
  settings: DepartmentSettings,
  locale: SiteLocale,
  translator: Translator = shipped().translator(locale),
): string {
  return translator.t('site.title', { account: pick(settings.account, languageOfLocale(locale)) });
}

/** What the site is, for search engines and link previews (`site.description`). */
export function siteDescription(
  settings: DepartmentSettings,
  translator: Translator = shipped().translator(settings.locales[0] ?? 'zh-CN'),
): string {
  const language = languageOfLocale(translator.locale);
  return translator.t('site.description', {
    department: pick(settings.department, language),
    account: pick(settings.account, language),
  });
}

/**
 * The department's colours as Starlight's accent variables, for a `<style>` in every page's head.
 * Only the accent is given; the low and high shades are mixed from it in the browser, so one colour
 * (or two, for dark mode) is all a department chooses.
 */
export function themeStyle(settings: DepartmentSettings): string {
  const light = settings.theme.accent;
  const dark = settings.theme.accentDark ?? `color-mix(in srgb, ${light} 70%, white)`;
  const lightAccent = `--mpflow-accent:${light};--sl-color-accent:${light};--sl-color-accent-low:color-mix(in srgb, ${light} 15%, white);--sl-color-accent-high:color-mix(in srgb, ${light} 65%, black);`;
  return [
    `:root{--mpflow-accent:${dark};--sl-color-accent:${dark};--sl-color-accent-low:color-mix(in srgb, ${dark} 30%, black);--sl-color-accent-high:color-mix(in srgb, ${dark} 35%, white);}`,
    `:root[data-theme='light']{${lightAccent}}`,
    // A page without script carries no data-theme and follows the system (src/styles/theme.css).
    `@media (prefers-color-scheme: light){:root:not([data-theme]){${lightAccent}}}`,
  ].join('\n');
}
