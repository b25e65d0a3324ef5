import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendReviewRecord, buildReviewRecord, readReviewAuditLog } from '../../src/core/review/audit-log.ts';
import { readBaseContext } from '../../src/core/review/base-context.ts';
import { decideReview } from '../../src/core/review/decide-review.ts';
import { renderStickyComment } from '../../src/core/review/present-decision.ts';
import type {
  PullRequestComment,
  PullRequestCommit,
  PullRequestReview,
  ReviewInput,
} from '../../src/core/review/review-input.ts';
import { ARTICLE, BASE, BASE_POLICY, BASE_TEAM, H1, H2, NOW, POLICY, TEAM } from './scenario-kit.ts';

/**
 * Attempts to get a false "success" out of the decision, found in review. Each case failed (the
 * gate passed or failed the wrong way) before its fix.
 */
const base = readBaseContext({ file: TEAM, text: BASE_TEAM }, [{ file: POLICY, text: BASE_POLICY }], NOW);
if (!base.ok) throw new Error('the sample roster and policy should be valid');

const writer = (sha: string, extra: Partial<PullRequestCommit> = {}): PullRequestCommit => ({
  sha,
  authorLogin: 'linxiao-writes',
  committerLogin: 'linxiao-writes',
  authorName: '林晓',
  ...extra,
});
let nextId = 1;
const comment = (
  user: string,
  body: string,
  at: string,
  extra: Partial<PullRequestComment> = {},
): PullRequestComment => ({ id: nextId++, user, userType: 'User', body, createdAt: at, edited: false, ...extra });
const review = (user: string, state: PullRequestReview['state'], on: string, at: string): PullRequestReview => ({
  id: nextId++,
  user,
  state,
  commitId: on,
  submittedAt: at,
});

function input(changes: Partial<ReviewInput['pullRequest']> = {}, rest: Partial<ReviewInput> = {}): ReviewInput {
  return {
    pullRequest: {
      number: 7,
      title: '文章：白露喝白茶',
      author: 'linxiao-writes',
      draft: false,
      headSha: H1,
      baseSha: BASE,
      createdAt: '2026-09-09T01:00:00Z',
      commits: [writer(H1)],
      files: [{ path: ARTICLE, status: 'added' }],
      ...changes,
    },
    reviews: [],
    comments: [],
    base,
    ...rest,
  };
}
const signed = [comment('linxiao-writes', `/self-review ${H1.slice(0, 7)}`, '2026-09-09T02:00:00Z')];
const stage = (decision: ReturnType<typeof decideReview>, id: string) =>
  decision.stages.find((candidate) => candidate.id === id)!;

describe('commits GitHub links to no account', () => {
  it('an operator who committed under an unlinked e-mail, with her roster name, cannot approve', () => {
    const decision = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            {
              sha: H1,
              authorLogin: null,
              committerLogin: null,
              authorName: '陈雨',
              authorEmail: 'chenyu@home.example',
            },
          ],
        },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    expect(
      stage(decision, 'operator-approval')
        .notes.map((note) => note.zh)
        .join('\n'),
    ).toContain('在这个 PR 里提交过内容');
    expect(decision.verdict).toBe('pending');
  });

  it('an operator who commits unlinked under the WRITER’s name is not cleared by the name match', () => {
    const decision = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            {
              sha: H1,
              authorLogin: null,
              committerLogin: null,
              authorName: '林晓',
              authorEmail: 'someone@laptop.local',
            },
          ],
        },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    expect(decision.verdict).toBe('pending');
  });

  it('a commit that matches nobody in the roster holds every approval back, and says how to fix it', () => {
    const decision = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            { sha: H1, authorLogin: null, committerLogin: null, authorName: 'Yu C.', authorEmail: 'yu@laptop.local' },
          ],
        },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    const approval = stage(decision, 'operator-approval');
    expect(approval.state).toBe('pending');
    expect(approval.doneBy).toBeUndefined();
    expect(approval.notes.map((note) => note.zh).join('\n')).toMatch(
      new RegExp(
        `提交 ${H1.slice(0, 7)}.*\` Yu C. <yu@laptop.local> \` 没有关联 GitHub 账号.*添加到自己的 GitHub 账号.*git commit --amend --reset-author`,
      ),
    );
    expect(decision.verdict).toBe('pending');
  });

  it('a linked author with an unlinked committer (someone rebased it) is not cleared either', () => {
    const decision = decideReview(
      input(
        { commits: [writer(H1, { committerLogin: null, committerName: 'ops', committerEmail: 'ops@build.local' })] },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('pending');
  });
});

