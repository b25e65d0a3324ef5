import { createRequire } from 'node:module';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { positionAt } from './positions.ts';

/** Content files are hand-written; anything bigger is a mistake, and reading it whole would stall the run. */
export const MAX_TEXT_FILE_BYTES = 5 * 1024 * 1024;

/** How far git and file(1) look for a NUL byte before calling a file binary. */
const BINARY_SNIFF_BYTES = 8000;

export type TextFileResult = { ok: true; text: string } | { ok: false; problem: Problem };

export async function readTextFile(absolutePath: string, relativePath: string): Promise<TextFileResult> {
  return readTextFileNow(absolutePath, relativePath);
}

/**
 * The same, synchronously. A repository is a few hundred small files: a stat, an open, a read and a
 * close each through the thread pool cost more than the reads themselves (about 40 ms of a check
 * of the sample department, against 10 ms this way).
 */
export function readTextFileNow(absolutePath: string, relativePath: string): TextFileResult {
  const fail = (problem: Problem): TextFileResult => ({ ok: false, problem });
  let descriptor: number;
  try {
    descriptor = openSync(absolutePath, 'r');
  } catch (error) {
    return fail(unreadable(relativePath, error));
  }
  let bytes: Buffer;
  try {
    const size = fstatSync(descriptor).size;
    if (size > MAX_TEXT_FILE_BYTES) {
      const megabytes = (size / 1024 / 1024).toFixed(1);
      const limit = MAX_TEXT_FILE_BYTES / 1024 / 1024;
      return fail(
        makeProblem(
          relativePath,
          'file/too-large',
          text(
            `文件有 ${megabytes} MB，超过 ${limit} MB 的上限，未读取。`,
            `The file is ${megabytes} MB, over the ${limit} MB limit; it was not read.`,
          ),
        ),
      );
    }
    bytes = readFileSync(descriptor);
  } catch (error) {
    return fail(unreadable(relativePath, error));
  } finally {
    closeSync(descriptor);
  }
  return decodeTextFile(bytes, relativePath);
}

export function decodeTextFile(bytes: Buffer, relativePath: string): TextFileResult {
  // Windows Notepad's "Unicode" is UTF-16 with a byte-order mark; its NUL bytes are not binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      problem: makeProblem(
        relativePath,
        'file/encoding',
        text('文件是 UTF-16 编码，请另存为 UTF-8。', 'The file is UTF-16; save it as UTF-8.'),
      ),
    };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) {
    return {
      ok: false,
      problem: makeProblem(
        relativePath,
        'file/binary',
        text('这是二进制文件（含有 NUL 字节），不是文本。', 'This is a binary file (it contains NUL bytes), not text.'),
      ),
    };
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: encodingProblem(bytes, relativePath) };
  }
  if (decoded.charCodeAt(0) === 0xfeff) decoded = decoded.slice(1);
  // One line-break convention from here on: Windows (CRLF) and old Mac (CR) files read like any
  // other, and every line and column stays where an editor shows it.
  decoded = decoded.replace(/\r\n?/g, '\n');
  if (decoded.trim() === '') {
    return { ok: false, problem: makeProblem(relativePath, 'file/empty', text('文件是空的。', 'The file is empty.')) };
  }
  return { ok: true, text: decoded };
}

function encodingProblem(bytes: Buffer, relativePath: string): Problem {
  const badOffset = firstInvalidUtf8Offset(bytes);
  // Count lines and columns the way the decoded text would have them: no BOM, one kind of line break.
  const validPrefix = bytes
    .subarray(0, badOffset)
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n');
  const position = positionAt(validPrefix, validPrefix.length);
  // Chinese Windows tools save GB18030/GBK by default; saying so saves the writer a search.
  // iconv-lite's tables load only for a file that is not UTF-8.
  const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  const looksLikeGb = !iconv.decode(bytes, 'gb18030').includes('\ufffd');
  const hintZh = looksLikeGb ? '看起来是 GBK/GB18030 编码，' : '';
  const hintEn = looksLikeGb ? 'It looks like GBK/GB18030; ' : '';
  return makeProblem(
    relativePath,
    'file/encoding',
    text(
      `文件不是 UTF-8 编码（第 ${badOffset + 1} 个字节无效）。${hintZh}请另存为 UTF-8。`,
      `The file is not UTF-8 (byte ${badOffset + 1} is invalid). ${hintEn}save it as UTF-8.`,
    ),
    { start: position },
  );
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0 || index + length > bytes.length) return index;
    for (let next = 1; next < length; next += 1) {
      if ((bytes[index + next]! & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return index;
}

function unreadable(relativePath: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return makeProblem(
    relativePath,
    'file/unreadable',
    text(`无法读取文件（${code}）。`, `The file cannot be read (${code}).`),
  );
}
