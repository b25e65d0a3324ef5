import { describe, expect, it } from 'vitest';
import { positionAt, positionsIn } from '../../src/core/source/positions.ts';

// An article body as writers send it: zh-CN and zh-TW lines, an empty line, CRLF on one line,
// and a character outside the BMP (two UTF-16 code units, as editors and SARIF count columns).
const body = '冬至喝什么茶？\n\n熟普、老白茶都適合冬天。\r\n𠮷野家的茶包不算。\n最后一行没有换行';

describe('positions in a text', () => {
  it('places every offset at the same line and column, found once or by binary search', () => {
    const position = positionsIn(body);
    for (let offset = 0; offset <= body.length; offset += 1) expect(position(offset)).toEqual(positionAt(body, offset));
  });

  it('counts columns in UTF-16 code units from 1, lines from 1', () => {
    const position = positionsIn(body);
    expect(position(body.indexOf('熟普'))).toEqual({ line: 3, column: 1 });
    expect(position(body.indexOf('野家'))).toEqual({ line: 4, column: 3 });
    expect(position(body.indexOf('换行'))).toEqual({ line: 5, column: 7 });
  });
});
