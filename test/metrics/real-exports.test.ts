import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureRepository, TINY_PNG } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

/**
 * One file of every back-office export kind, built with the headers and layouts real exports have:
 * - 内容分析 → 已通知内容: a BIFF8 .xls, sheet "New Sheet1", the 16-column header below; the data
 *   row shapes (发表时间 as 20220329, rates as 0.0374, 内容url last) follow a real export pasted
 *   into a public repository's docstring (DataSet/ContentAnalysis_SingleMass.xlsx, found by the
 *   code search), with our own titles and figures;
 * - 内容分析 → 数据趋势: a BIFF8 .xls with a blank first row, the title row 数据趋势概况(2026.11.01-2026.11.07)
 *   over the first two blocks and 数据来源概况(…) over the third, and the three blocks side by side
 *   separated by empty columns (日期, 渠道, 阅读人数 | 日期, 分享人数, 跳转阅读原文人数, 微信收藏人数, 发表篇数
 *   | 传播渠道, 发表日期, 内容标题, 阅读人数, 阅读人数占比), as public parsers of real 内容分析_流量数据.xls
 *   files read them (row 0 blank, row 1 titles, row 2 header, data from row 3);
 * - 用户分析 → 用户增长: an HTML <table> saved as .xls (<th>时间</th><th>新关注人数</th>…);
 * - 用户分析 → 用户属性: city, language and device as .xlsx, gender as an HTML .xls;
 * - the same exports saved as CSV: UTF-8 with BOM, GBK, UTF-16 with tabs.
 */

const ENV = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-11-10T04:00:00Z' };
const ENV_ZH = { LANG: 'zh_CN.UTF-8', MPFLOW_NOW: '2026-11-10T04:00:00Z' };

const NOTIFIED_HEADER = [
  '内容标题',
  '发表时间',
  '总阅读人数',
  '总阅读次数',
  '总分享人数',
  '总分享次数',
  '阅读后关注人数',
  '送达人数',
  '公众号消息阅读次数',
  '送达阅读率',
  '首次分享次数',
  '分享产生阅读次数',
  '首次分享率',
  '每次分享带来阅读次数',
  '阅读完成率',
  '内容url',
];
const SECOND_TITLE = '正山小种与烟熏味';
const LONG_URL =
  'http://mp.weixin.qq.com/s?__biz=MzAwMTE2MzA1Mw==&mid=2247483801&idx=1&sn=0f3b5c8a1d2e4f60718293a4b5c6d7e8#rd';

const PUBLISH_RECORD = `article: 2026-09-02-yancha-yanyun
status: published
index: 1
publishId: "2650177668"
msgDataId: "2247483801"
url: https://mp.weixin.qq.com/s/abcdefghijk
publishedAt: 2026-09-02T20:31:05+08:00
`;

function notifiedRows(): unknown[][] {
  return [
    NOTIFIED_HEADER,
    // Found through the publish record by the mid in 内容url, though the title differs (edited after sending).
    [
      '武夷岩茶的“岩韵”（修订）',
      20260902,
      1532,
      2263,
      87,
      120,
      14,
      21205,
      1190,
      0.0561,
      61,
      402,
      0.0513,
      4.6207,
      0.6523,
      LONG_URL,
    ],
    // Not in the repository: skipped and named.
    [
      '夏日冷泡茶的三种做法',
      20260630,
      94,
      163,
      7,
      10,
      0,
      2112,
      79,
      0.0374,
      5,
      69,
      0.0633,
      6.9,
      0.6889,
      'http://mp.weixin.qq.com/s?__biz=MzAwMTE2MzA1Mw==&mid=2247483650&idx=2&sn=aa#rd',
    ],
  ];
}

function workbook(rows: unknown[][], bookType: 'biff8' | 'xlsx', sheetName = 'New Sheet1'): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), sheetName);
  return XLSX.write(book, { bookType, type: 'buffer' }) as Buffer;
}

