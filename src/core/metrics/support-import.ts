/**
 * Support conversations from the customer-service message records (customservice/msgrecord/getmsglist).
 *
 * The records are fetched one day (at most 24 hours, the API's limit) at a time and paged by
 * msgid; they are grouped per user into conversations: a user's message opens one, the first
 * message an agent sends after it is the first reply (its kf account, mapped to the roster's
 * `kfAccounts`, is the agent), and the conversation closes at its last message once the user and
 * the agents have been quiet for an hour after that reply (a user still waiting keeps it open). Users' messages are personal information (个人信息保护法):
 * the text and the openid stay in memory; what is stored is only the times and the agent, in the
 * rows people keep by hand (content/metrics/support/<yyyy-mm>.csv). Hand-kept rows are never
 * changed: an imported conversation that a hand-kept customer-service row already records (same
 * agent, opened in the same minute) is left out, and imported rows carry ids from 1001 up in each day, which a
 * person never uses (they number 001, 002, …).
 *
 * Repeat contacts: with the secret `MPFLOW_SUPPORT_SALT` set, each imported conversation's user is
 * kept as a salted digest (HMAC-SHA256 of the openid, 16 hex digits) in
 * content/metrics/support-users/<yyyy-mm>.csv, so the same user's conversations share a digest that
 * nobody without the salt can tie to an openid. Without the salt no digest is written.
 *
 * Conduct: every agent's reply of the range is checked, while its text is in memory, against the
 * policy's 沟通规范 (compliance/rules/conduct.ts: impolite wording, arguing with the user); what is kept is the
 * count of replies and of flagged replies per day and agent in content/metrics/support-conduct/<yyyy-mm>.csv.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import { dateInTimeZone } from '../model/dates.ts';
import { isoInTimeZone } from '../calendar/wall-clock.ts';
import type { Repository } from '../repository/load-repository.ts';
import { parseCsvSource } from '../source/csv-source.ts';
import { tableColumns } from '../model/schemas.ts';
import { WeChatApiError, WeChatNetworkError, type WeChatClient } from '../wechat/client.ts';
import { datesOf, type DateRange } from '../calendar/days.ts';
import { formatCell, writeAllOrNothing } from './storage.ts';
import { checkReplyConduct } from '../compliance/rules/conduct.ts';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MetricsImportError } from './wechat-import.ts';

/** getmsglist's operation codes: what a record is. */
export const OPERCODES = {
  /** 公众号收到消息 / 客服收到消息: the user wrote. */
  fromUser: new Set([2001, 2003]),
  /** 客服发送消息: an agent wrote to the user. */
  fromAgent: new Set([2002]),
} as const;

/** A record as getmsglist answers it. */
export interface KfRecord {
  openid: string;
  opercode: number;
  text?: string;
  /** Unix seconds. */
  time: number;
  /** The kf account, e.g. kf2001@gh_1234567890ab. */
  worker?: string;
}

/** Most records one request may ask for (the API's `number`, at most 10,000). */
export const PAGE_SIZE = 10_000;
/** A conversation closes after this long without a message from either side. */
export const IDLE_MINUTES = 60;
/** A conversation nobody answered is given up after this long. */
export const WAITING_LIMIT_MINUTES = 48 * 60;
/** The first id suffix of imported rows in a day: people number theirs from 001. */
export const FIRST_IMPORTED_SUFFIX = 1001;

export interface Conversation {
  agent: string;
  /** The user's openid: in memory only, written as a salted digest (see userDigest). */
  openid: string;
  openedAt: number;
  firstReplyAt?: number;
  closedAt: number;
}

