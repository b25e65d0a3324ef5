import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { splitFrontMatter } from '../../src/core/source/front-matter.ts';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';

/**
 * "Bad input never crashes it": every field of every record kind, replaced by a value of every
 * wrong shape, must give ordinary problems (never an exception or an internal error).
 */
const WRONG_VALUES: unknown[] = [null, 42, '文本', [1, '二'], { unexpected: true }];

const YAML_FILES = [
  'content/team.yaml',
  'content/topics/T-2026-001.yaml',
  'content/campaigns/C-2026-01.yaml',
  'appraisals/2026-09/lin-xiao/supervisor.yaml',
  'content/policy/2026-01-01.yaml',
];
const ARTICLE = `${ARTICLE_DIRECTORY}/index.md`;

function fieldPaths(value: unknown, prefix: Array<string | number> = [], depth = 0): Array<Array<string | number>> {
  if (depth > 2 || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.slice(0, 1).map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key], depth + 1)]);
}

describe('fields of the wrong shape', () => {
  let repository: FixtureRepository;
  const originals = new Map<string, string>();
  beforeAll(async () => {
    repository = await FixtureRepository.create();
    for (const file of [...YAML_FILES, ARTICLE]) originals.set(file, await repository.read(file));
  });
  afterAll(async () => {
    await repository.dispose();
  });

  for (const file of [...YAML_FILES, ARTICLE]) {
    it(`never crash the check: ${file}`, async () => {
      const original = originals.get(file)!;
      const split = file.endsWith('.md') ? splitFrontMatter(original) : undefined;
      const yamlText = split?.kind === 'ok' ? split.yamlText : original;
      const paths = fieldPaths(parseDocument(yamlText).toJS());
      expect(paths.length).toBeGreaterThan(3);
      let mutations = 0;
      try {
        for (const fieldPath of paths) {
          for (const wrong of WRONG_VALUES) {
            const document = parseDocument(yamlText);
            document.setIn(fieldPath, document.createNode(wrong));
            const mutated =
              split?.kind === 'ok' ? `---\n${document.toString()}---\n${split.body}` : document.toString();
            await repository.write(file, mutated);
            const { problems } = await checkRepository(repository.root);
            expect(problems.filter((problem) => problem.ruleId === 'internal/error')).toEqual([]);
            mutations += 1;
          }
        }
      } finally {
        await repository.write(file, original);
      }
      expect(mutations).toBe(paths.length * WRONG_VALUES.length);
    }, 120_000);
  }
});
