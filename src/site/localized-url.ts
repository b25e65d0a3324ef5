/**
 * The one place the site turns a path of its own into an address. A site can be built under a
 * base path (a GitHub Pages project site is served from /<repository>/, and pages.yml builds it
 * with `--base`), so every address of a page, image or file of the site starts with Astro's
 * base; the department's first language sits at the site's root and each other one under its
 * folder, the tag in lower case (en/, zh-tw/), as Starlight's locales do.
 * Pure apart from the defaults (the base, the department's languages), so unit tests can import it.
 */
import { siteLocales } from './department-settings.ts';
import type { Lang } from './policy-view.ts';

/**
 * Astro's base path where Vite compiles the module (pages, components, route middleware);
 * "/" where plain Node runs it (the integration, which passes the base it read from the config).
 */
function configuredBase(): string {
  return import.meta.env?.BASE_URL ?? '/';
}

/** The base path with one "/" at each end: "/", "/repo/". */
export function siteRoot(base: string = configuredBase()): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * A path of the site, written from its root ("/articles/", "articles/", "/en/#top"), as the
 * address under the base path. Addresses with a scheme, protocol-relative ones and in-page
 * fragments or queries are not paths of the site and come back unchanged.
 */
export function withBase(sitePath: string, base: string = configuredBase()): string {
  if (!isSitePath(sitePath)) return sitePath;
  return `${siteRoot(base)}${sitePath.replace(/^\/+/, '')}`;
}

/** The URL folder of a language that is not the default one: "en", "zh-tw" (Starlight's rule). */
export function localeFolder(lang: Lang): string {
  return lang.toLowerCase();
}

/**
 * A page of the site in a language: `localizedUrl('articles/', 'en')` → "<base>en/articles/";
 * the default language (the department's first) → "<base>articles/".
 */
export function localizedUrl(
  sitePath: string,
  lang: Lang,
  base: string = configuredBase(),
  defaultLang: Lang = siteLocales()[0] ?? 'zh-CN',
): string {
  const folder = lang === defaultLang ? '' : `${localeFolder(lang)}/`;
  return withBase(`${folder}${sitePath.replace(/^\/+/, '')}`, base);
}

/** Whether an address names a path of the site: not "https:", "mailto:", "//host", "#id" or "?q". */
export function isSitePath(address: string): boolean {
  return (
    !/^[a-z][a-z0-9+.-]*:/i.test(address) &&
    !address.startsWith('//') &&
    !address.startsWith('#') &&
    !address.startsWith('?')
  );
}

/** Whether an address is written from the site's root ("/training/"), the way handbook links are. */
export function isRootRelative(address: string): boolean {
  return address.startsWith('/') && !address.startsWith('//');
}
