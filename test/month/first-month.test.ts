import { copyFile, mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DEPARTMENT, TINY_PNG } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

/**
 * A department's first month, December 2026, played with mpflow commands only: the roster is the
 * one file HR starts the department with, and the policy is the sample's, copied as it is. Every
 * other record — topic, article, ratings, interviews, results, finalisation, calibration, the
 * next policy version — is written by `mpflow new` or `mpflow score`; no YAML is typed by hand.
 */
const ROSTER = `# yaml-language-server: $schema=../schemas/team.schema.json
department: 山嵐茶舍新媒體部
account: 山嵐茶舍
members:
  - id: xu-wenhua
    name: 許文華
    github: xuwenhua-head
    roles: [head]
    joined: 2026-11-02
  - id: chen-si
    name: 陳思
    github: chensi-ops
    roles: [operator]
    supervisor: xu-wenhua
    joined: 2026-11-02
  - id: lin-ya
    name: 林雅
    github: linya-writes
    roles: [copywriter]
    supervisor: xu-wenhua
    joined: 2026-11-02
  - id: huang-ming
    name: 黃明
    github: huangming-writes
    roles: [copywriter]
    supervisor: xu-wenhua
    joined: 2026-11-16
  - id: wu-ting
    name: 吳婷
    github: wuting-design
    roles: [designer]
    supervisor: xu-wenhua
    joined: 2026-11-02
  - id: zhao-qian
    name: 趙倩
    github: zhaoqian-hr
    roles: [hr]
    joined: 2026-11-02
`;

const BODY = `冬至前後天冷得快，很多讀者問晚上喝什麼茶不影響睡眠。這篇只講口感和沖泡，不講功效。

## 選茶

熟普和老白茶的茶湯溫潤，適合飯後慢慢喝；想喝清爽一點，可以選焙火輕的烏龍。

## 沖泡

水要燒到滾，第一泡快出湯，之後每泡多停幾秒。一壺茶分三四次喝完，茶湯不會太濃。
`;

let root: string;
const at = (now: string) => ({ LANG: 'en_US.UTF-8', MPFLOW_NOW: now });
const mpflow = (args: string[], now: string) => runMpflow(args, { cwd: root, env: at(now) });

async function listYaml(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, folder), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.yaml'))
      found.push(path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  }
  return found.sort();
}

/** A rater's scores: different per pair, inside the scale, the same on every run. */
function scores(rater: string, member: string, indicators: string[]): string {
  return indicators
    .map((id, index) => `${id}=${70 + ((rater.length * 7 + member.length * 3 + index * 5) % 28)}`)
    .join(',');
}

