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
import { localeName, monthIn, siteTranslator } from '../../src/site/site-messages.ts';
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
    expect(siteLabels('en').articles.summary(1, 1)).toBe('1 article over 1 month. Dates are Beijing time.');
    expect(siteLabels('en').articles.summary(24, 3)).toBe('24 articles over 3 months. Dates are Beijing time.');
    expect(siteLabels('zh-CN').articles.summary(24, 3)).toBe('共 24 篇文章，分布在 3 个月。日期为北京时间。');
    expect(siteLabels('en').articles.monthCaption('September 2026', 5, 0)).toBe('Articles of September 2026: 5');
    expect(siteLabels('zh-CN').articles.monthCaption('2026 年 9 月', 5, 2)).toBe(
      '2026 年 9 月的文章：5 篇，其中 2 篇已排期',
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
