/**
 * The editorial calendar's derived states: publishing from the publish record and the clock,
 * review from the merge log, months in the department's time zone. Case tables, no Astro.
 */
import { describe, expect, it } from 'vitest';
import type { PublishRecordFile } from '../../src/core/model/types.generated.ts';
import type { ReviewAuditRecord } from '../../src/core/review/audit-log.ts';
import { memberIndex, type Entry } from '../../src/site/archive-view.ts';
import {
  editorialCalendar,
  publishingStatus,
  reviewStatus,
  type PublishingState,
} from '../../src/site/calendar-view.ts';
import type { ArticleEntry, TeamMemberEntry } from '../../src/site/mpflow-loader.ts';

const ZONE = 'Asia/Shanghai';
const BUILT = new Date('2026-11-26T12:00:00Z'); // 20:00 in Beijing

const team: Entry<TeamMemberEntry>[] = [
  {
    id: 'lin-xiao',
    data: {
      id: 'lin-xiao',
      name: '林晓',
      github: 'linxiao-mp',
      roles: ['copywriter'],
      joined: '2025-01-01',
    } as TeamMemberEntry,
  },
  {
    id: 'chen-yu',
    data: {
      id: 'chen-yu',
      name: '陈雨',
      github: 'ChenYu',
      roles: ['operator'],
      joined: '2025-01-01',
    } as TeamMemberEntry,
  },
];
const members = memberIndex(team);

function record(status: PublishRecordFile['status'], extra: Partial<PublishRecordFile> = {}): PublishRecordFile {
  return { article: '2026-11-25-vote-results', status, ...extra } as PublishRecordFile;
}

describe('publishingStatus', () => {
  const cases: Array<{ name: string; publishAt: string; record?: PublishRecordFile; state: PublishingState }> = [
    {
      name: 'a published record',
      publishAt: '2026-11-25T20:30:00+08:00',
      record: record('published', { url: 'https://mp.weixin.qq.com/s/x', publishedAt: '2026-11-25T12:31:43Z' }),
      state: 'published',
    },
    {
      name: 'a failed record',
      publishAt: '2026-11-25T20:30:00+08:00',
      record: record('failed', {
        failure: { step: 'poll', status: 4, meaning: '审核未通过 / audit rejected', at: '2026-11-25T20:40:00+08:00' },
      }),
      state: 'failed',
    },
    {
      name: 'a record still in progress',
      publishAt: '2026-11-26T19:30:00+08:00',
      record: record('in-progress'),
      state: 'publishing',
    },
    { name: 'no record, time still ahead', publishAt: '2026-11-28T20:30:00+08:00', state: 'scheduled' },
    { name: 'no record, 20 minutes past', publishAt: '2026-11-26T19:40:00+08:00', state: 'due' },
    { name: 'no record, 31 minutes past', publishAt: '2026-11-26T19:29:00+08:00', state: 'overdue' },
    {
      name: 'a published record wins over the clock',
      publishAt: '2026-11-28T20:30:00+08:00',
      record: record('published'),
      state: 'published',
    },
  ];
  for (const { name, publishAt, record: given, state } of cases) {
    it(`${name} → ${state}`, () => {
      expect(publishingStatus(publishAt, given, BUILT, ZONE, 30).state).toBe(state);
    });
  }

  it('shows when it went out in Beijing time, with the link, and what a failure means', () => {
    const published = publishingStatus(
      '2026-11-25T20:30:00+08:00',
      record('published', { url: 'https://mp.weixin.qq.com/s/x', publishedAt: '2026-11-25T12:31:43Z' }),
      BUILT,
      ZONE,
      30,
    );
    expect(published).toMatchObject({
      url: 'https://mp.weixin.qq.com/s/x',
      publishedAt: { date: '2026-11-25', time: '20:31' },
    });
    const failed = publishingStatus(
      '2026-11-25T20:30:00+08:00',
      record('failed', {
        failure: { step: 'poll', status: 4, meaning: '审核未通过', at: '2026-11-25T20:40:00+08:00' },
      }),
      BUILT,
      ZONE,
      30,
    );
    expect(failed.failure).toEqual({ step: 'poll', status: 4, meaning: '审核未通过' });
  });

  it('takes the overdue threshold from the policy', () => {
    expect(publishingStatus('2026-11-26T19:00:00+08:00', undefined, BUILT, ZONE, 90).state).toBe('due');
  });
});

function merge(pr: number, mergedAt: string, files: string[], stages: ReviewAuditRecord['stages']): ReviewAuditRecord {
  return {
    pr,
    title: `PR ${pr}`,
    author: 'linxiao-mp',
    mergedAt,
    baseSha: 'a'.repeat(40),
    headSha: 'b'.repeat(40),
    files,
    stages,
    checks: [],
  };
}

