/**
 * `mpflow render` and `publish` apply one pre-send check (preflight in
 * src/core/publishing/preflight.ts) to one rendering: over a set of articles — the sample
 * department's (the test fixture copy), the rich and doocs articles of these tests, prose just
 * under and just over draft/add's 20,000 characters, and a body with a remote image — both
 * make the same HTML (the department's render settings and a front matter's breaks applied),
 * count the same characters and refuse exactly the same articles for the same reasons.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureContent } from '../../src/core/publishing/preflight.ts';
import { publishDue } from '../../src/core/publishing/publish-due.ts';
import { departmentRenderer } from '../../src/core/render/department-theme.ts';
import { splitFrontMatter } from '../../src/core/source/front-matter.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PUBLISH_AT = Date.parse('2026-09-02T20:31:00+08:00');

interface Case {
  slug: string;
  /** The front matter to publish it with: the sample's own (its source, authors, topic), due now. */
  frontMatter: string;
  body: string;
  /** Files of the source article's folder (cover, images), copied next to the body. */
  files: Array<{ name: string; content: Buffer }>;
}

async function folderCase(slug: string, folder: string, frontMatterOf?: string): Promise<Case> {
  const source = await readFile(path.join(folder, 'index.md'), 'utf8');
  const split = splitFrontMatter(source);
  if (split.kind !== 'ok' && frontMatterOf === undefined) throw new Error(`${folder}: no front matter`);
  const names = (await readdir(folder)).filter((name) => /\.(png|jpe?g|gif|webp)$/i.test(name));
  return {
    slug,
    frontMatter:
      frontMatterOf ??
      (split.kind === 'ok' ? split.yamlText : '').replace(/^publishAt: .*$/m, 'publishAt: 2026-09-02T20:30:00+08:00'),
    body: split.kind === 'ok' ? split.body : source,
    files: await Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(folder, name)) }))),
  };
}

/** Prose of `characters` visible characters (without the renderer's appendix), in paragraphs. */
function prose(characters: number): string {
  const sentence = '白茶越陈越香，但前提是存放得当，要避光、防潮、远离异味。';
  const text = sentence.repeat(Math.ceil(characters / sentence.length)).slice(0, characters);
  return text.match(/.{1,280}/gsu)!.join('\n\n');
}

let root: string;
let cases: Case[];
let out: string;

