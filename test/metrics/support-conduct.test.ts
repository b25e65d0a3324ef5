import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { supportBlock } from '../../src/components/dashboards/dashboard-blocks.ts';
import { COMPLIANCE_RULES, lintMarkdown } from '../../src/core/compliance/index.ts';
import { checkReplyConduct } from '../../src/core/compliance/rules/conduct.ts';
import { supportKpis } from '../../src/core/metrics/kpis.ts';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { userDigest } from '../../src/core/metrics/support-import.ts';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fake-wechat-server.ts';
import { runMpflow } from '../helpers/run-cli.ts';
import { copySampleDepartment } from '../scoring/sample-copy.ts';

/**
 * The two privacy-minded parts of the support import: users kept only as a salted digest (so repeat
 * contacts can be counted), and agents' replies checked against the policy's 沟通规范 四（二）3
 * (使用礼貌用语……不得与用户发生争执或冲突) with only the counts kept. The replies are the kind of
 * zh-CN and zh-TW customer-service wording a tea shop's account sends, polite and rude.
 */

const KF = { 'chen-yu': 'kf2001@gh_3f2a8c9d1e0b', 'zheng-hao': 'kf2002@gh_3f2a8c9d1e0b' } as const;
const openidOf = (seed: string) => `o${createHash('sha256').update(seed).digest('base64url').slice(0, 27)}`;
const at = (dateTime: string) => Date.parse(dateTime) / 1000;

const POLITE = [
  '您好，马上为您查询，请稍等。',
  '您好，這款岩茶可以寄到台灣，運費另計，請留下地址。',
  '不好意思让您久等了，包装破损我们给您补发一盒。',
  '您好，说明书第 3 页有冲泡图示，我也可以一步步教您。',
];
const RUDE = {
  impolite: ['你自己看说明书，上面写得很清楚。', '爱买不买。', '都说了多少遍了，不会自己查吗？', '你自己看說明書。'],
  arguing: ['这是你自己的问题，跟我们没关系。', '有本事你去投诉啊。', '你這是無理取鬧。'],
};

let server: FakeWeChat | undefined;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const step of cleanup) await step();
  cleanup = [];
});

async function withKfAccounts(root: string): Promise<void> {
  const file = path.join(root, 'content/team.yaml');
  let team = await readFile(file, 'utf8');
  for (const [member, account] of Object.entries(KF))
    team = team.replace(`  - id: ${member}\n`, `  - id: ${member}\n    kfAccounts: [${account}]\n`);
  await writeFile(file, team);
}

async function everyFile(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await everyFile(full)));
    else out.push(full);
  }
  return out;
}

describe('the conduct rules on single replies', () => {
  it('flag rude and arguing replies, in Simplified and Traditional script, and leave polite ones alone', () => {
    for (const reply of POLITE) expect(checkReplyConduct(reply), reply).toEqual({ impolite: 0, arguing: 0 });
    const flagged = (reply: string) => ({
      impolite: checkReplyConduct(reply).impolite > 0,
      arguing: checkReplyConduct(reply).arguing > 0,
    });
    for (const reply of RUDE.impolite) expect(flagged(reply), reply).toEqual({ impolite: true, arguing: false });
    for (const reply of RUDE.arguing) expect(flagged(reply), reply).toEqual({ impolite: false, arguing: true });
    // Two dismissive phrases in one reply are two findings (the import counts the reply once).
    expect(checkReplyConduct('都说了多少遍了，不会自己查吗？').impolite).toBe(2);
  });

  it('are compliance rules with the policy clause as basis, and never run on articles', () => {
    expect(COMPLIANCE_RULES['lexicon/impolite-reply']?.basis.zh).toContain('部门制度四（二）3');
    expect(COMPLIANCE_RULES['lexicon/arguing-with-user']?.severity).toBe('warning');
    // An article may quote a rude reply (a training piece on good service) without a finding.
    const findings = lintMarkdown('# 客服培训\n\n反面例子：有客服回复“爱买不买”，这是不允许的。\n').findings.map(
      (finding) => finding.ruleId,
    );
    expect(findings).not.toContain('lexicon/impolite-reply');
  });
});

describe('salted user digests', () => {
  it('are the same for one openid, differ between openids and between salts', () => {
    const salt = 'tea-dept-7f3c9a1e5b2d';
    const a = openidOf('a');
    expect(userDigest(salt, a)).toBe(userDigest(salt, a));
    expect(userDigest(salt, a)).toMatch(/^[0-9a-f]{16}$/);
    expect(userDigest(salt, a)).not.toBe(userDigest(salt, openidOf('b')));
    expect(userDigest(salt, a)).not.toBe(userDigest('another-dept-0c4e8b2a', a));
  });
});