describe('a new department runs its first month with mpflow commands only', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mpflow-month-'));
    await mkdir(path.join(root, 'content/policy'), { recursive: true });
    await writeFile(path.join(root, 'content/team.yaml'), ROSTER);
    // The settings mpflow init writes (names in both languages); without them check warns department/missing.
    await writeFile(
      path.join(root, 'content/department.yaml'),
      'schemaVersion: 1\ndepartment: { zh: 山嵐茶舍新媒體部, en: Shanlan Teahouse new media }\naccount: { zh: 山嵐茶舍, en: Shanlan Teahouse }\n',
    );
    await copyFile(
      path.join(FIXTURE_DEPARTMENT, 'content/policy/2026-01-01.yaml'),
      path.join(root, 'content/policy/2026-01-01.yaml'),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('starts from a roster and the sample policy that pass the check', async () => {
    const run = await mpflow(['check'], '2026-12-01T02:00:00Z');
    expect(run.exitCode, run.stdout).toBe(0);
  });

  it('adds a topic and an article for it, in Traditional Chinese, through mpflow new', async () => {
    const topic = await mpflow(
      [
        'new',
        'topic',
        '--title',
        '冬至喝什麼茶',
        '--by',
        'lin-ya',
        '--decision',
        'accepted',
        '--owner',
        'lin-ya',
        '--keywords',
        '冬至,熟普,老白茶',
      ],
      '2026-12-01T02:00:00Z',
    );
    expect(topic.exitCode, topic.stderr).toBe(0);
    expect(topic.stdout).toContain('Created content/topics/T-2026-001.yaml');
    const written = await readFile(path.join(root, 'content/topics/T-2026-001.yaml'), 'utf8');
    // A department has no schemas/ of its own: the line points into the installed package.
    expect(written).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/node_modules\/mpflow\/schemas\/topic\.schema\.json\n/,
    );
    expect(written).toContain('decidedAt: 2026-12-01');

    await writeFile(path.join(root, 'draft.md'), BODY);
    const article = await mpflow(
      [
        'new',
        'article',
        '--title',
        '冬至晚上喝什麼茶',
        '--slug',
        'dongzhi-tea',
        '--date',
        '2026-12-21',
        '--author',
        'lin-ya',
        '--designer',
        'wu-ting',
        '--topic',
        'T-2026-001',
        '--digest',
        '天冷了，晚上想喝點熱茶：熟普、老白茶和輕焙火烏龍怎麼選、怎麼泡。',
        '--body-file',
        'draft.md',
      ],
      '2026-12-02T03:00:00Z',
    );
    expect(article.exitCode, article.stderr).toBe(0);
    await writeFile(path.join(root, 'content/articles/2026/12-21-dongzhi-tea/cover.png'), TINY_PNG);
    await rm(path.join(root, 'draft.md'));
    const check = await mpflow(['check'], '2026-12-02T03:00:00Z');
    expect(check.exitCode, check.stdout).toBe(0);
    expect(check.stdout).toContain('no problems');
  });

  it('refuses to write or finalise December while it is still December', async () => {
    // The department kept the sample's KPI targets: score says so, in time to set its own.
    const cycle = await mpflow(['score', '--period', '2026-12'], '2026-12-15T02:00:00Z');
    expect(cycle.stdout).toContain(
      "Note: the targets of comments-per-article, designed-reads-per-article, designed-shares-per-article, follower-churn-rate, follower-net-growth, likes-per-article, reads-per-article, shares-per-article, support-satisfaction in the 2026-01-01 policy are still the sample department's (闽岚茶事)",
    );
    const write = await mpflow(['score', '--period', '2026-12', '--write'], '2026-12-15T02:00:00Z');
    expect(write.exitCode).toBe(1);
    expect(write.stderr).toContain('2026-12 is not over yet (today 2026-12-15, Asia/Shanghai)');
    const finalise = await mpflow(
      ['score', '--period', '2026-12', '--finalize', '--by', 'zhao-qian'],
      '2026-12-15T02:00:00Z',
    );
    expect(finalise.exitCode).toBe(1);
    expect(finalise.stderr).toContain('2026-12 is not over yet');
    expect(await listYaml('appraisals').catch(() => [])).toEqual([]);
  });

  it('gets every rating and interview written by following --todo', async () => {
    const policy = await readFile(path.join(root, 'content/policy/2026-01-01.yaml'), 'utf8');
    const qualitative = [...policy.matchAll(/- id: ([a-z-]+)\n(?:.*\n){2}\s+measure: qualitative/g)].map(
      (match) => match[1]!,
    );
    expect(qualitative).toHaveLength(9);

    const todo = await mpflow(['score', '--period', '2026-12', '--todo', '--format', 'json'], '2027-01-02T01:00:00Z');
    expect(todo.exitCode, todo.stderr).toBe(0);
    const plan = JSON.parse(todo.stdout) as {
      reminderDay: boolean;
      people: Array<{
        member: string;
        items: Array<{ kind: string; member: string; path: string; due: string; command: string }>;
      }>;
    };
    // 2 January is the day before self-assessments are due: a day the reminder goes out.
    expect(plan.reminderDay).toBe(true);
    const items = plan.people.flatMap((person) => person.items.map((item) => ({ ...item, writer: person.member })));
    // Four appraised members: each a self-assessment, a supervisor rating, an interview and two peers by the rotation.
    expect(items.filter((item) => item.kind === 'self')).toHaveLength(4);
    expect(
      items
        .filter((item) => item.kind === 'peer')
        .map((item) => `${item.writer}→${item.member}`)
        .sort(),
    ).toEqual(
      [
        'huang-ming→chen-si',
        'lin-ya→chen-si',
        'lin-ya→huang-ming',
        'wu-ting→huang-ming',
        'wu-ting→lin-ya',
        'chen-si→lin-ya',
        'chen-si→wu-ting',
        'huang-ming→wu-ting',
      ].sort(),
    );
    expect(items.find((item) => item.kind === 'self' && item.writer === 'lin-ya')).toMatchObject({
      path: 'appraisals/2026-12/lin-ya/self.yaml',
      due: '2027-01-03',
    });
    // The same list as the reminder workflow posts it: last month by default, each person @-mentioned.
    const markdown = await mpflow(['score', '--todo', '--format', 'markdown'], '2027-01-02T01:00:00Z');
    expect(markdown.stdout).toMatch(
      /^## 2026-12 appraisal to-do \(policy 2026-01-01, as of 2027-01-02, Asia\/Shanghai\)\n/,
    );
    expect(markdown.stdout).toContain(
      '### 林雅 `lin-ya` @linya-writes\n\n- [ ] self-assessment — `appraisals/2026-12/lin-ya/self.yaml` — due 2027-01-03  \n  `mpflow new rating --period 2026-12 --member lin-ya --rater lin-ya`\n',
    );
    expect(markdown.stdout).toContain(
      '- [ ] feedback interview of lin-ya — `appraisals/2026-12/lin-ya/interview.yaml` — due 2027-01-10',
    );

    // Each person writes what their list says, on the days the policy gives.
    for (const item of items.filter(
      (entry) => entry.kind === 'self' || entry.kind === 'supervisor' || entry.kind === 'peer',
    )) {
      const day = item.kind === 'self' ? '2027-01-03T02:00:00Z' : '2027-01-05T02:00:00Z';
      const args = item.command.split(' ').slice(1);
      const run = await mpflow(
        [
          ...args,
          '--ratings',
          scores(item.writer, item.member, qualitative),
          '--comment',
          `${item.member} 這個月交稿準時。`,
        ],
        day,
      );
      expect(run.exitCode, `${item.command}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toContain(`Created ${item.path}`);
    }
    for (const item of items.filter((entry) => entry.kind === 'interview')) {
      const run = await mpflow(
        [
          'new',
          'interview',
          '--period',
          '2026-12',
          '--member',
          item.member,
          '--date',
          '2027-01-08',
          '--summary',
          '肯定了本月的進度，約好下月多參與選題會。',
          '--action',
          '下月提兩個選題@2027-01-31',
        ],
        '2027-01-08T06:00:00Z',
      );
      expect(run.exitCode, run.stderr).toBe(0);
    }
    const after = await mpflow(['score', '--period', '2026-12', '--todo', 'lin-ya'], '2027-01-08T06:00:00Z');
    expect(after.stdout).toContain('2026-12 appraisal to-do');
    expect(after.stdout).not.toContain('lin-ya\n');
    const left = JSON.parse(
      (await mpflow(['score', '--period', '2026-12', '--todo', '--format', 'json'], '2027-01-08T06:00:00Z')).stdout,
    ) as typeof plan;
    expect(left.people.map((person) => person.member)).toEqual(['zhao-qian']);
  });

  it('scores, finalises, calibrates and verifies the month, then starts the next policy version', async () => {
    const write = await mpflow(['score', '--period', '2026-12', '--write'], '2027-01-08T08:00:00Z');
    expect(write.exitCode, write.stderr).toBe(0);
    expect(write.stdout).toContain('Wrote 4 results to appraisals/2026-12/');
    const finalise = await mpflow(
      ['score', '--period', '2026-12', '--finalize', '--by', 'zhao-qian', '--at', '2027-01-12T10:00'],
      '2027-01-12T05:00:00Z',
    );
    expect(finalise.exitCode, finalise.stderr).toBe(0);
    expect(finalise.stdout).toContain('Finalised 2026-12 (zhao-qian, 2027-01-12T10:00:00+08:00)');

    const calibrate = await mpflow(
      [
        'new',
        'calibration',
        '--period',
        '2026-12',
        '--member',
        'huang-ming',
        '--points',
        '1',
        '--by',
        'zhao-qian',
        '--reason',
        '入職第一個月兼顧兩個專題，經主管確認加 1 分。',
      ],
      '2027-01-16T02:00:00Z',
    );
    expect(calibrate.exitCode, calibrate.stderr).toBe(0);
    expect(calibrate.stdout).toContain('the policy allows ±3');
    const tooMuch = await mpflow(
      [
        'new',
        'calibration',
        '--period',
        '2026-12',
        '--member',
        'huang-ming',
        '--points',
        '3',
        '--by',
        'zhao-qian',
        '--reason',
        '再加 3 分。',
      ],
      '2027-01-16T03:00:00Z',
    );
    expect(tooMuch.exitCode).toBe(1);
    expect(tooMuch.stderr).toContain('appraisal/calibration-bound');
    const rewrite = await mpflow(['score', '--period', '2026-12', '--write'], '2027-01-16T04:00:00Z');
    expect(rewrite.exitCode, rewrite.stderr).toBe(0);

    const verify = await mpflow(['score', '--verify'], '2027-01-16T05:00:00Z');
    expect(verify.exitCode, verify.stdout).toBe(0);
    expect(verify.stdout).toContain('Recomputed 4 results; all match.');

    const next = await mpflow(
      [
        'new',
        'policy',
        '--effective',
        '2027-01-01',
        '--change',
        '一月起互評改為每人至少三位同事。',
        '--by',
        'xu-wenhua',
      ],
      '2027-01-20T02:00:00Z',
    );
    expect(next.exitCode, next.stderr).toBe(0);
    const version = await readFile(path.join(root, 'content/policy/2027-01-01.yaml'), 'utf8');
    expect(version).toContain('effective: 2027-01-01');
    expect(version).toContain('revised from the 2026-01-01 version (xu-wenhua): 一月起互評改為每人至少三位同事。');

    const check = await mpflow(['check'], '2027-01-20T02:00:00Z');
    expect(check.exitCode, check.stdout).toBe(0);
    expect(check.stdout).toContain('no problems');
    // Everything under appraisals/ was written by mpflow.
    expect(await listYaml('appraisals')).toEqual([
      'appraisals/2026-12/calibrations.yaml',
      'appraisals/2026-12/chen-si/interview.yaml',
      'appraisals/2026-12/chen-si/peer-huang-ming.yaml',
      'appraisals/2026-12/chen-si/peer-lin-ya.yaml',
      'appraisals/2026-12/chen-si/result.yaml',
      'appraisals/2026-12/chen-si/self.yaml',
      'appraisals/2026-12/chen-si/supervisor.yaml',
      'appraisals/2026-12/finalized.yaml',
      ...['huang-ming', 'lin-ya', 'wu-ting'].flatMap((member) => {
        const peers = {
          'huang-ming': ['lin-ya', 'wu-ting'],
          'lin-ya': ['chen-si', 'wu-ting'],
          'wu-ting': ['chen-si', 'huang-ming'],
        }[member]!;
        return [
          `appraisals/2026-12/${member}/interview.yaml`,
          ...peers.map((peer) => `appraisals/2026-12/${member}/peer-${peer}.yaml`),
          `appraisals/2026-12/${member}/result.yaml`,
          `appraisals/2026-12/${member}/self.yaml`,
          `appraisals/2026-12/${member}/supervisor.yaml`,
        ];
      }),
    ]);
  });
});
