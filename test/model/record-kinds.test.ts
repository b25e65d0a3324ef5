/**
 * The record-kind registry is complete (in the manner of Renovate's manager API test): every
 * kind has its schema file, its generated type, a place in a repository, a loader that fills
 * its Repository field and a file among the fixtures; every schema file belongs to a kind; and
 * what is derived from the registry by hand (the editors' settings) agrees with it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_TABLES, REVISIONS } from '../../src/core/metrics/storage.ts';
import {
  editorSchemaMap,
  RECORD_KIND_IDS,
  RECORD_KINDS,
  type RecordKind,
  recordKind,
  YAML_KINDS,
  yamlKind,
} from '../../src/core/model/record-kinds.ts';
import { classifyPath } from '../../src/core/repository/classify-path.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { identitiesFromEnvironment } from '../../src/core/source/seal.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT, SAMPLE_HR_IDENTITY_FILE } from '../helpers/fixture-repository.ts';

/** The sample department, and one file of each kind it has none of. */
const FIXTURES = [FIXTURE_DEPARTMENT, path.join(PROJECT_ROOT, 'test/fixtures/record-kinds')];

/** Schema files that are not a record kind, and why. */
const NOT_RECORD_KINDS: Record<string, string> = {
  'common.schema.json': 'definitions the record schemas share through $ref',
  'review-record.schema.json':
    'a line of the review audit log (content/reviews/<yyyy>.jsonl), read by readReviewAuditLog',
};

async function contentFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const top of ['content', 'appraisals']) {
    const entries = await readdir(path.join(root, top), { recursive: true, withFileTypes: true });
    for (const entry of entries)
      if (entry.isFile())
        found.push(path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  }
  return found.sort();
}

function kindOfPath(file: string): RecordKind | undefined {
  const role = classifyPath(file);
  if (role.role === 'article') return 'article';
  return role.role === 'record' || role.role === 'table' || role.role === 'sealed' ? role.kind : undefined;
}

describe('the record-kind registry', () => {
  it('gives every kind a schema file under schemas/ and every schema file a kind', async () => {
    const schemaFiles = (await readdir(path.join(PROJECT_ROOT, 'schemas'))).filter((file) => file.endsWith('.json'));
    const claimed = new Map(RECORD_KIND_IDS.map((kind) => [recordKind(kind).schema.$id, kind]));
    expect(claimed.size, 'two kinds share a schema').toBe(RECORD_KIND_IDS.length);
    for (const [file, kind] of claimed) {
      expect(schemaFiles, `${kind}'s schema`).toContain(file);
      const onDisk = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'schemas', file), 'utf8')) as unknown;
      expect(recordKind(kind).schema, file).toEqual(onDisk);
    }
    const orphans = schemaFiles.filter((file) => !claimed.has(file) && !(file in NOT_RECORD_KINDS));
    expect(orphans, 'schema files of no kind: add the kind to record-kinds.ts').toEqual([]);
  });

  it('gives every kind its generated type, named once', async () => {
    const generated = await readFile(path.join(PROJECT_ROOT, 'src/core/model/types.generated.ts'), 'utf8');
    const names = RECORD_KIND_IDS.map((kind) => recordKind(kind).typeName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(generated, name).toMatch(new RegExp(`export (?:interface|type) ${name}\\b`));
  });

  it('has a file of every kind among the fixtures, each placed by classifyPath and, for YAML, by an editor glob', async () => {
    const covered = new Set<RecordKind>();
    for (const root of FIXTURES) {
      for (const file of await contentFiles(root)) {
        const kind = kindOfPath(file);
        if (kind === undefined) continue;
        covered.add(kind);
        const spec = recordKind(kind);
        if (spec.format !== 'yaml') continue;
        const plain = file.replace(/\.age$/, '');
        expect(
          spec.globs.some((glob) => path.posix.matchesGlob(plain, glob)),
          `${file} (${kind}) matches none of ${spec.globs.join(', ')}`,
        ).toBe(true);
      }
    }
    expect(RECORD_KIND_IDS.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  it('places the encrypted form of a sealable kind, and only of those', () => {
    expect(classifyPath('appraisals/2026-10/chen-yu/self.yaml.age')).toEqual({
      role: 'sealed',
      kind: 'appraisal-rating',
    });
    expect(classifyPath('appraisals/2026-10/chen-yu/interview.yaml.age')).toEqual({
      role: 'sealed',
      kind: 'appraisal-interview',
    });
    expect(classifyPath('appraisals/2026-10/chen-yu/result.yaml.age')).toEqual({ role: 'unknown' });
    expect(classifyPath('content/policy/2026.yaml.age')).toEqual({ role: 'unknown' });
  });

  it('loads every kind of the fixtures into its Repository field, without a problem', async () => {
    const identities = identitiesFromEnvironment({ MPFLOW_AGE_IDENTITY_FILE: SAMPLE_HR_IDENTITY_FILE });
    const filled = new Set<RecordKind>();
    for (const root of FIXTURES) {
      const { repository, problems } = await loadRepository(root, { identities });
      expect(problems.map((problem) => `${problem.file}: ${problem.message.en}`)).toEqual([]);
      for (const kind of RECORD_KIND_IDS) {
        const value = (repository as unknown as Record<string, unknown>)[RECORD_KINDS[kind].field];
        if (Array.isArray(value) ? value.length > 0 : value !== undefined) filled.add(kind);
      }
    }
    expect(RECORD_KIND_IDS.filter((kind) => !filled.has(kind))).toEqual([]);
  });

  it('is what .vscode/settings.json maps for editors (every YAML kind, with its globs)', async () => {
    const settings = JSON.parse(await readFile(path.join(PROJECT_ROOT, '.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string | string[]>;
    };
    expect(settings['yaml.schemas']).toEqual(editorSchemaMap());
    expect(Object.keys(editorSchemaMap())).toHaveLength(YAML_KINDS.length);
    for (const kind of YAML_KINDS) {
      // The globs name the .yaml spelling the pattern accepts (editors do not need .yml).
      for (const glob of yamlKind(kind).globs) expect(glob.endsWith('.yaml'), `${kind}: ${glob}`).toBe(true);
    }
  });

  it('names the folder of every table the metrics store writes', () => {
    for (const [folder, table] of Object.entries(METRIC_TABLES)) {
      expect(table.folder, table.kind).toBe(folder);
      expect(classifyPath(`content/metrics/${folder}/2026-11.csv`)).toEqual({
        role: 'table',
        kind: table.kind,
        month: '2026-11',
      });
    }
    expect(classifyPath(`content/metrics/${REVISIONS.folder}/2026-11.csv`)).toMatchObject({ kind: 'metrics-revision' });
  });
});
