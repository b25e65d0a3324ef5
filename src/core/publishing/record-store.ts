import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';
import type { PublishRecordFile } from '../model/types.generated.ts';
import { validateRecord } from '../model/validate-record.ts';
import { writeFileAtomically } from '../source/write-file-atomically.ts';
import { locateInYaml, parseYamlSource } from '../source/yaml-source.ts';

export type PublishRecord = PublishRecordFile;

export const PUBLISHING_FOLDER = 'content/publishing';

/** Field order of a written record: the order the steps fill them in, so a diff reads like a log. */
const FIELD_ORDER: ReadonlyArray<keyof PublishRecord> = [
  'article',
  'status',
  'index',
  'images',
  'cover',
  'draftMediaId',
  'draftDigest',
  'submitStartedAt',
  'publishId',
  'msgDataId',
  'msgDataIdMissing',
  'submittedAt',
  'wechatArticleId',
  'url',
  'publishedAt',
  'failure',
];

/** A record mpflow cannot trust: it will not guess, since guessing could publish twice (exit 2). */
export class PublishRecordError extends LocalizedError {
  readonly file: string;
  constructor(file: string, localized: LocalizedText) {
    super(localized);
    this.file = file;
  }
}

const TEMPORARY_SUFFIX = '.writing.tmp';

/**
 * A run killed between writing a temporary file and renaming it leaves the temporary file; the
 * record it belonged to is intact, so the leftover is removed before it can be committed.
 */
export async function removeLeftoverTemporaryFiles(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(root, PUBLISHING_FOLDER));
  } catch {
    return [];
  }
  const leftovers = names.filter((name) => name.endsWith(TEMPORARY_SUFFIX));
  await Promise.all(leftovers.map((name) => rm(path.join(root, PUBLISHING_FOLDER, name), { force: true })));
  return leftovers;
}

export function publishRecordPath(articleId: string): string {
  return `${PUBLISHING_FOLDER}/${articleId}.yaml`;
}

/** The record on disk now (not as loaded at the start of the run), or undefined when there is none. */
export async function readPublishRecord(root: string, articleId: string): Promise<PublishRecord | undefined> {
  const file = publishRecordPath(articleId);
  let source: string;
  try {
    source = await readFile(path.join(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = parseYamlSource(source, file);
  const problems = parsed.ok
    ? validateRecord('publish-record', parsed.source.data, file, (segments, at) =>
        locateInYaml(parsed.source, segments, at),
      )
    : parsed.problems;
  if (!parsed.ok || problems.length > 0) {
    const first = problems[0];
    const where = first ? `${file}:${first.span.start.line}:${first.span.start.column}` : file;
    throw new PublishRecordError(
      file,
      text(
        `${where} 发布记录无法读取（${first?.message.zh ?? ''}），为免重复发布，跳过这篇文章。请在 PR 中修正或删除该记录。`,
        `${where}: the publish record cannot be read (${first?.message.en ?? ''}); the article is skipped rather than risk publishing it twice. Fix or delete the record in a pull request.`,
      ),
    );
  }
  return parsed.source.data as PublishRecord;
}

export function serializePublishRecord(record: PublishRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (record[key] !== undefined) ordered[key] = record[key];
  const body = stringify(ordered, { lineWidth: 0 });
  return `# yaml-language-server: $schema=../../schemas/publish-record.schema.json\n# 由 mpflow publish 写入 / written by mpflow publish\n${body}`;
}

/**
 * Writes the whole record to a temporary file, flushes it to disk and renames it over the old one:
 * a crash leaves either the previous step's record or this one, never half of either.
 */
export async function writePublishRecord(root: string, record: PublishRecord): Promise<void> {
  const file = path.join(root, publishRecordPath(record.article));
  await writeFileAtomically(file, serializePublishRecord(record), {
    temporary: `${file}${TEMPORARY_SUFFIX}`,
    sync: true,
  });
}
