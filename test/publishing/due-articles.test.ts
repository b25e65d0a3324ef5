import { describe, expect, it } from 'vitest';
import { isoInTimeZone } from '../../src/core/calendar/wall-clock.ts';
import { parseInstant, planPublishing, type PublishingSettings } from '../../src/core/publishing/due-articles.ts';
import type { ArticleRecord, Repository, SourcedRecord } from '../../src/core/repository/load-repository.ts';
import type { PublishRecord } from '../../src/core/publishing/record-store.ts';

describe('times', () => {
  it.each([
    ['2026-11-28T20:31:00+08:00', 'Asia/Shanghai', '2026-11-28T12:31:00.000Z'],
    ['2026-11-28T20:31', 'Asia/Shanghai', '2026-11-28T12:31:00.000Z'],
    ['2026-11-28 20:31:15', 'Asia/Shanghai', '2026-11-28T12:31:15.000Z'],
    ['2026-11-28T12:31:00Z', 'Asia/Shanghai', '2026-11-28T12:31:00.000Z'],
    ['2026-07-01T09:00', 'Europe/Berlin', '2026-07-01T07:00:00.000Z'],
  ])('--now %s in %s is %s', (given, zone, expected) => {
    expect(new Date(parseInstant(given, zone)!).toISOString()).toBe(expected);
  });

  it.each(['tomorrow', '2026-02-30T20:30', '2026-11-28T25:00+08:00', ''])('--now %j is refused', (given) => {
    expect(parseInstant(given, 'Asia/Shanghai')).toBeUndefined();
  });

  it('writes record times with the department zone’s offset', () => {
    expect(isoInTimeZone(Date.parse('2026-11-28T12:31:05Z'), 'Asia/Shanghai')).toBe('2026-11-28T20:31:05+08:00');
    expect(isoInTimeZone(Date.parse('2026-11-28T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-29T00:00:00+08:00');
  });

  it('takes the offset from the instant on both sides of a daylight-saving change (a policy in another zone)', () => {
    // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November.
    expect(isoInTimeZone(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    expect(isoInTimeZone(Date.parse('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08T01:59:00-05:00');
    expect(isoInTimeZone(Date.parse('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(isoInTimeZone(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
    expect(isoInTimeZone(Date.parse('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('2026-10-25T01:30:00+01:00');
    expect(isoInTimeZone(Date.parse('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-06-01T05:30:00+05:30');
  });

  it('reads a local --now in a daylight-saving zone at its real offset, and refuses a time the change skips', () => {
    expect(new Date(parseInstant('2026-03-08T03:30', 'America/New_York')!).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(new Date(parseInstant('2026-03-08T01:30', 'America/New_York')!).toISOString()).toBe(
      '2026-03-08T06:30:00.000Z',
    );
    expect(new Date(parseInstant('2026-03-29T03:30', 'Europe/Berlin')!).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parseInstant('2026-03-08T02:30', 'America/New_York')).toBeUndefined();
  });
});

describe('which articles are due', () => {
  const settings: PublishingSettings = {
    timeZone: 'Asia/Shanghai',
    overdueAfterMs: 30 * 60_000,
    catchUpMs: 24 * 3_600_000,
  };
  const article = (id: string, publishAt: string) =>
    ({ id, data: { publishAt, title: id } }) as unknown as ArticleRecord;
  const record = (articleId: string, status: PublishRecord['status']) =>
    ({
      file: `content/publishing/${articleId}.yaml`,
      data: { article: articleId, status },
    }) as SourcedRecord<PublishRecord>;
  const repository = {
    articles: [
      article('2026-11-20-old-unpublished', '2026-11-20T20:30:00+08:00'),
      article('2026-11-25-published', '2026-11-25T20:30:00+08:00'),
      article('2026-11-27-failed', '2026-11-27T08:00:00+08:00'),
      article('2026-11-27-half-done', '2026-11-27T12:00:00+08:00'),
      article('2026-11-27-due', '2026-11-27T20:30:00+08:00'),
      article('2026-11-28-tomorrow', '2026-11-28T20:30:00+08:00'),
    ],
    publishRecords: [
      record('2026-11-25-published', 'published'),
      record('2026-11-27-failed', 'failed'),
      record('2026-11-27-half-done', 'in-progress'),
    ],
  } as unknown as Repository;

  it('publishes what has come, resumes what was started, reports failures and articles missed too long ago', () => {
    const plan = planPublishing(repository, Date.parse('2026-11-27T21:00:00+08:00'), settings);
    expect(plan.due.map((entry) => [entry.article.id, entry.action])).toEqual([
      ['2026-11-20-old-unpublished', 'stale'],
      ['2026-11-27-failed', 'failed'],
      ['2026-11-27-half-done', 'resume'],
      ['2026-11-27-due', 'publish'],
    ]);
    expect(plan.upcoming.map((entry) => entry.article.id)).toEqual(['2026-11-28-tomorrow']);
  });

  it('counts publishAt exactly: due at 20:30:00, not at 20:29:59', () => {
    const before = planPublishing(repository, Date.parse('2026-11-27T20:29:59+08:00'), settings);
    expect(before.due.map((entry) => entry.article.id)).not.toContain('2026-11-27-due');
    const at = planPublishing(repository, Date.parse('2026-11-27T20:30:00+08:00'), settings);
    expect(at.due.map((entry) => entry.article.id)).toContain('2026-11-27-due');
  });
});