function trendRows(): unknown[][] {
  const blank = Array.from({ length: 16 }, () => '');
  return [
    blank,
    [
      '',
      '数据趋势概况(2026.11.01-2026.11.07)',
      '',
      '',
      '',
      '数据趋势概况(2026.11.01-2026.11.07)',
      '',
      '',
      '',
      '',
      '',
      '数据来源概况(2026.11.01-2026.11.07)',
      '',
      '',
      '',
      '',
    ],
    [
      '',
      '日期',
      '渠道',
      '阅读人数',
      '',
      '日期',
      '分享人数',
      '跳转阅读原文人数',
      '微信收藏人数',
      '发表篇数',
      '',
      '传播渠道',
      '发表日期',
      '内容标题',
      '阅读人数',
      '阅读人数占比',
    ],
    ['', '2026-11-01', '全部', 310, '', '2026-11-01', 22, 3, 14, 1, '', '全部', '20261101', SECOND_TITLE, 512, 1],
    [
      '',
      '2026-11-01',
      '公众号消息',
      198,
      '',
      '2026-11-02',
      9,
      1,
      6,
      0,
      '',
      '公众号消息',
      '20261101',
      SECOND_TITLE,
      301,
      0.5879,
    ],
    ['', '2026-11-01', '聊天会话', 35, '', '', '', '', '', '', '', '朋友圈', '20261101', SECOND_TITLE, 88, 0.1719],
    ['', '2026-11-01', '朋友圈', 41, '', '', '', '', '', '', '', '', '', '', '', ''],
    ['', '2026-11-01', '推荐', 20, '', '', '', '', '', '', '', '', '', '', '', ''],
    ['', '2026-11-01', '搜一搜', 9, '', '', '', '', '', '', '', '', '', '', '', ''],
    ['', '2026-11-01', '公众号主页', 4, '', '', '', '', '', '', '', '', '', '', '', ''],
    ['', '2026-11-01', '其他', 3, '', '', '', '', '', '', '', '', '', '', '', ''],
    ['', '2026-11-02', '全部', 120, '', '', '', '', '', '', '', '', '', '', '', ''],
  ];
}

