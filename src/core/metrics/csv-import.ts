/**
 * Reads the MP back office's exports into a MetricBatch: 内容分析 → 已通知内容 and 数据趋势 (Excel 97
 * workbooks), 用户分析 → 用户增长 and 用户属性 (HTML tables named .xls), 图文分析, and any of them
 * saved as .xlsx or CSV/TSV (export-files.ts tells the file type from its bytes). Each export is
 * recognised by its header and layout; a column with no home in content/metrics/ is named in a
 * notice, and a file that is none of these says what it is.
 *
 * Columns are found by their Chinese header, in Simplified or Traditional characters (converted
 * with OpenCC) and under the names the back office has used over the years; their order does not
 * matter. Files may be UTF-8 (with or without BOM) or GBK/GB18030, as Excel on Chinese Windows
 * saves them. Dates may be 2026-11-01, 2026/11/1, 2026年11月1日, 20261101 or an Excel serial
 * number. A 合计/总计 row is skipped with a notice. Every problem names its file, line and column,
 * all problems are reported together, and a file with any problem contributes nothing.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Repository } from '../repository/load-repository.ts';
import { tokenizeCsv, type CsvCell, type CsvRow } from '../source/csv-source.ts';
import { readHtmlTable, readWorkbook, sniffExportFile, type ExportFormat } from './export-files.ts';
import { decodeExport, normaliseHeader, parseExportDate, stripHeader, toSimplified } from './export-text.ts';
import { addDays } from '../calendar/days.ts';
import { FOLLOWER_SOURCES } from './wechat-codes.ts';
import { ALL_READ_SOURCES, articleMatcher } from './wechat-import.ts';
import type { Cells, MetricBatch } from './storage.ts';

// Read by the tests and the CLI at this address since the importer was one file.
export { normaliseHeader, parseExportDate } from './export-text.ts';

export type ExportKind = 'user-growth' | 'articles' | 'audience' | 'notified-content' | 'trend';

export interface ExportMessage {
  /** Set on notices that are given once per file. */
  code?: 'excel-date';
  file: string;
  line?: number;
  column?: number;
  message: LocalizedText;
}

export class ExportImportError extends Error {
  readonly problems: ExportMessage[];
  constructor(problems: ExportMessage[]) {
    super(problems.map((problem) => `${where(problem)}: ${problem.message.en}`).join('\n'));
    this.name = 'ExportImportError';
    this.problems = problems;
  }
}

export function where(message: ExportMessage): string {
  return `${message.file}${message.line !== undefined ? `:${message.line}` : ''}${message.column !== undefined ? `:${message.column}` : ''}`;
}

export interface ExportImportResult {
  kind: ExportKind;
  format: ExportFormat;
  batch: MetricBatch;
  rows: number;
  notices: ExportMessage[];
}

export interface ExportImportOptions {
  /** Snapshot date for an audience export without a date column; default the day before `today`. */
  snapshotDate?: string;
  /** Today in the department's time zone (YYYY-MM-DD). */
  today: string;
}

/** Header names the back office uses, by field; the first is the one shown in messages. */
const USER_GROWTH_COLUMNS = {
  date: ['时间', '日期', '统计日期', '统计时间'],
  source: ['来源', '关注来源', '渠道', '用户来源'],
  new: ['新关注人数', '新增关注人数', '新增关注', '新关注'],
  cancelled: ['取消关注人数', '取消关注', '取关人数'],
  net: ['净增关注人数', '净增人数', '净增关注'],
  cumulative: ['累积关注人数', '累计关注人数', '累积人数', '累计人数', '总关注人数'],
} as const;

const ARTICLE_COLUMNS = {
  date: ['时间', '日期', '统计日期', '统计时间'],
  title: ['标题', '文章标题', '图文标题', '内容标题'],
  readers: ['阅读人数', '图文页阅读人数', '阅读用户数'],
  reads: ['阅读次数', '图文页阅读次数', '阅读量'],
  shareUsers: ['分享人数', '分享转发人数', '转发人数'],
  shares: ['分享次数', '分享转发次数', '转发次数'],
  likes: ['点赞人数', '点赞数', '点赞次数', '赞'],
  comments: ['留言数', '留言次数', '留言人数', '评论数'],
  favorites: ['收藏次数', '收藏人数', '收藏数'],
} as const;

const AUDIENCE_LABELS = {
  gender: ['性别'],
  age: ['年龄', '年龄段', '年龄分布'],
  region: ['省份', '地区', '省份地区', '所在地'],
  city: ['城市', '所在城市'],
  language: ['语言'],
  device: ['机型', '终端', '设备', '手机型号', '操作系统'],
} as const;
const AUDIENCE_COUNT = ['人数', '用户数', '关注人数', '粉丝数'] as const;
const AUDIENCE_DATE = ['时间', '日期', '统计日期'] as const;

const TOTAL_ROW = new Set(['合计', '总计', '汇总', '总和', '全部', 'total', 'sum']);

/** Names the back office gives the follower sources, to user_source codes. */
const SOURCE_NAMES: Record<string, number> = {
  其他: 0,
  其他合计: 0,
  搜一搜: 1,
  搜索: 1,
  公众号搜索: 1,
  名片分享: 17,
  扫描二维码: 30,
  扫码: 30,
  二维码: 30,
  图文页右上角菜单: 57,
  文章内账号名称: 57,
  图文页内公众号名称: 57,
  文章内账号名: 57,
  广告: 100,
  微信广告: 100,
  小程序: 149,
  他人转载: 161,
  转载: 161,
  视频号: 200,
  直播: 201,
  视频号直播: 201,
};

