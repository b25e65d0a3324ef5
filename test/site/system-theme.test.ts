/**
 * Pages that ship no script (the dashboards) follow the reader's system theme by CSS alone
 * (src/styles/theme.css): in a light system they take Starlight's light colours. Those are a copy
 * of Starlight's own :root[data-theme='light'] block, so this test fails when an upgrade of
 * Starlight changes a colour or adds one and the copy would drift from the handbook's look.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STARLIGHT_PROPS = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight'))),
  'style',
  'props.css',
);

/** The custom properties a CSS block declares, with whitespace made single (however the formatter wraps them). */
function declarations(block: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, value] of block.matchAll(/(--[a-z0-9-]+)\s*:\s*([^;]+);/g))
    found.set(name!, value!.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim());
  return found;
}

/** The body of the first block whose selector list starts with `selector`. */
function blockAfter(css: string, selector: string): string {
  const at = css.indexOf(selector);
  if (at < 0) throw new Error(`no ${selector} in the stylesheet`);
  const open = css.indexOf('{', at);
  return css.slice(open + 1, css.indexOf('}', open));
}

describe('the light theme of pages without script', () => {
  it("declares Starlight's light colours, all of them and with the same values", async () => {
    const starlight = declarations(blockAfter(await readFile(STARLIGHT_PROPS, 'utf8'), ":root[data-theme='light']"));
    const ours = declarations(
      blockAfter(await readFile(path.join(ROOT, 'src/styles/theme.css'), 'utf8'), ':root:not([data-theme])'),
    );
    // The accent is the department's (themeStyle puts it on every page), not Starlight's blue.
    for (const accent of ['--sl-color-accent', '--sl-color-accent-low', '--sl-color-accent-high'])
      starlight.delete(accent);
    expect(starlight.size).toBeGreaterThan(20);
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(starlight));
  });

  it('applies them only in a light system and only where no theme was picked', async () => {
    const css = await readFile(path.join(ROOT, 'src/styles/theme.css'), 'utf8');
    expect(css).toMatch(/@media \(prefers-color-scheme: light\) \{\s*:root:not\(\[data-theme\]\) \{/);
  });
});