const USER_GROWTH_HTML = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<table border="1">
<tr><th>时间</th><th>新关注人数</th><th>取消关注人数</th><th>净增关注人数</th><th>累积关注人数</th></tr>
<tr><td>2026-11-01</td><td>52</td><td>9</td><td>43</td><td>21,410</td></tr>
<tr><td>2026-11-02</td><td>47</td><td>12</td><td>35</td><td>21,445</td></tr>
</table></body></html>`;

describe('mpflow metrics import --from csv with the back office’s real file types', () => {
  let fixture: FixtureRepository;
  beforeEach(async () => {
    fixture = await FixtureRepository.create();
    await fixture.write('content/publishing/2026-09-02-yancha-yanyun.yaml', PUBLISH_RECORD);
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  async function importFiles(files: Record<string, Buffer | string>, args: string[] = [], env = ENV) {
    for (const [name, bytes] of Object.entries(files)) await fixture.write(`exports/${name}`, bytes);
    return runMpflow(
      ['metrics', 'import', '--from', 'csv', ...Object.keys(files).map((name) => `exports/${name}`), ...args],
      { cwd: fixture.root, env },
    );
  }

  it('已通知内容 as the back office’s Excel 97 .xls: totals by the mid in 内容url, the columns with no home named, and check passes', async () => {
    const bytes = workbook(notifiedRows(), 'biff8');
    // A real BIFF8 workbook (OLE2 compound file), not text with an .xls name.
    expect(bytes.subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
    const run = await importFiles({ '已通知内容.xls': bytes });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode).toBe(0);
    // Sent 2 September; the totals cover up to six days after sending.
    expect(await fixture.read('content/metrics/article-totals/2026-09.csv')).toBe(
      'date,article,statDate,targetUsers,readers,reads,shareUsers,shares,favoriteUsers,favorites\n2026-09-02,2026-09-02-yancha-yanyun,2026-09-08,21205,1532,2263,87,120,0,0\n',
    );
    expect(run.stderr).toContain(
      'exports/已通知内容.xls:1: These columns have no table in content/metrics/ and were not imported: 阅读后关注人数, 公众号消息阅读次数, 送达阅读率, 首次分享次数, 分享产生阅读次数, 首次分享率, 每次分享带来阅读次数, 阅读完成率',
    );
    expect(run.stderr).toContain(
      'exports/已通知内容.xls:3:1: Skipped "夏日冷泡茶的三种做法": no publish record has the msgid in its 内容url and no article has this title.',
    );
    const check = await runMpflow(['check'], { cwd: fixture.root, env: ENV });
    expect(check.stdout + check.stderr).toMatch(/no problems/);
  });

  it.each([
    [
      'UTF-8 with BOM, commas',
      (csv: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
      ',',
    ],
    ['GBK, commas', (csv: string) => iconv.encode(csv, 'gbk'), ','],
    ['UTF-16 with tabs (Excel’s Unicode text)', (csv: string) => iconv.encode(`\ufeff${csv}`, 'utf-16le'), '\t'],
    ['UTF-16 without a BOM, tabs', (csv: string) => iconv.encode(csv, 'utf-16le'), '\t'],
  ])('已通知内容 saved as CSV in %s gives the same rows as the .xls', async (_label, encode, separator) => {
    const csv = `${notifiedRows()
      .map((row) =>
        row
          .map((cell) => (typeof cell === 'string' && cell.includes(',') ? `"${cell}"` : String(cell)))
          .join(separator),
      )
      .join('\r\n')}\r\n`;
    const run = await importFiles({ 'notified.csv': encode(csv) });
    expect(run.exitCode).toBe(0);
    expect(await fixture.read('content/metrics/article-totals/2026-09.csv')).toContain(
      '2026-09-02,2026-09-02-yancha-yanyun,2026-09-08,21205,1532,2263,87,120,0,0',
    );
  });

  it('数据趋势 as .xls: the three side-by-side blocks under their title row become reads per channel, the 全部 row with the day’s sharing and saving users', async () => {
    const run = await importFiles({ 'tendency.xls': workbook(trendRows(), 'biff8') });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode).toBe(0);
    expect(await fixture.read('content/metrics/reads/2026-11.csv')).toBe(
      [
        'date,source,readers,reads,shareUsers,shares,favoriteUsers,favorites',
        '2026-11-01,0,198,0,0,0,0,0',
        '2026-11-01,1,35,0,0,0,0,0',
        '2026-11-01,2,41,0,0,0,0,0',
        '2026-11-01,4,4,0,0,0,0,0',
        '2026-11-01,5,3,0,0,0,0,0',
        '2026-11-01,6,20,0,0,0,0,0',
        '2026-11-01,7,9,0,0,0,0,0',
        '2026-11-01,99999999,310,0,22,0,14,0',
        '2026-11-02,99999999,120,0,9,0,6,0',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toContain('The 数据趋势 export has readers only');
    expect(run.stderr).toContain(
      'Columns with no table, not imported: 跳转阅读原文人数, 发表篇数, 传播渠道/发表日期/内容标题/阅读人数/阅读人数占比',
    );
    const check = await runMpflow(['check'], { cwd: fixture.root, env: ENV });
    expect(check.stdout + check.stderr).toMatch(/no problems/);
  });

  it('用户增长 as the HTML table the back office names .xls (which used to be refused quoting <th>时间</th>…)', async () => {
    const run = await importFiles({ '用户分析.xls': USER_GROWTH_HTML });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).not.toContain('<th>');
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-01,0,52,9\n2026-11-02,0,47,12\n',
    );
    expect(await fixture.read('content/metrics/followers-cumulative/2026-11.csv')).toBe(
      'date,cumulative\n2026-11-01,21410\n2026-11-02,21445\n',
    );
  });

  it('a wrong figure in an HTML table is pointed at by its line and column in the file', async () => {
    const run = await importFiles({ 'growth.xls': USER_GROWTH_HTML.replace('<td>47</td>', '<td>四十七</td>') });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /exports\/growth\.xls:5:\d+: error: "新关注人数" should be a count \(a whole number ≥ 0\); it is "四十七"\./,
    );
    expect(run.stderr).toContain('Nothing was written.');
  });

  it('用户属性: gender as an HTML .xls, city, language and device as .xlsx', async () => {
    const gender = `<table><tr><th>性别</th><th>用户数</th><th>占比</th></tr><tr><td>男</td><td>8,120</td><td>38.6%</td></tr><tr><td>女</td><td>12,903</td><td>61.4%</td></tr></table>`;
    const run = await importFiles(
      {
        'gender.xls': gender,
        'city.xlsx': workbook(
          [
            ['城市', '用户数'],
            ['福州', 4120],
            ['厦门', 2210],
            ['泉州', 1022],
          ],
          'xlsx',
          'Sheet1',
        ),
        'language.xlsx': workbook(
          [
            ['语言', '用户数'],
            ['简体中文', 19800],
            ['繁体中文', 930],
            ['英文', 293],
          ],
          'xlsx',
          'Sheet1',
        ),
        'device.xlsx': workbook(
          [
            ['机型', '用户数'],
            ['iPhone', 9800],
            ['HUAWEI', 6400],
            ['Xiaomi', 3100],
          ],
          'xlsx',
          'Sheet1',
        ),
      },
      ['--date', '2026-11-09'],
    );
    expect(run.exitCode).toBe(0);
    const audience = await fixture.read('content/metrics/audience/2026-11.csv');
    for (const row of [
      '2026-11-09,gender,女,12903',
      '2026-11-09,city,福州,4120',
      '2026-11-09,language,繁体中文,930',
      '2026-11-09,device,iPhone,9800',
    ])
      expect(audience).toContain(row);
    const check = await runMpflow(['check'], { cwd: fixture.root, env: ENV });
    expect(check.stdout + check.stderr).toMatch(/no problems/);
  });

  it.each([
    ['a PNG renamed .xls', 'picture.xls', TINY_PNG, 'This is a PNG image, not an MP back-office export.'],
    [
      'a Word document',
      'report.xls',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('word/document.xml')]),
      'This is a Word document (.docx), not an MP back-office export.',
    ],
    [
      'random binary with NUL bytes',
      'dump.xls',
      Buffer.from([
        0x00, 0x13, 0x88, 0xfe, 0x00, 0x00, 0x07, 0x41, 0x9c, 0x00, 0xee, 0x01, 0x00, 0x00, 0x42, 0x00, 0x43, 0xaa,
      ]),
      'This is a binary file of unknown type (neither a spreadsheet nor text), not an MP back-office export.',
    ],
    [
      'a PDF',
      'export.csv',
      Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'),
      'This is a PDF document, not an MP back-office export.',
    ],
  ])('%s gets one line naming the file type, with no bytes of it', async (_label, name, bytes, message) => {
    const run = await importFiles({ [name]: bytes });
    expect(run.exitCode).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^exports/${name.replace('.', '\\.')}: error: ${message.replace(/[.()]/g, '\\$&')}`),
    );
    expect(lines[1]).toBe('Nothing was written.');
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
  });

  it('an Excel workbook of an unknown kind names the file type and its header in one line, in Chinese too', async () => {
    const bytes = workbook(
      [
        ['订单号', '金额', '状态'],
        ['A-1', 12, '已付'],
      ],
      'biff8',
      'Sheet1',
    );
    const run = await importFiles({ 'orders.xls': bytes }, [], ENV_ZH);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'exports/orders.xls:1: 错误: 认不出这份Excel 97–2003 工作簿（.xls）是哪种后台导出：表头（订单号, 金额, 状态）',
    );
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
  });
});
