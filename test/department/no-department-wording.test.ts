/**
 * The tool names no department (issue 12 item 2): the sample's name, brand colours and tea wording
 * live in its content/ only. Every text file of the tool that a department's site or commands are
 * made from is searched; a hit fails with file:line and the text, unless an entry below allows that
 * file and says why its words are generic.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';

/** The tool's own files: code, site, handbook, static files, department templates. */
const SEARCHED = ['src', 'public', 'templates', 'bin', 'astro.config.mjs'];
const TEXT_FILE = /\.(ts|mts|mjs|js|astro|md|mdx|css|json|ya?ml|svg|html|txt|tmpl)$/i;

/** The sample department's settings (the tests' copy): its names and colours are what must not leak. */
const sample = parse(readFileSync(path.join(FIXTURE_DEPARTMENT, 'content/department.yaml'), 'utf8')) as {
  department: { zh: string; en: string };
  account: { zh: string; en: string };
  theme: { accent: string; accentDark?: string };
};

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FORBIDDEN: Array<[string, RegExp]> = [
  ["the sample department's name", new RegExp(`${escapeRegExp(sample.department.zh)}|闽岚`)],
  ["the sample account's name", new RegExp(`${escapeRegExp(sample.account.zh)}|Minlan`, 'i')],
  ['tea wording', /茶/],
  [
    "the sample's brand colour",
    new RegExp([sample.theme.accent, sample.theme.accentDark ?? sample.theme.accent].map(escapeRegExp).join('|'), 'i'),
  ],
  // The accent the handbook theme used to hard-code before colours became settings.
  ['a hard-coded accent colour', /hsl\(15[02], (?:42|48|32)%, (?:46|32|17)%\)/],
];

/** Files whose hits are generic words, each with the reason. */
const ALLOWED: Record<string, string> = {
  // The compliance rules find claims about any goods; 茶 is one food word among 酒, 咖啡, 米, 油 … in
  // their patterns (茶中的王者, 国宴用茶, 茶叶 among foods said to be injected) and in the comments naming the cases.
  'src/core/compliance/rules/ad-law.ts': 'goods words in the Advertising Law patterns',
  'src/core/compliance/rules/lexicon.ts':
    'foods in the rumour pattern (茶叶 beside 西瓜, 猪肉) and 茶友 among reader groups',
  'src/core/compliance/rules/induce-share.ts': '茶友群 among the chat groups a post may not push readers to share into',
  'src/core/compliance/citation.ts': 'comments quoting claims the citation rule must still report',
  'src/core/compliance/phrases.ts': 'a comment quoting a motto the rule must not report',
  // The classifier's vocabulary, learnt from real posts of many accounts (a corpus, not wording).
  'src/core/compliance/content-model.json': "the trained model's vocabulary",
  // Tells a department that it still scores with the sample's targets: it has to recognise the sample's account.
  'src/core/scoring/sample-targets.ts': "names the sample account to recognise the sample's own targets",
  // The sample department's own logo, named by its content/department.yaml; public/ is not in the package.
  'public/department/logo.svg': "the sample department's logo (its settings name it)",
};

function filesUnder(relative: string): string[] {
  const absolute = path.join(PROJECT_ROOT, relative);
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(absolute);
  } catch {
    return [];
  }
  if (info.isFile()) return [relative];
  return readdirSync(absolute, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && TEXT_FILE.test(entry.name))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe("the tool's own files", () => {
  const files = SEARCHED.flatMap(filesUnder);

  it('are found (the search is not empty)', () => {
    expect(files).toContain('src/content/docs/handbook/appraisal.mdx');
    expect(files).toContain('src/site/site-labels.ts');
    expect(files).toContain('public/favicon.svg');
  });

  it('name no department, brand colour or tea, except where allowed and said why', () => {
    const hits: string[] = [];
    for (const file of files) {
      if (ALLOWED[file]) continue;
      const lines = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const [what, pattern] of FORBIDDEN) {
          const match = pattern.exec(line);
          if (match) hits.push(`${file}:${index + 1}:${match.index + 1}  ${what}: ${line.trim().slice(0, 120)}`);
        }
      });
    }
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it('allow only files that exist and still need it', () => {
    for (const file of Object.keys(ALLOWED)) {
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      expect(
        FORBIDDEN.some(([, pattern]) => pattern.test(text)),
        `${file} is allowed but has nothing to allow`,
      ).toBe(true);
    }
  });
});