function findColumn(header: CsvCell[], names: readonly string[]): number {
  const normalised = header.map((cell) => normaliseHeader(cell.value));
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

interface Located {
  header: CsvCell[];
  rows: CsvRow[];
  headerLine: number;
}

/** The header is the first row (of the first ten) naming a known column: exports may start with a title line. */
function locateHeader(rows: CsvRow[], known: readonly string[]): Located | undefined {
  for (let index = 0; index < Math.min(rows.length, 10); index += 1) {
    const row = rows[index]!;
    if (row.cells.some((cell) => known.includes(normaliseHeader(cell.value))))
      return { header: row.cells, rows: rows.slice(index + 1), headerLine: row.line };
  }
  return undefined;
}

/**
 * CSV rows of any width with the position of every cell. The store's parser insists on one width,
 * but exports open with a title line and end with notes, so every row is kept as it is, and text
 * Excel sometimes leaves after a closing quote stays in the cell rather than failing the export.
 */
function csvRows(source: string, file: string, delimiter = ','): { rows: CsvRow[]; problems: ExportMessage[] } {
  const tokens = tokenizeCsv(source, { delimiter, afterQuote: 'keep' });
  if (tokens.ok) return { rows: tokens.rows, problems: [] };
  const { line, column, message } = tokens.error;
  return { rows: tokens.rows, problems: [{ file, line, column, message }] };
}

/** 内容分析 → 已通知内容: one row per article, its totals since sending (up to 7 days). */
const NOTIFIED_COLUMNS = {
  title: ['内容标题', '标题', '文章标题'],
  published: ['发表时间', '发表日期', '发布时间', '群发时间'],
  readers: ['总阅读人数'],
  reads: ['总阅读次数'],
  shareUsers: ['总分享人数'],
  shares: ['总分享次数'],
  targetUsers: ['送达人数'],
  url: ['内容url', '内容链接', '文章链接', 'url'],
} as const;

/** Columns of 已通知内容 that no table in content/metrics/ holds (ratios mpflow derives, or figures it has no place for). */
const NOTIFIED_WITHOUT_HOME = [
  '阅读后关注人数',
  '公众号消息阅读次数',
  '送达阅读率',
  '首次分享次数',
  '分享产生阅读次数',
  '首次分享率',
  '每次分享带来阅读次数',
  '阅读完成率',
];

/** 数据趋势: the reading channels of its first block, to getuserread's read-source codes (kpis.ts READ_SOURCES). */
const TREND_CHANNELS: Record<string, number> = {
  全部: ALL_READ_SOURCES,
  公众号消息: 0,
  会话: 0,
  聊天会话: 1,
  好友转发: 1,
  朋友圈: 2,
  公众号主页: 4,
  历史消息页: 4,
  其他: 5,
  推荐: 6,
  看一看: 6,
  搜一搜: 7,
};

const ALL_KNOWN = [
  ...Object.values(USER_GROWTH_COLUMNS).flat(),
  ...Object.values(ARTICLE_COLUMNS).flat(),
  ...Object.values(AUDIENCE_LABELS).flat(),
  ...AUDIENCE_COUNT,
  ...Object.values(NOTIFIED_COLUMNS).flat(),
];

const FORMAT_NAMES: Record<ExportFormat, LocalizedText> = {
  xls: text('Excel 97–2003 工作簿（.xls）', 'Excel 97–2003 workbook (.xls)'),
  xlsx: text('Excel 工作簿（.xlsx）', 'Excel workbook (.xlsx)'),
  html: text('HTML 表格（后台以 .xls 为名导出）', 'HTML table (the back office names it .xls)'),
  text: text('CSV/TSV 文本', 'CSV/TSV text'),
};

/** The header of a table as one line for a message: at most 12 cells, each at most 20 characters, never control characters. */
function shownHeader(cells: readonly CsvCell[]): string {
  const shown = cells
    .map((cell) => cell.value.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '').trim())
    .filter((value) => value !== '')
    .slice(0, 12)
    .map((value) => ([...value].length > 20 ? `${[...value].slice(0, 19).join('')}…` : value));
  return shown.join(', ') + (cells.filter((cell) => cell.value.trim() !== '').length > 12 ? ', …' : '');
}

/**
 * Reads one back-office export. The file type comes from its bytes (export-files.ts); the export
 * kind from its header and layout. A file that is not a table says what it is, in one line.
 */
