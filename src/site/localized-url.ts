/**
 * The one place the site turns a path of its own into an address. A site can be built under a
 * base path (a GitHub Pages project site is served from /<repository>/, and pages.yml builds it
 * with `--base`), so every address of a page, image or file of the site starts with Astro's
 * base; zh-CN pages sit at the site's root and English ones under en/ (Starlight's locales).
 * Pure apart from the default base, so unit tests can import it.
 */
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

/** A page of the site in a language: `localizedUrl('articles/', 'en')` → "<base>en/articles/". */
export function localizedUrl(sitePath: string, lang: Lang, base: string = configuredBase()): string {
  return withBase(`${lang === 'en' ? 'en/' : ''}${sitePath.replace(/^\/+/, '')}`, base);
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
