/**
 * The back office's text as mpflow reads it: an export's bytes in UTF-8 (with or without BOM),
 * GBK/GB18030 or UTF-16; its headers in Simplified or Traditional characters, with units in
 * brackets; its dates in the spellings it and Excel write (2026-11-01, 2026/11/1, 2026年11月1日,
 * 20261101, an Excel serial number).
 */
import iconv from 'iconv-lite';
import { Converter } from 'opencc-js/t2cn';
import { text, type LocalizedText } from '../i18n/language.ts';
import { isCalendarDate } from '../model/dates.ts';

/** Traditional characters to Simplified (OpenCC), so 總計 and 閱讀人數 are read as 总计 and 阅读人数. */
export const toSimplified = Converter({ from: 'tw', to: 'cn' });

/** A header without BOM, spaces, colons and a unit in brackets: 新关注人数（人） → 新关注人数. */
export function stripHeader(value: string): string {
  return value
    .replace(/^\ufeff/, '')
    .replace(/[（(][^（()）]*[)）]/g, '')
    .replace(/[\s()（）:：]/g, '')
    .trim();
}

export function normaliseHeader(value: string): string {
  return toSimplified(stripHeader(value));
}

/**
 * Decodes an export's bytes: UTF-16 (told by its BOM or its NULs), UTF-8 (BOM or not), else
 * GBK/GB18030; line breaks become LF. The notice says which encoding other than UTF-8 was read.
 */
export function decodeExport(bytes: Uint8Array): { text: string; notice?: LocalizedText } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const decoded = iconv
      .decode(Buffer.from(bytes), bytes[0] === 0xff ? 'utf-16le' : 'utf-16be')
      .replace(/^\ufeff/, '');
    return {
      text: decoded.replace(/\r\n?/g, '\n'),
      notice: text('文件是 UTF-16 编码，已按 UTF-16 读取。', 'The file is UTF-16; it was read as such.'),
    };
  }
  // UTF-16 without a BOM: a NUL beside nearly every ASCII character (little-endian when it follows).
  const head = bytes.subarray(0, 4096);
  const oddNuls = head.filter((byte, index) => index % 2 === 1 && byte === 0).length;
  const evenNuls = head.filter((byte, index) => index % 2 === 0 && byte === 0).length;
  if (head.length >= 4 && Math.max(oddNuls, evenNuls) >= head.length / 4) {
    const decoded = iconv
      .decode(Buffer.from(bytes), oddNuls >= evenNuls ? 'utf-16le' : 'utf-16be')
      .replace(/^\ufeff/, '');
    return {
      text: decoded.replace(/\r\n?/g, '\n'),
      notice: text('文件是 UTF-16 编码，已按 UTF-16 读取。', 'The file is UTF-16; it was read as such.'),
    };
  }
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
    return { text: decoded.replace(/\r\n?/g, '\n') };
  } catch {
    const decoded = iconv.decode(Buffer.from(bytes), 'gb18030');
    return {
      text: decoded.replace(/\r\n?/g, '\n'),
      notice: text('文件不是 UTF-8，已按 GBK/GB18030 读取。', 'The file is not UTF-8; it was read as GBK/GB18030.'),
    };
  }
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell in any of the forms the back office and Excel write; undefined when it is none. */
export function parseExportDate(value: string): string | undefined {
  const trimmed = value.trim();
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s.*)?$/.exec(trimmed);
  if (!match) match = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (match) {
    const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    return isCalendarDate(date) ? date : undefined;
  }
  // Excel stores dates as days since 1899-12-30; a CSV saved from a sheet with a general-format
  // column shows that number (46327 = 2026-11-01).
  if (/^\d{5}(\.0+)?$/.test(trimmed)) {
    const serial = Number(trimmed);
    if (serial >= 20000 && serial <= 80000)
      return new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return undefined;
}
