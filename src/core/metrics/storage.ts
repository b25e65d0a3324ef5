/**
 * The metrics store: one CSV per kind per month under content/metrics/<folder>/<yyyy-mm>.csv.
 *
 * Append-only and idempotent: a row is identified by its key columns; importing a row that is
 * already there changes nothing, a new key is added, and a key whose figures the platform has
 * since revised is updated *and* the old and new values are appended to
 * content/metrics/revisions/<yyyy-mm>.csv (filed by the import date), so no figure ever changes
 * silently. Files are sorted by key and written with one fixed format, so the same rows always
 * give the same bytes whatever order or batches they were imported in, and diffs stay small.
 * Every file of one import is written to a temporary file first and renamed into place only when
 * all of them were prepared.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { text } from '../i18n/language.ts';
import { LocalizedFileError } from '../diagnostics/localized-error.ts';
import { tableKind } from '../model/record-kinds.ts';
import { RECORD_SCHEMAS, tableColumns, type TableKind } from '../model/schemas.ts';
import { parseCsvSource } from '../source/csv-source.ts';
import { decodeTextFile } from '../source/read-text-file.ts';
import { writeFilesAllOrNothing } from '../source/write-file-atomically.ts';

export interface TableSpec {
  kind: TableKind;
  /** Folder under content/metrics/. */
  folder: string;
  columns: string[];
  /** Columns that identify a row; the first one is the date that decides the month file. */
  key: string[];
  /** Key columns compared as numbers when sorting (user_source 17 comes before 100). */
  numericKey: ReadonlySet<string>;
  /** Integer columns: a figure a source does not provide is written as 0 in a new row. */
  integers: ReadonlySet<string>;
}

/** A monthly table of the registry (record-kinds.ts), with the columns that identify its rows. */
function spec(kind: TableKind, key: string[]): TableSpec {
  const { metricsFolder: folder } = tableKind(kind);
  if (folder === undefined) throw new Error(`${kind} is not a monthly table under content/metrics/`);
  const properties = RECORD_SCHEMAS[kind].properties as Record<string, { type?: string }>;
  const integers = new Set(tableColumns(kind).filter((column) => properties[column]?.type === 'integer'));
  return {
    kind,
    folder,
    columns: tableColumns(kind),
    key,
    numericKey: new Set(key.filter((column) => integers.has(column))),
    integers,
  };
}

/**
 * The metric kinds mpflow imports, by their folder (the registry's `metricsFolder`, which
 * test/model/record-kinds.test.ts holds to these keys). Support conversations are written by people, not imported.
 */
export const METRIC_TABLES = {
  followers: spec('metrics-followers', ['date', 'source']),
  'followers-cumulative': spec('metrics-followers-cumulative', ['date']),
  articles: spec('metrics-article-daily', ['date', 'article']),
  'article-totals': spec('metrics-article-totals', ['date', 'article', 'statDate']),
  reads: spec('metrics-reads', ['date', 'source']),
  shares: spec('metrics-shares', ['date', 'scene']),
  audience: spec('metrics-audience', ['date', 'dimension', 'bucket']),
} as const satisfies Record<string, TableSpec>;

export type MetricFolder = keyof typeof METRIC_TABLES;

export const REVISIONS = spec('metrics-revision', ['date', 'kind', 'key', 'field']);

export type Cells = Record<string, string | number>;

/**
 * Rows to store, grouped by folder. Cells are written as given (numbers as plain decimals); a cell
 * left undefined is a figure this source does not know (likes before getbizsummary existed): an
 * existing row keeps its value, a new row gets 0.
 */
export type MetricBatch = Partial<Record<MetricFolder, Cells[]>>;

export interface StoreSummary {
  /** Repository-relative files that were (or would be) written. */
  files: string[];
  added: Partial<Record<MetricFolder, number>>;
  unchanged: number;
  revisions: Array<{ kind: string; key: string; field: string; old: string; new: string }>;
}

/** A month file of the store that cannot be read or merged into: the import stops, exit 1. */
export class MetricsStoreError extends LocalizedFileError {}

