import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBaseContext } from '../../src/core/review/base-context.ts';
import { decideReview } from '../../src/core/review/decide-review.ts';
import { renderStickyComment } from '../../src/core/review/present-decision.ts';
import type {
  BaseContext,
  PullRequestCommit,
  PullRequestReview,
  ReviewInput,
} from '../../src/core/review/review-input.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github-server.ts';
import {
  approve,
  ARTICLE,
  articlePull,
  BASE,
  BASE_POLICY,
  BASE_TEAM,
  H1,
  NOW,
  outcome,
  POLICY,
  runGate,
  say,
  setUpRepository,
  TEAM,
} from './scenario-kit.ts';

/**
 * The review gate's open cases (issue 13), each decided fail-closed. README "Review gate" lists
 * them in prose. Roster: the sample department (周敏 head, 陈雨 the only operator, 林晓 and 王佳
 * copywriters, 黄珊 designer, 刘芳 HR).
 */
const parsed = readBaseContext({ file: TEAM, text: BASE_TEAM }, [{ file: POLICY, text: BASE_POLICY }], NOW);
if (!parsed.ok) throw new Error('the sample roster and policy should be valid');
const base = parsed;

let nextId = 1;
const writer = (sha: string, extra: Partial<PullRequestCommit> = {}): PullRequestCommit => ({
  sha,
  authorLogin: 'linxiao-writes',
  committerLogin: 'linxiao-writes',
  authorName: '林晓',
  authorEmail: 'linxiao@minlan-tea.example',
  ...extra,
});
const review = (user: string, state: PullRequestReview['state'], on: string, at: string): PullRequestReview => ({
  id: nextId++,
  user,
  state,
  commitId: on,
  submittedAt: at,
});
const signed = [
  {
    id: 900,
    user: 'linxiao-writes',
    userType: 'User',
    body: `/self-review ${H1.slice(0, 7)}`,
    createdAt: '2026-09-09T02:00:00Z',
    edited: false,
  },
];
const operatorApproves = [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')];

function input(changes: Partial<ReviewInput['pullRequest']> = {}, rest: Partial<ReviewInput> = {}): ReviewInput {
  return {
    pullRequest: {
      number: 13,
      title: '文章：白露喝白茶',
      author: 'linxiao-writes',
      draft: false,
      headSha: H1,
      baseSha: BASE,
      createdAt: '2026-09-09T01:00:00Z',
      commits: [writer(H1)],
      files: [{ path: ARTICLE, status: 'added' }],
      state: 'open',
      merged: false,
      ...changes,
    },
    reviews: [],
    comments: signed,
    base,
    ...rest,
  };
}
const stage = (decision: ReturnType<typeof decideReview>, id: string) =>
  decision.stages.find((candidate) => candidate.id === id)!;
const withRoster = (
  change: (member: (typeof base.roster.members)[number]) => (typeof base.roster.members)[number],
): BaseContext => ({ ...base, roster: { ...base.roster, members: base.roster.members.map(change) } });

describe('an appraisal file is written by its rightful writer: PR author, commit author and committer', () => {
  const SELF = 'appraisals/2026-09/lin-xiao/self.yaml';
  const appraisal = (commits: PullRequestCommit[], author = 'linxiao-writes', policy?: BaseContext) =>
    decideReview(
      input(
        {
          author,
          files: [{ path: SELF, status: 'added' }],
          commits: commits.map((commit) => ({ ...commit, files: [SELF] })),
        },
        policy ? { base: policy } : {},
      ),
    );

  it('all three the writer: no violation', () => {
    expect(appraisal([writer(H1)]).violations).toEqual([]);
  });

  it('an encrypted appraisal file (.yaml.age) has the same rightful writer', () => {
    const AGE = 'appraisals/2026-09/lin-xiao/self.yaml.age';
    const decision = decideReview(
      input({
        author: 'wangjia-tea',
        files: [{ path: AGE, status: 'modified' }],
        commits: [
          {
            ...writer(H1, { authorLogin: 'wangjia-tea', committerLogin: 'wangjia-tea', authorName: '王佳' }),
            files: [AGE],
          },
        ],
      }),
    );
    expect(decision.verdict).toBe('failure');
    expect(decision.violations.map((violation) => violation.file)).toEqual([AGE, AGE]);
  });

  it('a commit with 林晓 as author but 王佳 as committer is 王佳’s (git lets anyone write the author e-mail)', () => {
    const decision = appraisal([writer(H1, { committerLogin: 'wangjia-tea' })]);
    expect(decision.verdict).toBe('failure');
    expect(decision.violations.map((violation) => violation.message.en)).toEqual([
      `${SELF} may be written only by lin-xiao, but commit ${H1.slice(0, 7)} was committed by wang-jia (@wangjia-tea) (anyone can write an author e-mail; the committer must be them too).`,
    ]);
  });

  it('a pull request opened by someone else fails even when every commit names the writer', () => {
    const decision = appraisal([writer(H1)], 'wangjia-tea');
    expect(decision.violations.map((violation) => violation.message.zh)).toEqual([
      `${SELF} 只能由 lin-xiao 本人填写并由本人发起 PR，这个 PR 却是 wang-jia（@wangjia-tea）发起的。`,
    ]);
  });

  it('an edit in GitHub’s web interface (committer web-flow) counts only when GitHub signed it', () => {
    expect(
      appraisal([writer(H1, { committerLogin: 'web-flow', committerName: 'GitHub', verified: true })]).violations,
    ).toEqual([]);
    expect(
      appraisal([writer(H1, { committerLogin: 'web-flow', committerName: 'GitHub', verified: false })]).violations,
    ).toHaveLength(1);
  });

  it('with review.requireVerifiedCommits, an unsigned commit by the writer fails and a verified one passes', () => {
    // The option as a department writes it, through the same parser, schema and checks as the gate.
    const strictText = BASE_POLICY.replace(/^review:\n/m, 'review:\n  requireVerifiedCommits: true\n');
    expect(strictText).not.toBe(BASE_POLICY);
    const parsedStrict = readBaseContext({ file: TEAM, text: BASE_TEAM }, [{ file: POLICY, text: strictText }], NOW);
    if (!parsedStrict.ok) throw new Error(parsedStrict.problems.map((problem) => problem.en).join('\n'));
    const strict: BaseContext = parsedStrict;
    expect(strict.ok && strict.policy.review.requireVerifiedCommits).toBe(true);
    const unsigned = appraisal([writer(H1)], 'linxiao-writes', strict);
    expect(unsigned.violations.map((violation) => violation.message.en)).toEqual([
      `${SELF}: the policy requires appraisal commits to carry a signature GitHub verified (review.requireVerifiedCommits), and commit ${H1.slice(0, 7)} does not.`,
    ]);
    expect(appraisal([writer(H1, { verified: true })], 'linxiao-writes', strict).violations).toEqual([]);
    // Without the option an unsigned commit is fine.
    expect(appraisal([writer(H1)]).violations).toEqual([]);
  });
});

describe('commits that name a member', () => {
  it('an account outside the roster committing under 陈雨’s name makes it 陈雨’s work: her approval does not count', () => {
    for (const named of [
      { authorName: '陈雨', authorEmail: 'x@outside.example' },
      { authorName: 'Yu', authorEmail: '1234+chenyu-ops@users.noreply.github.com' },
    ]) {
      const decision = decideReview(
        input(
          {
            commits: [
              writer('a'.repeat(40)),
              { sha: H1, authorLogin: 'stranger-99', committerLogin: 'stranger-99', ...named },
            ],
          },
          { reviews: operatorApproves },
        ),
      );
      expect(stage(decision, 'operator-approval').state, named.authorName).toBe('pending');
      expect(
        stage(decision, 'operator-approval')
          .notes.map((note) => note.en)
          .join('\n'),
      ).toContain('committed to this PR (as author, committer or co-author)');
      expect(decision.verdict).toBe('pending');
    }
    // Negative: a different name leaves 陈雨 free to approve.
    const other = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            {
              sha: H1,
              authorLogin: 'stranger-99',
              committerLogin: 'stranger-99',
              authorName: '陈宇',
              authorEmail: 'x@outside.example',
            },
          ],
        },
        { reviews: operatorApproves },
      ),
    );
    expect(other.verdict).toBe('success');
  });

  it('a Co-authored-by trailer that matches nobody holds every approval back, as an unlinked commit does', () => {
    const decision = decideReview(
      input(
        { commits: [writer(H1, { coAuthors: ['Mystery Helper <helper@somewhere.example>'] })] },
        { reviews: operatorApproves },
      ),
    );
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    expect(stage(decision, 'operator-approval').notes.map((note) => note.en)).toEqual([
      `The co-author (Co-authored-by) \` Mystery Helper <helper@somewhere.example> \` of commit ${H1.slice(0, 7)} matches nobody in the roster: no approver can be cleared of being them, so approvals do not count yet. Write the co-author's roster name or GitHub no-reply address, or remove the trailer.`,
    ]);
    // Negative: a trailer naming a member bars only that member; another holder's approval would count.
    const named = decideReview(
      input(
        { commits: [writer(H1, { coAuthors: ['黄珊 <huangshan@minlan-tea.example>'] })] },
        { reviews: operatorApproves },
      ),
    );
    expect(named.verdict).toBe('success');
  });
});

