import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { barChart, lineChart, pieChart } from '../../src/core/metrics/charts.ts';
import { formatCell, MetricsStoreError, storeMetrics } from '../../src/core/metrics/storage.ts';
import { FixtureRepository } from '../helpers/fixture-repository.ts';

describe('the metrics store', () => {
  let fixture: FixtureRepository;
  beforeEach(async () => {
    fixture = await FixtureRepository.create();
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('writes sorted rows with numeric source order, whatever order they arrive in', async () => {
    await storeMetrics(
      fixture.root,
      {
        followers: [
          { date: '2026-11-02', source: 100, new: 3, cancelled: 0 },
          { date: '2026-11-02', source: 17, new: 1, cancelled: 1 },
          { date: '2026-11-01', source: 30, new: 9, cancelled: 2 },
          { date: '2026-10-31', source: 0, new: 4, cancelled: 5 },
        ],
      },
      { importedOn: '2026-11-26' },
    );
    expect(await fixture.read('content/metrics/followers/2026-11.csv')).toBe(
      'date,source,new,cancelled\n2026-11-01,30,9,2\n2026-11-02,17,1,1\n2026-11-02,100,3,0\n',
    );
    expect(await fixture.read('content/metrics/followers/2026-10.csv')).toBe(
      'date,source,new,cancelled\n2026-10-31,0,4,5\n',
    );
  });

  it('keeps the first old value and the latest new one when a figure is revised twice in a day', async () => {
    const row = (readers: number) => ({
      articles: [
        {
          date: '2026-09-02',
          article: '2026-09-02-yancha-yanyun',
          reads: 1830,
          readers,
          shares: 96,
          shareUsers: 81,
          likes: 41,
          comments: 12,
          favorites: 37,
        },
      ],
    });
    const first = await storeMetrics(fixture.root, row(1510), { importedOn: '2026-11-26' });
    expect(first.revisions).toEqual([
      { kind: 'articles', key: '2026-09-02|2026-09-02-yancha-yanyun', field: 'readers', old: '1502', new: '1510' },
    ]);
    await storeMetrics(fixture.root, row(1520), { importedOn: '2026-11-26' });
    expect(await fixture.read('content/metrics/revisions/2026-11.csv')).toBe(
      'date,kind,key,field,old,new\n2026-11-26,articles,2026-09-02|2026-09-02-yancha-yanyun,readers,1502,1520\n',
    );
    expect(await fixture.read('content/metrics/articles/2026-09.csv')).toContain(
      '2026-09-02,2026-09-02-yancha-yanyun,1830,1520,',
    );
    const { problems } = await checkRepository(fixture.root);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('keeps a stored figure that an import does not know, and writes 0 for it in a new row', async () => {
    // Before 2025-11-01 the API has no likes or comments: the importer leaves them undefined.
    const summary = await storeMetrics(
      fixture.root,
      {
        articles: [
          {
            date: '2026-09-02',
            article: '2026-09-02-yancha-yanyun',
            reads: 1830,
            readers: 1502,
            shares: 96,
            shareUsers: 81,
            favorites: 37,
          },
          {
            date: '2026-09-04',
            article: '2026-09-02-yancha-yanyun',
            reads: 300,
            readers: 280,
            shares: 9,
            shareUsers: 9,
            favorites: 2,
          },
        ],
      },
      { importedOn: '2026-11-26' },
    );
    expect(summary.revisions).toEqual([]);
    const month = await fixture.read('content/metrics/articles/2026-09.csv');
    expect(month).toContain('2026-09-02,2026-09-02-yancha-yanyun,1830,1502,96,81,41,12,37\n');
    expect(month).toContain('2026-09-04,2026-09-02-yancha-yanyun,300,280,9,9,0,0,2\n');
  });

  it('refuses to merge into a file it cannot read, and leaves every file as it was', async () => {
    await fixture.write('content/metrics/followers/2026-11.csv', 'date,source,new\n2026-11-01,1,2\n');
    const attempt = storeMetrics(
      fixture.root,
      {
        audience: [{ date: '2026-11-01', dimension: 'gender', bucket: '男', users: 1 }],
        followers: [{ date: '2026-11-01', source: 1, new: 2, cancelled: 0 }],
      },
      { importedOn: '2026-11-26' },
    );
    await expect(attempt).rejects.toBeInstanceOf(MetricsStoreError);
    await expect(attempt).rejects.toThrow(
      'content/metrics/followers/2026-11.csv:1: The header should be date,source,new,cancelled; it is date,source,new.',
    );
    expect(await readdir(path.join(fixture.root, 'content/metrics'))).not.toContain('audience');
  });

  it('quotes only the cells that need it', () => {
    expect(formatCell('广东')).toBe('广东');
    expect(formatCell('a,b')).toBe('"a,b"');
    expect(formatCell('说"好"')).toBe('"说""好"""');
  });

  it('lets mpflow check catch a duplicated audience row by hand', async () => {
    await fixture.write(
      'content/metrics/audience/2026-11.csv',
      'date,dimension,bucket,users\n2026-11-25,gender,男,10\n2026-11-25,gender,男,11\n',
    );
    const { problems } = await checkRepository(fixture.root);
    expect(problems.map((problem) => `${problem.file}:${problem.span.start.line} ${problem.ruleId}`)).toContain(
      'content/metrics/audience/2026-11.csv:3 csv/duplicate-row',
    );
  });
});

describe('charts', () => {
  it('are accessible SVG images without script, hover styles or class names', () => {
    const svgs = [
      lineChart({
        label: '粉丝趋势：从 1,000 到 1,200',
        categories: ['2026-11-01', '2026-11-02'],
        series: [{ name: '累计关注', data: [1000, 1200] }],
      }),
      barChart({
        label: '各渠道增长',
        categories: ['搜索', '扫码'],
        series: [{ name: '新关注', data: [5, 3] }],
        horizontal: true,
        markLine: { value: 4, name: '目标' },
      }),
      pieChart({
        label: '性别 <分布> & "占比"',
        data: [
          { name: '男', value: 3 },
          { name: '女', value: 5 },
        ],
      }),
    ];
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
      expect(svg).not.toMatch(/<script|<style|class="zr/);
    }
    expect(svgs[0]).toContain('<title>粉丝趋势：从 1,000 到 1,200</title>');
    expect(svgs[2]).toContain('aria-label="性别 &lt;分布&gt; &amp; &quot;占比&quot;"');
    // The Chinese series names and categories are drawn as text.
    expect(svgs[1]).toContain('>搜索</text>');
  });
});
