/**
 * Starlight route middleware (registered by base-path.ts): the parts of a handbook page that are
 * not Markdown, so the rehype plugin never sees them, get the base path too.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { isRootRelative, withBase } from './localized-url.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  // The hero's buttons (home pages, 404) are frontmatter links written from the site's root.
  for (const action of route.entry.data.hero?.actions ?? []) {
    if (isRootRelative(action.link)) action.link = withBase(action.link);
  }
  // Starlight links the site title to "<base>en" in English: the folder itself, not a redirect to it.
  route.siteTitleHref = withBase(route.locale ? `${route.locale}/` : '');
});
