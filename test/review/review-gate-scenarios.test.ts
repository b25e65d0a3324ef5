import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakePull } from '../helpers/fake-github-server.ts';
import {
  ARTICLE,
  approve,
  articlePull,
  at,
  BASE,
  BASE_TEAM,
  baseTree,
  commit,
  COVER,
  FIGURE,
  H1,
  H2,
  outcome,
  POLICY,
  runGate,
  say,
  setUpRepository,
  sha,
  TEAM,
  TOKEN,
} from './scenario-kit.ts';

/**
 * The review gate's scenario table: each row is a pull request as GitHub would show it, run
 * through the real CLI against the fake GitHub, and judged by what the gate posted — the
 * mpflow/review status, the review labels and the sticky summary comment.
 */
interface Scenario {
  name: string;
  pull: (number: number) => FakePull;
  prepare?: (github: FakeGitHub, number: number) => void;
  status: 'success' | 'pending' | 'failure';
  description?: RegExp;
  labels: string[];
  comment?: RegExp[];
  notInComment?: RegExp[];
}

const h1 = H1.slice(0, 7);
const h2 = H2.slice(0, 7);
const pushed = (pull: FakePull): FakePull => ({
  ...pull,
  head: { sha: H2, ref: 'article/bailu-white-tea' },
  commits: [...pull.commits, commit('head-2', 'linxiao-writes', { sha: H2 })],
});

