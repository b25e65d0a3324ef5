/** Support desk KPIs: first-reply times in business minutes against the policy's deadline, ratings, conduct. */
import type { SupportConductRow, SupportConversationRow } from '../model/types.generated.ts';
import { departmentTimeZone } from '../policy/department-clock.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { Repository } from '../repository/load-repository.ts';
import { dateInTimeZone } from '../model/dates.ts';
import type { DateRange } from '../calendar/days.ts';
import { offsetMinutesAt } from '../calendar/wall-clock.ts';
import { policyTimeZone, rowsOf, validPolicies } from './kpi-inputs.ts';
import { median, percentile, ratio } from './statistics.ts';

export interface SupportAgentKpi {
  agent: string;
  conversations: number;
  /** Conversations with a first reply. */
  replied: number;
  /** Conversations without one (they count as outside the deadline). */
  unanswered: number;
  /** Median first-reply time in business minutes. */
  firstReplyMedianMinutes: number | null;
  /** 90th percentile (nearest rank) of first-reply business minutes. */
  firstReplyP90Minutes: number | null;
  /** Conversations answered within the policy's deadline. */
  withinDeadline: number;
  /** withinDeadline ÷ conversations. */
  withinDeadlineShare: number | null;
  /** Mean of the 1–5 ratings given. */
  satisfactionMean: number | null;
  rated: number;
  /**
   * Replies checked against the policy's 沟通规范 (content/metrics/support-conduct/, written by the
   * support import) and how many were impolite or argued with the user; absent when the range has no counts.
   */
  conduct?: { replies: number; impolite: number; arguing: number };
}

export interface SupportKpis {
  range: DateRange;
  /** The policy's deadline in force at the range's end (conversations use the one in force when they opened). */
  deadlineMinutes: number | null;
  businessHours: { start: string; end: string } | null;
  overall: Omit<SupportAgentKpi, 'agent'>;
  agents: SupportAgentKpi[];
  /** Each conversation's measured first-reply time, for charts and audits. */
  conversations: Array<{
    id: string;
    agent: string;
    openedOn: string;
    firstReplyMinutes: number | null;
    withinDeadline: boolean;
  }>;
}

interface SupportRule {
  deadline: number;
  hours?: { start: string; end: string };
  timeZone: string;
}