/** Fetches every record of the range, one Beijing-time day per window (each < 24 h), paged by msgid. */
export async function fetchKfRecords(
  client: WeChatClient,
  range: DateRange,
  pageSize = PAGE_SIZE,
): Promise<{ records: KfRecord[]; calls: number }> {
  const records: KfRecord[] = [];
  const seen = new Set<string>();
  let calls = 0;
  for (const date of datesOf(range)) {
    const start = Date.parse(`${date}T00:00:00+08:00`) / 1000;
    const end = start + 86_399;
    let cursor = 1;
    for (let page = 0; ; page += 1) {
      calls += 1;
      let answer: { recordlist?: KfRecord[]; number?: number; msgid?: number };
      try {
        answer = await client.postJson('/customservice/msgrecord/getmsglist', {
          starttime: start,
          endtime: end,
          msgid: cursor,
          number: pageSize,
        });
      } catch (error) {
        if (error instanceof WeChatApiError || error instanceof WeChatNetworkError) {
          throw new MetricsImportError(
            text(`${error.localized.zh}（请求的日期：${date}）`, `${error.localized.en} (date asked: ${date})`),
          );
        }
        throw error;
      }
      const list = Array.isArray(answer.recordlist) ? answer.recordlist : [];
      for (const record of list) {
        // Either reading of the returned msgid (the last one sent, or the next to ask) gives each record once.
        const key = `${record.openid}|${record.time}|${record.opercode}|${record.worker ?? ''}|${record.text ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        records.push(record);
      }
      const next = Number(answer.msgid);
      if (list.length < pageSize || !Number.isInteger(next) || next <= cursor || page > 1_000) break;
      cursor = next;
    }
  }
  return { records, calls };
}

/** Kf accounts to member ids, from the roster's `kfAccounts`. */
export function agentsByKfAccount(repository: Repository): Map<string, string> {
  const agents = new Map<string, string>();
  for (const member of repository.team?.data.members ?? [])
    for (const account of (member as { kfAccounts?: string[] }).kfAccounts ?? [])
      agents.set(account.toLowerCase(), member.id);
  return agents;
}

/** Groups records into conversations (see the module comment). Conversations no agent answered keep no first reply. */
export function groupConversations(
  records: readonly KfRecord[],
  agentOf: (worker: string) => string | undefined,
): { conversations: Conversation[]; unknownWorkers: Set<string>; unanswered: number } {
  const byUser = new Map<string, KfRecord[]>();
  for (const record of records) byUser.set(record.openid, [...(byUser.get(record.openid) ?? []), record]);
  const conversations: Conversation[] = [];
  const unknownWorkers = new Set<string>();
  let unanswered = 0;
  for (const list of byUser.values()) {
    list.sort((a, b) => a.time - b.time || (OPERCODES.fromUser.has(a.opercode) ? -1 : 1));
    let current:
      | { openedAt: number; firstReplyAt?: number; agent?: string; last: number; lastAgent?: string }
      | undefined;
    const close = () => {
      if (!current) return;
      const agent = current.agent ?? current.lastAgent;
      if (current.firstReplyAt === undefined || agent === undefined) unanswered += 1;
      else
        conversations.push({
          agent,
          openid: list[0]!.openid,
          openedAt: current.openedAt,
          firstReplyAt: current.firstReplyAt,
          closedAt: current.last,
        });
      current = undefined;
    };
    for (const record of list) {
      const at = record.time * 1000;
      // A user still waiting for the first reply keeps the conversation open (up to two days): a
      // late reply is a slow first reply, not a new conversation.
      if (
        current &&
        at - current.last > (current.firstReplyAt === undefined ? WAITING_LIMIT_MINUTES : IDLE_MINUTES) * 60_000
      )
        close();
      if (OPERCODES.fromUser.has(record.opercode)) {
        current ??= { openedAt: at, last: at };
        current.last = at;
      } else if (OPERCODES.fromAgent.has(record.opercode)) {
        // A message an agent starts with nobody waiting is not a support conversation.
        if (!current) continue;
        const agent = record.worker ? agentOf(record.worker.toLowerCase()) : undefined;
        if (record.worker && agent === undefined) unknownWorkers.add(record.worker);
        if (current.firstReplyAt === undefined && agent !== undefined) {
          current.firstReplyAt = at;
          current.agent = agent;
        }
        current.last = at;
      }
    }
    close();
  }
  return {
    conversations: conversations.sort((a, b) => a.openedAt - b.openedAt || (a.agent < b.agent ? -1 : 1)),
    unknownWorkers,
    unanswered,
  };
}

export interface SupportImportResult {
  /** Repository-relative files written (or that would be). */
  files: string[];
  added: number;
  /** Imported conversations given a salted user digest (0 without a salt). */
  digests: number;
  /** Replies of the range per agent, and how many the conduct rules flagged. */
  conduct: Array<{ agent: string; replies: number; impolite: number; arguing: number }>;
  /** Imported conversations left out because a hand-kept row records them. */
  handKept: number;
  calls: number;
  notices: LocalizedText[];
}

const COLUMNS = tableColumns('support-conversation');
const USER_COLUMNS = tableColumns('support-user');
const CONDUCT_COLUMNS = tableColumns('support-conduct');
/** The shortest salt accepted: a short one could be found by trying. */
export const MIN_SALT_LENGTH = 16;

/** The salted digest of a user: HMAC-SHA256 of the openid under the department's secret salt, 16 hex digits. */
export function userDigest(salt: string, openid: string): string {
  return createHmac('sha256', salt).update(openid).digest('hex').slice(0, 16);
}

/** Replies per day and agent, and how many of them the conduct rules flagged; the texts are not kept. */
export function conductCounts(
  records: readonly KfRecord[],
  agentOf: (worker: string) => string | undefined,
  timeZone: string,
): Map<string, { date: string; agent: string; replies: number; impolite: number; arguing: number }> {
  const counts = new Map<string, { date: string; agent: string; replies: number; impolite: number; arguing: number }>();
  for (const record of records) {
    if (!OPERCODES.fromAgent.has(record.opercode) || !record.worker) continue;
    const agent = agentOf(record.worker.toLowerCase());
    if (agent === undefined) continue;
    const date = dateInTimeZone(new Date(record.time * 1000).toISOString(), timeZone);
    const key = `${date}|${agent}`;
    const entry = counts.get(key) ?? { date, agent, replies: 0, impolite: 0, arguing: 0 };
    entry.replies += 1;
    if (record.text) {
      const found = checkReplyConduct(record.text);
      if (found.impolite > 0) entry.impolite += 1;
      if (found.arguing > 0) entry.arguing += 1;
    }
    counts.set(key, entry);
  }
  return counts;
}

/**
 * Imports the range's conversations into content/metrics/support/. Rows imported earlier for
 * the same days are replaced (the records are the truth about them); hand-kept rows stay as they are.
 */
export async function importSupportConversations(options: {
  client: WeChatClient;
  repository: Repository;
  root: string;
  range: DateRange;
  timeZone: string;
  dryRun?: boolean;
  pageSize?: number;
  salt?: string;
}): Promise<SupportImportResult> {
  const salt = options.salt === undefined || options.salt === '' ? undefined : options.salt;
  if (salt !== undefined && salt.length < MIN_SALT_LENGTH) {
    throw new MetricsImportError(
      text(
        `MPFLOW_SUPPORT_SALT 太短（${salt.length} 个字符），至少要 ${MIN_SALT_LENGTH} 个字符的随机值。`,
        `MPFLOW_SUPPORT_SALT is too short (${salt.length} characters); use a random value of at least ${MIN_SALT_LENGTH}.`,
      ),
    );
  }
  const { records, calls } = await fetchKfRecords(options.client, options.range, options.pageSize);
  const agents = agentsByKfAccount(options.repository);
  const { conversations, unknownWorkers, unanswered } = groupConversations(records, (worker) => agents.get(worker));
  const notices: LocalizedText[] = [];
  if (unknownWorkers.size > 0) {
    const list = [...unknownWorkers].sort().join(', ');
    notices.push(
      text(
        `这些客服账号不在名册（content/team.yaml 的 kfAccounts）里，它们的回复没有算作首次回复：${list}。`,
        `These kf accounts are in no member's kfAccounts (content/team.yaml), so their replies were not counted as first replies: ${list}.`,
      ),
    );
  }
  if (salt === undefined)
    notices.push(
      text(
        '没有设置 MPFLOW_SUPPORT_SALT：不写用户摘要（content/metrics/support-users/），无法统计同一用户的重复咨询。',
        'MPFLOW_SUPPORT_SALT is not set: no user digests were written (content/metrics/support-users/), so repeat contacts cannot be counted.',
      ),
    );
  if (unanswered > 0)
    notices.push(
      text(
        `${unanswered} 次会话没有客服回复，没有写入（首次回复时间无从谈起）。`,
        `${unanswered} conversations got no reply from a known agent and were not written.`,
      ),
    );

  const days = new Set(datesOf(options.range));
  const byMonth = new Map<string, Conversation[]>();
  for (const conversation of conversations) {
    const day = dateInTimeZone(new Date(conversation.openedAt).toISOString(), options.timeZone);
    if (!days.has(day)) continue;
    byMonth.set(day.slice(0, 7), [...(byMonth.get(day.slice(0, 7)) ?? []), conversation]);
  }
  const conduct = [...conductCounts(records, (worker) => agents.get(worker), options.timeZone).values()].filter(
    (entry) => days.has(entry.date),
  );
  const outputs = new Map<string, string>();
  let added = 0;
  let handKept = 0;
  let digests = 0;
  const isImported = (row: Record<string, string>) =>
    Number(row.id!.slice(row.id!.lastIndexOf('-') + 1)) >= FIRST_IMPORTED_SUFFIX;
  const dayOfId = (id: string) => `${id.slice(2, 6)}-${id.slice(6, 8)}-${id.slice(8, 10)}`;
  for (const month of new Set([...datesOf(options.range).map((day) => day.slice(0, 7))])) {
    // The conduct counts of the days asked are replaced; other days stay.
    const conductFile = `content/metrics/support-conduct/${month}.csv`;
    const conductKept = (await readTable(options.root, conductFile, CONDUCT_COLUMNS)).filter(
      (row) => !days.has(row.date!),
    );
    const conductRows = [
      ...conductKept,
      ...conduct
        .filter((entry) => entry.date.startsWith(month))
        .map((entry) =>
          Object.fromEntries(CONDUCT_COLUMNS.map((column) => [column, String(entry[column as keyof typeof entry])])),
        ),
    ].sort((a, b) =>
      a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : a.agent! < b.agent! ? -1 : a.agent! > b.agent! ? 1 : 0,
    );
    await stage(options.root, outputs, conductFile, CONDUCT_COLUMNS, conductRows);

    const relative = `content/metrics/support/${month}.csv`;
    const existing = await readSupportMonth(options.root, relative);
    // Imported rows of the days asked are replaced; every other row stays.
    const kept = existing.filter((row) => !(isImported(row) && days.has(row.openedAt!.slice(0, 10))));
    const handMinutes = new Set(
      kept
        .filter((row) => !isImported(row) && row.channel === 'customer-service')
        .map((row) => `${row.agent}|${minuteOf(row.openedAt!)}`),
    );
    const next = new Map<string, number>();
    const fresh: Array<Record<string, string>> = [];
    const freshUsers: Array<Record<string, string>> = [];
    for (const conversation of byMonth.get(month) ?? []) {
      const openedAt = isoInTimeZone(conversation.openedAt, options.timeZone);
      if (handMinutes.has(`${conversation.agent}|${minuteOf(openedAt)}`)) {
        handKept += 1;
        continue;
      }
      const day = openedAt.slice(0, 10);
      const suffix = next.get(day) ?? FIRST_IMPORTED_SUFFIX;
      next.set(day, suffix + 1);
      const id = `S-${day.replaceAll('-', '')}-${suffix}`;
      if (salt !== undefined) freshUsers.push({ id, user: userDigest(salt, conversation.openid) });
      fresh.push({
        id,
        agent: conversation.agent,
        channel: 'customer-service',
        openedAt,
        firstReplyAt:
          conversation.firstReplyAt === undefined ? '' : isoInTimeZone(conversation.firstReplyAt, options.timeZone),
        closedAt: isoInTimeZone(conversation.closedAt, options.timeZone),
        // The records say nothing of the subject; a person may recategorise the row.
        category: '其他',
        satisfaction: '',
      });
    }
    // Digests of the days' imported conversations are replaced with the new ones (none without a salt).
    const usersFile = `content/metrics/support-users/${month}.csv`;
    const existingUsers = await readTable(options.root, usersFile, USER_COLUMNS);
    const usersKept = existingUsers.filter((row) => !(isImported(row) && days.has(dayOfId(row.id!))));
    if (freshUsers.length > 0 || usersKept.length < existingUsers.length) {
      if (
        await stage(
          options.root,
          outputs,
          usersFile,
          USER_COLUMNS,
          [...usersKept, ...freshUsers].sort(compareSupportRows),
        )
      )
        digests += freshUsers.length;
    }

    const removed = existing.length - kept.length;
    if (fresh.length === 0 && removed === 0) continue;
    if (await stage(options.root, outputs, relative, COLUMNS, [...kept, ...fresh].sort(compareSupportRows)))
      added += fresh.length;
  }
  if (!options.dryRun) await writeAllOrNothing(options.root, outputs);
  const byAgent = new Map<string, { agent: string; replies: number; impolite: number; arguing: number }>();
  for (const entry of conduct) {
    const sum = byAgent.get(entry.agent) ?? { agent: entry.agent, replies: 0, impolite: 0, arguing: 0 };
    sum.replies += entry.replies;
    sum.impolite += entry.impolite;
    sum.arguing += entry.arguing;
    byAgent.set(entry.agent, sum);
  }
  return {
    files: [...outputs.keys()].sort(),
    added,
    digests,
    conduct: [...byAgent.values()].sort((a, b) => (a.agent < b.agent ? -1 : 1)),
    handKept,
    calls,
    notices,
  };
}

