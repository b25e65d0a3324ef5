import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRepository, TARGET_HAN_CHARACTERS, VIOLATIONS } from '../../bench/generate-repository.ts';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

const run = promisify(execFile);
const ARTICLES = 150;

// The bench's generated department: what the speed figures are measured on must be realistic
// Markdown that mpflow accepts, with the deliberate violations (and only those) reported.
describe('the bench repository generator', () => {
  let scratch: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'mpflow-bench-gen-'));
    first = path.join(scratch, 'a');
    second = path.join(scratch, 'b');
    await generateRepository(FIXTURE_DEPARTMENT, first, ARTICLES, { git: true });
    await generateRepository(FIXTURE_DEPARTMENT, second, ARTICLES);
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function articleFiles(root: string): Promise<string[]> {
    return (await readdir(path.join(root, 'content/articles'), { recursive: true })).filter((entry) => entry.endsWith('index.md')).sort();
  }

  it('writes realistic Markdown of about 2,500 Han characters per article', async () => {
    const files = await articleFiles(second);
    expect(files).toHaveLength(ARTICLES);
    let total = 0;
    for (const file of files) {
      const source = await readFile(path.join(second, 'content/articles', file), 'utf8');
      const han = source.match(/\p{Script=Han}/gu)?.length ?? 0;
      expect(han, file).toBeGreaterThan(TARGET_HAN_CHARACTERS * 0.85);
      expect(han, file).toBeLessThan(TARGET_HAN_CHARACTERS * 1.25);
      total += han;
      expect(source, file).toMatch(/^## /m);
      expect(source, file).toMatch(/\]\(https:\/\/mp\.weixin\.qq\.com\/s\//);
    }
    expect(Math.abs(total / files.length - TARGET_HAN_CHARACTERS)).toBeLessThan(200);
    const all = (await Promise.all(files.map((file) => readFile(path.join(second, 'content/articles', file), 'utf8')))).join('\n');
    expect(all).toMatch(/^- /m);
    expect(all).toMatch(/^\d+\. /m);
    expect(all).toMatch(/^> /m);
    expect(all).toMatch(/!\[[^\]]+\]\(figure-1\.png "/);
    expect(all).toMatch(/[\p{Script=Han}] [A-Za-z]+ [\p{Script=Han}]/u);
    expect(all).toMatch(/[\p{Script=Han}] \d+ [\p{Script=Han}]/u);
  });

  it('is deterministic: the same count gives byte-identical articles', async () => {
    const files = await articleFiles(first);
    expect(await articleFiles(second)).toEqual(files);
    for (const file of files.slice(0, 40)) {
      const [a, b] = await Promise.all([first, second].map((root) => readFile(path.join(root, 'content/articles', file), 'utf8')));
      // The git variant appends an edit note to five articles in its second commit.
      expect(a!.startsWith(b!), file).toBe(true);
    }
  });

  it('makes a git repository whose last commit edits exactly five articles', async () => {
    const { stdout } = await run('git', ['diff', '--name-only', 'HEAD~1', 'HEAD'], { cwd: first });
    const changed = stdout.trim().split('\n');
    expect(changed).toHaveLength(5);
    for (const file of changed) expect(file).toMatch(/^content\/articles\/\d{4}\/[^/]+\/index\.md$/);
  });

  it('passes mpflow check except for the deliberate violations, each of which is reported in its article', async () => {
    const { problems } = await checkRepository(second);
    const files = await articleFiles(second);
    const withViolation: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(second, 'content/articles', file), 'utf8');
      if (VIOLATIONS.some((violation) => source.includes(violation))) withViolation.push(`content/articles/${file}`);
    }
    expect(withViolation.length).toBeGreaterThan(0);
    expect(withViolation.length).toBeLessThan(ARTICLES * 0.1);
    const problemFiles = new Set(problems.map((problem) => problem.file));
    expect([...problemFiles].sort()).toEqual(withViolation.sort());
  });
});