/** The one way a cell is written: plain text, quoted only when it holds a comma, quote or line break. */
export function formatCell(value: string | number | undefined): string {
  const cell = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function keyOf(spec: TableSpec, row: Record<string, string>): string {
  return spec.key.map((column) => row[column] ?? '').join('|');
}

function compareRows(spec: TableSpec, a: Record<string, string>, b: Record<string, string>): number {
  for (const column of spec.key) {
    const left = a[column] ?? '';
    const right = b[column] ?? '';
    if (left === right) continue;
    if (spec.numericKey.has(column)) return Number(left) - Number(right);
    return left < right ? -1 : 1;
  }
  return 0;
}

export function formatTable(spec: TableSpec, rows: Iterable<Record<string, string>>): string {
  const sorted = [...rows].sort((a, b) => compareRows(spec, a, b));
  const lines = [
    spec.columns.join(','),
    ...sorted.map((row) => spec.columns.map((column) => formatCell(row[column])).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads a month file into rows keyed by the table key; a file that cannot be read stops the import. */
async function readMonth(root: string, spec: TableSpec, month: string): Promise<Map<string, Record<string, string>>> {
  const relative = `content/metrics/${spec.folder}/${month}.csv`;
  const rows = new Map<string, Record<string, string>>();
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, relative));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return rows;
    throw new MetricsStoreError(
      relative,
      text(
        `无法读取（${(error as NodeJS.ErrnoException).code ?? 'unknown'}）。`,
        `Cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown'}).`,
      ),
    );
  }
  const decoded = decodeTextFile(bytes, relative);
  if (!decoded.ok) throw new MetricsStoreError(relative, decoded.problem.message);
  const parsed = parseCsvSource(decoded.text, relative);
  const broken = parsed.problems[0];
  if (!parsed.ok || broken) {
    const where = broken?.span ? `:${broken.span.start.line}` : '';
    const message = broken?.message ?? text('无法解析。', 'Cannot be parsed.');
    throw new MetricsStoreError(
      `${relative}${where}`,
      text(
        `${message.zh}请先修好这个文件（mpflow check），再导入。`,
        `${message.en} Fix this file first (mpflow check), then import.`,
      ),
    );
  }
  const header = parsed.source.header.map((cell) => cell.value.trim());
  if (header.join(',') !== spec.columns.join(',')) {
    throw new MetricsStoreError(
      `${relative}:1`,
      text(
        `表头应为 ${spec.columns.join(',')}，实际是 ${header.join(',')}。`,
        `The header should be ${spec.columns.join(',')}; it is ${header.join(',')}.`,
      ),
    );
  }
  for (const row of parsed.source.rows) {
    const record = Object.fromEntries(spec.columns.map((column, index) => [column, row.cells[index]!.value]));
    rows.set(keyOf(spec, record), record);
  }
  return rows;
}

export interface StoreOptions {
  /** The import date (YYYY-MM-DD, department time zone): files revisions under its month. */
  importedOn: string;
  /** Compute the summary but write nothing. */
  dryRun?: boolean;
}

/**
 * Merges a batch into the store. Rows are validated by the caller (importers build them from
 * typed values); here a row's identity decides add, keep or revise.
 */
export async function storeMetrics(root: string, batch: MetricBatch, options: StoreOptions): Promise<StoreSummary> {
  const summary: StoreSummary = { files: [], added: {}, unchanged: 0, revisions: [] };
  const outputs = new Map<string, string>();

  for (const folder of Object.keys(batch) as MetricFolder[]) {
    const incoming = batch[folder] ?? [];
    if (incoming.length === 0) continue;
    const table: TableSpec = METRIC_TABLES[folder];
    const byMonth = new Map<string, Cells[]>();
    for (const row of incoming) {
      const month = String(row[table.key[0]!]).slice(0, 7);
      byMonth.set(month, [...(byMonth.get(month) ?? []), row]);
    }
    for (const [month, rows] of [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const existing = await readMonth(root, table, month);
      let changed = false;
      for (const row of rows) {
        const given = Object.fromEntries(
          table.columns.map((column) => [column, row[column] === undefined ? undefined : String(row[column])]),
        );
        const before = existing.get(keyOf(table, given as Record<string, string>));
        const record = Object.fromEntries(
          table.columns.map((column) => [
            column,
            given[column] ?? before?.[column] ?? (table.integers.has(column) ? '0' : ''),
          ]),
        );
        const key = keyOf(table, record);
        if (!before) {
          existing.set(key, record);
          summary.added[folder] = (summary.added[folder] ?? 0) + 1;
          changed = true;
          continue;
        }
        let revised = false;
        for (const column of table.columns) {
          if (table.key.includes(column) || before[column] === record[column]) continue;
          summary.revisions.push({
            kind: folder,
            key,
            field: column,
            old: before[column] ?? '',
            new: record[column] ?? '',
          });
          revised = true;
        }
        if (revised) {
          existing.set(key, record);
          changed = true;
        } else {
          summary.unchanged += 1;
        }
      }
      if (changed) outputs.set(`content/metrics/${table.folder}/${month}.csv`, formatTable(table, existing.values()));
    }
  }

  if (summary.revisions.length > 0) {
    const month = options.importedOn.slice(0, 7);
    const existing = await readMonth(root, REVISIONS, month);
    for (const revision of summary.revisions) {
      const record = { date: options.importedOn, ...revision };
      // A figure revised twice on one day keeps its first old value and its latest new one.
      const key = keyOf(REVISIONS, record);
      const earlier = existing.get(key);
      existing.set(key, earlier ? { ...record, old: earlier.old ?? record.old } : record);
    }
    outputs.set(`content/metrics/${REVISIONS.folder}/${month}.csv`, formatTable(REVISIONS, existing.values()));
  }

  summary.files = [...outputs.keys()].sort();
  if (!options.dryRun) await writeAllOrNothing(root, outputs);
  return summary;
}

/** Writes every file to a temporary sibling first; only when all are written are they renamed into place. */
export async function writeAllOrNothing(root: string, outputs: ReadonlyMap<string, string>): Promise<void> {
  await writeFilesAllOrNothing(
    [...outputs].map(([relative, content]) => ({ file: path.join(root, relative), content })),
  );
}
