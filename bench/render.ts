// node bench/render.ts [--runs R]: times the WeChat renderer (mpflow render's core) over every
// article of the sample department, in-process, in each theme: the first pass (cold: module
// start-up, highlight.js and style sheets loaded) and the median of R warm passes.
// bench/run.ts calls benchRender() too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderArticle, THEME_NAMES } from '../src/core/render/render-article.ts';
import { loadRepository } from '../src/core/repository/load-repository.ts';

export async function benchRender(root: string, runs = 5): Promise<string> {
  const { repository } = await loadRepository(root);
  const articles = repository.articles;
  const rows = [
    [
      'render (in-process)',
      'articles',
      'body chars',
      'html chars',
      'first pass ms',
      `warm ms (median of ${runs})`,
      'ms / article',
    ],
  ];
  const bodyChars = articles.reduce((sum, article) => sum + article.body.length, 0);
  for (const theme of THEME_NAMES) {
    let htmlChars = 0;
    const pass = async () => {
      htmlChars = 0;
      const started = performance.now();
      for (const article of articles) {
        const { html } = await renderArticle({
          markdown: article.body,
          articleDir: path.join(root, article.directory),
          theme,
        });
        htmlChars += html.length;
      }
      return performance.now() - started;
    };
    const first = await pass();
    const warm: number[] = [];
    for (let run = 0; run < runs; run += 1) warm.push(await pass());
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)]!;
    rows.push([
      `${theme}`,
      String(articles.length),
      String(bodyChars),
      String(htmlChars),
      first.toFixed(0),
      median.toFixed(0),
      (median / articles.length).toFixed(1),
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')).join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  process.stdout.write(await benchRender(fileURLToPath(new URL('..', import.meta.url)), Number(values.runs)));
}
