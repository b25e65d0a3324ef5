/**
 * Turns a back-office export file, whatever it is, into rows of cells with their positions.
 *
 * The MP back office hands out several file types under one `.xls` name: 内容分析 exports are
 * binary Excel 97 workbooks (BIFF8, sheet `New Sheet1`), 用户分析 exports are HTML tables saved
 * with an `.xls` name, and people save either as `.xlsx` or as CSV/TSV text in UTF-8 (with or
 * without BOM), GBK or UTF-16. The type is told from the bytes, never from the name. Workbooks are
 * read with SheetJS (@e965/xlsx, loaded only when a workbook is met); HTML tables and text are read
 * here. A file of any other type is refused with one line naming the type: never its bytes.
 */
import { positionsIn } from '../source/positions.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { CsvCell, CsvRow } from '../source/csv-source.ts';

export type ExportFormat = 'xls' | 'xlsx' | 'html' | 'text';

export interface ExportSheet {
  /** The sheet's name in a workbook. */
  name?: string;
  rows: CsvRow[];
}

export type SniffedFile =
  | { kind: 'xls' | 'xlsx' | 'html' | 'text' }
  /** A file mpflow cannot read as a table: what it is, in both languages. */
  | { kind: 'other'; type: LocalizedText };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[] | string, at = 0): boolean {
  const expected = typeof prefix === 'string' ? [...prefix].map((character) => character.charCodeAt(0)) : prefix;
  return expected.every((byte, index) => bytes[at + index] === byte);
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.subarray(from, Math.min(to, bytes.length))).toString('latin1');
}

/** What a file is, from its first bytes. */
export function sniffExportFile(bytes: Uint8Array): SniffedFile {
  if (startsWith(bytes, OLE2)) {
    // An OLE2 compound file is an Excel 97 workbook when it holds a Workbook (or Book) stream;
    // Word 97 documents and Outlook messages share the container. Directory names are UTF-16LE.
    const body = latin1(bytes, 0, bytes.length);
    const utf16 = (name: string) => [...name].map((character) => `${character}\u0000`).join('');
    if (body.includes(utf16('Workbook')) || body.includes(utf16('Book'))) return { kind: 'xls' };
    if (body.includes(utf16('WordDocument')))
      return { kind: 'other', type: text('Word 97–2003 文档（.doc）', 'a Word 97–2003 document (.doc)') };
    return { kind: 'other', type: text('不是工作簿的 OLE2 复合文档', 'an OLE2 compound file that holds no workbook') };
  }
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    const names = latin1(bytes, 0, bytes.length);
    if (names.includes('xl/workbook')) return { kind: 'xlsx' };
    if (names.includes('word/document'))
      return { kind: 'other', type: text('Word 文档（.docx）', 'a Word document (.docx)') };
    if (names.includes('ppt/presentation'))
      return { kind: 'other', type: text('PowerPoint 演示文稿（.pptx）', 'a PowerPoint presentation (.pptx)') };
    return {
      kind: 'other',
      type: text(
        'ZIP 压缩包（请先解压，再导入其中的导出文件）',
        'a ZIP archive (unpack it and import the export inside)',
      ),
    };
  }
  const signatures: Array<[number[] | string, LocalizedText]> = [
    ['%PDF', text('PDF 文档', 'a PDF document')],
    [[0x89, 0x50, 0x4e, 0x47], text('PNG 图片', 'a PNG image')],
    [[0xff, 0xd8, 0xff], text('JPEG 图片', 'a JPEG image')],
    ['GIF8', text('GIF 图片', 'a GIF image')],
    [[0x1f, 0x8b], text('gzip 压缩文件', 'a gzip-compressed file')],
    ['Rar!', text('RAR 压缩包', 'a RAR archive')],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], text('7z 压缩包', 'a 7z archive')],
    ['SQLite format 3', text('SQLite 数据库', 'an SQLite database')],
  ];
  for (const [signature, type] of signatures) if (startsWith(bytes, signature)) return { kind: 'other', type };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    return {
      kind: looksLikeHtml(
        Buffer.from(bytes.subarray(2, 4096))
          .toString(bytes[0] === 0xff ? 'utf16le' : 'latin1')
          .replace(/\u0000/g, ''),
      )
        ? 'html'
        : 'text',
    };
  const head = bytes.subarray(0, 4096);
  const nuls = head.filter((byte) => byte === 0).length;
  if (nuls > 0) {
    // UTF-16 text without a BOM has a NUL beside nearly every ASCII character; a binary file has them anywhere.
    const evenNuls = [...head].filter((byte, index) => index % 2 === 1 && byte === 0).length;
    if (evenNuls >= head.length / 4 && nuls - evenNuls <= 2) return { kind: 'text' };
    return {
      kind: 'other',
      type: text(
        '未知类型的二进制文件（不是表格，也不是文本）',
        'a binary file of unknown type (neither a spreadsheet nor text)',
      ),
    };
  }
  const start = Buffer.from(head).toString('latin1');
  return { kind: looksLikeHtml(start) ? 'html' : 'text' };
}