beforeAll(async () => {
  // A copy of the sample department (the tests' own, test/fixtures/department) whose articles are
  // all due at one moment, so one publish run and one render run see every case.
  root = await mkdtemp(path.join(tmpdir(), 'mpflow-agreement-'));
  out = await mkdtemp(path.join(tmpdir(), 'mpflow-agreement-out-'));
  await cp(FIXTURE_DEPARTMENT, root, { recursive: true });
  await rm(path.join(root, 'content/articles'), { recursive: true, force: true });
  await rm(path.join(root, 'content/publishing'), { recursive: true, force: true });
  // The department's own look, which both must apply.
  const settings = await readFile(path.join(root, 'content/department.yaml'), 'utf8');
  await writeFile(
    path.join(root, 'content/department.yaml'),
    `${settings.trimEnd()}\nrender:\n  colours: { accent: '#9c4a2f' }\n  code: { macHeader: true, lineNumbers: true }\n`,
  );
  const sampleRoot = path.join(FIXTURE_DEPARTMENT, 'content/articles');
  const samples: Case[] = [];
  for (const year of await readdir(sampleRoot)) {
    for (const folder of (await readdir(path.join(sampleRoot, year))).sort())
      samples.push(await folderCase(`sample-${year}-${folder.slice(6)}`, path.join(sampleRoot, year, folder)));
  }
  const original = samples.find((sample) => /type: original/.test(sample.frontMatter))!;
  const cover = original.files.filter((file) => new RegExp(`^cover: ${file.name}$`, 'm').test(original.frontMatter));
  const made = (slug: string, body: string): Case => ({ slug, frontMatter: original.frontMatter, body, files: cover });
  cases = [
    ...samples,
    ...(await Promise.all(
      ['rich-article', 'doocs-article'].map(async (slug) => {
        const own = await folderCase(slug, path.join(HERE, 'fixtures', slug), original.frontMatter);
        return { ...own, files: [...cover, ...own.files] };
      }),
    )),
    made('just-under', prose(19_990)),
    made('just-over', prose(20_000)),
    made('remote-image', '茶园远景。\n\n![远处的茶园](https://example.com/garden.jpg)\n'),
    {
      ...made('poem-with-breaks', '寒夜客来茶当酒，\n竹炉汤沸火初红。\n'),
      frontMatter: `${original.frontMatter.trimEnd()}\nbreaks: true\n`,
    },
  ];
  for (const [index, testCase] of cases.entries()) {
    const folder = path.join(root, `content/articles/2026/09-02-${testCase.slug}`);
    await mkdir(folder, { recursive: true });
    const frontMatter = testCase.frontMatter.replace(/^title: .*$/m, `title: 第 ${index + 1} 篇：岩茶与白茶`);
    await writeFile(path.join(folder, 'index.md'), `---\n${frontMatter.trimEnd()}\n---\n\n${testCase.body}`);
    for (const file of testCase.files) await writeFile(path.join(folder, file.name), file.content);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('render and publish', () => {
  it('make the same HTML, count the same characters and refuse the same articles for the same reasons', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const run = await runMpflow(['render', 'content/articles', '--out', out], { cwd: root });
    const counted = new Map<string, number>();
    const refusals = new Map<string, string[]>();
    for (const line of run.stderr.split('\n')) {
      const rendered =
        /^Rendered content\/articles\/2026\/09-02-([\w-]+)\/index\.md \(theme [\w-]+\): (\d+) characters/.exec(line);
      if (rendered) counted.set(rendered[1]!, Number(rendered[2]));
      const refused = /^content\/articles\/2026\/09-02-([\w-]+)\/index\.md: (.+)$/.exec(line);
      if (refused) refusals.set(refused[1]!, [...(refusals.get(refused[1]!) ?? []), refused[2]!]);
    }

    const sent = new Map<string, string>();
    const render = departmentRenderer(root);
    const report = await publishDue({
      root: root,
      now: PUBLISH_AT,
      dryRun: true,
      render: async (input) => {
        const result = await render(input);
        sent.set(path.basename(input.articleDir!).slice(6), result.html);
        return result;
      },
    });
    const verdicts = new Map(report.entries.map((entry) => [entry.article.slice(11), entry]));

    for (const { slug } of cases) {
      const entry = verdicts.get(slug);
      expect(entry?.outcome, slug).toMatch(/^(would-publish|blocked)$/);
      const renderRefuses = refusals.get(slug) ?? [];
      expect({ slug, refused: renderRefuses.length > 0 }).toEqual({ slug, refused: entry!.outcome === 'blocked' });
      const html = sent.get(slug);
      if (html !== undefined) {
        expect({ slug, characters: counted.get(slug) }).toEqual({ slug, characters: measureContent(html).characters });
        // Not only the verdicts: the very HTML is the same (images still local on both sides).
        expect(await readFile(path.join(out, `content/articles/2026/09-02-${slug}/index.html`), 'utf8'), slug).toBe(
          html,
        );
        for (const reason of renderRefuses) expect(entry!.message!.en).toContain(reason);
      } else {
        // Refused by mpflow check before rendering: only for the length, counted as render counts it.
        expect({ slug, rules: entry!.problems?.map((problem) => problem.ruleId) }).toEqual({
          slug,
          rules: ['wechat-limits/body-length'],
        });
        expect(entry!.problems![0]!.message.en).toContain(`has ${counted.get(slug)} characters`);
        expect(renderRefuses.join(' ')).toContain(`has ${counted.get(slug)} characters`);
      }
    }
    // The cases do reach both sides of the limits.
    expect(verdicts.get('just-under')!.outcome).toBe('would-publish');
    expect(verdicts.get('just-over')!.outcome).toBe('blocked');
    expect(verdicts.get('remote-image')!.outcome).toBe('blocked');
    expect(verdicts.get('rich-article')!.outcome).toBe('would-publish');
    expect(sent.get('poem-with-breaks')).toContain('寒夜客来茶当酒，<br>竹炉汤沸火初红。');
    expect(sent.get('rich-article')).toContain('#9c4a2f');
    expect(sent.get('rich-article')).toContain('background: #ff5f56;');
    expect(run.exitCode).toBe(1);
  });
});
