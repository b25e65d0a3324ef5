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
 *
 * This module tells the export's file type and kind and hands it to the kind's importer
 * (export-user-growth.ts, export-articles.ts, export-audience.ts, export-trend.ts), which read
 * their rows with export-rows.ts; the text itself (encodings, headers, dates) is export-text.ts.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Repository } from '../repository/load-repository.ts';
import type { CsvRow } from '../source/csv-source.ts';
import { readHtmlTable, readWorkbook, sniffExportFile, type ExportFormat } from './export-files.ts';
import { decodeExport, normaliseHeader, stripHeader } from './export-text.ts';
import type { MetricBatch } from './storage.ts';
import { ARTICLE_COLUMNS, articles, NOTIFIED_COLUMNS, notifiedContent } from './export-articles.ts';
import { AUDIENCE_COUNT, AUDIENCE_LABELS, audience } from './export-audience.ts';
import {
  csvRows,
  ExportImportError,
  isBlank,
  locateHeader,
  shownHeader,
  type ExportImportOptions,
  type ExportMessage,
} from './export-rows.ts';
import { trend } from './export-trend.ts';
import { USER_GROWTH_COLUMNS, userGrowth } from './export-user-growth.ts';

// Read by the tests and the CLI at this address since the importer was one file.
export { normaliseHeader, parseExportDate } from './export-text.ts';
export { ExportImportError, where, type ExportImportOptions, type ExportMessage } from './export-rows.ts';

export type ExportKind = 'user-growth' | 'articles' | 'audience' | 'notified-content' | 'trend';

export interface ExportImportResult {
  kind: ExportKind;
  format: ExportFormat;
  batch: MetricBatch;
  rows: number;
  notices: ExportMessage[];
}

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
  const input = { located, file, repository, options, notices };
  if (isTrend) return { kind: 'trend', format, notices, ...trend(input, titleRows) };
  // 已通知内容 has 总阅读人数 (totals since sending); a daily article export with 送达人数 but a 时间 column stays 图文分析.
  if (
    has(NOTIFIED_COLUMNS.title) &&
    (has(NOTIFIED_COLUMNS.readers) || (has(NOTIFIED_COLUMNS.targetUsers) && has(NOTIFIED_COLUMNS.published)))
  )
    return { kind: 'notified-content', format, notices, ...notifiedContent(input) };
  if (Object.values(AUDIENCE_LABELS).some(has)) return { kind: 'audience', format, notices, ...audience(input) };
  if (has(ARTICLE_COLUMNS.title) || has(ARTICLE_COLUMNS.reads) || has(ARTICLE_COLUMNS.readers))
    return { kind: 'articles', format, notices, ...articles(input) };
  return { kind: 'user-growth', format, notices, ...userGrowth(input) };
}
