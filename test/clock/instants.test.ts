/**
 * The date-sensitive parts of mpflow at instants where a wrong "today" shows: the last minute of
 * a month and of a year, the first minute of 1 January, a leap day, 23:59 and 00:01 Beijing
 * time (when the UTC date is a day behind). Every instant is injected; nothing here reads the
 * wall clock, so the suite passes on any date (CI runs it again a year ahead with faketime).
 */
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { currentInstant } from '../../src/core/clock.ts';
import { addDays } from '../../src/core/metrics/kpis.ts';
import { validateImportRange } from '../../src/core/metrics/wechat-import.ts';
import { planPublishing } from '../../src/core/publishing/due-articles.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { nextMonth } from '../../src/core/calendar/days.ts';
import { cycleStatus, todayIn } from '../../src/core/scoring/cycle.ts';
import { publicationStatus, localDateTime } from '../../src/site/archive-view.ts';
import { publishingStatus } from '../../src/site/calendar-view.ts';
import {
  ARTICLE_DIRECTORY,
  FIXTURE_DEPARTMENT,
  FixtureRepository,
  MINIMAL_ARTICLE,
  TINY_PNG,
} from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

// Each instant is written in Beijing time, so its date part is the department's "today".
const INSTANTS = [
  ['2026-11-30T23:59:00+08:00', 'the last minute of a month'],
  ['2026-12-01T00:01:00+08:00', 'the first minute of a month (UTC still says 30 November)'],
  ['2026-12-31T23:59:00+08:00', 'the last minute of the year'],
  ['2027-01-01T00:01:00+08:00', '1 January, one minute after midnight (UTC still says 31 December)'],
  ['2028-02-29T12:00:00+08:00', 'a leap day'],
  ['2028-03-01T00:01:00+08:00', 'the morning after a leap day'],
] as const;

const ZONE = 'Asia/Shanghai';