const FOLDER = 'content/articles/2026/11-25-vote-results';

describe('reviewStatus', () => {
  const done = (id: string, actor: string, member: string | null = null) => ({
    id,
    state: 'done' as const,
    actor,
    member,
    role: 'operator',
    sha: 'b'.repeat(40),
    at: '2026-11-24T02:00:00Z',
  });

  it('has no review when no merged pull request touched the folder', () => {
    expect(
      reviewStatus(
        FOLDER,
        [merge(1, '2026-11-20T00:00:00Z', ['content/articles/2026/11-21-other/index.md'], [])],
        members,
        ZONE,
      ),
    ).toEqual({ state: 'none', stages: [] });
  });

  it('reads the last merge that touched the folder, naming reviewers from the roster by member id or GitHub login', () => {
    const log = [
      merge(
        7,
        '2026-11-20T00:00:00Z',
        [`${FOLDER}/index.md`],
        [{ ...done('operator-approval', 'chenyu'), state: 'rejected' }],
      ),
      merge(
        9,
        '2026-11-24T03:00:00Z',
        [`${FOLDER}/index.md`, `${FOLDER}/figure-1.png`],
        [done('author-self-review', 'linxiao-mp', 'lin-xiao'), done('operator-approval', 'chenyu')],
      ),
    ];
    const status = reviewStatus(FOLDER, log, members, ZONE);
    expect(status.state).toBe('approved');
    expect(status.pr).toBe(9);
    expect(status.mergedAt).toEqual({ date: '2026-11-24', time: '11:00', month: '2026-11' });
    expect(status.stages.map((stage) => [stage.id, stage.by?.name, stage.by?.known])).toEqual([
      ['author-self-review', '林晓', true],
      ['operator-approval', '陈雨', true],
    ]);
  });

  const states: Array<{ name: string; stages: ReviewAuditRecord['stages']; state: string }> = [
    {
      name: 'a rejected stage',
      stages: [{ ...done('operator-approval', 'someone'), state: 'rejected' }],
      state: 'rejected',
    },
    {
      name: 'a stage still pending at merge',
      stages: [
        done('author-self-review', 'linxiao-mp'),
        { ...done('operator-approval', 'x'), state: 'pending', actor: null, at: null },
      ],
      state: 'incomplete',
    },
    { name: 'no stages at all', stages: [], state: 'incomplete' },
  ];
  for (const { name, stages, state } of states) {
    it(`${name} → ${state}`, () => {
      expect(
        reviewStatus(FOLDER, [merge(3, '2026-11-24T03:00:00Z', [`${FOLDER}/index.md`], stages)], members, ZONE).state,
      ).toBe(state);
    });
  }

  it('shows an unknown reviewer by login', () => {
    const status = reviewStatus(
      FOLDER,
      [merge(3, '2026-11-24T03:00:00Z', [`${FOLDER}/index.md`], [done('operator-approval', 'outsider')])],
      members,
      ZONE,
    );
    expect(status.stages[0]!.by).toEqual({ id: 'outsider', name: 'outsider', known: false });
  });
});

describe('editorialCalendar', () => {
  function article(id: string, publishAt: string, author = 'lin-xiao'): Entry<ArticleEntry> {
    const folder = `content/articles/${id.slice(0, 4)}/${id.slice(5)}`;
    return { id, data: { title: `标题 ${id}`, publishAt, author, file: `${folder}/index.md` } as ArticleEntry };
  }

  it('groups by month in the department time zone, in order of publishAt, and counts each state', () => {
    const calendar = editorialCalendar({
      articles: [
        article('2026-12-02-winter', '2026-12-02T20:30:00+08:00'),
        // 00:30 on 1 October in Beijing, still 30 September in UTC.
        article('2026-10-01-national-day', '2026-09-30T16:30:00Z', 'chen-yu'),
        article('2026-09-30-moon', '2026-09-30T20:30:00+08:00'),
      ],
      team,
      publishRecords: [{ article: '2026-09-30-moon', status: 'published' } as PublishRecordFile],
      reviewLog: [],
      builtAt: BUILT,
      timeZone: ZONE,
      overdueAfterMinutes: 30,
    });
    expect(calendar.months.map((month) => [month.month, month.rows.map((row) => row.id)])).toEqual([
      ['2026-09', ['2026-09-30-moon']],
      ['2026-10', ['2026-10-01-national-day']],
      ['2026-12', ['2026-12-02-winter']],
    ]);
    expect(calendar.months[1]!.rows[0]).toMatchObject({ date: '2026-10-01', time: '00:30', author: { name: '陈雨' } });
    expect(calendar.counts).toEqual({ published: 1, failed: 0, publishing: 0, scheduled: 1, due: 0, overdue: 1 });
    expect(calendar.currentMonth).toBe('2026-11');
  });
});
