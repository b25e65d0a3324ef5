import {
  TABLE_KINDS,
  YAML_KINDS,
  tableKind,
  yamlKind,
  type SealableKind,
  type TableKind,
  type YamlRecordKind,
} from '../model/record-kinds.ts';

/** What a file in a department repository is, decided by its path alone. */
export type FileRole =
  | { role: 'record'; kind: YamlRecordKind }
  | { role: 'article'; year: string; folder: string; id: string }
  | { role: 'table'; kind: TableKind; month: string }
  | { role: 'asset' }
  /** An appraisal input committed encrypted (`<name>.yaml.age`): readable only with a reader's identity. */
  | { role: 'sealed'; kind: SealableKind }
  | { role: 'notes' }
  | { role: 'misplaced-article'; reason: 'folder' | 'name' }
  | { role: 'unknown' };

/** Top-level folders whose every file `mpflow check` understands. */
export const CONTENT_ROOTS = ['content', 'appraisals'] as const;

const ARTICLE_FOLDER = /^content\/articles\/(\d{4})\/(\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\/(.+)$/;
/** The monthly tables, by their folder under content/metrics/. */
const TABLE_FOLDERS = new Map<string, TableKind>();
/** Tables kept in one file (not by month), YAML records, and the encrypted form of the sealable ones. */
const SINGLE_TABLES: Array<{ kind: TableKind; pattern: RegExp }> = [];
const YAML_PLACES: Array<{ kind: YamlRecordKind; pattern: RegExp }> = [];
const SEALED_PLACES: Array<{ kind: SealableKind; pattern: RegExp }> = [];
for (const kind of TABLE_KINDS) {
  const spec = tableKind(kind);
  if (spec.metricsFolder !== undefined) TABLE_FOLDERS.set(spec.metricsFolder, kind);
  if (spec.pattern !== undefined) SINGLE_TABLES.push({ kind, pattern: spec.pattern });
}
for (const kind of YAML_KINDS) {
  const { pattern, sealable } = yamlKind(kind);
  YAML_PLACES.push({ kind, pattern });
  // `<name>.yaml.age`: the plain name plus `.age`.
  if (sealable)
    SEALED_PLACES.push({ kind: kind as SealableKind, pattern: new RegExp(pattern.source.replace(/\$$/, '\\.age$')) });
}
const ASSET_EXTENSIONS = /\.(jpe?g|png|gif|webp|svg|psd|ai|fig|sketch|pdf)$/i;

export function classifyPath(relativePath: string): FileRole {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (name === 'README.md' || name === '.gitkeep') return { role: 'notes' };
  // Nearly every file of a large repository is an article's; none of the patterns below matches one.
  if (relativePath.startsWith('content/articles/')) {
    const article = ARTICLE_FOLDER.exec(relativePath);
    if (!article) {
      if (name.endsWith('.md')) return { role: 'misplaced-article', reason: 'folder' };
      return ASSET_EXTENSIONS.test(name) ? { role: 'misplaced-article', reason: 'folder' } : { role: 'unknown' };
    }
    const [, year, folder, rest] = article as unknown as [string, string, string, string];
    if (rest === 'index.md') return { role: 'article', year, folder, id: `${year}-${folder}` };
    if (ASSET_EXTENSIONS.test(rest)) return { role: 'asset' };
    if (rest.endsWith('.md')) return { role: 'notes' };
    return { role: 'unknown' };
  }
  // The review gate's audit log (JSON Lines, appended on merge); read and validated by readReviewAuditLog.
  if (/^content\/reviews\/\d{4}\.jsonl$/.test(relativePath)) return { role: 'notes' };
  for (const { kind, pattern } of YAML_PLACES) if (pattern.test(relativePath)) return { role: 'record', kind };
  for (const { kind, pattern } of SEALED_PLACES) if (pattern.test(relativePath)) return { role: 'sealed', kind };
  for (const { kind, pattern } of SINGLE_TABLES)
    if (pattern.test(relativePath)) return { role: 'table', kind, month: '' };

  const metrics = /^content\/metrics\/([^/]+)\/(\d{4}-\d{2})\.csv$/.exec(relativePath);
  if (metrics) {
    const kind = TABLE_FOLDERS.get(metrics[1]!);
    if (kind) return { role: 'table', kind, month: metrics[2]! };
  }

  if (relativePath.startsWith('content/design/') && ASSET_EXTENSIONS.test(name)) return { role: 'asset' };
  return { role: 'unknown' };
}