describe.each(INSTANTS)('at %s (%s)', (instant) => {
  const now = Date.parse(instant);
  const today = instant.slice(0, 10);
  const yesterday = addDays(today, -1);

  it('MPFLOW_NOW is the instant every command reads, and "today" is the Beijing date', () => {
    expect(currentInstant({ MPFLOW_NOW: instant })).toBe(now);
    expect(todayIn(ZONE, new Date(now))).toBe(today);
    expect(localDateTime(new Date(now), ZONE)).toEqual({
      date: today,
      time: instant.slice(11, 16),
      month: today.slice(0, 7),
    });
  });

  it('metrics import takes yesterday in Beijing time as its last day and refuses today', () => {
    expect(() => validateImportRange({ from: yesterday, to: yesterday }, today)).not.toThrow();
    expect(() => validateImportRange({ from: yesterday, to: today }, today)).toThrow(`(${yesterday}, Beijing time)`);
  });

  it('publish --due finds an article due a minute ago, not one due in a minute, and no other', async () => {
    const fixture = await FixtureRepository.create();
    try {
      const folder = (date: string) => `content/articles/${date.slice(0, 4)}/${date.slice(5, 10)}-cha-shi`;
      const before = new Date(now - 60_000);
      const after = new Date(now + 60_000);
      const write = async (at: Date, slug: string) => {
        const local = localDateTime(at, ZONE);
        const publishAt = `${local.date}T${local.time}:00+08:00`;
        await fixture.write(
          `${folder(local.date)}-${slug}/index.md`,
          MINIMAL_ARTICLE.replace('publishAt: 2026-09-02T20:30:00+08:00', `publishAt: ${publishAt}`),
        );
        await fixture.write(`${folder(local.date)}-${slug}/cover.png`, TINY_PNG);
        await fixture.write(`${folder(local.date)}-${slug}/figure-1.png`, TINY_PNG);
        return publishAt;
      };
      await fixture.remove(ARTICLE_DIRECTORY);
      await fixture.remove('content/metrics/articles/2026-09.csv');
      const duePublishAt = await write(before, 'due');
      await write(after, 'later');
      const { repository } = await loadRepository(fixture.root);
      const plan = planPublishing(repository, now);
      expect(plan.due.map((entry) => entry.publishAt)).toEqual([duePublishAt]);
      expect(plan.due[0]!.action).toBe('publish');
      expect(plan.upcoming.map((entry) => entry.article.id)).toEqual([expect.stringMatching(/-later$/)]);
    } finally {
      await fixture.dispose();
    }
  });

  it('the calendar and the archive call the same article scheduled, due and then overdue', () => {
    const builtAt = new Date(now);
    const inAMinute = new Date(now + 60_000).toISOString();
    const aMinuteAgo = new Date(now - 60_000).toISOString();
    const anHourAgo = new Date(now - 3_600_000).toISOString();
    expect(publishingStatus(inAMinute, undefined, builtAt, ZONE, 30).state).toBe('scheduled');
    expect(publicationStatus(inAMinute, builtAt)).toBe('scheduled');
    expect(publishingStatus(aMinuteAgo, undefined, builtAt, ZONE, 30).state).toBe('due');
    expect(publicationStatus(aMinuteAgo, builtAt)).toBe('due');
    expect(publishingStatus(anHourAgo, undefined, builtAt, ZONE, 30).state).toBe('overdue');
  });

  it('the appraisal cycle counts a step overdue only from the day after its due date, in Beijing time', async () => {
    const { repository } = await loadRepository(FIXTURE_DEPARTMENT, { only: () => false });
    const policy = repository.policies.map((record) => record.data).at(-1)!;
    // The month whose cycle runs now: its steps fall due in the following month.
    const period = `${today.slice(0, 4)}-${today.slice(5, 7)}`;
    const previous = ((): string => {
      const [year, month] = period.split('-').map(Number) as [number, number];
      return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    })();
    expect(nextMonth(previous)).toBe(period);
    const members = cycleStatus(
      { ...repository, ratings: [], interviews: [], scoreResults: [], finalizations: [] },
      policy as never,
      previous,
      today,
    );
    for (const member of members) {
      for (const step of member.steps) {
        expect(step.due.slice(0, 7)).toBe(period);
        expect(step.overdue).toBe(today > step.due);
      }
    }
  });

  it('check without an explicit "now" (as the site build calls it) reads MPFLOW_NOW: a policy starting tomorrow is upcoming "today"', async () => {
    const fixture = await FixtureRepository.create();
    const saved = process.env.MPFLOW_NOW;
    try {
      const policy = await fixture.read('content/policy/2026-01-01.yaml');
      await fixture.remove('content/policy/2026-01-01.yaml');
      const tomorrow = addDays(today, 1);
      await fixture.write(
        `content/policy/${tomorrow}.yaml`,
        policy.replace(/^effective: .*$/m, `effective: ${tomorrow}`),
      );
      process.env.MPFLOW_NOW = instant;
      const { problems } = await checkRepository(fixture.root);
      const upcoming = problems.filter((problem) => problem.ruleId === 'policy/upcoming');
      expect(upcoming.map((problem) => problem.message.en)).toEqual([expect.stringContaining(`today (${today})`)]);
    } finally {
      if (saved === undefined) delete process.env.MPFLOW_NOW;
      else process.env.MPFLOW_NOW = saved;
      await fixture.dispose();
    }
  });

  it('the CLI says which day it is: `metrics import --since yesterday --until <today>` refuses, naming the Beijing date', async () => {
    const fixture = await FixtureRepository.create();
    try {
      const run = await runMpflow(['metrics', 'import', '--from', 'wechat', '--since', 'yesterday', '--until', today], {
        cwd: fixture.root,
        env: {
          LANG: 'en_US.UTF-8',
          MPFLOW_NOW: instant,
          WECHAT_APPID: 'wx0000000000000000',
          WECHAT_APPSECRET: 'unused',
          WECHAT_API_BASE: 'http://127.0.0.1:9',
        },
      });
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toContain(`(${yesterday}, Beijing time)`);
    } finally {
      await fixture.dispose();
    }
  });
});