export async function importBackOfficeExport(
  bytes: Uint8Array,
  file: string,
  repository: Repository,
  options: ExportImportOptions,
): Promise<ExportImportResult> {
  const sniffed = sniffExportFile(bytes);
  if (sniffed.kind === 'other') {
    throw new ExportImportError([
      {
        file,
        message: text(
          `这是${sniffed.type.zh}，不是公众号后台的导出。可导入：已通知内容、数据趋势、用户增长、用户属性、图文分析的 .xls/.xlsx/HTML 或另存的 CSV。`,
          `This is ${sniffed.type.en}, not an MP back-office export. Importable: 已通知内容, 数据趋势, user growth, audience and article exports as .xls/.xlsx/HTML or saved as CSV.`,
        ),
      },
    ]);
  }
  const notices: ExportMessage[] = [];
  if (sniffed.kind === 'xls' || sniffed.kind === 'xlsx') {
    let sheets: Awaited<ReturnType<typeof readWorkbook>>;
    try {
      sheets = await readWorkbook(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/[\u0000-\u001f]/g, ' ').slice(0, 120) : '';
      throw new ExportImportError([
        {
          file,
          message: text(
            `${FORMAT_NAMES[sniffed.kind].zh}无法读取，文件可能已损坏（${reason}）。`,
            `The ${FORMAT_NAMES[sniffed.kind].en} cannot be read; the file may be damaged (${reason}).`,
          ),
        },
      ]);
    }
    // The back office writes one sheet (New Sheet1); a workbook saved by hand may have more: the first with a known header is read.
    const sheet = sheets.find((candidate) => locateHeader(candidate.rows, ALL_KNOWN)) ?? sheets[0];
    if (sheets.length > 1 && sheet)
      notices.push({
        file,
        message: text(
          `工作簿有 ${sheets.length} 个工作表，读取的是“${sheet.name}”。`,
          `The workbook has ${sheets.length} sheets; "${sheet.name}" was read.`,
        ),
      });
    return importRows(sheet?.rows ?? [], sniffed.kind, file, repository, options, notices);
  }
  const decoded = decodeExport(bytes);
  if (decoded.notice) notices.push({ file, message: decoded.notice });
  if (sniffed.kind === 'html')
    return importRows(readHtmlTable(decoded.text), 'html', file, repository, options, notices);
  let { rows, problems: syntax } = csvRows(decoded.text, file);
  if (syntax.length > 0 || !locateHeader(rows, ALL_KNOWN)) {
    // Excel's "Unicode text" (UTF-16) and some exports separate columns with tabs, not commas.
    const tabbed = csvRows(decoded.text, file, '\t');
    if (tabbed.problems.length === 0 && locateHeader(tabbed.rows, ALL_KNOWN)) ({ rows, problems: syntax } = tabbed);
  }
  if (syntax.length > 0) throw new ExportImportError(syntax);
  return importRows(rows, 'text', file, repository, options, notices);
}

function importRows(
  allRows: CsvRow[],
  format: ExportFormat,
  file: string,
  repository: Repository,
  options: ExportImportOptions,
  notices: ExportMessage[],
): ExportImportResult {
  const located = locateHeader(allRows, ALL_KNOWN);
  if (!located) {
    const first = allRows.find((row) => !isBlank(row));
    throw new ExportImportError([
      {
        file,
        line: first?.line ?? 1,
        message: text(
          `认不出这份${FORMAT_NAMES[format].zh}是哪种后台导出：表头（${first ? shownHeader(first.cells) : '空'}）中没有“时间”“新关注人数”“阅读人数”“内容标题”“性别”等列。支持：已通知内容、数据趋势、用户增长、用户属性（性别/年龄/地区/城市/语言/机型）、图文分析。`,
          `Cannot tell which back-office export this ${FORMAT_NAMES[format].en} is: its header (${first ? shownHeader(first.cells) : 'empty'}) has none of 时间, 新关注人数, 阅读人数, 内容标题, 性别 and the like. Supported: 已通知内容, 数据趋势, user growth, audience (gender/age/region/city/language/device), article data.`,
        ),
      },
    ]);
  }
  const headers = new Set(located.header.map((cell) => normaliseHeader(cell.value)));
  const traditional = located.header.filter(
    (cell) => cell.value.trim() !== '' && normaliseHeader(cell.value) !== stripHeader(cell.value),
  );
  if (traditional.length > 0) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `表头是繁体中文，已按简体识别：${traditional.map((cell) => `${cell.value}→${normaliseHeader(cell.value)}`).join('、')}。`,
        `Traditional Chinese headers were read as Simplified: ${traditional.map((cell) => `${cell.value} → ${normaliseHeader(cell.value)}`).join(', ')}.`,
      ),
    });
  }
  const has = (names: readonly string[]) => names.some((name) => headers.has(name));
  const titleRows = allRows.filter((row) => row.line < located.headerLine);
  const isTrend =
    titleRows.some((row) => row.cells.some((cell) => /^数据趋势概况/.test(normaliseHeader(cell.value)))) ||
    (located.header.filter((cell) => normaliseHeader(cell.value) === '日期').length >= 2 && has(['渠道', '传播渠道']));
  if (isTrend) return { kind: 'trend', format, notices, ...trend(located, titleRows, file, options, notices) };
  // 已通知内容 has 总阅读人数 (totals since sending); a daily article export with 送达人数 but a 时间 column stays 图文分析.
  if (
    has(NOTIFIED_COLUMNS.title) &&
    (has(NOTIFIED_COLUMNS.readers) || (has(NOTIFIED_COLUMNS.targetUsers) && has(NOTIFIED_COLUMNS.published)))
  )
    return {
      kind: 'notified-content',
      format,
      notices,
      ...notifiedContent(located, file, repository, options, notices),
    };
  if (Object.values(AUDIENCE_LABELS).some(has))
    return { kind: 'audience', format, notices, ...audience(located, file, options, notices) };
  if (has(ARTICLE_COLUMNS.title) || has(ARTICLE_COLUMNS.reads) || has(ARTICLE_COLUMNS.readers))
    return { kind: 'articles', format, notices, ...articles(located, file, repository, notices) };
  return { kind: 'user-growth', format, notices, ...userGrowth(located, file, repository, notices) };
}

interface Columns {
  [field: string]: number;
}

/** Finds the named columns; a missing required one is an error naming it and the header line. */
function resolveColumns(
  located: Located,
  file: string,
  spec: Record<string, readonly string[]>,
  required: readonly string[],
  problems: ExportMessage[],
): Columns {
  const columns: Columns = {};
  for (const [field, names] of Object.entries(spec)) {
    const index = findColumn(located.header, names);
    if (index !== -1) columns[field] = index;
    else if (required.includes(field)) {
      const also = names.slice(1).join('、');
      problems.push({
        file,
        line: located.headerLine,
        message: text(
          `缺少“${names[0]}”列${also ? `（也认：${also}）` : ''}。表头是：${located.header.map((cell) => cell.value).join(', ')}。`,
          `The column "${names[0]}" is missing${also ? ` (also accepted: ${names.slice(1).join(', ')})` : ''}. The header is: ${located.header.map((cell) => cell.value).join(', ')}.`,
        ),
      });
    }
  }
  return columns;
}

