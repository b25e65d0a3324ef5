/**
 * One route per page for every language (issue 18): `src/pages/[...locale]/articles/index.astro`
 * and the like list the department's languages (content/department.yaml `locales`) as their
 * static paths, the default language at the site's root (`locale` undefined) and each other one
 * under its folder (en/, zh-tw/), the same addresses localizedUrl() makes. Adding a language is
 * its message files and that line; no page is copied.
 */
import { siteLocales } from './department-settings.ts';
import { localeFolder } from './localized-url.ts';
import type { Lang } from './policy-view.ts';

export interface LocalePath {
  params: { locale: string | undefined };
  props: { lang: Lang };
}

/** The static paths of a page in each of the department's languages. */
export function localePaths(): LocalePath[] {
  const [defaultLang, ...others] = siteLocales();
  return [
    ...(defaultLang ? [{ params: { locale: undefined }, props: { lang: defaultLang } }] : []),
    ...others.map((lang) => ({ params: { locale: localeFolder(lang) }, props: { lang } })),
  ];
}

/** The same for a page with its own parameter (an article, a month, a member): every item in every language. */
export function localePathsFor<P extends Record<string, string>, T extends object>(
  items: readonly T[],
  paramsOf: (item: T) => P,
  propsOf: (item: T) => object = () => ({}),
): Array<{ params: P & { locale: string | undefined }; props: { lang: Lang } & Record<string, unknown> }> {
  return localePaths().flatMap(({ params, props }) =>
    items.map((item) => ({
      params: { ...paramsOf(item), locale: params.locale },
      props: { ...propsOf(item), lang: props.lang },
    })),
  );
}
