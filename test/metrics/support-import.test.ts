import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supportKpis } from '../../src/core/metrics/kpis.ts';
import { fetchKfRecords, groupConversations, type KfRecord } from '../../src/core/metrics/support-import.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { createWeChatClient } from '../../src/core/wechat/client.ts';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fake-wechat-server.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from '../scoring/sample-copy.ts';

/**
 * Support conversations from customservice/msgrecord/getmsglist. The fake's records are made from
 * the sample department's hand-kept November customer-service rows (a user's message at openedAt,
 * the agent's first reply at firstReplyAt, the user's thanks at closedAt), with real zh-CN and
 * zh-TW wording; importing them in place of those rows must give the same first-reply figures.
 */

const KF = { 'chen-yu': 'kf2001@gh_3f2a8c9d1e0b', 'zheng-hao': 'kf2002@gh_3f2a8c9d1e0b' } as const;
const USER_TEXTS = [
  '你好，我上周买的白茶还没发货，能帮忙查一下吗？',
  '請問這款岩茶可以寄到台灣嗎？',
  '收到的茶叶包装破了，怎么处理？',
];
const AGENT_TEXTS = ['您好，马上为您查询，请稍等。', '您好，可以寄送，運費另計，請留下地址。'];

let server: FakeWeChat | undefined;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const step of cleanup) await step();
  cleanup = [];
});

const seconds = (dateTime: string) => Date.parse(dateTime) / 1000;
const openidOf = (seed: string) => `o${createHash('sha256').update(seed).digest('base64url').slice(0, 27)}`;

function recordsFor(rows: Array<Record<string, string>>): KfRecord[] {
  const records: KfRecord[] = [];
  rows.forEach((row, index) => {
    const openid = openidOf(row.id!);
    const worker = KF[row.agent as keyof typeof KF];
    records.push({
      openid,
      opercode: 2003,
      text: USER_TEXTS[index % USER_TEXTS.length]!,
      time: seconds(row.openedAt!),
      worker: '',
    });
    records.push({
      openid,
      opercode: 2002,
      text: AGENT_TEXTS[index % AGENT_TEXTS.length]!,
      time: seconds(row.firstReplyAt!),
      worker,
    });
    if (row.closedAt && seconds(row.closedAt) - seconds(row.firstReplyAt!) <= 3600)
      records.push({ openid, opercode: 2003, text: '好的，谢谢！', time: seconds(row.closedAt), worker: '' });
  });
  return records;
}

function parseCsv(source: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [headerLine, ...lines] = source.trim().split('\n');
  const header = headerLine!.split(',');
  return {
    header,
    rows: lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [header[index]!, cell]))),
  };
}

async function withKfAccounts(root: string): Promise<void> {
  const file = path.join(root, 'content/team.yaml');
  let team = await readFile(file, 'utf8');
  for (const [member, account] of Object.entries(KF))
    team = team.replace(`  - id: ${member}\n`, `  - id: ${member}\n    kfAccounts: [${account}]\n`);
  await writeFile(file, team);
}

const firstReplyFigures = (kpis: ReturnType<typeof supportKpis>) =>
  kpis.agents.map(
    ({ agent, conversations, replied, firstReplyMedianMinutes, firstReplyP90Minutes, withinDeadline }) => ({
      agent,
      conversations,
      replied,
      firstReplyMedianMinutes,
      firstReplyP90Minutes,
      withinDeadline,
    }),
  );