/**
 * Files a row under its key. A second row with the same key and the same figures (an export with
 * a block pasted twice) is skipped with a notice; with different figures it is an error, since
 * mpflow cannot tell which one is right. Returns whether the row was kept.
 */
function keepRow(
  rows: Map<string, Cells>,
  key: string,
  cells: Cells,
  row: CsvRow,
  file: string,
  what: LocalizedText,
  problems: ExportMessage[],
  notices: ExportMessage[],
): boolean {
  const earlier = rows.get(key);
  if (!earlier) {
    rows.set(key, cells);
    firstLines.set(cells, row.line);
    return true;
  }
  const line = firstLines.get(earlier);
  const same = Object.keys(cells).every((field) => String(cells[field]) === String(earlier[field]));
  if (same)
    notices.push({
      file,
      line: row.line,
      message: text(
        `${what.zh}与第 ${line} 行完全相同，已跳过重复的这一行。`,
        `${what.en} repeats line ${line} exactly; the repeated row was skipped.`,
      ),
    });
  else
    problems.push({
      file,
      line: row.line,
      message: text(
        `${what.zh}出现了两次（另见第 ${line} 行），数字不同，无法判断哪一行对。`,
        `${what.en} appears twice (see also line ${line}) with different figures; mpflow cannot tell which is right.`,
      ),
    });
  return false;
}

/** The line each kept row came from, for the duplicate message. */
const firstLines = new WeakMap<Cells, number>();

function isTotalRow(row: CsvRow): boolean {
  const first = row.cells.find((cell) => cell.value.trim() !== '');
  if (first === undefined) return false;
  const value = toSimplified(first.value.trim()).toLowerCase();
  // 合计, and also 合计：, 总计（11月）, Total: — never a title that merely starts with 全部.
  return TOTAL_ROW.has(value) || /^(?:合计|总计|汇总|总和|total|sum)\s*[:：（(]/.test(value);
}

function isBlank(row: CsvRow): boolean {
  return row.cells.every((cell) => cell.value.trim() === '');
}

/** Reads the table rows, skipping blank and total rows (with a notice for totals). */
function dataRows(located: Located, file: string, notices: ExportMessage[]): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const row of located.rows) {
    if (isBlank(row)) continue;
    if (isTotalRow(row)) {
      notices.push({
        file,
        line: row.line,
        message: text(
          `跳过了合计行“${row.cells.find((cell) => cell.value.trim())!.value.trim()}”。`,
          `Skipped the total row "${row.cells.find((cell) => cell.value.trim())!.value.trim()}".`,
        ),
      });
      continue;
    }
    rows.push(row);
  }
  return rows;
}

function cellAt(row: CsvRow, index: number): CsvCell {
  return row.cells[index] ?? { value: '', line: row.line, column: (row.cells[row.cells.length - 1]?.column ?? 1) + 1 };
}

function readDate(
  row: CsvRow,
  index: number,
  file: string,
  problems: ExportMessage[],
  notices: ExportMessage[],
): string | undefined {
  const cell = cellAt(row, index);
  const date = parseExportDate(cell.value);
  // Say once per file that Excel's day numbers were read as dates, with the first as an example to check.
  if (
    date &&
    /^\d{5}(\.0+)?$/.test(cell.value.trim()) &&
    !notices.some((notice) => notice.code === 'excel-date' && notice.file === file)
  ) {
    notices.push({
      code: 'excel-date',
      file,
      line: cell.line,
      column: cell.column,
      message: text(
        `日期列是 Excel 日期序号，已按日期读取（如 ${cell.value.trim()} 即 ${date}）。`,
        `The date column holds Excel date numbers; they were read as dates (${cell.value.trim()} is ${date}).`,
      ),
    });
  }
  if (!date) {
    problems.push({
      file,
      line: cell.line,
      column: cell.column,
      message: text(
        `“${cell.value}”不是可识别的日期（例如 2026-11-01、2026/11/1、2026年11月1日或 Excel 日期序号）。`,
        `"${cell.value}" is not a date mpflow can read (e.g. 2026-11-01, 2026/11/1, 2026年11月1日 or an Excel date number).`,
      ),
    });
  }
  return date;
}

function readCount(
  row: CsvRow,
  index: number | undefined,
  file: string,
  problems: ExportMessage[],
  header: string,
): number {
  if (index === undefined) return 0;
  const cell = cellAt(row, index);
  const value = cell.value.trim().replace(/[,，\s]/g, '');
  if (value === '' || value === '-' || value === '--') return 0;
  if (/^\d+(\.0+)?$/.test(value)) return Number(value);
  problems.push({
    file,
    line: cell.line,
    column: cell.column,
    message: text(
      `“${header}”应是人数或次数（非负整数），这里是“${cell.value}”。`,
      `"${header}" should be a count (a whole number ≥ 0); it is "${cell.value}".`,
    ),
  });
  return 0;
}

/**
 * An export without a 来源 column holds each day's totals over all sources. A day the store has
 * no follower rows for is filed under source 0 (other); a day it already has per-source rows for
 * (from the API) is only compared with their sum: writing the total as one more source would
 * count that day twice.
 */
