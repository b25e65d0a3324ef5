/**
 * Handbook links under a base path. The handbook's Markdown (src/content/docs/) links to other
 * pages from the site's root — `[培训](/training/)`, `<LinkCard href="/handbook/roles/" />`,
 * `hero.actions[].link: /handbook/general/` — which is right for a site at the root of its host
 * and wrong for a GitHub Pages project site served from /<repository>/. Astro and Starlight leave
 * such links as written, so the mpflow integration registers these two rewrites, both through
 * withBase() (localized-url.ts):
 *  - a hast plugin for .md and .mdx pages (Sätteri's, Astro's default processor; a rehype
 *    plugin where a department configures unified): <a href>, <img src>, … and the string
 *    attributes of MDX components (href, link, src);
 *  - base-path-route-data.ts, a Starlight route middleware for what is not Markdown: the hero's
 *    action links (the home pages and 404) and the site title's link.
 * Relative links ("../roles/") and links with a scheme are left alone.
 */
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import type { StarlightPlugin } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { visit } from 'unist-util-visit';
import { isRootRelative, withBase } from './localized-url.ts';

/** HTML attributes (as hast names them) that hold one address. */
const ADDRESS_PROPERTIES = ['href', 'src', 'poster', 'action', 'cite'];
/** Attributes of MDX components (Starlight's LinkCard, LinkButton, Card) that hold one. */
const COMPONENT_ATTRIBUTES = new Set(['href', 'link', 'src']);

/** An MDX component in the tree (mdast-util-mdx-jsx's node), as far as addresses go. */
interface MdxJsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
}

export interface BasePathOptions {
  /** Astro's `base` ("/repo/"); "/" leaves every link as written. */
  base: string;
}

/** The rewrites of one element or component, whichever Markdown processor walks the tree. */
function changedAddresses(node: Element | MdxJsxElement, base: string): Array<[name: string, value: string]> {
  const rewrite = (address: string) => (isRootRelative(address) ? withBase(address, base) : address);
  const changed: Array<[string, string]> = [];
  const offer = (name: string, value: string, rewritten: string) => {
    if (rewritten !== value) changed.push([name, rewritten]);
  };
  if (node.type === 'element') {
    for (const name of ADDRESS_PROPERTIES) {
      const value = node.properties?.[name];
      if (typeof value === 'string') offer(name, value, rewrite(value));
    }
    const srcSet = node.properties?.srcSet;
    if (typeof srcSet === 'string')
      offer(
        'srcSet',
        srcSet,
        srcSet.replace(/(^|,\s*)(\S+)/g, (_, lead: string, url: string) => `${lead}${rewrite(url)}`),
      );
  } else {
    // Only literal strings: an expression (href={…}) is the component's own to build.
    for (const attribute of node.attributes) {
      if (
        attribute.type === 'mdxJsxAttribute' &&
        attribute.name &&
        COMPONENT_ATTRIBUTES.has(attribute.name) &&
        typeof attribute.value === 'string'
      )
        offer(attribute.name, attribute.value, rewrite(attribute.value));
    }
  }
  return changed;
}

function hasBasePath(base: string): boolean {
  return withBase('/', base) !== '/';
}

/** What a Sätteri hast plugin's visitor is given to change a node (satteri's HastVisitorContext). */
interface SatteriContext {
  setProperty(node: unknown, key: string, value: unknown): void;
}

/**
 * For Sätteri, Astro's default Markdown processor (and MDX's): a hast plugin whose visitors see
 * every element and MDX component and set the rewritten attributes.
 */
export function satteriBasePath({ base }: BasePathOptions) {
  const rewriteNode = (node: Element | MdxJsxElement, context: SatteriContext) => {
    for (const [name, value] of changedAddresses(node, base)) context.setProperty(node, name, value);
  };
  return {
    name: 'mpflow-base-path',
    element: { filter: [] as string[], visit: rewriteNode },
    mdxJsxFlowElement: { filter: [] as string[], visit: rewriteNode },
    mdxJsxTextElement: { filter: [] as string[], visit: rewriteNode },
  };
}

/** For the unified processor (@astrojs/markdown-remark), if a department configures it: a rehype plugin. */
export function rehypeBasePath({ base }: BasePathOptions) {
  return (tree: Root) => {
    visit(tree, (node: { type: string }) => {
      if (node.type !== 'element' && node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const target = node as Element | MdxJsxElement;
      for (const [name, value] of changedAddresses(target, base)) {
        if (target.type === 'element') target.properties[name] = value;
        else for (const attribute of target.attributes) if (attribute.name === name) attribute.value = value;
      }
    });
  };
}

/**
 * The route middleware's file. From src/site/ and from the compiled lib/site/ alike it is the
 * TypeScript source, which Vite compiles with the pages.
 */
const ROUTE_DATA_ENTRYPOINT = fileURLToPath(new URL('../../src/site/base-path-route-data.ts', import.meta.url));

/**
 * Both rewrites as one Starlight plugin. The rehype plugin is registered by an integration of its
 * own so that it reads `base` after the mpflow integration has set it from the settings.
 */
export function basePathLinks(): StarlightPlugin {
  return {
    name: 'mpflow-base-path-links',
    hooks: {
      'config:setup': ({ addRouteMiddleware, addIntegration }) => {
        addRouteMiddleware({ entrypoint: ROUTE_DATA_ENTRYPOINT, order: 'post' });
        addIntegration(basePathMarkdown());
      },
    },
  };
}

/** The processor's plugin lists, whichever of the two it is (Astro passes no common type for them). */
interface MarkdownProcessor {
  options?: { hastPlugins?: unknown[]; rehypePlugins?: unknown[] };
}

function basePathMarkdown(): AstroIntegration {
  return {
    name: 'mpflow-base-path-markdown',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        if (!hasBasePath(config.base)) return;
        const options = { base: config.base } satisfies BasePathOptions;
        const processor = (config.markdown as { processor?: MarkdownProcessor }).processor;
        if (processor?.options?.hastPlugins) processor.options.hastPlugins.push(satteriBasePath(options));
        else if (processor?.options?.rehypePlugins) processor.options.rehypePlugins.push([rehypeBasePath, options]);
        else
          logger.warn(
            `the Markdown processor is neither Sätteri nor unified: handbook links written from the site's root will not gain the base path ${config.base}`,
          );
      },
    },
  };
}
