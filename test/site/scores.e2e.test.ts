/**
 * The scoreboards in the built site: ranked tables, the explanation tree with the same numbers as
 * `mpflow score --explain`, and nothing private anywhere under dist/ — no comment, interview
 * note, calibration reason or self-assessment text, and no peer aggregate below minPeers.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteOnce, DIST, privateTexts, SITE_DEPARTMENT, spellings } from './site-server.ts';

const text = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(html|js|mjs|json|txt|xml)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('appraisal scoreboards', () => {
  beforeAll(async () => {
    await buildSiteOnce();
  });

  it('ranks October 2026 with grades, category scores and the grade distribution', async () => {
    const page = text(await readFile(path.join(DIST, 'scores/index.html'), 'utf8'));
    expect(page).toContain('2026 年 10 月 已定稿');
    // No bonus coefficient, promotion or training-need column: those stay with HR (issue 20).
    expect(page).toMatch(/1 陈雨 88\.94 A 92\.64 81\.40 83\.80 90\.16 2 黄珊 88\.10 A/);
    expect(page).not.toMatch(/奖金系数|晋升资格|培训需求/);
    expect(page).toContain('等级分布：S 0 · A 3 · B 2 · C 0 · D 0');
    expect(page).toContain('2026 年度');
  });

  it("shows 林晓's October explanation with the CLI's numbers, in English too", async () => {
    const page = text(await readFile(path.join(DIST, 'en/scores/lin-xiao/index.html'), 'utf8'));
    expect(page).toContain('How the October 2026 score is made');
    expect(page).toMatch(
      /Reads per article \(written, published this month\) 5 articles, 14522 reads in all 2,904\.4 3,000 96\.81 12\.00 11\.62/,
    );
    expect(page).toMatch(/Total 87\.60 A/);
    // Points as printed add up: 54.02 + 16.81 + 12.32 + 4.45 = 87.60 (not 12.33, which would make 87.61).
    expect(page).toMatch(
      /Work performance 90\.03 60\.00 54\.02 .* Ability 84\.05 20\.00 16\.81 .* Attitude 82\.17 15\.00 12\.32 .* Professionalism 89\.02 5\.00 4\.45 /,
    );
  });

  it('hides the peer aggregate where fewer than minPeers rated (郑浩, October: one peer) or where it would give a mark away', async () => {
    const html = await readFile(path.join(DIST, 'en/scores/zheng-hao/index.html'), 'utf8');
    const october = html.slice(
      html.indexOf('data-period="2026-10" data-member="zheng-hao"'),
      html.indexOf('data-period="2026-09" data-member="zheng-hao"'),
    );
    expect(october.length).toBeGreaterThan(0);
    expect(text(october)).not.toMatch(/peers' mean \d/);
    // With one peer dropped, each mixed rating is the supervisor's mark and 郑浩's own self-assessment:
    // the rated indicators and their categories' points are withheld (issue 20).
    expect(text(october)).toContain("not shown (too few peers: it would give the supervisor's mark away)");
    expect(text(october)).not.toMatch(/Mixed rating \d/);
    // Two peers in September: either could take their own mark away and read the other's.
    expect(text(html)).not.toMatch(/peers' mean \d/);
    const linXiao = text(await readFile(path.join(DIST, 'en/scores/lin-xiao/index.html'), 'utf8'));
    // 林晓: three peers, but beside her supervisor's rating; she knows her own self-assessment, so mixed
    // rating and peers' mean would give the supervisor's mark (issue 20): the mixed rating only.
    expect(linXiao).toContain('Mixed rating 81.20');
    expect(linXiao).not.toMatch(/peers' mean \d/);
    // 黄珊, October, no self-assessment: mixed rating and peers' mean together would give her supervisor's mark.
    const huangShan = await readFile(path.join(DIST, 'en/scores/huang-shan/index.html'), 'utf8');
    expect(
      text(
        huangShan.slice(
          huangShan.indexOf('data-period="2026-10" data-member="huang-shan"'),
          huangShan.indexOf('data-period="2026-09" data-member="huang-shan"'),
        ),
      ),
    ).not.toMatch(/peers' mean \d/);
  });

  it('lists every measure of the policy in the handbook, read from the same file the scorer reads', async () => {
    const { parse } = await import('yaml');
    const policy = parse(await readFile(path.join(SITE_DEPARTMENT, 'content/policy/2026-01-01.yaml'), 'utf8'));
    const parts = (
      policy.appraisal.weights as Array<{ children?: Array<{ parts?: Record<string, unknown[]> }> }>
    ).flatMap((category) => (category.children ?? []).flatMap((leaf) => Object.values(leaf.parts ?? {}).flat()));
    for (const [file, example] of [
      [
        'handbook/appraisal/index.html',
        '粉丝流失率（取关 ÷ 期初粉丝） 40% 越低越好：不高于 1.5% 得 100 分，达到 4% 得 0 分',
      ],
      [
        'en/handbook/appraisal/index.html',
        'Net follower growth 60% linear to 800, at most 100, prorated for a mid-month start',
      ],
    ] as const) {
      const html = await readFile(path.join(DIST, file), 'utf8');
      const table = html.slice(
        html.indexOf('data-policy-table="measures"'),
        html.indexOf('</table>', html.indexOf('data-policy-table="measures"')),
      );
      expect(table.match(/<tr data-kpi=/g)?.length, file).toBe(parts.length);
      expect(text(table)).toContain(example);
    }
  });

  it('lets no private appraisal text into any file of dist/', async () => {
    const secrets = await privateTexts();
    expect(secrets.some((secret) => secret.file.endsWith('calibrations.yaml'))).toBe(true);
    for (const file of await filesUnder(DIST)) {
      const content = await readFile(file, 'utf8');
      for (const secret of secrets) {
        expect(
          spellings(secret.text).some((spelling) => content.includes(spelling)),
          `${path.relative(DIST, file)} contains text from ${secret.file}`,
        ).toBe(false);
      }
    }
  });
});
