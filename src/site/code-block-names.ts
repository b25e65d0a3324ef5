/**
 * A name for every code block of the handbook. Expressive Code's script turns a code block that
 * scrolls sideways into a focusable region (role="region"), so a keyboard can scroll it; two such
 * regions on one page without names are landmarks a screen reader cannot tell apart (axe:
 * landmark-unique). Each block's <pre> is named "代码 2" / "Code 2" (its place on the page, and
 * its title when it has one); a block that never scrolls keeps no role and the name is unused.
 * The copy button and the terminal frame speak the page's language too (ENGLISH_CODE_BLOCK_STRINGS).
 */
import type { StarlightPlugin } from '@astrojs/starlight/types';

/** What this plugin reads of Expressive Code's postprocessRenderedBlock context (@expressive-code/core). */
interface RenderedBlockContext {
  locale: string;
  codeBlock: {
    props: { title?: string | undefined };
    parentDocument?:
      | {
          sourceFilePath?: string | undefined;
          documentRoot?: unknown;
          positionInDocument?: { groupIndex: number } | undefined;
        }
      | undefined;
  };
  renderData: { blockAst: HastNode };
}

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function firstPre(node: HastNode): HastNode | undefined {
  if (node.type === 'element' && node.tagName === 'pre') return node;
  for (const child of node.children ?? []) {
    const found = firstPre(child);
    if (found) return found;
  }
  return undefined;
}

/** The Expressive Code plugin. Where the integration gives no position, blocks are counted per document. */
export function codeBlockNamesPlugin() {
  const counted = new WeakMap<object, number>();
  return {
    name: 'mpflow-code-block-names',
    hooks: {
      postprocessRenderedBlock: ({ locale, codeBlock, renderData }: RenderedBlockContext) => {
        const pre = firstPre(renderData.blockAst);
        if (!pre) return;
        const document = codeBlock.parentDocument;
        let place = document?.positionInDocument?.groupIndex;
        if (place === undefined && typeof document?.documentRoot === 'object' && document.documentRoot !== null) {
          place = counted.get(document.documentRoot) ?? 0;
          counted.set(document.documentRoot, place + 1);
        }
        const english = locale.toLowerCase().startsWith('en');
        const name = `${english ? 'Code' : '代码'}${place === undefined ? '' : ` ${place + 1}`}${codeBlock.props.title ? `${english ? ': ' : '：'}${codeBlock.props.title}` : ''}`;
        pre.properties = { ...pre.properties, ariaLabel: name };
      },
    },
  };
}

/**
 * Expressive Code's own (English) strings for its copy button and terminal frames, as Starlight
 * UI strings. Starlight ships them only for languages other than English and looks them up with
 * the default language as fallback: on a site whose default is Chinese, every English code block
 * said 复制到剪贴板 and 终端窗口. Given for English, each language finds its own.
 */
export const ENGLISH_CODE_BLOCK_STRINGS = {
  'expressiveCode.copyButtonTooltip': 'Copy to clipboard',
  'expressiveCode.copyButtonCopied': 'Copied!',
  'expressiveCode.terminalWindowFallbackTitle': 'Terminal window',
} as const;

/**
 * As a Starlight plugin: adds the Expressive Code plugin to whatever code options the site has,
 * and the English code-block strings.
 */
export function codeBlockNames(): StarlightPlugin {
  return {
    name: 'mpflow-code-block-names',
    hooks: {
      'i18n:setup': ({ injectTranslations }) => {
        injectTranslations({ en: { ...ENGLISH_CODE_BLOCK_STRINGS } });
      },
      'config:setup': ({ config, updateConfig }) => {
        if (config.expressiveCode === false) return;
        const options = typeof config.expressiveCode === 'object' ? config.expressiveCode : {};
        updateConfig({ expressiveCode: { ...options, plugins: [...(options.plugins ?? []), codeBlockNamesPlugin()] } });
      },
    },
  };
}