describe('support conversations from the customer-service message records', () => {
  it('a month imported from getmsglist in place of the hand-kept customer-service rows gives the same first-reply figures, keeps no text or openid, and passes check', {
    timeout: 60_000,
  }, async () => {
    const sample = await copySampleDepartment();
    cleanup.push(sample.dispose);
    await withKfAccounts(sample.root);
    const file = path.join(sample.root, 'content/metrics/support/2026-11.csv');
    const original = parseCsv(await readFile(file, 'utf8'));
    const replaced = original.rows.filter((row) => row.channel === 'customer-service');
    expect(replaced.length).toBeGreaterThan(30);
    const before = supportKpis((await loadRepository(sample.root)).repository, {
      from: '2026-11-01',
      to: '2026-11-30',
    });

    // The hand-kept customer-service rows go; the message records stand in for them.
    await writeFile(
      file,
      `${[original.header.join(','), ...original.rows.filter((row) => row.channel !== 'customer-service').map((row) => original.header.map((column) => row[column]).join(','))].join('\n')}\n`,
    );
    const records = recordsFor(replaced);
    server = await startFakeWeChat({
      kfRecords: records.map((record) => ({ ...record, text: record.text!, worker: record.worker! })),
    });
    const env = {
      LANG: 'en_US.UTF-8',
      MPFLOW_NOW: '2026-12-02T04:00:00Z',
      MPFLOW_SUPPORT_SALT: 'tea-dept-7f3c9a1e5b2d',
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      WECHAT_API_BASE: server.url,
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(sample.root, '.token.json'),
    };
    const run = await runMpflow(
      ['metrics', 'import', '--from', 'wechat-support', '--since', '2026-11-01', '--until', '2026-11-30'],
      { cwd: sample.root, env },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      `Added ${replaced.length} support conversations; 0 already kept by hand were left as they are.`,
    );
    // One call per Beijing day, each window under 24 hours.
    const asked = server.calls.filter((call) => call.path === '/customservice/msgrecord/getmsglist');
    expect(asked).toHaveLength(30);
    for (const call of asked)
      expect(
        (call.body as { endtime: number; starttime: number }).endtime - (call.body as { starttime: number }).starttime,
      ).toBeLessThan(86_400);

    const after = supportKpis((await loadRepository(sample.root)).repository, { from: '2026-11-01', to: '2026-11-30' });
    expect(firstReplyFigures(after)).toEqual(firstReplyFigures(before));
    expect(after.overall.firstReplyMedianMinutes).toBe(before.overall.firstReplyMedianMinutes);
    expect(after.overall.withinDeadline).toBe(before.overall.withinDeadline);

    // Nothing of the users' messages: no text, no openid.
    const stored = await readFile(file, 'utf8');
    for (const record of records) {
      expect(stored).not.toContain(record.openid);
      if (record.text) expect(stored).not.toContain(record.text);
    }
    expect(stored).toMatch(/^S-20261103-1001,(chen-yu|zheng-hao),customer-service,2026-11-03T\d\d:\d\d:00\+08:00,/m);
    const check = await runMpflow(['check'], { cwd: sample.root, env });
    expect(check.stdout + check.stderr).toMatch(/no problems/);

    // A second import changes nothing.
    const again = await runMpflow(
      ['metrics', 'import', '--from', 'wechat-support', '--since', '2026-11-01', '--until', '2026-11-30'],
      { cwd: sample.root, env },
    );
    expect(again.stdout).toContain('No file changed.');
    expect(await readFile(file, 'utf8')).toBe(stored);
  });

  it('never changes a hand-kept row: conversations it already records are left out', { timeout: 60_000 }, async () => {
    const sample = await copySampleDepartment();
    cleanup.push(sample.dispose);
    await withKfAccounts(sample.root);
    const file = path.join(sample.root, 'content/metrics/support/2026-11.csv');
    const before = await readFile(file, 'utf8');
    const replaced = parseCsv(before).rows.filter((row) => row.channel === 'customer-service');
    server = await startFakeWeChat({
      kfRecords: recordsFor(replaced).map((record) => ({ ...record, text: record.text!, worker: record.worker! })),
    });
    const env = {
      LANG: 'zh_CN.UTF-8',
      MPFLOW_NOW: '2026-12-02T04:00:00Z',
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      WECHAT_API_BASE: server.url,
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(sample.root, '.token.json'),
    };
    const run = await runMpflow(
      ['metrics', 'import', '--from', 'wechat-support', '--since', '2026-11-01', '--until', '2026-11-30'],
      { cwd: sample.root, env },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`新增客服会话 0 次；${replaced.length} 次已有手工记录，保留手工记录。`);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('pages by msgid within a day, and names a kf account the roster does not know', async () => {
    const day = Date.parse('2026-11-03T09:00:00+08:00') / 1000;
    const records: KfRecord[] = [];
    for (let user = 0; user < 6; user += 1) {
      const openid = openidOf(`user-${user}`);
      records.push({ openid, opercode: 2003, text: '請問什麼時候發貨？', time: day + user * 600, worker: '' });
      records.push({
        openid,
        opercode: 2002,
        text: '您好，今天下午发出。',
        time: day + user * 600 + 120 + user * 60,
        worker: user === 5 ? 'kf9009@gh_3f2a8c9d1e0b' : KF['chen-yu'],
      });
    }
    server = await startFakeWeChat({
      kfRecords: records.map((record) => ({ ...record, text: record.text!, worker: record.worker! })),
    });
    const folder = await mkdtemp(path.join(tmpdir(), 'mpflow-kf-'));
    cleanup.push(() => rm(folder, { recursive: true, force: true }));
    const client = createWeChatClient({
      appId: server.state.appId,
      appSecret: server.state.appSecret,
      baseUrl: server.url,
      tokenCachePath: path.join(folder, 't.json'),
      sleep: async () => undefined,
    });
    const fetched = await fetchKfRecords(client, { from: '2026-11-03', to: '2026-11-03' }, 5);
    // 12 records in pages of 5: three calls, every record once.
    expect(fetched.calls).toBe(3);
    expect(fetched.records).toHaveLength(12);
    const grouped = groupConversations(fetched.records, (worker) => (worker === KF['chen-yu'] ? 'chen-yu' : undefined));
    expect(
      grouped.conversations.map((conversation) => (conversation.firstReplyAt! - conversation.openedAt) / 60_000),
    ).toEqual([2, 3, 4, 5, 6]);
    expect([...grouped.unknownWorkers]).toEqual(['kf9009@gh_3f2a8c9d1e0b']);
    expect(grouped.unanswered).toBe(1);
  });
});
