/**
 * End to end: the rendered sample is pasted into a `contenteditable` editor in a real Chromium
 * at phone width (375×812), the way an operator pastes into the WeChat editor — a paste event
 * carrying text/html, whose handler inserts it with the browser's own editing command — and
 * the look has to survive: heading colour, code background and line breaks, the table's
 * sideways scrolling, the figure caption. A screenshot of the result must not be blank.
 *
 * Screenshots go to a temporary folder, or to MPFLOW_E2E_SCREENSHOTS when it is set.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticle, THEME_NAMES } from '../../src/core/render/render-article.ts';
import { browserSuiteName, HAS_CHROMIUM, launchBrowser, requireChromiumOnCi } from '../site/site-server.ts';

requireChromiumOnCi();

const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/rich-article');
const DOOCS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/doocs-article');

const EDITOR_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin: 0; background: #fff;">
<div id="editor" contenteditable="true" style="padding: 16px; min-height: 200px; outline: none;"></div>
<script>
  // Like a rich-text editor: take the pasted HTML and insert it through the browser's editing pipeline.
  document.getElementById('editor').addEventListener('paste', (event) => {
    event.preventDefault();
    document.execCommand('insertHTML', false, event.clipboardData.getData('text/html'));
  });
</script>
</body></html>`;

/** What the page shows after the paste, measured with computed styles. */
interface Pasted {
  headingColour: string;
  headingCount: number;
  codeBackground: string;
  codeLines: string[];
  tableScroll: { overflowX: string; scrollWidth: number; clientWidth: number };
  figureCount: number;
  caption: { text: string; fontSize: string; textAlign: string; color: string };
  imagesLoaded: number;
  bodyFontSize: string;
  bodyLineHeight: string;
}

async function paste(page: Page, html: string): Promise<void> {
  await page.setContent(EDITOR_PAGE);
  await page.focus('#editor');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/html', content);
    data.setData('text/plain', content.replace(/<[^>]+>/g, ''));
    document
      .getElementById('editor')!
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
}

function measure(page: Page): Promise<Pasted> {
  return page.evaluate(() => {
    const editor = document.getElementById('editor')!;
    const h2 = editor.querySelector('h2')!;
    const pre = editor.querySelector('pre')!;
    const code = pre.querySelector('code')!;
    const table = editor.querySelector('table')!;
    const scroller = table.parentElement!;
    const caption = editor.querySelector('figcaption')!;
    const paragraph = editor.querySelector('p')!;
    // What the reader sees behind the code: the editor may move a background that repeats its
    // parent's onto the parent alone, so walk up to the first element that paints one.
    const shownBackground = (element: Element | null): string => {
      for (let current = element; current; current = current.parentElement) {
        const colour = getComputedStyle(current).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
      }
      return 'none';
    };
    return {
      headingColour: getComputedStyle(h2).color,
      headingCount: editor.querySelectorAll('h2').length,
      codeBackground: shownBackground(code),
      codeLines: code.innerText.split('\n'),
      tableScroll: {
        overflowX: getComputedStyle(scroller).overflowX,
        scrollWidth: scroller.scrollWidth,
        clientWidth: scroller.clientWidth,
      },
      figureCount: editor.querySelectorAll('figure').length,
      caption: {
        text: caption.textContent ?? '',
        fontSize: getComputedStyle(caption).fontSize,
        textAlign: getComputedStyle(caption).textAlign,
        color: getComputedStyle(caption).color,
      },
      imagesLoaded: [...editor.querySelectorAll('img')].filter((image) => image.naturalWidth > 0).length,
      bodyFontSize: getComputedStyle(paragraph).fontSize,
      bodyLineHeight: getComputedStyle(paragraph).lineHeight,
    };
  });
}

/** Share of the screenshot's pixels that are not (nearly) white, counted in the page's own canvas. */
function inkedShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let index = 0; index < data.length; index += 4)
      if (data[index]! < 240 || data[index + 1]! < 240 || data[index + 2]! < 240) inked += 1;
    return inked / (data.length / 4);
  }, png.toString('base64'));
}

const EXPECTED: Record<string, { heading: string; code: string; caption: string }> = {
  'tea-green': { heading: 'rgb(43, 107, 71)', code: 'rgb(246, 248, 246)', caption: 'rgb(107, 107, 107)' },
  ink: { heading: 'rgb(17, 17, 17)', code: 'rgb(40, 44, 52)', caption: 'rgb(107, 107, 107)' },
};

