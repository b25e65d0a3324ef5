import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBackOfficeExport, ExportImportError, parseExportDate } from '../../src/core/metrics/csv-import.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const ENV = { LANG: 'en_US.UTF-8', MPFLOW_NOW: '2026-11-26T04:00:00Z' };
const ENV_ZH = { LANG: 'zh_CN.UTF-8', MPFLOW_NOW: '2026-11-26T04:00:00Z' };

async function metricFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const metrics = path.join(root, 'content/metrics');
  for (const folder of await readdir(metrics)) {
    for (const name of await readdir(path.join(metrics, folder)))
      files.set(`${folder}/${name}`, await readFile(path.join(metrics, folder, name), 'utf8'));
  }
  return files;
}

describe('mpflow metrics import --from csv', () => {
  let fixture: FixtureRepository;
  beforeEach(async () => {
    fixture = await FixtureRepository.create();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('imports user growth, article data and audience exports, and a second run changes nothing', async () => {
    const files = [
      'user-growth-2026-11.csv',
      'articles-2026-11.csv',
      'audience-gender-traditional.csv',
      'audience-age.csv',
      'audience-region.csv',
    ].map((name) => path.join(FIXTURES, name));
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', ...files, '--date', '2026-11-25'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode).toBe(0);
    // The title line is skipped, 2026/11/24 is a date, the 合计 row is skipped with a notice.
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-24,0,52,9\n2026-11-25,0,47,12\n',
    );
    expect(await fixture.read('content/metrics/followers-cumulative/2026-11.csv')).toBe(
      'date,cumulative\n2026-11-24,21410\n2026-11-25,21445\n',
    );
    expect(run.stderr).toMatch(/user-growth-2026-11\.csv:5: Skipped the total row "合计"\./);
    expect(run.stderr).toMatch(/no 来源 \(source\) column/);
    // Excel date numbers 46350 and 46351 are 24 and 25 November 2026; the title names the article.
    expect(await fixture.read('content/metrics/articles/2026-11.csv')).toBe(
      'date,article,reads,readers,shares,shareUsers,likes,comments,favorites\n2026-11-24,2026-09-02-yancha-yanyun,150,120,9,8,3,1,2\n2026-11-25,2026-09-02-yancha-yanyun,66,60,2,2,1,0,1\n',
    );
    expect(run.stderr).toContain(
      'articles-2026-11.csv:2:1: The date column holds Excel date numbers; they were read as dates (46350 is 2026-11-24).',
    );
    // Traditional headers (性別, 人數) are read as Simplified, and say so.
    expect(run.stderr).toMatch(/Traditional Chinese headers were read as Simplified: 性別 → 性别, 人數 → 人数/);
    const audience = await fixture.read('content/metrics/audience/2026-11.csv');
    expect(audience.split('\n')[0]).toBe('date,dimension,bucket,users');
    expect(audience).toContain('2026-11-25,gender,女,12903');
    expect(audience).toContain('2026-11-25,age,18-25岁,3120');
    expect(audience).toContain('2026-11-25,region,福建,9021');
    const check = await runMpflow(['check'], { cwd: fixture.root, env: ENV });
    expect(check.stdout + check.stderr).toMatch(/no problems/);

    const before = await metricFiles(fixture.root);
    await fixture.write('exports/later.csv', '时间,新关注人数,取消关注人数\n2026-11-26,5,1\n');
    const dry = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/later.csv', '--dry-run'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(dry.stdout).toContain('Would add: followers +1; 0 rows unchanged; 0 revised figures.');
    expect(dry.stdout).toContain('Would write:\n  content/metrics/followers/2026-11.csv');
    expect(await metricFiles(fixture.root)).toEqual(before);
    const again = await runMpflow(['metrics', 'import', '--from', 'csv', ...files, '--date', '2026-11-25'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/Nothing new/);
    expect(await metricFiles(fixture.root)).toEqual(before);
  });

  it('names a missing column with the file and header line, and writes nothing from any file', async () => {
    await fixture.write('exports/growth.csv', '时间,新关注人数,净增关注人数\n2026-11-24,52,43\n');
    const before = await metricFiles(fixture.root);
    const run = await runMpflow(
      ['metrics', 'import', '--from', 'csv', path.join(FIXTURES, 'audience-age.csv'), 'exports/growth.csv'],
      { cwd: fixture.root, env: ENV },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'exports/growth.csv:1: error: The column "取消关注人数" is missing (also accepted: 取消关注, 取关人数). The header is: 时间, 新关注人数, 净增关注人数.',
    );
    expect(run.stderr).toContain('Nothing was written.');
    // The good file in the same run was not written either.
    expect(await metricFiles(fixture.root)).toEqual(before);

    const zh = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/growth.csv'], {
      cwd: fixture.root,
      env: ENV_ZH,
    });
    expect(zh.stderr).toContain('exports/growth.csv:1: 错误: 缺少“取消关注人数”列（也认：取消关注、取关人数）。');
    expect(zh.stderr).toContain('没有写入任何文件。');
  });

  it('reads a Traditional-Chinese GBK export with a 總計 row', async () => {
    const exportText =
      '時間,新關注人數,取消關注人數,淨增關注人數,累積關注人數\n2026年11月20日,31,4,27,21300\n2026年11月21日,28,6,22,21322\n總計,59,10,49,\n';
    await fixture.write('exports/growth-tw.csv', iconv.encode(exportText, 'gb18030'));
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/growth-tw.csv'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('exports/growth-tw.csv: The file is not UTF-8; it was read as GBK/GB18030.');
    expect(run.stderr).toMatch(/growth-tw\.csv:4: Skipped the total row "總計"\./);
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-20,0,31,4\n2026-11-21,0,28,6\n',
    );
  });

  it('never adds a total-only export on top of per-source rows for the same day', async () => {
    await fixture.write(
      'content/metrics/followers/2026-11.csv',
      'date,source,new,cancelled\n2026-11-24,1,30,4\n2026-11-24,30,22,5\n',
    );
    const run = await runMpflow(
      ['metrics', 'import', '--from', 'csv', path.join(FIXTURES, 'user-growth-2026-11.csv')],
      { cwd: fixture.root, env: ENV },
    );
    expect(run.exitCode).toBe(0);
    // 24 November already has per-source rows (30 + 22 = 52 new, 4 + 5 = 9 cancelled, as in the export): kept as they are.
    // 25 November has none: the export's totals are filed under source 0.
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-24,1,30,4\n2026-11-24,30,22,5\n2026-11-25,0,47,12\n',
    );
    expect(run.stderr).toContain('new and cancelled follows of 1 day are filed under source 0 (other).');
    await fixture.write(
      'content/metrics/followers/2026-11.csv',
      'date,source,new,cancelled\n2026-11-24,1,30,4\n2026-11-24,30,20,5\n',
    );
    const differing = await runMpflow(
      ['metrics', 'import', '--from', 'csv', path.join(FIXTURES, 'user-growth-2026-11.csv')],
      { cwd: fixture.root, env: ENV },
    );
    expect(differing.stderr).toContain(
      "user-growth-2026-11.csv:3: 2026-11-24: new 52 and cancelled 9 differ from the repository's per-source totals (50, 9)",
    );
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toContain(
      '2026-11-24,30,20,5\n2026-11-25,0,47,12\n',
    );
  });

  it('points at a bad date, a bad count and a net that does not add up, all at once', async () => {
    await fixture.write(
      'exports/bad.csv',
      '时间,来源,新关注人数,取消关注人数,净增关注人数\n2026-02-30,搜一搜,5,1,4\n2026-11-02,扫描二维码,五,0,5\n2026-11-03,名片分享,5,1,9\n2026-11-04,飞鸽传书,1,0,1\n',
    );
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/bad.csv'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('exports/bad.csv:2:1: error: "2026-02-30" is not a date mpflow can read');
    expect(run.stderr).toContain(
      'exports/bad.csv:3:18: error: "新关注人数" should be a count (a whole number ≥ 0); it is "五".',
    );
    expect(run.stderr).toContain('exports/bad.csv:4:21: error: Net 9 does not equal new 5 minus cancelled 1.');
    expect(run.stderr).toContain('exports/bad.csv:5:12: error: Unknown follower source "飞鸽传书".');
    // The unreadable count is reported once, not again as a net that does not add up.
    expect(run.stderr).not.toContain('exports/bad.csv:3:22');
    await expect(fixture.read('content/metrics/followers/2026-11.csv')).rejects.toThrow();
  });

  it('reads Excel\'s "Unicode text": UTF-16 with tabs, Traditional headers with units, thousands separators and a 合計： row', async () => {
    const exportText =
      '時間\t新關注人數（人）\t取消關注人數（人）\t淨增關注人數\t累積關注人數\n2026/11/20\t1,234\t34\t1,200\t21,300\n2026/11/21\t28\t6\t22\t21,322\n合計：\t1,262\t40\t1,222\t\n';
    await fixture.write(
      'exports/growth-utf16.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(exportText, 'utf-16le')]),
    );
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/growth-utf16.txt'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(run.stderr).not.toMatch(/error/);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('The file is UTF-16; it was read as such.');
    expect(run.stderr).toMatch(/growth-utf16\.txt:4: Skipped the total row "合計："\./);
    // A unit in brackets is not mistaken for Traditional characters; the Traditional words are.
    expect(run.stderr).toContain('新關注人數（人） → 新关注人数');
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-20,0,1234,34\n2026-11-21,0,28,6\n',
    );
    expect(await fixture.read('content/metrics/followers-cumulative/2026-11.csv')).toBe(
      'date,cumulative\n2026-11-20,21300\n2026-11-21,21322\n',
    );
  });

  it('skips a row repeated exactly, refuses two different rows for one day, and names a percentage where a count belongs', async () => {
    await fixture.write(
      'exports/repeated.csv',
      '时间,新关注人数,取消关注人数\n2026-11-20,31,4\n2026-11-21,28,6\n2026-11-20,31,4\n',
    );
    const repeated = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/repeated.csv'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(repeated.exitCode).toBe(0);
    expect(repeated.stderr).toContain(
      'exports/repeated.csv:4: 2026-11-20, source 0 repeats line 2 exactly; the repeated row was skipped.',
    );
    expect(repeated.stderr).toContain('new and cancelled follows of 2 days are filed under source 0 (other).');
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-20,0,31,4\n2026-11-21,0,28,6\n',
    );

    const before = await metricFiles(fixture.root);
    await fixture.write(
      'exports/conflict.csv',
      '日期,标题,阅读人数,阅读次数,分享人数\n2026-11-01,武夷岩茶的“岩韵”，到底在说什么,5,6,1\n2026-11-01,武夷岩茶的“岩韵”，到底在说什么,7,8,12.5%\n2026-11-01,武夷岩茶的“岩韵”，到底在说什么,7,8,1\n',
    );
    const conflict = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/conflict.csv'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr).toContain(
      'exports/conflict.csv:3:33: error: "分享人数" should be a count (a whole number ≥ 0); it is "12.5%".',
    );
    expect(conflict.stderr).toContain(
      'exports/conflict.csv:4: error: "武夷岩茶的“岩韵”，到底在说什么" on 2026-11-01 appears twice (see also line 2) with different figures',
    );
    expect(conflict.stderr).toContain('Nothing was written.');
    expect(await metricFiles(fixture.root)).toEqual(before);
  });

  it('keeps stored figures an article export has no column for, instead of overwriting them with 0', async () => {
    await fixture.write(
      'content/metrics/articles/2026-11.csv',
      'date,article,reads,readers,shares,shareUsers,likes,comments,favorites\n2026-11-01,2026-09-02-yancha-yanyun,60,50,4,3,7,2,5\n',
    );
    await fixture.write(
      'exports/reads-only.csv',
      '日期,标题,阅读人数,阅读次数\n2026-11-01,武夷岩茶的“岩韵”，到底在说什么,52,61\n2026-11-02,武夷岩茶的“岩韵”，到底在说什么,20,22\n',
    );
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/reads-only.csv'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('figures the repository already has for them are kept, new rows get 0.');
    // Reads and readers are revised; likes, comments, shares and favourites stay as stored.
    expect(await fixture.read('content/metrics/articles/2026-11.csv')).toBe(
      'date,article,reads,readers,shares,shareUsers,likes,comments,favorites\n2026-11-01,2026-09-02-yancha-yanyun,61,52,4,3,7,2,5\n2026-11-02,2026-09-02-yancha-yanyun,22,20,0,0,0,0,0\n',
    );
    expect(run.stdout).toContain('2 revised figures');
  });

  it('says which export kinds it knows when the header is none of them', async () => {
    await fixture.write('exports/other.csv', '名称,数值\n甲,1\n');
    const run = await runMpflow(['metrics', 'import', '--from', 'csv', 'exports/other.csv'], {
      cwd: fixture.root,
      env: ENV,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /exports\/other\.csv:1: error: Cannot tell which back-office export this CSV\/TSV text is: its header \(名称, 数值\)/,
    );
  });

  it('skips and names an article row whose title is in no article', async () => {
    const { repository } = await loadRepository(fixture.root);
    const result = await importBackOfficeExport(
      Buffer.from(
        '日期,标题,阅读人数,阅读次数\n2026-11-01,一篇不在仓库里的文章,5,6\n2026-11-01,武夷岩茶的“岩韵”，到底在说什么,7,8\n',
      ),
      'a.csv',
      repository,
      { today: '2026-11-26' },
    );
    expect(result.batch.articles).toHaveLength(1);
    expect(result.notices.map((notice) => `${notice.line}:${notice.column} ${notice.message.en}`)).toContain(
      '2:12 Skipped "一篇不在仓库里的文章": no article in the repository has this title.',
    );
    await expect(
      importBackOfficeExport(Buffer.from('日期,阅读人数\n2026-11-01,5\n'), 'b.csv', repository, {
        today: '2026-11-26',
      }),
    ).rejects.toThrow(ExportImportError);
  });
});

describe('export dates', () => {
  it('reads the forms the back office and Excel write', () => {
    expect(parseExportDate('2026-11-01')).toBe('2026-11-01');
    expect(parseExportDate('2026/11/1')).toBe('2026-11-01');
    expect(parseExportDate('2026年11月1日')).toBe('2026-11-01');
    expect(parseExportDate('20261101')).toBe('2026-11-01');
    expect(parseExportDate('46327')).toBe('2026-11-01');
    expect(parseExportDate('2026/2/29')).toBeUndefined();
    expect(parseExportDate('昨天')).toBeUndefined();
  });
});
