import type { DepartmentSettings, SiteLocale } from './settings.ts';

/** How Starlight labels each language mpflow's site speaks. */
const LOCALE_LABELS: Record<SiteLocale, string> = { 'zh-CN': '简体中文', en: 'English' };
/** The URL folder of a language that is not the default one. */
const LOCALE_FOLDERS: Record<SiteLocale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

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
 * default language is served at the root, as Starlight's `root` locale; the others under their folder.
 */
export function starlightOptionsFrom(settings: DepartmentSettings): StarlightDepartmentOptions {
  const [first, ...others] = settings.locales;
  const defaultLocale = first ?? 'zh-CN';
  const locales: Record<string, StarlightLocale> = {
    root: { label: LOCALE_LABELS[defaultLocale], lang: defaultLocale },
  };
  for (const locale of others) locales[LOCALE_FOLDERS[locale]] = { label: LOCALE_LABELS[locale], lang: locale };
  const title: Record<string, string> = {};
  for (const locale of [defaultLocale, ...others]) title[locale] = siteTitle(settings, locale);
  const options: StarlightDepartmentOptions = {
    title,
    description: defaultLocale === 'zh-CN' ? siteDescription(settings).zh : siteDescription(settings).en,
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

/** The handbook's title in a language: the account's name, then what the site is. */
export function siteTitle(settings: DepartmentSettings, locale: SiteLocale): string {
  return locale === 'zh-CN' ? `${settings.account.zh} · 工作手册` : `${settings.account.en} · Handbook`;
}

export function siteDescription(settings: DepartmentSettings): { zh: string; en: string } {
  return {
    zh: `${settings.department.zh}（公众号“${settings.account.zh}”）的工作手册、内容、数据与考核。`,
    en: `Handbook, content, dashboards and appraisals of ${settings.department.en} (Official Account "${settings.account.en}").`,
  };
}

/**
 * The department's colours as Starlight's accent variables, for a `<style>` in every page's head.
 * Only the accent is given; the low and high shades are mixed from it in the browser, so one colour
 * (or two, for dark mode) is all a department chooses.
 */
export function themeStyle(settings: DepartmentSettings): string {
  const light = settings.theme.accent;
  const dark = settings.theme.accentDark ?? `color-mix(in srgb, ${light} 70%, white)`;
  return [
    `:root{--mpflow-accent:${dark};--sl-color-accent:${dark};--sl-color-accent-low:color-mix(in srgb, ${dark} 30%, black);--sl-color-accent-high:color-mix(in srgb, ${dark} 35%, white);}`,
    `:root[data-theme='light']{--mpflow-accent:${light};--sl-color-accent:${light};--sl-color-accent-low:color-mix(in srgb, ${light} 15%, white);--sl-color-accent-high:color-mix(in srgb, ${light} 65%, black);}`,
  ].join('\n');
}