function looksLikeHtml(start: string): boolean {
  const trimmed = start.replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '').trimStart();
  return (
    /^<(?:!doctype\s+html|html|head|meta|table|body|\?xml[^>]*>\s*<html)/i.test(trimmed) ||
    (/^</.test(trimmed) && /<table[\s>]/i.test(start))
  );
}

/** Reads every sheet of an Excel 97 (.xls) or .xlsx workbook as rows of text cells. */
export async function readWorkbook(bytes: Uint8Array): Promise<ExportSheet[]> {
  // SheetJS is large: it is loaded only when a workbook is imported, never by `mpflow check`.
  const XLSX = await import('@e965/xlsx');
  const workbook = XLSX.read(bytes, {
    type: 'buffer',
    cellDates: false,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
  });
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name]!;
    // raw values: numbers as numbers (Excel date serials stay serials, which parseExportDate reads), text as text.
    const values = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
    const range = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']) : { s: { r: 0, c: 0 } };
    const rows: CsvRow[] = values.map((cells, index) => {
      const line = range.s.r + index + 1;
      return {
        line,
        cells: cells.map((value, column) => ({ value: cellText(value), line, column: range.s.c + column + 1 })),
      };
    });
    return { name, rows };
  });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The rows of the first HTML table with cells, each cell at its line and column in the file (so a
 * message points into the file itself). `colspan` repeats as empty cells, so columns line up.
 */
export function readHtmlTable(source: string): CsvRow[] {
  const position = positionsIn(source);
  const tables = [...source.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table\s*>/gi)];
  const chunks =
    tables.length > 0 ? tables.map((match) => ({ body: match[0], at: match.index })) : [{ body: source, at: 0 }];
  for (const chunk of chunks) {
    const rows: CsvRow[] = [];
    for (const row of chunk.body.matchAll(/<tr\b[^>]*>([\s\S]*?)(?=<\/tr\s*>|<tr\b|<\/table\s*>|$)/gi)) {
      const rowAt = chunk.at + row.index;
      const cells: CsvCell[] = [];
      for (const cell of row[0].matchAll(/<t([hd])\b([^>]*)>([\s\S]*?)(?=<\/t[hd]\s*>|<t[hd]\b|$)/gi)) {
        const at = position(rowAt + cell.index);
        const value = decodeEntities(cell[3]!.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ''))
          .replace(/\s+/g, ' ')
          .trim();
        cells.push({ value, ...at });
        const span = Number(/colspan\s*=\s*["']?(\d+)/i.exec(cell[2]!)?.[1] ?? 1);
        for (let extra = 1; extra < Math.min(span, 50); extra += 1) cells.push({ value: '', ...at });
      }
      if (cells.length > 0) rows.push({ line: position(rowAt).line, cells });
    }
    if (rows.length > 0) return rows;
  }
  return [];
}