/** Puts a table's new content among the outputs when it differs from the file; true when it does. */
async function stage(
  root: string,
  outputs: Map<string, string>,
  relative: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, string>>,
): Promise<boolean> {
  const before = await readFile(path.join(root, relative), 'utf8').catch(() => undefined);
  if (before === undefined && rows.length === 0) return false;
  const content = `${[columns.join(','), ...rows.map((row) => columns.map((column) => formatCell(row[column])).join(','))].join('\n')}\n`;
  if (before === content) return false;
  outputs.set(relative, content);
  return true;
}

function minuteOf(dateTime: string): string {
  return dateTime.slice(0, 16);
}

function compareSupportRows(a: Record<string, string>, b: Record<string, string>): number {
  const [dayA, numberA] = [a.id!.slice(2, 10), Number(a.id!.slice(11))];
  const [dayB, numberB] = [b.id!.slice(2, 10), Number(b.id!.slice(11))];
  return dayA < dayB ? -1 : dayA > dayB ? 1 : numberA - numberB;
}

function readSupportMonth(root: string, relative: string): Promise<Array<Record<string, string>>> {
  return readTable(root, relative, COLUMNS);
}

async function readTable(
  root: string,
  relative: string,
  columns: readonly string[],
): Promise<Array<Record<string, string>>> {
  let source: string;
  try {
    source = await readFile(path.join(root, relative), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = parseCsvSource(source.replace(/^\ufeff/, ''), relative);
  const header = parsed.ok ? parsed.source.header.map((cell) => cell.value.trim()) : [];
  if (!parsed.ok || parsed.problems.length > 0 || header.join(',') !== columns.join(',')) {
    throw new MetricsImportError(
      text(
        `${relative} 无法读取或表头不对，请先修好它（mpflow check），再导入。`,
        `${relative} cannot be read or has the wrong header; fix it first (mpflow check), then import.`,
      ),
    );
  }
  return parsed.source.rows.map((row) =>
    Object.fromEntries(columns.map((column, index) => [column, row.cells[index]?.value ?? ''])),
  );
}
