/**
 * Hands each page the build renders to the search index (search-index.ts) as soon as it is
 * rendered, so Pagefind indexes it while Astro renders the next one. Added by the integration for
 * `astro build` only; a response that is not a page, or a build without an index, passes untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { searchIndexTap } from './search-index-tap.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const tap = searchIndexTap();
  if (!tap || !context.isPrerendered || !(response.headers.get('content-type') ?? '').startsWith('text/html'))
    return response;
  tap.add(context.url.pathname, await response.clone().text());
  return response;
});