describe('GitHub logins are case-insensitive', () => {
  it('a commit by CHENYU-OPS bars the approval of chenyu-ops, and ChenYu-Ops approving counts elsewhere', () => {
    const barred = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            { sha: H1, authorLogin: 'CHENYU-OPS', committerLogin: 'CHENYU-OPS', authorName: 'c' },
          ],
        },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(barred.verdict).toBe('pending');
    const counted = decideReview(
      input(
        {},
        { comments: signed, reviews: [review('ChenYu-Ops', 'APPROVED', H1.toUpperCase(), '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(counted.verdict).toBe('success');
  });

  it('a bot comment carrying the author’s sign-off line never counts', () => {
    const decision = decideReview(
      input(
        {},
        {
          comments: [comment('linxiao-writes', `/self-review ${H1}`, '2026-09-09T02:00:00Z', { userType: 'Bot' })],
          reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')],
        },
      ),
    );
    expect(stage(decision, 'author-self-review').state).toBe('pending');
  });
});

describe('a sign-off must name the head commit unambiguously', () => {
  // The base commit and the head share their first 7 hex digits (a collision anyone can grind for).
  const head = `abcdef1${'2'.repeat(33)}`;
  const baseSha = `abcdef1${'9'.repeat(33)}`;
  it('a 7-digit prefix that also fits the base does not count; a longer one does', () => {
    const ambiguous = decideReview(
      input(
        { headSha: head, baseSha, commits: [writer(head)] },
        { comments: [comment('linxiao-writes', '/self-review abcdef1', '2026-09-09T02:00:00Z')] },
      ),
    );
    expect(stage(ambiguous, 'author-self-review').state).toBe('pending');
    expect(
      stage(ambiguous, 'author-self-review')
        .notes.map((note) => note.en)
        .join('\n'),
    ).toContain('also fits another commit of this PR or the base');
    const exact = decideReview(
      input(
        { headSha: head, baseSha, commits: [writer(head)] },
        { comments: [comment('linxiao-writes', '/self-review abcdef122', '2026-09-09T02:00:00Z')] },
      ),
    );
    expect(stage(exact, 'author-self-review').state).toBe('done');
  });

  it('nor one that fits an earlier commit of the PR, which is what the author signed before the push', () => {
    const earlier = `abcdef1${'3'.repeat(33)}`;
    const decision = decideReview(
      input(
        { headSha: head, commits: [writer(earlier), writer(head)] },
        { comments: [comment('linxiao-writes', '/self-review abcdef1', '2026-09-09T02:00:00Z')] },
      ),
    );
    expect(stage(decision, 'author-self-review').state).toBe('pending');
  });
});

describe('changes requested, then approved, then a push', () => {
  it('is waiting for a new approval, not failed: the request was answered', () => {
    const decision = decideReview(
      input(
        { headSha: H2, commits: [writer(H1), writer(H2)] },
        {
          comments: [comment('linxiao-writes', `/self-review ${H2.slice(0, 7)}`, '2026-09-09T07:00:00Z')],
          reviews: [
            review('chenyu-ops', 'CHANGES_REQUESTED', H1, '2026-09-09T03:00:00Z'),
            review('chenyu-ops', 'APPROVED', H1, '2026-09-09T04:00:00Z'),
          ],
        },
      ),
    );
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    expect(decision.verdict).toBe('pending');
  });

  it('a request made after an approval of the same commit still fails the gate', () => {
    const decision = decideReview(
      input(
        {},
        {
          comments: signed,
          reviews: [
            review('chenyu-ops', 'APPROVED', H1, '2026-09-09T03:00:00Z'),
            review('chenyu-ops', 'CHANGES_REQUESTED', H1, '2026-09-09T04:00:00Z'),
          ],
        },
      ),
    );
    expect(decision.verdict).toBe('failure');
  });
});

describe('the head stands in for the only operator', () => {
  const topic = { path: 'content/topics/T-2026-031.yaml', status: 'added' };
  it('chen-yu’s own topic PR is approved by the head, shown and recorded in the head’s role', async () => {
    const decision = decideReview(
      input(
        {
          author: 'chenyu-ops',
          commits: [{ sha: H1, authorLogin: 'chenyu-ops', committerLogin: 'chenyu-ops', authorName: '陈雨' }],
          files: [topic],
        },
        { reviews: [review('zhoumin-minlan', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('success');
    expect(stage(decision, 'operator-approval').doneBy).toMatchObject({
      login: 'zhoumin-minlan',
      member: 'zhou-min',
      role: 'head',
    });
    expect(renderStickyComment(decision, 'zh-CN')).toMatch(
      /\| 运营审核 \| ✅ 已完成 \| @zhoumin-minlan（zhou-min） \| 主管 \|/,
    );
    const record = buildReviewRecord(7, decision, {
      repository: 'o/r',
      title: 't',
      author: 'chenyu-ops',
      createdAt: '2026-09-09T01:00:00Z',
      mergedAt: '2026-09-09T06:00:00Z',
      mergedBy: 'zhoumin-minlan',
      files: [topic.path],
      checks: [],
    });
    expect(record.stages[0]).toMatchObject({
      id: 'operator-approval',
      actor: 'zhoumin-minlan',
      role: 'operator',
      actorRole: 'head',
    });
    const root = await mkdtemp(path.join(tmpdir(), 'mpflow-standin-'));
    try {
      await appendReviewRecord(root, record, 'Asia/Shanghai');
      expect((await readReviewAuditLog(root))[0]!.stages[0]).toMatchObject({ role: 'operator', actorRole: 'head' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('without a stand-in approval her own PR waits, and the comment says the head may approve', () => {
    const decision = decideReview(
      input({
        author: 'chenyu-ops',
        commits: [{ sha: H1, authorLogin: 'chenyu-ops', committerLogin: 'chenyu-ops', authorName: '陈雨' }],
        files: [topic],
      }),
    );
    expect(decision.verdict).toBe('pending');
    expect(renderStickyComment(decision, 'zh-CN')).toContain(
      '名册中没有可以审批的运营专员（都参与了这个 PR），可由主管代为审批。',
    );
  });

  it('chen-yu’s own ARTICLE: she signs the author self-review herself (operator stands in for copywriter), the head approves', () => {
    const own = {
      author: 'chenyu-ops',
      commits: [{ sha: H1, authorLogin: 'chenyu-ops', committerLogin: 'chenyu-ops', authorName: '陈雨' }],
    };
    const decision = decideReview(
      input(own, {
        comments: [comment('chenyu-ops', `/self-review ${H1.slice(0, 7)}`, '2026-09-09T02:00:00Z')],
        reviews: [review('zhoumin-minlan', 'APPROVED', H1, '2026-09-09T05:00:00Z')],
      }),
    );
    expect(decision.verdict).toBe('success');
    expect(stage(decision, 'author-self-review').doneBy).toMatchObject({ login: 'chenyu-ops', role: 'operator' });
    expect(stage(decision, 'operator-approval').doneBy).toMatchObject({ login: 'zhoumin-minlan', role: 'head' });
  });

  it('a stand-in role signs only its holder’s OWN pull request: the operator cannot self-review a writer’s article', () => {
    const decision = decideReview(
      input({}, { comments: [comment('chenyu-ops', `/self-review ${H1.slice(0, 7)}`, '2026-09-09T02:00:00Z')] }),
    );
    expect(stage(decision, 'author-self-review').state).toBe('pending');
    expect(stage(decision, 'author-self-review').notes.map((note) => note.zh)).toContain(
      '@chenyu-ops 的自审不算（作者自审）：名册中不是文案策划。',
    );
  });

  it('a writer’s article is not the head’s to approve while the operator is free to', () => {
    const decision = decideReview(
      input({}, { comments: signed, reviews: [review('zhoumin-minlan', 'APPROVED', H1, '2026-09-09T05:00:00Z')] }),
    );
    expect(decision.verdict).toBe('pending');
    expect(stage(decision, 'operator-approval').notes.map((note) => note.zh)).toContain(
      '@zhoumin-minlan 的批准不计入运营审核：只有在没有可以审批的运营专员时才能代为审批，而名册中有。',
    );
  });

  it('changes requested by the head while standing in block like the operator’s', () => {
    const decision = decideReview(
      input(
        {
          author: 'chenyu-ops',
          commits: [{ sha: H1, authorLogin: 'chenyu-ops', committerLogin: 'chenyu-ops', authorName: '陈雨' }],
          files: [topic],
        },
        { reviews: [review('zhoumin-minlan', 'CHANGES_REQUESTED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('failure');
  });

  it('the head who co-wrote the PR cannot stand in either', () => {
    const decision = decideReview(
      input(
        {
          author: 'chenyu-ops',
          commits: [
            {
              sha: H1,
              authorLogin: 'chenyu-ops',
              committerLogin: 'chenyu-ops',
              authorName: '陈雨',
              coAuthors: ['周敏 <zm@minlan-tea.example>'],
            },
          ],
          files: [topic],
        },
        { reviews: [review('zhoumin-minlan', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('pending');
  });
});

describe('what the gate cannot see, it does not pass', () => {
  it('more commits than GitHub lists (250) fail the gate, even with every stage done', () => {
    const decision = decideReview(
      input(
        { commitCount: 251 },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('failure');
    expect(decision.problems.map((problem) => problem.zh).join('\n')).toContain(
      '这个 PR 有 251 个提交，GitHub 只列出了 1 个',
    );
  });

  it('more files than GitHub lists (3000) fail the gate', () => {
    const decision = decideReview(
      input(
        { changedFileCount: 3001 },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(decision.verdict).toBe('failure');
    expect(renderStickyComment(decision, 'en')).toContain('changes 3001 files but GitHub lists only 1');
  });

  it('a base policy whose `unmatched` names an undefined stage fails closed', () => {
    if (!base.ok) return;
    const policy = { ...base.policy, review: { ...base.policy.review, unmatched: ['nobody-approval'] } };
    const decision = decideReview(
      input({ files: [{ path: 'README.md', status: 'modified' }] }, { base: { ...base, policy } }),
    );
    expect(decision.verdict).toBe('failure');
    expect(decision.problems[0]!.en).toContain('nobody-approval');
  });
});

describe('judged acceptable (documented, not defects)', () => {
  it('a force-push back to a commit approved earlier passes again: the same SHA is the same content and history', () => {
    const decision = decideReview(
      input(
        {},
        {
          comments: [
            comment('linxiao-writes', `/self-review ${H1.slice(0, 7)}`, '2026-09-09T02:00:00Z'),
            comment('linxiao-writes', `/self-review ${H2.slice(0, 7)}`, '2026-09-09T03:00:00Z'),
          ],
          reviews: [
            review('chenyu-ops', 'APPROVED', H1, '2026-09-09T02:30:00Z'),
            review('chenyu-ops', 'APPROVED', H2, '2026-09-09T03:30:00Z'),
          ],
        },
      ),
    );
    expect(decision.verdict).toBe('success');
    expect(stage(decision, 'operator-approval').doneBy?.sha).toBe(H1);
  });

  it('an operator whose only commit is a merge from main ("Update branch") is still barred: a merge can carry any change', () => {
    const decision = decideReview(
      input(
        {
          commits: [
            writer('a'.repeat(40)),
            {
              sha: H1,
              authorLogin: 'chenyu-ops',
              committerLogin: 'web-flow',
              authorName: '陈雨',
              authorEmail: 'chenyu@minlan-tea.example',
            },
          ],
        },
        { comments: signed, reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] },
      ),
    );
    expect(stage(decision, 'operator-approval').state).toBe('pending');
    // With the only operator barred, the head may stand in.
    expect(
      stage(decision, 'operator-approval')
        .notes.map((note) => note.en)
        .join('\n'),
    ).toContain('a head may approve in their stead');
  });

  it('a deleted sign-off is simply gone: the stage is pending again (the workflow re-evaluates on deletion)', () => {
    const decision = decideReview(
      input({}, { comments: [], reviews: [review('chenyu-ops', 'APPROVED', H1, '2026-09-09T05:00:00Z')] }),
    );
    expect(stage(decision, 'author-self-review').state).toBe('pending');
  });
});
