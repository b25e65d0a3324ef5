import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { lintFor } from 'autocorrect-node';
import { run as zhlint } from 'zhlint';
import { checkTypography } from '../src/core/compliance/index.ts';

const ZHLINT_OPTIONS = { rules: { preset: 'default' } };

interface Tool {
  name: string;
  /** Lints one Markdown body and returns how many problems it reported. */
  lint: (markdown: string) => number;
}

// The three passes over the same Markdown bodies, in-process, so process start-up is not counted.
const TOOLS: Tool[] = [
  { name: 'mpflow checkTypography', lint: (markdown) => checkTypography(markdown).length },
  { name: 'autocorrect-node lintFor', lint: (markdown) => lintFor(markdown, 'index.md').lines.length },
  // zhlint lints nothing unless given rules; its default preset is what its CLI applies.
  { name: 'zhlint run', lint: (markdown) => zhlint(markdown, ZHLINT_OPTIONS).validations.length },
];

/**
 * Times each typography linter over the bodies (front matter removed) of the first
 * `articleCount` articles of the generated repository, as written (almost clean) and with
 * typography slips put in (half-width commas, no spaces around numbers), since a linter may be
 * fast only when it has nothing to report. Returns table rows:
 * tool, text, files, chars, seconds, chars/s, findings.
 */
export async function timeTypography(repository: string, articleCount: number): Promise<string[][]> {
  const clean = await readBodies(repository, articleCount);
  const slipped = clean.map((body) => body.replace(/，/g, ',').replace(/ (\d+) /g, '$1'));
  const rows: string[][] = [];
  for (const [label, bodies] of [
    ['as written', clean],
    ['with slips', slipped],
  ] as const) {
    const chars = bodies.reduce((sum, body) => sum + body.length, 0);
    for (const tool of TOOLS) {
      // One warm-up pass over a few files, so each tool's lazy set-up and JIT are not timed.
      for (const body of bodies.slice(0, 5)) tool.lint(body);
      let findings = 0;
      const started = process.hrtime.bigint();
      for (const body of bodies) findings += tool.lint(body);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rows.push([
        tool.name,
        label,
        String(bodies.length),
        String(chars),
        seconds.toFixed(2),
        Math.round(chars / seconds).toLocaleString('en-US'),
        String(findings),
      ]);
    }
  }
  return rows;
}

async function readBodies(repository: string, articleCount: number): Promise<string[]> {
  const root = path.join(repository, 'content/articles');
  const files: string[] = [];
  for (const year of (await readdir(root)).sort()) {
    for (const folder of (await readdir(path.join(root, year))).sort()) {
      if (files.length >= articleCount) break;
      files.push(path.join(root, year, folder, 'index.md'));
    }
  }
  return Promise.all(files.map(async (file) => (await readFile(file, 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '')));
}