function userGrowth(
  located: Located,
  file: string,
  repository: Repository,
  notices: ExportMessage[],
): { batch: MetricBatch; rows: number } {
  const problems: ExportMessage[] = [];
  const header = (field: keyof typeof USER_GROWTH_COLUMNS) => USER_GROWTH_COLUMNS[field][0];
  const hasCumulative = findColumn(located.header, USER_GROWTH_COLUMNS.cumulative) !== -1;
  const hasChanges =
    findColumn(located.header, USER_GROWTH_COLUMNS.new) !== -1 ||
    findColumn(located.header, USER_GROWTH_COLUMNS.cancelled) !== -1;
  const required = hasCumulative && !hasChanges ? ['date', 'cumulative'] : ['date', 'new', 'cancelled'];
  const columns = resolveColumns(located, file, USER_GROWTH_COLUMNS, required, problems);
  if (problems.length > 0) throw new ExportImportError(problems);
  const stored = new Map<string, { new: number; cancelled: number; sources: Set<number> }>();
  if (hasChanges && columns.source === undefined) {
    for (const table of repository.followerChanges) {
      for (const row of table.rows) {
        if (!row.valid) continue;
        const day = stored.get(row.data.date) ?? { new: 0, cancelled: 0, sources: new Set<number>() };
        day.new += row.data.new;
        day.cancelled += row.data.cancelled;
        day.sources.add(row.data.source);
        stored.set(row.data.date, day);
      }
    }
  }
  let filedUnderOther = 0;
  const followers = new Map<string, Cells>();
  const cumulative: Cells[] = [];
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const date = readDate(row, columns.date!, file, problems, notices);
    let source = 0;
    if (columns.source !== undefined) {
      const cell = cellAt(row, columns.source);
      const name = toSimplified(cell.value.trim());
      const code = /^\d+$/.test(name) && Number(name) in FOLLOWER_SOURCES ? Number(name) : SOURCE_NAMES[name];
      if (code === undefined) {
        problems.push({
          file,
          line: cell.line,
          column: cell.column,
          message: text(
            `不认识的关注来源“${cell.value}”。可用：${Object.keys(SOURCE_NAMES).join('、')}。`,
            `Unknown follower source "${cell.value}". Known: ${Object.keys(SOURCE_NAMES).join(', ')}.`,
          ),
        });
        continue;
      }
      source = code;
    }
    if (hasChanges) {
      const problemsBefore = problems.length;
      const added = readCount(row, columns.new, file, problems, header('new'));
      const cancelled = readCount(row, columns.cancelled, file, problems, header('cancelled'));
      // A net check on a count that could not be read would only repeat that problem.
      if (columns.net !== undefined && problems.length === problemsBefore) {
        const cell = cellAt(row, columns.net);
        const net = Number(cell.value.trim().replace(/[,，\s]/g, ''));
        if (cell.value.trim() !== '' && Number.isFinite(net) && net !== added - cancelled) {
          problems.push({
            file,
            line: cell.line,
            column: cell.column,
            message: text(
              `净增 ${net} 与新关注 ${added} 减取消 ${cancelled} 不符。`,
              `Net ${net} does not equal new ${added} minus cancelled ${cancelled}.`,
            ),
          });
        }
      }
      const day = columns.source === undefined && date ? stored.get(date) : undefined;
      // A day held only under source 0 came from an earlier total-only export: that one may be revised.
      const perSource = day !== undefined && !(day.sources.size === 1 && day.sources.has(0));
      if (day && perSource) {
        if (day.new !== added || day.cancelled !== cancelled) {
          notices.push({
            file,
            line: row.line,
            message: text(
              `${date} 的新关注 ${added}、取消 ${cancelled} 与仓库中按来源记录的合计（${day.new}、${day.cancelled}）不同；导出没有“来源”列，这一天保留仓库中的数据。`,
              `${date}: new ${added} and cancelled ${cancelled} differ from the repository's per-source totals (${day.new}, ${day.cancelled}); the export has no 来源 column, so the repository's figures for that day are kept.`,
            ),
          });
        }
      } else if (date) {
        const kept = keepRow(
          followers,
          `${date}|${source}`,
          { date, source, new: added, cancelled },
          row,
          file,
          text(`${date} 来源 ${source}`, `${date}, source ${source}`),
          problems,
          notices,
        );
        if (kept && columns.source === undefined) filedUnderOther += 1;
      }
    }
    if (columns.cumulative !== undefined && date) {
      const cell = cellAt(row, columns.cumulative);
      if (cell.value.trim() !== '' && cell.value.trim() !== '-')
        cumulative.push({ date, cumulative: readCount(row, columns.cumulative, file, problems, header('cumulative')) });
    }
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  if (filedUnderOther > 0) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `导出里没有“来源”列：${filedUnderOther} 天的新增和取消关注记在来源 0（其他）下。`,
        `The export has no 来源 (source) column: new and cancelled follows of ${filedUnderOther} ${filedUnderOther === 1 ? 'day' : 'days'} are filed under source 0 (other).`,
      ),
    });
  }
  // One cumulative figure per day, whichever source row carried it.
  const byDate = new Map(cumulative.map((row) => [row.date, row]));
  return {
    batch: { followers: [...followers.values()], 'followers-cumulative': [...byDate.values()] },
    rows: rows.length,
  };
}

