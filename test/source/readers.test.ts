import { describe, expect, it } from 'vitest';
import { parseCsvSource } from '../../src/core/source/csv-source.ts';
import { splitFrontMatter } from '../../src/core/source/front-matter.ts';
import { decodeTextFile } from '../../src/core/source/read-text-file.ts';
import { formatGithub } from '../../src/core/report/format-github.ts';
import { judgeDateTime, isCalendarDate, offsetInTimeZone } from '../../src/core/model/dates.ts';

describe('CSV with positions', () => {
  it.each([
    ['plain rows', 'a,b\n1,2\n', [['1', '2']]],
    [
      'a quoted cell with a comma and a line break',
      'a,b\n"岩茶,白茶","第一行\n第二行"\n',
      [['岩茶,白茶', '第一行\n第二行']],
    ],
    ['escaped quotes', 'a\n"他说""好"""\n', [['他说"好"']]],
    ['CRLF line ends from a spreadsheet', 'a,b\r\n1,2\r\n', [['1', '2']]],
    ['no newline at the end', 'a,b\n1,2', [['1', '2']]],
    ['blank lines', 'a,b\n\n1,2\n\n', [['1', '2']]],
    ['an empty cell', 'a,b\n1,\n', [['1', '']]],
  ])('%s', (_name, source, expected) => {
    const parsed = parseCsvSource(source, 'x.csv');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.source.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual(expected);
  });

  it('knows the line and column of every cell, after a multi-line cell too', () => {
    const parsed = parseCsvSource('a,b\n"x\ny",z\n1,2\n', 'x.csv');
    if (!parsed.ok) throw new Error('unexpected');
    expect(parsed.source.rows[0]!.cells[1]).toEqual({ value: 'z', line: 3, column: 4 });
    expect(parsed.source.rows[1]!.cells[0]).toEqual({ value: '1', line: 4, column: 1 });
  });

  it('reports an unclosed quote where it opens', () => {
    const parsed = parseCsvSource('a,b\n1,"未闭合\n', 'x.csv');
    expect(parsed.ok).toBe(false);
    expect(parsed.problems[0]).toMatchObject({ ruleId: 'csv/syntax', span: { start: { line: 2, column: 3 } } });
  });
});

describe('front matter', () => {
  it.each([
    ['LF', '---\ntitle: 甲\n---\n正文\n', { kind: 'ok', yamlText: 'title: 甲', bodyFirstLine: 4 }],
    ['CRLF', '---\r\ntitle: 甲\r\n---\r\n正文', { kind: 'ok', yamlText: 'title: 甲', bodyFirstLine: 4 }],
    ['closed with ...', '---\ntitle: 甲\n...\n正文', { kind: 'ok', bodyFirstLine: 4 }],
    ['missing', '# 标题\n正文', { kind: 'missing' }],
    ['a thematic break later is not front matter', '正文\n---\n更多', { kind: 'missing' }],
    ['unclosed', '---\ntitle: 甲\n正文', { kind: 'unclosed', lastLine: 3 }],
  ])('%s', (_name, source, expected) => {
    expect(splitFrontMatter(source)).toMatchObject(expected);
  });
});

describe('text files', () => {
  it('reads Windows and old Mac line ends as plain line breaks', () => {
    expect(decodeTextFile(Buffer.from('a: 1\r\nb: 2\rc: 3\n'), 'a.yaml')).toEqual({
      ok: true,
      text: 'a: 1\nb: 2\nc: 3\n',
    });
  });

  it('names UTF-16 as an encoding to change, not as binary', () => {
    const decoded = decodeTextFile(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title: 甲\n', 'utf16le')]),
      'a.yaml',
    );
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problem.ruleId).toBe('file/encoding');
  });

  it('drops a UTF-8 byte order mark', () => {
    const decoded = decodeTextFile(Buffer.from('\ufefftitle: 甲\n'), 'a.yaml');
    expect(decoded).toEqual({ ok: true, text: 'title: 甲\n' });
  });

  it('points at the first invalid byte of a Latin-1 file', () => {
    const decoded = decodeTextFile(Buffer.from('title: caf\xe9\n', 'latin1'), 'a.yaml');
    expect(decoded.ok).toBe(false);
    if (!decoded.ok)
      expect(decoded.problem).toMatchObject({ ruleId: 'file/encoding', span: { start: { line: 1, column: 11 } } });
  });
});

describe('calendar rules', () => {
  it.each([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['2026-12-31', true],
  ])('%s is a real date: %s', (value, expected) => expect(isCalendarDate(value)).toBe(expected));

  it.each([
    ['2026-09-02T20:30:00+08:00', 'valid'],
    ['2026-09-02T12:30:00Z', 'valid'],
    ['2026-09-02T20:30+08:00', 'valid'],
    ['2026-09-02T20:30:00', 'missing-offset'],
    ['2026-09-02T24:30:00+08:00', 'invalid'],
    ['2026-09-31T20:30:00+08:00', 'invalid'],
    ['2026-09-02T20:30:00+25:00', 'invalid'],
  ])('%s is %s', (value, expected) => expect(judgeDateTime(value)).toBe(expected));

  it('knows Shanghai keeps +08:00 all year and Berlin changes with daylight saving', () => {
    expect(offsetInTimeZone('2026-07-01', '20:30', 'Asia/Shanghai')).toBe('+08:00');
    expect(offsetInTimeZone('2026-01-15', '20:30', 'Asia/Shanghai')).toBe('+08:00');
    expect(offsetInTimeZone('2026-07-01', '20:30', 'Europe/Berlin')).toBe('+02:00');
    expect(offsetInTimeZone('2026-01-15', '20:30', 'Europe/Berlin')).toBe('+01:00');
  });
});

describe('GitHub annotations', () => {
  it('escape the characters the Actions runner would otherwise read as command syntax', () => {
    const output = formatGithub(
      [
        {
          file: 'content/a,b:c.md',
          span: { start: { line: 2, column: 3 } },
          ruleId: 'yaml/syntax',
          severity: 'warning',
          message: { zh: '甲', en: '100% broken\nsecond line' },
        },
      ],
      { language: 'en' },
    );
    expect(output).toBe(
      '::warning file=content/a%2Cb%3Ac.md,line=2,col=3,title=yaml/syntax::100%25 broken%0Asecond line\n',
    );
  });
});
