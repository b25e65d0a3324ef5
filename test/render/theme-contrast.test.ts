/**
 * The greys of the render themes are text a reader must read in WeChat: captions, ruby, the
 * appendix, a code block's label and line numbers. Each is 4.5:1 or more on what it sits on
 * (WCAG AA), in every built-in theme and when a department picks another code style.
 */
import { describe, expect, it } from 'vitest';
import { renderTheme, THEME_NAMES } from '../../src/core/render/themes.ts';

function contrast(first: string, second: string): number {
  const luminance = (hex: string) => {
    const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
    const [red, green, blue] = channels.map((value) =>
      value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
    ) as [number, number, number];
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** The colour a rule of the theme's CSS gives its selector. */
function colourOf(css: string, selector: string): string {
  const rule = new RegExp(`${selector.replace(/\./g, '\\.')} \\{[^}]*?[; ]color: (#[0-9a-f]{6})`).exec(css);
  if (!rule?.[1]) throw new Error(`no colour for ${selector}`);
  return rule[1];
}

describe('render theme greys', () => {
  for (const name of THEME_NAMES) {
    it(`${name}: captions, ruby and appendix are 4.5:1 on white`, () => {
      const { css } = renderTheme(name);
      for (const selector of ['.mp-figure figcaption', '.mp-ruby-text', '.mp-appendix-item'])
        expect(contrast(colourOf(css, selector), '#ffffff'), selector).toBeGreaterThanOrEqual(4.5);
    });

    for (const style of [undefined, 'vs2015', 'github']) {
      it(`${name}${style ? ` with the ${style} code style` : ''}: code label and line numbers are 4.5:1 on the block`, () => {
        const theme = renderTheme(name, style ? { code: { style } } : {});
        for (const selector of ['.mp-code-label', '.mp-code-line-number'])
          expect(
            contrast(colourOf(theme.css, selector), theme.palette.codeBackground),
            `${selector} on ${theme.palette.codeBackground}`,
          ).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it('ink no longer uses #8a8a8a (3.4:1 on white)', () => {
    expect(renderTheme('ink').css).not.toContain('#8a8a8a');
  });
});