function articles(
  located: Located,
  file: string,
  repository: Repository,
  notices: ExportMessage[],
): { batch: MetricBatch; rows: number } {
  const problems: ExportMessage[] = [];
  const columns = resolveColumns(located, file, ARTICLE_COLUMNS, ['date', 'title', 'reads', 'readers'], problems);
  if (problems.length > 0) throw new ExportImportError(problems);
  const absent = (Object.keys(ARTICLE_COLUMNS) as Array<keyof typeof ARTICLE_COLUMNS>).filter(
    (field) => columns[field] === undefined,
  );
  if (absent.length > 0) {
    const names = absent.map((field) => ARTICLE_COLUMNS[field][0]);
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `导出里没有这些列：${names.join('、')}。仓库里已有的这些数字保持不变，新的行记为 0。`,
        `The export has no ${names.join(', ')} column: figures the repository already has for them are kept, new rows get 0.`,
      ),
    });
  }
  const byTitle = articlesByTitle(repository);
  const days = new Map<string, Cells>();
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const date = readDate(row, columns.date!, file, problems, notices);
    const titleCell = cellAt(row, columns.title!);
    const article = byTitle.get(normaliseTitle(titleCell.value));
    const figures = readFigures(row, columns, ARTICLE_COLUMNS, ARTICLE_FIGURE_FIELDS, file, problems);
    if (!article) {
      const reason =
        article === null
          ? text('有多篇文章同名', 'several articles have this title')
          : text('仓库里没有这个标题的文章', 'no article in the repository has this title');
      notices.push(skippedTitle(file, titleCell, reason));
      continue;
    }
    if (!date) continue;
    const key = `${date}|${article}`;
    keepRow(
      days,
      key,
      { date, article, ...figures },
      row,
      file,
      text(`${date} 的“${titleCell.value}”`, `"${titleCell.value}" on ${date}`),
      problems,
      notices,
    );
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  return { batch: { articles: [...days.values()] }, rows: rows.length };
}

/** The count columns of an article export, in the order they are read. */
const ARTICLE_FIGURE_FIELDS = ['reads', 'readers', 'shares', 'shareUsers', 'likes', 'comments', 'favorites'] as const;
const NOTIFIED_FIGURE_FIELDS = ['readers', 'reads', 'shareUsers', 'shares', 'targetUsers'] as const;

/**
 * A row's counts, by field. A column the export lacks stays undefined: the store keeps what it
 * has (likes from an earlier export, favourites from the API) instead of overwriting it with 0.
 */
function readFigures<Field extends string>(
  row: CsvRow,
  columns: Columns,
  names: Record<Field, readonly string[]>,
  fields: readonly Field[],
  file: string,
  problems: ExportMessage[],
): Cells {
  const figures: Cells = {};
  for (const field of fields)
    if (columns[field] !== undefined) figures[field] = readCount(row, columns[field], file, problems, names[field][0]!);
  return figures;
}

/** The notice for a row whose article cannot be told from its title (or its 内容url). */
function skippedTitle(file: string, titleCell: CsvCell, reason: LocalizedText): ExportMessage {
  return {
    file,
    line: titleCell.line,
    column: titleCell.column,
    message: text(`跳过“${titleCell.value}”：${reason.zh}。`, `Skipped "${titleCell.value}": ${reason.en}.`),
  };
}

/** Article ids by normalised title; null where two articles share a title (a row cannot be matched by it). */
function articlesByTitle(repository: Repository): Map<string, string | null> {
  const byTitle = new Map<string, string | null>();
  for (const article of repository.articles) {
    const title = article.data?.title;
    if (typeof title === 'string')
      byTitle.set(normaliseTitle(title), byTitle.has(normaliseTitle(title)) ? null : article.id);
  }
  return byTitle;
}

function normaliseTitle(title: string): string {
  return toSimplified(title.trim().replace(/\s+/g, ' '));
}

function audience(
  located: Located,
  file: string,
  options: ExportImportOptions,
  notices: ExportMessage[],
): { batch: MetricBatch; rows: number } {
  const problems: ExportMessage[] = [];
  const dimension = (Object.keys(AUDIENCE_LABELS) as Array<keyof typeof AUDIENCE_LABELS>).find(
    (candidate) => findColumn(located.header, AUDIENCE_LABELS[candidate]) !== -1,
  )!;
  const columns = resolveColumns(
    located,
    file,
    { label: AUDIENCE_LABELS[dimension], users: AUDIENCE_COUNT, date: AUDIENCE_DATE },
    ['label', 'users'],
    problems,
  );
  if (problems.length > 0) throw new ExportImportError(problems);
  const fallbackDate = options.snapshotDate ?? addDays(options.today, -1);
  if (columns.date === undefined && options.snapshotDate === undefined) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `导出里没有日期列：记为 ${fallbackDate} 的画像（可用 --date 指定）。`,
        `The export has no date column: recorded as the audience on ${fallbackDate} (set another with --date).`,
      ),
    });
  }
  const out = new Map<string, Cells>();
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const date = columns.date === undefined ? fallbackDate : readDate(row, columns.date, file, problems, notices);
    const labelCell = cellAt(row, columns.label!);
    const bucket = toSimplified(labelCell.value.trim());
    if (!bucket) {
      problems.push({
        file,
        line: labelCell.line,
        column: labelCell.column,
        message: text(`“${AUDIENCE_LABELS[dimension][0]}”是空的。`, `"${AUDIENCE_LABELS[dimension][0]}" is empty.`),
      });
      continue;
    }
    const users = readCount(row, columns.users, file, problems, AUDIENCE_COUNT[0]);
    if (!date) continue;
    const key = `${date}|${bucket}`;
    keepRow(
      out,
      key,
      { date, dimension, bucket, users },
      row,
      file,
      text(`“${bucket}”`, `"${bucket}"`),
      problems,
      notices,
    );
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  return { batch: { audience: [...out.values()] }, rows: rows.length };
}