describe('metrics import --from wechat-support: digests and conduct counts', () => {
  it('keeps a salted digest per conversation and the conduct counts per agent, never an openid or a reply text', {
    timeout: 60_000,
  }, async () => {
    const sample = await copySampleDepartment();
    cleanup.push(sample.dispose);
    await withKfAccounts(sample.root);
    const [userA, userB] = [openidOf('user-a'), openidOf('user-b')];
    const records = [
      // User A, 3 November: asks, chen-yu is rude, then polite.
      {
        openid: userA,
        opercode: 2003,
        text: '你好，我上周买的白茶还没发货，能帮忙查一下吗？',
        time: at('2026-11-03T03:11:00+08:00'),
        worker: '',
      },
      {
        openid: userA,
        opercode: 2002,
        text: RUDE.impolite[0]!,
        time: at('2026-11-03T03:15:00+08:00'),
        worker: KF['chen-yu'],
      },
      { openid: userA, opercode: 2002, text: POLITE[0]!, time: at('2026-11-03T03:20:00+08:00'), worker: KF['chen-yu'] },
      // User B, 3 November: zheng-hao argues.
      {
        openid: userB,
        opercode: 2003,
        text: '收到的茶叶包装破了，怎么处理？',
        time: at('2026-11-03T03:41:00+08:00'),
        worker: '',
      },
      {
        openid: userB,
        opercode: 2002,
        text: RUDE.arguing[0]!,
        time: at('2026-11-03T03:47:00+08:00'),
        worker: KF['zheng-hao'],
      },
      {
        openid: userB,
        opercode: 2002,
        text: RUDE.impolite[1]!,
        time: at('2026-11-03T03:49:00+08:00'),
        worker: KF['zheng-hao'],
      },
      // User A again, 4 November (a repeat contact): polite replies in Traditional script.
      {
        openid: userA,
        opercode: 2003,
        text: '請問這款岩茶可以寄到台灣嗎？',
        time: at('2026-11-04T02:05:00+08:00'),
        worker: '',
      },
      { openid: userA, opercode: 2002, text: POLITE[1]!, time: at('2026-11-04T02:09:00+08:00'), worker: KF['chen-yu'] },
    ];
    server = await startFakeWeChat({ kfRecords: records });
    const base = {
      LANG: 'en_US.UTF-8',
      MPFLOW_NOW: '2026-12-02T04:00:00Z',
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      WECHAT_API_BASE: server.url,
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(sample.root, '.token.json'),
    };
    const args = ['metrics', 'import', '--from', 'wechat-support', '--since', '2026-11-03', '--until', '2026-11-04'];

    const run = await runMpflow(args, {
      cwd: sample.root,
      env: { ...base, MPFLOW_SUPPORT_SALT: 'tea-dept-7f3c9a1e5b2d' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Added 3 support conversations');
    expect(run.stdout).toContain("3 conversations got their user's salted digest (no openid).");
    expect(run.stdout).toContain('  chen-yu: 3 replies, 1 impolite, 0 arguing with the user');
    expect(run.stdout).toContain('  zheng-hao: 2 replies, 1 impolite, 1 arguing with the user');

    const users = (await readFile(path.join(sample.root, 'content/metrics/support-users/2026-11.csv'), 'utf8'))
      .trim()
      .split('\n');
    expect(users[0]).toBe('id,user');
    const digestOf = Object.fromEntries(users.slice(1).map((line) => line.split(',') as [string, string]));
    expect(Object.keys(digestOf)).toEqual(['S-20261103-1001', 'S-20261103-1002', 'S-20261104-1001']);
    // A's two conversations share a digest; B's differs.
    expect(digestOf['S-20261103-1001']).toBe(digestOf['S-20261104-1001']);
    expect(digestOf['S-20261103-1002']).not.toBe(digestOf['S-20261103-1001']);
    const support = await readFile(path.join(sample.root, 'content/metrics/support/2026-11.csv'), 'utf8');
    expect(support).toMatch(
      /^S-20261103-1001,chen-yu,customer-service,2026-11-03T03:11:00\+08:00,2026-11-03T03:15:00\+08:00,/m,
    );
    expect(support).toMatch(/^S-20261103-1002,zheng-hao,customer-service,2026-11-03T03:41:00\+08:00,/m);

    expect(await readFile(path.join(sample.root, 'content/metrics/support-conduct/2026-11.csv'), 'utf8')).toBe(
      [
        'date,agent,replies,impolite,arguing',
        '2026-11-03,chen-yu,2,1,0',
        '2026-11-03,zheng-hao,2,1,1',
        '2026-11-04,chen-yu,1,0,0',
        '',
      ].join('\n'),
    );
    // The dashboard's support block shows the counts beside the reply times.
    const kpis = supportKpis((await loadRepository(sample.root)).repository, { from: '2026-11-03', to: '2026-11-04' });
    expect(kpis.agents.map((agent) => [agent.agent, agent.conduct])).toEqual([
      ['chen-yu', { replies: 3, impolite: 1, arguing: 0 }],
      ['zheng-hao', { replies: 2, impolite: 1, arguing: 1 }],
    ]);
    const block = supportBlock(
      kpis,
      'zh-CN',
      new Map([
        ['chen-yu', '陈雨'],
        ['zheng-hao', '郑浩'],
      ]),
    );
    expect(block.table!.head.at(-1)).toBe('沟通规范：不礼貌 / 争执 / 回复数');
    expect(block.table!.rows.map((row) => [row[0], row.at(-1)])).toEqual([
      ['陈雨', '1 / 0 / 3'],
      ['郑浩', '1 / 1 / 2'],
      ['全部', '2 / 1 / 5'],
    ]);

    // No openid and no message text in any file of the repository.
    const files = [
      ...(await everyFile(path.join(sample.root, 'content'))),
      ...(await everyFile(path.join(sample.root, 'appraisals'))),
    ];
    for (const file of files) {
      const stored = await readFile(file, 'utf8');
      for (const record of records) {
        expect(stored, file).not.toContain(record.openid);
        expect(stored, file).not.toContain(record.text);
      }
    }
    const check = await runMpflow(['check'], { cwd: sample.root, env: base });
    expect(check.stdout + check.stderr).toMatch(/no problems/);

    // Another salt: the same conversations, other digests (the salt is what ties a digest to a user).
    const other = await runMpflow(args, {
      cwd: sample.root,
      env: { ...base, MPFLOW_SUPPORT_SALT: 'another-dept-0c4e8b2a' },
    });
    expect(other.exitCode).toBe(0);
    const again = Object.fromEntries(
      (await readFile(path.join(sample.root, 'content/metrics/support-users/2026-11.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',') as [string, string]),
    );
    expect(Object.keys(again)).toEqual(Object.keys(digestOf));
    for (const id of Object.keys(again)) expect(again[id]).not.toBe(digestOf[id]);
    expect(again['S-20261103-1001']).toBe(again['S-20261104-1001']);

    // check holds the new tables: one count per day and agent, agents from the roster.
    const conductFile = path.join(sample.root, 'content/metrics/support-conduct/2026-11.csv');
    await writeFile(
      conductFile,
      `${await readFile(conductFile, 'utf8')}2026-11-03,chen-yu,9,0,0\n2026-11-05,li-nobody,1,0,0\n`,
    );
    const broken = await runMpflow(['check'], { cwd: sample.root, env: base });
    expect(broken.exitCode).not.toBe(0);
    expect(broken.stdout).toMatch(/support-conduct\/2026-11\.csv:5:1.*Duplicates line 2/);
    expect(broken.stdout).toMatch(/support-conduct\/2026-11\.csv:6:\d+.*li-nobody/);
  });

  it('without MPFLOW_SUPPORT_SALT writes no digest and says so; a short salt is refused with nothing written', {
    timeout: 60_000,
  }, async () => {
    const sample = await copySampleDepartment();
    cleanup.push(sample.dispose);
    await withKfAccounts(sample.root);
    const openid = openidOf('user-c');
    server = await startFakeWeChat({
      kfRecords: [
        { openid, opercode: 2003, text: '请问礼盒可以开发票吗？', time: at('2026-11-05T02:00:00+08:00'), worker: '' },
        {
          openid,
          opercode: 2002,
          text: '您好，可以开具电子发票，请提供抬头和税号。',
          time: at('2026-11-05T02:03:00+08:00'),
          worker: KF['chen-yu'],
        },
      ],
    });
    const base = {
      LANG: 'zh_CN.UTF-8',
      MPFLOW_NOW: '2026-12-02T04:00:00Z',
      WECHAT_APPID: server.state.appId,
      WECHAT_APPSECRET: server.state.appSecret,
      WECHAT_API_BASE: server.url,
      MPFLOW_WECHAT_TOKEN_CACHE: path.join(sample.root, '.token.json'),
    };
    const args = ['metrics', 'import', '--from', 'wechat-support', '--since', '2026-11-05', '--until', '2026-11-05'];
    const supportBefore = await readFile(path.join(sample.root, 'content/metrics/support/2026-11.csv'), 'utf8');

    const short = await runMpflow(args, { cwd: sample.root, env: { ...base, MPFLOW_SUPPORT_SALT: 'abc' } });
    expect(short.exitCode).not.toBe(0);
    expect(short.stderr).toContain('MPFLOW_SUPPORT_SALT 太短（3 个字符）');
    expect(await readFile(path.join(sample.root, 'content/metrics/support/2026-11.csv'), 'utf8')).toBe(supportBefore);
    await expect(
      readFile(path.join(sample.root, 'content/metrics/support-conduct/2026-11.csv'), 'utf8'),
    ).rejects.toThrow();

    const run = await runMpflow(args, { cwd: sample.root, env: base });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('没有设置 MPFLOW_SUPPORT_SALT：不写用户摘要');
    expect(run.stdout).toContain('  chen-yu：回复 1 条，不礼貌 0 条，与用户争执 0 条');
    await expect(
      readFile(path.join(sample.root, 'content/metrics/support-users/2026-11.csv'), 'utf8'),
    ).rejects.toThrow();
    expect(await readFile(path.join(sample.root, 'content/metrics/support/2026-11.csv'), 'utf8')).toMatch(
      /^S-20261105-1001,chen-yu,customer-service,2026-11-05T02:00:00\+08:00,2026-11-05T02:03:00\+08:00,/m,
    );
  });
});
