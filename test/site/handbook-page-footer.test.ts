/**
 * Two things a handbook reader meets around the text (issue 17): code blocks whose copy button and
 * terminal frame speak the page's language (English pages said 复制到剪贴板 and 终端窗口), and the
 * date each page last changed, from its newest commit. Read from the run's one build.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteOnce, DIST, ROOT } from './site-server.ts';

beforeAll(async () => {
  await buildSiteOnce();
});

function page(address: string): Promise<string> {
  return readFile(path.join(DIST, address, 'index.html'), 'utf8');
}

/** What the copy buttons and terminal frames of a page say. */
function codeBlockTexts(html: string): { tooltips: string[]; copied: string[]; terminals: string[] } {
  const buttons = [...html.matchAll(/<div class="copy">.*?<button title="([^"]*)" data-copied="([^"]*)"/g)];
  // A terminal frame without a title is named by the fallback, in a screen-reader-only span.
  const terminals = [
    ...html.matchAll(
      /<figure class="frame is-terminal[^"]*"><figcaption class="header"><span class="title"><\/span><span class="sr-only">([^<]*)<\/span>/g,
    ),
  ];
  return {
    tooltips: [...new Set(buttons.map((match) => match[1]!))],
    copied: [...new Set(buttons.map((match) => match[2]!))],
    terminals: [...new Set(terminals.map((match) => match[1]!))],
  };
}

describe('code blocks of the handbook', () => {
  it('speak English on the English repository guide', async () => {
    const html = await page('en/handbook/repository');
    expect(html).not.toMatch(/复制|终端窗口/);
    expect(codeBlockTexts(html)).toEqual({
      tooltips: ['Copy to clipboard'],
      copied: ['Copied!'],
      terminals: ['Terminal window'],
    });
  });

  it('speak Chinese on the Chinese one', async () => {
    expect(codeBlockTexts(await page('handbook/repository'))).toEqual({
      tooltips: ['复制到剪贴板'],
      copied: ['复制成功！'],
      terminals: ['终端窗口'],
    });
  });
});

describe('the last change of a handbook page', () => {
  for (const [address, source, label] of [
    ['handbook/appraisal', 'src/content/docs/handbook/appraisal.mdx', '最近更新'],
    ['en/handbook/appraisal', 'src/content/docs/en/handbook/appraisal.mdx', 'Last updated'],
  ] as const) {
    it(`${address} shows the date of its newest commit`, async () => {
      const committed = execFileSync('git', ['log', '-1', '--format=%ct', '--', source], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const html = await page(address);
      const shown = new RegExp(`${label}[：:]?\\s*(?:<[^>]+>\\s*)*<time datetime="([^"]+)">([^<]+)</time>`).exec(html);
      expect(shown, `no "${label}" date on /${address}/`).not.toBeNull();
      expect(new Date(shown![1]!).getTime()).toBe(Number(committed.trim()) * 1000);
      expect(shown![2]).toMatch(/\d{4}/);
    });
  }
});
