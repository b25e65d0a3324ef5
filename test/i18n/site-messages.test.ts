/**
 * The site's label modules name message keys (src/site/*-labels.ts); every key they name must be
 * in the shipped messages, or a page would show "[site.…]". Unit level, no build.
 */
import { describe, expect, it, vi } from 'vitest';
import { dashboardLabels } from '../../src/components/dashboards/dashboard-labels.ts';
import { articleLabels } from '../../src/site/article-labels.ts';
import { calendarLabels } from '../../src/site/calendar-labels.ts';
import { scoresLabels } from '../../src/site/scores-labels.ts';
import { searchLabels } from '../../src/site/search-labels.ts';
import { siteLabels } from '../../src/site/site-labels.ts';
import { localeName, monthIn, siteTranslator, timeZoneName } from '../../src/site/site-messages.ts';
import { trainingLabels } from '../../src/site/training-labels.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

// The site reads a department's own i18n/ on top of the shipped messages: the tests' copy, never the root's.
vi.stubEnv('MPFLOW_REPOSITORY', FIXTURE_DEPARTMENT);

/** Every text of a label tree, functions called with a month-like argument for each parameter. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (typeof node === 'function') {
    const args = Array.from({ length: node.length }, () => '2026-03');
    try {
      return [String(node(...args))];
    } catch {
      return [];
    }
  }
  return Object.values(node as object).flatMap(texts);
}

describe.each(['zh-CN', 'en'])('the site in %s', (lang) => {
  it('finds every key its label modules name', () => {
    const all = [
      siteLabels,
      articleLabels,
      calendarLabels,
      scoresLabels,
      searchLabels,
      trainingLabels,
      dashboardLabels,
    ].flatMap((labels) => texts(labels(lang)));
    expect(all.length).toBeGreaterThan(300);
    expect([...siteTranslator(lang).missing]).toEqual([]);
    expect(all.filter((text) => /\[site[\w.-]*\]/.test(text))).toEqual([]);
    expect(all.length).toBeGreaterThan(400);
  });
});

describe('site words', () => {
  it('choose English plurals by number and keep Chinese ones plain', () => {
    const beijing = (lang: 'en' | 'zh-CN') => timeZoneName('Asia/Shanghai', lang);
    expect(siteLabels('en').articles.summary(1, 1, beijing('en'))).toBe(
      '1 article over 1 month. Dates are Beijing time.',
    );
    expect(siteLabels('en').articles.summary(24, 3, beijing('en'))).toBe(
      '24 articles over 3 months. Dates are Beijing time.',
    );
    expect(siteLabels('zh-CN').articles.summary(24, 3, beijing('zh-CN'))).toBe(
      '共 24 篇文章，分布在 3 个月。日期为北京时间。',
    );
    expect(siteLabels('en').articles.monthCaption('September 2026', 5, 0)).toBe('Articles of September 2026: 5');
    expect(siteLabels('zh-CN').articles.monthCaption('2026 年 9 月', 5, 2)).toBe(
      '2026 年 9 月的文章：5 篇，其中 2 篇已排期',
    );
  });

  it("name the department's time zone: 北京时间 for Asia/Shanghai, the locale's own name for any other", () => {
    expect(timeZoneName('Asia/Shanghai', 'zh-CN')).toBe('北京时间');
    // ICU versions differ on the generic name (Japan Time, Japan Standard Time): any is the locale's own.
    expect(timeZoneName('Asia/Tokyo', 'en')).toMatch(/^Japan (Standard )?Time$/);
    expect(timeZoneName('Asia/Taipei', 'zh-CN')).toMatch(/^台北(标准)?时间$/);
    expect(siteLabels('en').footer('2026-12-03 12:00', timeZoneName('Asia/Tokyo', 'en'))).toMatch(
      /site built 2026-12-03 12:00 \(Japan (Standard )?Time\)\.$/,
    );
    expect(calendarLabels('zh-CN').calendar.description(timeZoneName('Asia/Shanghai', 'zh-CN'))).toContain(
      '计划发布时间（北京时间）',
    );
  });

  it('say months with Intl in the locale, and name each language in itself', () => {
    expect(monthIn('2026-09', 'zh-CN')).toBe('2026 年 9 月');
    expect(monthIn('2026-09', 'en')).toBe('September 2026');
    expect(localeName('zh-CN')).toBe('简体中文');
    expect(localeName('en')).toBe('English');
  });

  it('name a publishing step the messages do not know by its id', () => {
    expect(calendarLabels('zh-CN').calendar.failedAt('draft', 45009)).toBe('失败于“建草稿”（状态码 45009）');
    expect(calendarLabels('zh-CN').calendar.failedAt('archive', undefined)).toBe('失败于“archive”');
    expect(calendarLabels('en').calendar.failedAt('draft', undefined)).toBe('failed at “draft”');
  });
});