/** The date part of 发表时间: 2026-11-03 20:30, 2026/11/3, 20261103 or an Excel serial with a time. */
function publishedDate(value: string): string | undefined {
  const trimmed = value.trim();
  const serial = /^(\d{5})\.\d+$/.exec(trimmed);
  return parseExportDate(serial ? serial[1]! : trimmed);
}

/**
 * 内容分析 → 已通知内容: one row per article with its totals since it was sent (the back office
 * counts seven days). Stored as article-totals: filed under the sending day, statDate the last
 * day the totals can cover (the snapshot day, at most six days after sending). Articles are found
 * by the mid and idx in 内容url through the publish records, else by their exact title.
 */
function notifiedContent(
  located: Located,
  file: string,
  repository: Repository,
  options: ExportImportOptions,
  notices: ExportMessage[],
): { batch: MetricBatch; rows: number } {
  const problems: ExportMessage[] = [];
  const columns = resolveColumns(located, file, NOTIFIED_COLUMNS, ['title', 'published', 'readers', 'reads'], problems);
  if (problems.length > 0) throw new ExportImportError(problems);
  const homeless = located.header
    .map((cell) => normaliseHeader(cell.value))
    .filter((name) => NOTIFIED_WITHOUT_HOME.includes(name));
  const known = new Set<string>(Object.values(NOTIFIED_COLUMNS).flat());
  const unknown = located.header
    .map((cell) => cell.value.trim())
    .filter(
      (value) =>
        value !== '' && !known.has(normaliseHeader(value)) && !NOTIFIED_WITHOUT_HOME.includes(normaliseHeader(value)),
    );
  const skipped = [...homeless, ...unknown];
  if (skipped.length > 0) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `这些列在 content/metrics/ 里没有对应的表，没有导入：${skipped.join('、')}（比率由 mpflow 从人数和次数算出）。导出没有点赞和留言，它们来自 getarticletotaldetail（--from wechat）。`,
        `These columns have no table in content/metrics/ and were not imported: ${skipped.join(', ')} (mpflow derives the ratios from the counts). The export has no likes or comments; those come from getarticletotaldetail (--from wechat).`,
      ),
    });
  }
  const snapshot = options.snapshotDate ?? addDays(options.today, -1);
  const byMessage = articleMatcher(repository);
  const byTitle = articlesByTitle(repository);
  const totals = new Map<string, Cells>();
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const titleCell = cellAt(row, columns.title!);
    const dateCell = cellAt(row, columns.published!);
    const date = publishedDate(dateCell.value);
    if (!date) {
      problems.push({
        file,
        line: dateCell.line,
        column: dateCell.column,
        message: text(
          `“${dateCell.value}”不是可识别的发表时间（例如 2026-11-03 20:30、20261103）。`,
          `"${dateCell.value}" is not a publishing time mpflow can read (e.g. 2026-11-03 20:30, 20261103).`,
        ),
      });
      continue;
    }
    const url = columns.url === undefined ? '' : cellAt(row, columns.url).value.trim();
    const mid = /[?&]mid=(\d+)/.exec(url)?.[1];
    const idx = /[?&]idx=(\d+)/.exec(url)?.[1] ?? '1';
    const article =
      (mid ? byMessage(`${mid}_${idx}`, '') : undefined) ?? byTitle.get(normaliseTitle(titleCell.value)) ?? undefined;
    const figures = readFigures(row, columns, NOTIFIED_COLUMNS, NOTIFIED_FIGURE_FIELDS, file, problems);
    if (!article) {
      const reason =
        byTitle.get(normaliseTitle(titleCell.value)) === null
          ? text('有多篇文章同名', 'several articles have this title')
          : text(
              '没有发布记录的 msgid 与内容url 对应，也没有同名文章',
              'no publish record has the msgid in its 内容url and no article has this title',
            );
      notices.push(skippedTitle(file, titleCell, reason));
      continue;
    }
    if (snapshot < date) {
      problems.push({
        file,
        line: dateCell.line,
        column: dateCell.column,
        message: text(
          `发表时间 ${date} 晚于导出所记的日期 ${snapshot}（用 --date 指定导出那天）。`,
          `The publishing day ${date} is after the day the export describes, ${snapshot} (set that day with --date).`,
        ),
      });
      continue;
    }
    const last = addDays(date, 6);
    const statDate = snapshot < last ? snapshot : last;
    keepRow(
      totals,
      `${date}|${article}|${statDate}`,
      { date, article, statDate, ...figures },
      row,
      file,
      text(`“${titleCell.value}”`, `"${titleCell.value}"`),
      problems,
      notices,
    );
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  return { batch: { 'article-totals': [...totals.values()] }, rows: rows.length };
}

interface TrendBlock {
  /** Column index → normalised header. */
  columns: Map<string, number>;
  first: number;
}

/**
 * 内容分析 → 数据趋势: three blocks side by side under a title row 数据趋势概况(…) / 数据来源概况(…):
 * readers per day and channel (日期, 渠道, 阅读人数), the account's day (日期, 分享人数, 跳转阅读原文人数,
 * 微信收藏人数, 发表篇数) and readers per article and channel over the whole period (传播渠道, 发表日期,
 * 内容标题, 阅读人数, 阅读人数占比). The first two become reads rows (per channel; the 全部 row also
 * takes the day's sharing and saving users); the third has no per-day home and is named.
 */
