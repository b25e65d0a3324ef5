import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import { walkFiles } from '../repository/walk-files.ts';
import { DEPARTMENT_SETTINGS_PATH } from '../department/settings.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import { writeFilesAllOrNothing } from '../source/write-file-atomically.ts';
import { firstYamlErrorPlace, MigrationError, type Migration } from './migration.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, pendingMigrations } from './registry.ts';

/** One file's change over all pending steps: `before` undefined is a new file, `after` undefined a deletion. */
export interface FileChange {
  path: string;
  before?: string;
  after?: string;
}

export interface MigrationPlan {
  /** The repository's version now (0 when it has no settings file). */
  version: number;
  /** The version this mpflow writes. */
  latest: number;
  steps: Migration[];
  /** The net change per file, sorted by path. */
  changes: FileChange[];
}

/** The repository's schema version from its settings text: 0 without a file or without the field. */
export function schemaVersionOf(settingsText: string | undefined): number {
  if (settingsText === undefined) return 0;
  const document = parseDocument(settingsText);
  if (document.errors.length > 0) {
    throw new MigrationError(
      firstYamlErrorPlace(DEPARTMENT_SETTINGS_PATH, document),
      text(
        '部门设置不是有效的 YAML，读不出数据格式版本；先改正它。',
        'The department settings are not valid YAML, so their schema version cannot be read; fix them first.',
      ),
    );
  }
  const value = document.get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * The settings text with schemaVersion set, every other byte as it was: the line replaced, or a
 * new line after the leading comments when the file had none.
 */
export function withSchemaVersion(settingsText: string, version: number): string {
  const line = /^schemaVersion:[^\n]*$/m;
  if (line.test(settingsText)) return settingsText.replace(line, `schemaVersion: ${version}`);
  const leading = /^(?:(?:#[^\n]*|[ \t]*)\n)*/.exec(settingsText)?.[0] ?? '';
  return `${leading}schemaVersion: ${version}\n${settingsText.slice(leading.length)}`;
}

/**
 * What `mpflow migrate` would do, computed in memory: each pending step's transform over the
 * files as the steps before it left them. Nothing is written. A step's refusal is a
 * MigrationError naming the file.
 */
export async function planMigrations(
  root: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationPlan> {
  const original = new Map<string, string | undefined>();
  const current = new Map<string, string | undefined>();
  const read = async (file: string): Promise<string | undefined> => {
    if (current.has(file)) return current.get(file);
    const absolute = path.join(root, ...file.split('/'));
    const content = existsSync(absolute) ? await readFile(absolute, 'utf8') : undefined;
    original.set(file, content);
    current.set(file, content);
    return content;
  };
  const version = schemaVersionOf(await read(DEPARTMENT_SETTINGS_PATH));
  const latest =
    migrations === MIGRATIONS
      ? LATEST_SCHEMA_VERSION
      : migrations.reduce((max, migration) => Math.max(max, migration.to), 0);
  const steps = pendingMigrations(version, migrations);
  for (const step of steps) {
    const input = new Map<string, string>();
    for (const file of await expandReads(root, step.reads, current)) {
      const content = await read(file);
      if (content !== undefined) input.set(file, content);
    }
    for (const [file, content] of step.transform(input)) {
      await read(file);
      current.set(file, content ?? undefined);
    }
    const settings = await read(DEPARTMENT_SETTINGS_PATH);
    if (settings !== undefined) current.set(DEPARTMENT_SETTINGS_PATH, withSchemaVersion(settings, step.to));
  }
  const changes: FileChange[] = [];
  for (const [file, after] of current) {
    const before = original.get(file);
    if (before === after) continue;
    changes.push({
      path: file,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    });
  }
  changes.sort((a, b) => a.path.localeCompare(b.path));
  return { version, latest, steps, changes };
}

/** Writes a plan: every new text through a temporary sibling, renamed only when all are written; then the deletions. */
export async function applyMigrationPlan(root: string, plan: MigrationPlan): Promise<void> {
  const writes = plan.changes
    .filter((change) => change.after !== undefined)
    .map((change) => ({ file: path.join(root, ...change.path.split('/')), content: change.after! }));
  await writeFilesAllOrNothing(writes);
  for (const change of plan.changes)
    if (change.after === undefined) await rm(path.join(root, ...change.path.split('/')), { force: true });
}

/** A repository newer than this mpflow: the message that says to upgrade mpflow, not to migrate. */
export function tooNewMessage(version: number, latest: number): LocalizedText {
  return text(
    `仓库的数据格式是第 ${version} 版，比这个 mpflow 认识的第 ${latest} 版新：请升级 mpflow（package.json 里的版本），不要降级数据。`,
    `The repository's data format is version ${version}, newer than version ${latest} that this mpflow knows: upgrade mpflow (its version in package.json) rather than the data.`,
  );
}

/**
 * A step's `reads` as repository paths: a plain path as it is, a glob (content/articles/**\/*.md)
 * as every file under its fixed folder that matches, files earlier steps created included and
 * files they deleted left out.
 */
async function expandReads(
  root: string,
  reads: readonly string[],
  current: ReadonlyMap<string, string | undefined>,
): Promise<string[]> {
  const paths = new Set<string>();
  for (const entry of reads) {
    if (!picomatch.scan(entry).isGlob) {
      paths.add(entry);
      continue;
    }
    const matches = picomatch(entry, { dot: true });
    const base = picomatch.scan(entry).base;
    const { files } = await walkFiles(root, [base === '' ? '.' : base]);
    for (const file of files) if (matches(file.relativePath)) paths.add(file.relativePath);
    for (const [file, content] of current) {
      if (!matches(file)) continue;
      if (content === undefined) paths.delete(file);
      else paths.add(file);
    }
  }
  return [...paths].sort();
}