describe('change requests', () => {
  it('the head’s change request blocks the operator stage although the operator approved, until it is dismissed', () => {
    const reviews = [...operatorApproves, review('zhoumin-minlan', 'CHANGES_REQUESTED', H1, '2026-09-09T06:00:00Z')];
    const blocked = decideReview(input({}, { reviews }));
    expect(blocked.verdict).toBe('failure');
    expect(stage(blocked, 'operator-approval')).toMatchObject({
      state: 'rejected',
      rejectedBy: { login: 'zhoumin-minlan', member: 'zhou-min', role: 'head' },
    });
    expect(renderStickyComment(blocked, 'zh-CN')).toContain(
      '| 运营审核 | ❌ 要求修改 | @zhoumin-minlan（zhou-min） | 主管 |',
    );
    // Dismissed (GitHub turns its state to DISMISSED): the operator's approval stands.
    const dismissed = decideReview(
      input({}, { reviews: [operatorApproves[0]!, { ...reviews[1]!, state: 'DISMISSED' }] }),
    );
    expect(dismissed.verdict).toBe('success');
    // Or the head approves afterwards.
    const approved = decideReview(
      input({}, { reviews: [...reviews, review('zhoumin-minlan', 'APPROVED', H1, '2026-09-09T07:00:00Z')] }),
    );
    expect(approved.verdict).toBe('success');
  });

  it('every standing change request is shown, not only the first', () => {
    const reviews = [
      review('chenyu-ops', 'CHANGES_REQUESTED', H1, '2026-09-09T05:00:00Z'),
      review('zhoumin-minlan', 'CHANGES_REQUESTED', H1, '2026-09-09T06:00:00Z'),
    ];
    const decision = decideReview(input({}, { reviews }));
    expect(stage(decision, 'operator-approval').rejectedBy?.login).toBe('chenyu-ops');
    expect(stage(decision, 'operator-approval').notes.map((note) => note.en)).toContain(
      '@zhoumin-minlan (head) requested changes too: it cannot pass until they approve or the request is dismissed.',
    );
  });

  it('a change request by someone holding no role of the stage does not block (negative)', () => {
    const decision = decideReview(
      input(
        {},
        { reviews: [...operatorApproves, review('zhenghao-cs', 'CHANGES_REQUESTED', H1, '2026-09-09T06:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('success');
  });
});

describe('who holds a review right on the base date', () => {
  it('a member whose joined date is after the base date holds none yet; the head stands in and the note says why', () => {
    const later = withRoster((member) => (member.id === 'chen-yu' ? { ...member, joined: '2026-10-01' } : member));
    const decision = decideReview(input({}, { base: later, reviews: operatorApproves }));
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    expect(stage(decision, 'operator-approval').notes.map((note) => note.en)).toEqual([
      "@chenyu-ops's approval does not count for Operator approval: not in the base roster (or has left, or not yet joined).",
      'The roster has no current operator (they have left or not yet joined), so a head may approve in their stead.',
    ]);
    // Negative: joined on the base date itself counts.
    const today = withRoster((member) => (member.id === 'chen-yu' ? { ...member, joined: base.asOf } : member));
    expect(decideReview(input({}, { base: today, reviews: operatorApproves })).verdict).toBe('success');
  });

  it('English wording: "not an operator", and "an HR"', () => {
    const decision = decideReview(
      input({}, { reviews: [review('wangjia-tea', 'APPROVED', H1, '2026-09-09T05:00:00Z')] }),
    );
    expect(stage(decision, 'operator-approval').notes.map((note) => note.en)).toContain(
      "@wangjia-tea's approval does not count for Operator approval: not an operator in the roster.",
    );
    expect(JSON.stringify(decision)).not.toMatch(/\ba operator\b/);
  });
});

describe('pull requests with nothing to judge', () => {
  it('no changed files passes no stage', () => {
    const decision = decideReview(input({ files: [], changedFileCount: 0 }, { reviews: operatorApproves }));
    expect(decision).toMatchObject({ verdict: 'failure', stages: [], label: null });
    expect(decision.description.en).toBe('No changed files: it cannot pass');
  });

  it('a closed, unmerged pull request gets no success; a merged one is judged as usual', () => {
    const closed = decideReview(input({ state: 'closed', merged: false }, { reviews: operatorApproves }));
    expect(closed.verdict).toBe('failure');
    expect(closed.problems.map((problem) => problem.en)).toEqual([
      'This pull request was closed without being merged: it gets no success.',
    ]);
    expect(decideReview(input({ state: 'closed', merged: true }, { reviews: operatorApproves })).verdict).toBe(
      'success',
    );
  });
});

describe('the summary comment', () => {
  const hostile =
    '[点我](https://evil.example/x) ![t](https://evil.example/t.png) @zhoumin-minlan <img src=x onerror=alert(1)> `code`';
  it('shows commit names as inline code: no links, images, HTML or @mentions from a commit', () => {
    const decision = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            { sha: H1, authorLogin: null, committerLogin: null, authorName: hostile, authorEmail: 'x@evil.example' },
          ],
        },
        { reviews: operatorApproves },
      ),
    );
    const body = renderStickyComment(decision, 'zh-CN');
    expect(body).toContain(`\`\` ${hostile} <x@evil.example> \`\``);
    // Outside code spans nothing of the name is left.
    const outside = body.replace(/(`+) [\s\S]*? \1/g, '');
    expect(outside).not.toContain('evil.example');
    expect(outside).not.toContain('@zhoumin-minlan');
    expect(outside).not.toContain('<img');
  });

  it('an approval GitHub recorded with no commit (commit_id null) is worded as such', () => {
    const decision = decideReview(
      input({}, { reviews: [review('chenyu-ops', 'APPROVED', '', '2026-09-09T05:00:00Z')] }),
    );
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    expect(stage(decision, 'operator-approval').notes.map((note) => note.en)).toEqual([
      "@chenyu-ops's approval does not count for Operator approval: GitHub recorded no commit for this approval (its commit_id is null), so it cannot count for the latest commit; approve again.",
    ]);
    const rejected = decideReview(
      input({}, { reviews: [review('chenyu-ops', 'CHANGES_REQUESTED', '', '2026-09-09T05:00:00Z')] }),
    );
    expect(renderStickyComment(rejected, 'en')).toContain(
      '| ❌ changes requested | @chenyu-ops (chen-yu) | operator | 2026-09-09 13:00 | (no commit recorded) |',
    );
    expect(renderStickyComment(rejected, 'en')).not.toContain('``');
  });
});

describe('posting the verdict (fake GitHub)', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub({ token: 'ghs_FAKEtoken0123456789abcdefSECRET' });
  });
  afterAll(async () => {
    await github?.close();
  });
  beforeEach(() => {
    github.calls.length = 0;
  });
  const ready = (number: number) =>
    articlePull(number, {
      comments: [say('linxiao-writes', `/self-review ${H1.slice(0, 7)}`, 10)],
      reviews: [approve('chenyu-ops', H1, 30)],
    });

  it('--verdict check-run posts a completed check run named mpflow/review, with the summary, and no status', async () => {
    const repository = setUpRepository(github, [ready(31)]);
    const run = await runGate(github, ['--pr', '31', '--verdict', 'check-run']);
    expect(run.exitCode, run.stderr).toBe(0);
    const runs = repository.checkRuns.get(H1) ?? [];
    expect(runs.map((entry) => ({ name: entry.name, status: entry.status, conclusion: entry.conclusion }))).toEqual([
      { name: 'mpflow/review', status: 'completed', conclusion: 'success' },
    ]);
    expect(runs[0]!.output?.summary).toContain('| 运营审核 | ✅ 已完成 | @chenyu-ops（chen-yu）');
    expect(outcome(repository, 31).statusCount).toBe(0);
    // Waiting is a check in progress, which blocks a merge that requires it.
    repository.pulls.get(31)!.reviews = [];
    await runGate(github, ['--pr', '31', '--verdict', 'check-run']);
    expect(repository.checkRuns.get(H1)!.at(-1)).toMatchObject({ status: 'in_progress', conclusion: null });
    const usage = await runGate(github, ['--pr', '31', '--verdict', 'both']);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--verdict 应为 check-run 或 status');
  });

  it('when the success cannot be posted, the label and comment do not claim it and the run fails', async () => {
    const repository = setUpRepository(github, [ready(32)]);
    repository.pulls.get(32)!.labels = ['review: operator'];
    github.fail({
      method: 'POST',
      path: /\/statuses\//,
      status: 422,
      times: 1,
      body: { message: 'Validation Failed' },
    });
    const run = await runGate(github, ['--pr', '32']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('PR #32 的审核结论（mpflow/review）没能发布');
    const after = outcome(repository, 32);
    expect(after.statusCount).toBe(0);
    expect(after.labels).toEqual([]);
    expect(after.sticky).toContain('❌');
    expect(after.sticky).toContain('审核结论（mpflow/review 状态）没能发布到 GitHub');
    expect(after.sticky).not.toContain('✅ 审核完成');
    // The next evaluation posts it and everything says ready.
    const again = await runGate(github, ['--pr', '32']);
    expect(again.exitCode).toBe(0);
    expect(outcome(repository, 32)).toMatchObject({
      labels: ['review: ready'],
      status: { state: 'success' },
      stickyCount: 1,
    });
  });
});