function trend(
  located: Located,
  titleRows: CsvRow[],
  file: string,
  options: ExportImportOptions,
  notices: ExportMessage[],
): { batch: MetricBatch; rows: number } {
  void options;
  const problems: ExportMessage[] = [];
  const blocks: TrendBlock[] = [];
  let current: TrendBlock | undefined;
  located.header.forEach((cell, index) => {
    const name = normaliseHeader(cell.value);
    if (name === '') {
      current = undefined;
      return;
    }
    if (!current || current.columns.has(name)) {
      current = { columns: new Map(), first: index };
      blocks.push(current);
    }
    current.columns.set(name, index);
  });
  const channelBlock = blocks.find(
    (block) => block.columns.has('渠道') && block.columns.has('阅读人数') && block.columns.has('日期'),
  );
  const dayBlock = blocks.find(
    (block) =>
      block !== channelBlock &&
      block.columns.has('日期') &&
      (block.columns.has('分享人数') || block.columns.has('微信收藏人数')),
  );
  const articleBlock = blocks.find((block) => block.columns.has('传播渠道') || block.columns.has('内容标题'));
  if (!channelBlock) {
    problems.push({
      file,
      line: located.headerLine,
      message: text(
        `数据趋势导出缺少“日期、渠道、阅读人数”这一块。表头是：${shownHeader(located.header)}。`,
        `The 数据趋势 export lacks its 日期, 渠道, 阅读人数 block. The header is: ${shownHeader(located.header)}.`,
      ),
    });
    throw new ExportImportError(problems);
  }
  const period = titleRows
    .flatMap((row) => row.cells)
    .map((cell) =>
      /数据趋势概况\s*[（(]\s*(\d{4})[.\-/](\d{2})[.\-/](\d{2})\s*-\s*(\d{4})[.\-/](\d{2})[.\-/](\d{2})/.exec(
        cell.value,
      ),
    )
    .find(Boolean);
  const within = period
    ? { from: `${period[1]}-${period[2]}-${period[3]}`, to: `${period[4]}-${period[5]}-${period[6]}` }
    : undefined;
  const reads = new Map<string, Cells>();
  const folded = new Set<string>();
  const unknownChannels = new Set<string>();
  const rows = located.rows.filter((row) => !isBlank(row));
  let used = 0;
  for (const row of rows) {
    const dateCell = cellAt(row, channelBlock.columns.get('日期')!);
    const channelCell = cellAt(row, channelBlock.columns.get('渠道')!);
    if (dateCell.value.trim() !== '' || channelCell.value.trim() !== '') {
      const date = readDate(row, channelBlock.columns.get('日期')!, file, problems, notices);
      const channel = toSimplified(channelCell.value.trim());
      let source = TREND_CHANNELS[channel];
      if (source === undefined) {
        unknownChannels.add(channel);
        source = 5;
      } else if (source === 5 && channel !== '其他') folded.add(channel);
      const readers = readCount(row, channelBlock.columns.get('阅读人数'), file, problems, '阅读人数');
      if (date && within && (date < within.from || date > within.to)) {
        problems.push({
          file,
          line: dateCell.line,
          column: dateCell.column,
          message: text(
            `${date} 不在标题所说的区间 ${within.from} 至 ${within.to} 内。`,
            `${date} lies outside the period ${within.from} to ${within.to} the title names.`,
          ),
        });
      }
      if (date) {
        const key = `${date}|${source}`;
        const cells = reads.get(key) ?? { date, source, readers: 0 };
        cells.readers = Number(cells.readers ?? 0) + readers;
        reads.set(key, cells);
        used += 1;
      }
    }
    if (dayBlock) {
      const dayDate = cellAt(row, dayBlock.columns.get('日期')!);
      if (dayDate.value.trim() !== '') {
        const date = readDate(row, dayBlock.columns.get('日期')!, file, problems, notices);
        if (date) {
          const key = `${date}|${ALL_READ_SOURCES}`;
          const cells = reads.get(key) ?? { date, source: ALL_READ_SOURCES };
          if (dayBlock.columns.has('分享人数'))
            cells.shareUsers = readCount(row, dayBlock.columns.get('分享人数'), file, problems, '分享人数');
          if (dayBlock.columns.has('微信收藏人数'))
            cells.favoriteUsers = readCount(row, dayBlock.columns.get('微信收藏人数'), file, problems, '微信收藏人数');
          reads.set(key, cells);
        }
      }
    }
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  if (unknownChannels.size > 0 || folded.size > 0) {
    const names = [...unknownChannels, ...folded].join('、');
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `这些渠道没有单独的阅读来源代码，计入“其他”（5）：${names}。`,
        `These channels have no read-source code of their own and were counted under 其他 (5): ${names}.`,
      ),
    });
  }
  const homeless = [
    ...(dayBlock ? ['跳转阅读原文人数', '发表篇数'].filter((name) => dayBlock.columns.has(name)) : []),
    ...(articleBlock
      ? [
          `${[...articleBlock.columns.keys()].join('/')}（${text('按文章和渠道的区间合计', 'per article and channel over the period').zh}）`,
        ]
      : []),
  ];
  notices.push({
    file,
    line: located.headerLine,
    message: text(
      `数据趋势导出只有阅读人数：各渠道的阅读次数、分享次数和收藏次数不在其中，新的行记为 0，仓库里已有的保留。没有对应表、没有导入的列：${homeless.join('、') || '无'}。`,
      `The 数据趋势 export has readers only: reads, shares and saves per channel are not in it, so new rows get 0 and figures the repository has are kept. Columns with no table, not imported: ${homeless.join(', ') || 'none'}.`,
    ),
  });
  return { batch: { reads: [...reads.values()] }, rows: used };
}