const SCENARIOS: Scenario[] = [
  {
    name: 'article with the author’s self-review and an operator’s approval on the head passes',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1} 事实、错别字、图片都核对过了`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'success',
    description: /审核完成（2 个环节，提交 [0-9a-f]{7}）/,
    labels: ['review: ready'],
    comment: [
      /\| 作者自审 \| ✅ 已完成 \| @linxiao-writes（lin-xiao） \| 文案策划 \| 2026-09-09 09:10 \| `[0-9a-f]{7}` \|/,
      /\| 运营审核 \| ✅ 已完成 \| @chenyu-ops（chen-yu） \| 运营专员 \| 2026-09-09 09:30 \|/,
    ],
  },
  {
    name: 'a new article PR waits for the self-review and says how to sign it',
    pull: (n) => articlePull(n),
    status: 'pending',
    description: /待完成：作者自审、运营审核/,
    labels: ['review: self'],
    comment: [new RegExp(`/self-review ${h1}`), /\| 作者自审 \| ⏳ 待完成 \| — \|/],
  },
  {
    name: 'self-review done, approval missing: the label moves to the operator stage',
    pull: (n) => articlePull(n, { comments: [say('linxiao-writes', `/self-review ${h1}`, 10)] }),
    status: 'pending',
    description: /待完成：运营审核/,
    labels: ['review: operator'],
  },
  {
    name: 'a self-review in Chinese (/自审) counts the same',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/自审 ${H1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'success',
    labels: ['review: ready'],
  },
  {
    name: 'a self-review of an older commit does not carry over a push',
    pull: (n) =>
      pushed(
        articlePull(n, {
          comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
          reviews: [approve('chenyu-ops', H2, 40)],
        }),
      ),
    status: 'pending',
    labels: ['review: self'],
    comment: [new RegExp(`@linxiao-writes 的自审针对的是 ${h1}，不是最新提交 ${h2}`)],
  },
  {
    name: 'a self-review that names no commit does not count',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', '/self-review', 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: self'],
    comment: [new RegExp(`没有写明提交：请写 /self-review ${h1}`)],
  },
  {
    name: 'a self-review by someone other than the author does not count',
    pull: (n) =>
      articlePull(n, {
        comments: [say('wangjia-tea', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: self'],
    comment: [/@wangjia-tea 的自审不算（作者自审）：自审只能由 PR 作者本人完成/],
  },
  {
    name: 'an edited sign-off comment does not count (an admin could have edited it)',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10, { updated_at: at(50) })],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: self'],
    comment: [/被编辑过，不算/],
  },
  {
    name: 'a ticked checklist in the PR body (edited by anyone) is not a sign-off',
    pull: (n) =>
      articlePull(n, {
        body: '## 自审清单\n- [x] 事实核对\n- [x] 错别字\n- [x] 我已完成自审',
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: self'],
  },
  {
    name: 'approval by a member who is not an operator does not count',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('wangjia-tea', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: operator'],
    comment: [/@wangjia-tea 的批准不计入运营审核：名册中不是运营专员/],
  },
  {
    name: 'an approval made before the latest push is stale',
    pull: (n) =>
      pushed(
        articlePull(n, {
          comments: [say('linxiao-writes', `/self-review ${h2}`, 50)],
          reviews: [approve('chenyu-ops', H1, 30)],
        }),
      ),
    status: 'pending',
    labels: ['review: operator'],
    comment: [new RegExp(`批准的是旧提交 ${h1}，之后又有新的推送`)],
  },
  {
    name: 'the author approving through a second account that committed to the PR does not count',
    pull: (n) =>
      articlePull(n, {
        commits: [commit('head-0', 'linxiao-writes'), commit('head-1', 'chenyu-ops', { sha: H1 })],
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: operator'],
    comment: [/@chenyu-ops 的批准不计入运营审核：在这个 PR 里提交过内容（作者、提交者或共同作者）/],
  },
  {
    name: 'an operator named as co-author in a commit trailer cannot approve',
    pull: (n) =>
      articlePull(n, {
        commits: [
          commit('head-1', 'linxiao-writes', {
            sha: H1,
            message:
              '文章：白露喝白茶\n\n按运营意见改了标题。\n\nCo-authored-by: 陈雨 <41234567+chenyu-ops@users.noreply.github.com>',
          }),
        ],
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: operator'],
    comment: [/@chenyu-ops 的批准不计入运营审核：在这个 PR 里提交过内容/],
  },
  {
    name: 'an approval from an account outside the roster does not count',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('linxiao-alt', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: operator'],
    comment: [/@linxiao-alt 的批准不计入运营审核：不在基础分支的名册中/],
  },
  {
    name: 'a roster change in the same PR granting the operator role is judged by the base roster',
    pull: (n) =>
      articlePull(n, {
        user: 'wangjia-tea',
        commits: [commit('head-1', 'wangjia-tea', { sha: H1 })],
        files: [
          { filename: ARTICLE, status: 'added' },
          { filename: TEAM, status: 'modified' },
        ],
        comments: [say('wangjia-tea', `/self-review ${h1}`, 10)],
        reviews: [approve('linxiao-writes', H1, 30)],
      }),
    prepare: (github) => {
      // The head commit's roster makes lin-xiao an operator; the gate must never read it.
      const repository = github.repositories.get('minlan-tea/wechat-dept')!;
      repository.trees.set(
        H1,
        baseTree({
          [TEAM]: BASE_TEAM.replace(
            'roles: [copywriter]\n    title: 文案策划\n    supervisor: zhou-min\n    joined: 2022-03-14',
            'roles: [copywriter, operator, head]\n    title: 文案策划\n    supervisor: zhou-min\n    joined: 2022-03-14',
          ),
        }),
      );
    },
    status: 'pending',
    description: /待完成：运营审核、主管审批/,
    labels: ['review: operator'],
    comment: [
      /@linxiao-writes 的批准不计入运营审核：名册中不是运营专员/,
      /@linxiao-writes 的批准不计入主管审批：名册中不是主管/,
    ],
  },
  {
    name: 'an approval that was dismissed does not count',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30, 'DISMISSED')],
      }),
    status: 'pending',
    labels: ['review: operator'],
  },
  {
    name: 'changes requested by the operator fail the gate',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30, 'CHANGES_REQUESTED')],
      }),
    status: 'failure',
    description: /运营审核：@chenyu-ops 要求修改/,
    labels: ['review: operator'],
    comment: [/\| 运营审核 \| ❌ 要求修改 \| @chenyu-ops（chen-yu） \|/],
  },
  {
    name: 'changes requested, fixed in a new push, self-reviewed and re-approved on the head: passes',
    pull: (n) =>
      pushed(
        articlePull(n, {
          comments: [say('linxiao-writes', `/self-review ${h1}`, 10), say('linxiao-writes', `/self-review ${h2}`, 60)],
          reviews: [approve('chenyu-ops', H1, 30, 'CHANGES_REQUESTED'), approve('chenyu-ops', H2, 70)],
        }),
      ),
    status: 'success',
    labels: ['review: ready'],
  },
  {
    name: 'changes requested still stand when someone else approves',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30, 'CHANGES_REQUESTED'), approve('zhoumin-minlan', H1, 40)],
      }),
    status: 'failure',
    labels: ['review: operator'],
  },
  {
    name: 'a dismissed "changes requested" no longer blocks',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 20, 'DISMISSED'), approve('chenyu-ops', H1, 30)],
      }),
    status: 'success',
    labels: ['review: ready'],
  },
  {
    name: 'a draft PR is pending even with every stage done',
    pull: (n) =>
      articlePull(n, {
        draft: true,
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    description: /草稿 PR/,
    labels: [],
    comment: [/这是草稿 PR/],
  },
  {
    name: 'article + images + policy needs the union: author self, designer self, operator, head',
    pull: (n) =>
      articlePull(n, {
        commits: [commit('a1', 'linxiao-writes'), commit('head-1', 'huangshan-design', { sha: H1 })],
        files: [
          { filename: ARTICLE, status: 'added' },
          { filename: COVER, status: 'added' },
          { filename: FIGURE, status: 'added' },
          { filename: POLICY, status: 'modified' },
        ],
        comments: [
          say('linxiao-writes', `/self-review ${h1}`, 10),
          say('huangshan-design', `/自审 ${h1} 封面与配图已按视觉规范核对`, 12),
        ],
        reviews: [approve('chenyu-ops', H1, 30), approve('zhoumin-minlan', H1, 45)],
      }),
    status: 'success',
    description: /审核完成（4 个环节/,
    labels: ['review: ready'],
    comment: [
      /\| 作者自审 \| ✅/,
      /\| 设计自审 \| ✅ 已完成 \| @huangshan-design（huang-shan） \| 设计师 \|/,
      /\| 运营审核 \| ✅/,
      /\| 主管审批 \| ✅ 已完成 \| @zhoumin-minlan（zhou-min） \| 主管 \|/,
    ],
  },
  {
    name: 'the same union without the head’s approval waits for it',
    pull: (n) =>
      articlePull(n, {
        commits: [commit('a1', 'linxiao-writes'), commit('head-1', 'huangshan-design', { sha: H1 })],
        files: [
          { filename: ARTICLE, status: 'added' },
          { filename: COVER, status: 'added' },
          { filename: POLICY, status: 'modified' },
        ],
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10), say('huangshan-design', `/self-review ${h1}`, 12)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    description: /待完成：主管审批/,
    labels: ['review: operator'],
  },
  {
    name: 'design self-review cannot be signed by a designer who made no commit in the PR',
    pull: (n) =>
      articlePull(n, {
        files: [
          { filename: ARTICLE, status: 'added' },
          { filename: COVER, status: 'added' },
        ],
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10), say('huangshan-design', `/self-review ${h1}`, 12)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    description: /待完成：设计自审/,
    labels: ['review: self'],
  },
  {
    name: 'a member writing their own self-assessment, finalised by HR, passes',
    pull: (n) =>
      articlePull(n, {
        title: '考核：林晓 9 月自评',
        files: [{ filename: 'appraisals/2026-09/lin-xiao/self.yaml', status: 'added' }],
        commits: [commit('head-1', 'linxiao-writes', { sha: H1, files: ['appraisals/2026-09/lin-xiao/self.yaml'] })],
        reviews: [approve('liufang-hr', H1, 30)],
      }),
    status: 'success',
    labels: ['review: ready'],
    comment: [/\| 人力定稿 \| ✅ 已完成 \| @liufang-hr（liu-fang） \| 人力资源 \|/],
  },
  {
    name: 'an appraisal PR where a member edits their own supervisor’s section fails, naming file and commit',
    pull: (n) =>
      articlePull(n, {
        title: '考核：9 月自评',
        files: [
          { filename: 'appraisals/2026-09/lin-xiao/self.yaml', status: 'added' },
          { filename: 'appraisals/2026-09/lin-xiao/supervisor.yaml', status: 'modified' },
        ],
        commits: [
          commit('self-1', 'linxiao-writes', { files: ['appraisals/2026-09/lin-xiao/self.yaml'] }),
          commit('head-1', 'linxiao-writes', { sha: H1, files: ['appraisals/2026-09/lin-xiao/supervisor.yaml'] }),
        ],
        reviews: [approve('liufang-hr', H1, 30)],
      }),
    status: 'failure',
    description: new RegExp(`考核文件作者不符：appraisals/2026-09/lin-xiao/supervisor.yaml（提交 ${h1}）`),
    labels: [],
    comment: [
      new RegExp(
        `appraisals/2026-09/lin-xiao/supervisor.yaml 只能由 zhou-min 本人填写，提交 ${h1} 的作者却是 lin-xiao（@linxiao-writes）`,
      ),
    ],
    notInComment: [/self\.yaml 只能由/],
  },
  {
    name: 'a peer assessment written by someone other than that peer fails',
    pull: (n) =>
      articlePull(n, {
        user: 'wangjia-tea',
        files: [{ filename: 'appraisals/2026-09/lin-xiao/peer-chen-yu.yaml', status: 'added' }],
        commits: [
          commit('head-1', 'wangjia-tea', { sha: H1, files: ['appraisals/2026-09/lin-xiao/peer-chen-yu.yaml'] }),
        ],
        reviews: [approve('liufang-hr', H1, 30)],
      }),
    status: 'failure',
    labels: [],
    comment: [/peer-chen-yu\.yaml 只能由 chen-yu 本人填写/],
  },
  {
    name: 'a supervisor’s assessment by the named supervisor waits for HR finalisation',
    pull: (n) =>
      articlePull(n, {
        user: 'zhoumin-minlan',
        files: [
          { filename: 'appraisals/2026-09/lin-xiao/supervisor.yaml', status: 'added' },
          { filename: 'appraisals/2026-09/lin-xiao/interview.yaml', status: 'added' },
        ],
        commits: [
          commit('head-1', 'zhoumin-minlan', {
            sha: H1,
            files: ['appraisals/2026-09/lin-xiao/supervisor.yaml', 'appraisals/2026-09/lin-xiao/interview.yaml'],
          }),
        ],
      }),
    status: 'pending',
    description: /待完成：人力定稿/,
    labels: ['review: operator'],
  },
  {
    name: 'HR cannot finalise with an approval on an older commit',
    pull: (n) =>
      pushed(
        articlePull(n, {
          user: 'zhoumin-minlan',
          files: [{ filename: 'appraisals/2026-09/lin-xiao/supervisor.yaml', status: 'added' }],
          commits: [
            commit('head-1', 'zhoumin-minlan', { sha: H1, files: ['appraisals/2026-09/lin-xiao/supervisor.yaml'] }),
          ],
          reviews: [approve('liufang-hr', H1, 30)],
        }),
      ),
    prepare: (github, n) => {
      // The push was by the supervisor too.
      const pull = github.repositories.get('minlan-tea/wechat-dept')!.pulls.get(n)!;
      pull.commits[1] = commit('head-2', 'zhoumin-minlan', {
        sha: H2,
        files: ['appraisals/2026-09/lin-xiao/supervisor.yaml'],
      });
    },
    status: 'pending',
    labels: ['review: operator'],
  },
  {
    name: 'a PR by someone outside the roster cannot self-review',
    pull: (n) =>
      articlePull(n, {
        user: 'drive-by',
        commits: [commit('head-1', 'drive-by', { sha: H1 })],
        comments: [say('drive-by', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    status: 'pending',
    labels: ['review: self'],
    comment: [/PR 作者 @drive-by 在基础分支名册中不是文案策划/, /@drive-by 的自审不算：不在基础分支的名册中/],
  },
  {
    name: 'a change to the gate’s own code needs the head’s approval (it used to need nothing)',
    pull: (n) => articlePull(n, { files: [{ filename: 'src/core/review/decide-review.ts', status: 'modified' }] }),
    status: 'pending',
    description: /待完成：主管审批/,
    labels: ['review: operator'],
  },
  {
    name: 'a file no rule names falls to the policy’s unmatched stages: the head approves it',
    pull: (n) =>
      articlePull(n, {
        files: [{ filename: 'public/robots.txt', status: 'modified' }],
        reviews: [approve('zhoumin-minlan', H1, 30)],
      }),
    status: 'success',
    labels: ['review: ready'],
    comment: [
      /另有 1 个文件不在任何审核规则内，按制度（review\.unmatched）需要：主管审批。/,
      /\| 主管审批 \| ✅ 已完成 \| @zhoumin-minlan（zhou-min） \| 主管 \|/,
    ],
  },
  {
    name: 'a sign-off on the third page of comments is found (pagination)',
    pull: (n) =>
      articlePull(n, {
        comments: [
          ...Array.from({ length: 120 }, (_, index) =>
            say('chenyu-ops', `第 ${index + 1} 条修改意见：这里的“岩韵”再解释一句。`, index),
          ),
          say('linxiao-writes', `/self-review ${h1}`, 200),
        ],
        reviews: [approve('chenyu-ops', H1, 210)],
      }),
    status: 'success',
    labels: ['review: ready'],
  },
  {
    name: 'a rate limit on reading the PR is waited out',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    prepare: (github, n) => github.rateLimit(new RegExp(`/pulls/${n}$`), { times: 1 }),
    status: 'success',
    labels: ['review: ready'],
  },
  {
    name: 'a 429 secondary rate limit on posting the status is waited out',
    pull: (n) => articlePull(n, { comments: [say('linxiao-writes', `/self-review ${h1}`, 10)] }),
    prepare: (github) => github.secondaryRateLimit(/\/statuses\//, { times: 1, retryAfterSeconds: 3 }),
    status: 'pending',
    labels: ['review: operator'],
  },
  {
    name: 'two 502s on the reviews list are retried',
    pull: (n) =>
      articlePull(n, {
        comments: [say('linxiao-writes', `/self-review ${h1}`, 10)],
        reviews: [approve('chenyu-ops', H1, 30)],
      }),
    prepare: (github, n) =>
      github.fail({
        path: new RegExp(`/pulls/${n}/reviews$`),
        status: 502,
        times: 2,
        body: { message: 'Server Error' },
      }),
    status: 'success',
    labels: ['review: ready'],
  },
];

describe('review gate scenarios against a fake GitHub', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub({ token: TOKEN, maxPerPage: 50 });
  });
  afterAll(async () => {
    await github?.close();
  });

  it('has at least 25 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
  });

  SCENARIOS.forEach((scenario, index) => {
    it(scenario.name, async () => {
      const number = 100 + index;
      const repository = setUpRepository(github, [scenario.pull(number)]);
      scenario.prepare?.(github, number);
      const run = await runGate(github, ['--pr', String(number)]);
      expect(run.stderr.replace(/^mpflow: GitHub (primary|secondary) rate limit.*\n/gm, '')).toBe('');
      expect(run.exitCode).toBe(0);
      const result = outcome(repository, number);
      expect(result.status?.state).toBe(scenario.status);
      if (scenario.description) expect(result.status?.description).toMatch(scenario.description);
      expect(result.status!.description!.length).toBeLessThanOrEqual(140);
      expect(result.labels).toEqual([...scenario.labels].sort());
      expect(result.stickyCount).toBe(1);
      for (const pattern of scenario.comment ?? []) expect(result.sticky).toMatch(pattern);
      for (const pattern of scenario.notInComment ?? []) expect(result.sticky).not.toMatch(pattern);
      // Roles come from the base commit only.
      const contentReads = github.calls.filter((call) => call.path.includes('/contents/'));
      expect(contentReads.every((call) => call.query.ref === BASE)).toBe(true);
    });
  });

  it('waits out the rate limit and says so, then retries the same request', async () => {
    const waited = github.calls.filter((call) => /\/pulls\/\d+$/.test(call.path) && call.status === 403);
    expect(waited.length).toBeGreaterThan(0);
    const secondary = github.calls.filter((call) => call.path.includes('/statuses/') && call.status === 403);
    expect(secondary).toHaveLength(1);
  });

  it('reads a roster change from the base commit, never from the PR head', async () => {
    const teamReads = github.calls.filter((call) => call.path.endsWith('/contents/content/team.yaml'));
    expect(teamReads.length).toBeGreaterThan(0);
    expect(teamReads.some((call) => call.query.ref === H1 || call.query.ref === sha('head-2'))).toBe(false);
  });
});