describe.skipIf(!HAS_CHROMIUM)(browserSuiteName('pasting a rendered article into a contenteditable editor'), () => {
  let browser: Browser | undefined;
  let page: Page;
  let screenshots: string;
  let markdown: string;
  let imageData: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    screenshots = process.env.MPFLOW_E2E_SCREENSHOTS ?? (await mkdtemp(path.join(tmpdir(), 'mpflow-paste-')));
    await mkdir(screenshots, { recursive: true });
    markdown = await readFile(path.join(FIXTURE_DIR, 'index.md'), 'utf8');
    // Stands in for the uploadimg URL the publisher would put there.
    imageData = `data:image/png;base64,${(await readFile(path.join(FIXTURE_DIR, 'tea-garden.png'))).toString('base64')}`;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const theme of THEME_NAMES) {
    it(`keeps the ${theme} look at phone width`, async () => {
      const { html } = await renderArticle({ markdown, articleDir: FIXTURE_DIR, theme, imageUrl: () => imageData });
      await paste(page, html);
      const pasted = await measure(page);

      expect(pasted.headingCount).toBe(3);
      expect(pasted.headingColour).toBe(EXPECTED[theme]!.heading);
      expect(pasted.codeBackground).toBe(EXPECTED[theme]!.code);
      // Indentation and line breaks of the TypeScript sample, as the reader sees them.
      expect(pasted.codeLines).toHaveLength(9);
      expect(pasted.codeLines[4]).toBe('');
      // The editor may turn a lone no-break space between words back into a plain one; what
      // matters is that no space collapsed, indentation included.
      const shown = pasted.codeLines.map((line) => line.replace(/\u00a0/g, ' '));
      expect(shown[1]).toBe('  tea: string;');
      expect(shown[7]).toBe('    return 5 + (round - 1) * 5;');
      expect(pasted.codeLines[7]!.startsWith('\u00a0\u00a0\u00a0\u00a0')).toBe(true);
      // The five-column table is wider than the phone and scrolls inside its section.
      expect(pasted.tableScroll.overflowX).toBe('auto');
      expect(pasted.tableScroll.scrollWidth).toBeGreaterThan(pasted.tableScroll.clientWidth);
      expect(pasted.tableScroll.clientWidth).toBeLessThanOrEqual(375);
      expect(pasted.figureCount).toBe(2);
      expect(pasted.caption).toEqual({
        text: '图一：武夷山岩壁之间的茶园',
        fontSize: '13px',
        textAlign: 'center',
        color: EXPECTED[theme]!.caption,
      });
      expect(pasted.imagesLoaded).toBe(2);
      expect(pasted.bodyFontSize).toBe('16px');
      expect(pasted.bodyLineHeight).toBe('28.8px');

      const png = await page.screenshot({ fullPage: true });
      await writeFile(path.join(screenshots, `rich-article-${theme}-375.png`), png);
      expect(await inkedShare(page, png)).toBeGreaterThan(0.05);
    });
  }

  for (const theme of THEME_NAMES) {
    it(`shows every doocs syntax drawn, none as literal Markdown (${theme})`, async () => {
      const doocs = await readFile(path.join(DOOCS_DIR, 'index.md'), 'utf8');
      const { html } = await renderArticle({
        markdown: doocs,
        articleDir: DOOCS_DIR,
        theme,
        imageUrl: () => imageData,
      });
      await paste(page, html);
      const shown = await page.evaluate(() => {
        const editor = document.getElementById('editor')!;
        const svgs = [...editor.querySelectorAll('svg')].map((svg) => {
          const box = svg.getBoundingClientRect();
          return { width: box.width, height: box.height };
        });
        return {
          text: editor.innerText,
          svgs,
          rubies: editor.querySelectorAll('ruby rt').length,
          widest: Math.max(
            ...[...editor.querySelectorAll('*')]
              .filter((element) => !element.closest('[style*="overflow-x: auto"]'))
              .map((element) => element.getBoundingClientRect().right),
          ),
          imagesLoaded: [...editor.querySelectorAll('img')].filter((image) => image.naturalWidth > 0).length,
        };
      });
      for (const literal of [
        '[!NOTE]',
        '[!TIP]',
        '[TOC]',
        '$$',
        '==',
        '++',
        ']{',
        ']^(',
        '|300]',
        '```',
        '<![',
        '<details>',
        '<center>',
        '\\frac',
        'graph TD',
      ])
        expect(shown.text, literal).not.toContain(literal);
      for (const title of ['说明', '提示', '重要', '警告', '注意', '目录']) expect(shown.text).toContain(title);
      expect(shown.text).toContain('老白茶标价 $30，另一饼标价 $45');
      // Three formulas and the diagram are drawn with a size, and nothing sticks out of the phone.
      expect(shown.svgs).toHaveLength(4);
      for (const svg of shown.svgs) expect(svg.width * svg.height).toBeGreaterThan(20);
      expect(shown.widest).toBeLessThanOrEqual(375);
      expect(shown.rubies).toBe(2);
      expect(shown.imagesLoaded).toBe(4);

      const png = await page.screenshot({ fullPage: true });
      await writeFile(path.join(screenshots, `doocs-article-${theme}-375.png`), png);
      expect(await inkedShare(page, png)).toBeGreaterThan(0.05);
    });
  }

  it('keeps a department theme when pasted: filled headings, Mac-style code with line numbers, nothing wider than the phone', async () => {
    const doocs = await readFile(path.join(DOOCS_DIR, 'index.md'), 'utf8');
    const { html } = await renderArticle({
      markdown: doocs,
      articleDir: DOOCS_DIR,
      imageUrl: () => imageData,
      customisation: {
        colours: { accent: '#9c4a2f' },
        headings: { h2: { align: 'center', decoration: 'filled' } },
        code: { style: 'vs2015', macHeader: true, lineNumbers: true },
      },
    });
    await paste(page, html);
    const shown = await page.evaluate(() => {
      const editor = document.getElementById('editor')!;
      const h2 = editor.querySelector('h2')!;
      const codes = [...editor.querySelectorAll('pre code')] as HTMLElement[];
      const dots = [...editor.querySelectorAll('span')].filter(
        (span) => getComputedStyle(span).borderRadius === '5px' && span.getBoundingClientRect().width === 10,
      );
      return {
        heading: {
          background: getComputedStyle(h2).backgroundColor,
          colour: getComputedStyle(h2).color,
          align: getComputedStyle(h2).textAlign,
        },
        codeLines: codes.map((code) => code.innerText.split('\n')),
        // The editor may move a background that repeats its parent's onto the parent: the first one painted.
        codeBackground: (() => {
          for (let current: Element | null = codes[0]!; current; current = current.parentElement) {
            const colour = getComputedStyle(current).backgroundColor;
            if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
          }
          return 'none';
        })(),
        dots: dots.map((dot) => getComputedStyle(dot).backgroundColor),
        widest: Math.max(
          ...[...editor.querySelectorAll('*')]
            .filter((element) => !element.closest('[style*="overflow-x: auto"]'))
            .map((element) => element.getBoundingClientRect().right),
        ),
        text: editor.innerText,
      };
    });
    expect(shown.heading).toEqual({ background: 'rgb(156, 74, 47)', colour: 'rgb(255, 255, 255)', align: 'center' });
    expect(shown.codeBackground).toBe('rgb(30, 30, 30)');
    // Two code blocks (the TypeScript sample and the PlantUML source), each with three dots and numbered lines.
    expect(shown.dots).toHaveLength(6);
    expect(shown.dots.slice(0, 3)).toEqual(['rgb(255, 95, 86)', 'rgb(255, 189, 46)', 'rgb(39, 201, 63)']);
    for (const lines of shown.codeLines)
      lines.forEach((line, index) =>
        expect(line.replace(/\u00a0/g, ' ').trimStart()).toMatch(new RegExp(`^${index + 1}(?!\\d)`)),
      );
    expect(shown.text).toContain('PlantUML 源码（图未绘制）');
    expect(shown.widest).toBeLessThanOrEqual(375);
    const png = await page.screenshot({ fullPage: true });
    await writeFile(path.join(screenshots, 'doocs-article-department-375.png'), png);
    expect(await inkedShare(page, png)).toBeGreaterThan(0.05);
  });
});