function clockMinutes(value: string): number {
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** Minutes since 1970-01-01 00:00 on the wall clock of the time zone: a day is always 1,440 of them. */
function localMinutes(instant: number, timeZone: string): number {
  // The wall-clock reading (whole seconds, as Intl gives it) as if it were UTC.
  return (Math.floor(instant / 1000) * 1000 + offsetMinutesAt(instant, timeZone) * 60_000) / 60_000;
}

/**
 * Business minutes between two instants: only time inside the daily business hours counts, so a
 * message that arrives at night is timed from the next opening (policy 客服 rule).
 */
export function businessMinutesBetween(
  openedAt: string,
  repliedAt: string,
  hours: { start: string; end: string } | undefined,
  timeZone: string,
): number {
  const start = localMinutes(Date.parse(openedAt), timeZone);
  const end = localMinutes(Date.parse(repliedAt), timeZone);
  if (end <= start) return 0;
  if (!hours) return end - start;
  const open = clockMinutes(hours.start);
  let close = clockMinutes(hours.end);
  if (close <= open) close += 1440; // hours across midnight, e.g. 20:00–02:00
  let total = 0;
  for (let day = Math.floor(start / 1440) - 1; day * 1440 + open < end; day += 1) {
    const windowStart = Math.max(start, day * 1440 + open);
    const windowEnd = Math.min(end, day * 1440 + close);
    if (windowEnd > windowStart) total += windowEnd - windowStart;
  }
  return total;
}

function supportRule(repository: Repository, date: string): SupportRule | undefined {
  const policy = policyInForce(validPolicies(repository), date);
  const support = policy?.support;
  if (!support || typeof support.firstReplyDeadlineMinutes !== 'number') return undefined;
  return {
    deadline: support.firstReplyDeadlineMinutes,
    ...(support.businessHours ? { hours: { start: support.businessHours.start, end: support.businessHours.end } } : {}),
    timeZone: departmentTimeZone(policy),
  };
}

/**
 * Support desk figures per agent. A conversation belongs to the range by the date it opened (in
 * the department's time zone); its first-reply time is measured in business minutes under the
 * policy in force that day and compared with that policy's deadline.
 */
export function supportKpis(repository: Repository, range: DateRange): SupportKpis {
  const endPolicy = policyInForce(validPolicies(repository), range.to);
  const timeZoneAt = (date: string) => policyTimeZone(repository, date);
  const rows = rowsOf<SupportConversationRow>(repository.supportConversations, range, (row) =>
    typeof row.openedAt === 'string' && !Number.isNaN(Date.parse(row.openedAt))
      ? dateInTimeZone(row.openedAt, timeZoneAt(row.openedAt.slice(0, 10)))
      : undefined,
  );
  const conversations: SupportKpis['conversations'] = [];
  for (const row of rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const openedOn = dateInTimeZone(row.openedAt, timeZoneAt(row.openedAt.slice(0, 10)));
    const rule = supportRule(repository, openedOn);
    let minutes: number | null = null;
    if (typeof row.firstReplyAt === 'string' && !Number.isNaN(Date.parse(row.firstReplyAt))) {
      minutes = businessMinutesBetween(
        row.openedAt,
        row.firstReplyAt,
        rule?.hours,
        rule?.timeZone ?? timeZoneAt(openedOn),
      );
    }
    conversations.push({
      id: row.id,
      agent: row.agent,
      openedOn,
      firstReplyMinutes: minutes,
      withinDeadline: minutes !== null && rule !== undefined && minutes <= rule.deadline,
    });
  }
  const rated = new Map<string, number[]>();
  for (const row of rows)
    if (typeof row.satisfaction === 'number') rated.set(row.agent, [...(rated.get(row.agent) ?? []), row.satisfaction]);

  const summarise = (items: typeof conversations, ratings: number[]): Omit<SupportAgentKpi, 'agent'> => {
    const minutes = items
      .map((item) => item.firstReplyMinutes)
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    const within = items.filter((item) => item.withinDeadline).length;
    return {
      conversations: items.length,
      replied: minutes.length,
      unanswered: items.length - minutes.length,
      firstReplyMedianMinutes: median(minutes),
      firstReplyP90Minutes: percentile(minutes, 90),
      withinDeadline: within,
      withinDeadlineShare: ratio(within, items.length),
      satisfactionMean: ratings.length > 0 ? ratings.reduce((sum, value) => sum + value, 0) / ratings.length : null,
      rated: ratings.length,
    };
  };
  const conductRows = rowsOf<SupportConductRow>(repository.supportConduct ?? [], range, (row) => row.date);
  const conductOf = (agent?: string): { conduct?: { replies: number; impolite: number; arguing: number } } => {
    if (conductRows.length === 0) return {};
    const sum = { replies: 0, impolite: 0, arguing: 0 };
    for (const row of conductRows) {
      if (agent !== undefined && row.agent !== agent) continue;
      sum.replies += row.replies;
      sum.impolite += row.impolite;
      sum.arguing += row.arguing;
    }
    return { conduct: sum };
  };
  const agents = [
    ...new Set([...conversations.map((item) => item.agent), ...conductRows.map((row) => row.agent)]),
  ].sort();
  return {
    range,
    deadlineMinutes:
      typeof endPolicy?.support?.firstReplyDeadlineMinutes === 'number'
        ? endPolicy.support.firstReplyDeadlineMinutes
        : null,
    businessHours: endPolicy?.support?.businessHours
      ? { start: endPolicy.support.businessHours.start, end: endPolicy.support.businessHours.end }
      : null,
    overall: { ...summarise(conversations, [...rated.values()].flat()), ...conductOf() },
    agents: agents.map((agent) => ({
      agent,
      ...summarise(
        conversations.filter((item) => item.agent === agent),
        rated.get(agent) ?? [],
      ),
      ...conductOf(agent),
    })),
    conversations,
  };
}
