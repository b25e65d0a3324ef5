import { describe, expect, it } from 'vitest';
import { readBaseContext } from '../../src/core/review/base-context.ts';
import { decideReview, requiredStages } from '../../src/core/review/decide-review.ts';
import { renderStickyComment, statusDescription } from '../../src/core/review/present-decision.ts';
import type { ReviewInput } from '../../src/core/review/review-input.ts';
import { parseSignOffs } from '../../src/core/review/sign-off.ts';
import { ARTICLE, BASE, BASE_POLICY, BASE_TEAM, H1, NOW, POLICY, TEAM } from './scenario-kit.ts';

const base = readBaseContext({ file: TEAM, text: BASE_TEAM }, [{ file: POLICY, text: BASE_POLICY }], NOW);
if (!base.ok) throw new Error('the sample roster and policy should be valid');

function input(changes: Partial<ReviewInput['pullRequest']> = {}, rest: Partial<ReviewInput> = {}): ReviewInput {
  return {
    pullRequest: {
      number: 1,
      title: '文章',
      author: 'linxiao-writes',
      draft: false,
      headSha: H1,
      baseSha: BASE,
      createdAt: '2026-09-09T01:00:00Z',
      commits: [{ sha: H1, authorLogin: 'linxiao-writes', committerLogin: 'linxiao-writes', authorName: '林晓' }],
      files: [{ path: ARTICLE, status: 'added' }],
      ...changes,
    },
    reviews: [],
    comments: [],
    base,
    ...rest,
  };
}

describe('which stages a pull request needs (policy review rules, picomatch globs)', () => {
  const cases: Array<[string[], string[]]> = [
    [[ARTICLE], ['author-self-review', 'operator-approval']],
    [['content/articles/2026/09-07-bailu-white-tea/cover.png'], ['designer-self-review', 'operator-approval']],
    [['design/brand/茶叶礼盒-主视觉.psd'], ['designer-self-review', 'operator-approval']],
    [['content/team.yaml'], ['head-approval']],
    [['src/content/docs/handbook/workflow.mdx'], ['head-approval']],
    [['appraisals/2026-09/lin-xiao/self.yaml'], ['hr-finalization']],
    [['content/topics/T-2026-021.yaml', 'content/campaigns/C-2026-03.yaml'], ['operator-approval']],
    [
      [ARTICLE, 'content/articles/2026/09-07-bailu-white-tea/figure-1.jpg', 'content/policy/2026-01-01.yaml'],
      ['author-self-review', 'designer-self-review', 'operator-approval', 'head-approval'],
    ],
    // The gate's own code, workflows and dependencies, and the audit log, need the head: a PR that
    // changes them changes the gate, and used to need no review at all.
    [['package.json'], ['head-approval']],
    [['.github/workflows/review-gate.yml'], ['head-approval']],
    [['src/core/review/decide-review.ts'], ['head-approval']],
    [['content/reviews/2026.jsonl'], ['head-approval']],
    // A file no rule names falls to the policy's `unmatched` stages.
    [['README.md', 'public/favicon.svg'], ['head-approval']],
    // picomatch's ** does not cross a line break in a folder name: such a path falls through every
    // rule, and must not fall through the gate.
    [['content/articles/2026/09-07-bailu\nwhite-tea/index.md'], ['head-approval']],
  ];
  it.each(cases)('%j → %j', (files, stages) => {
    expect(
      requiredStages(
        base.policy,
        files.map((path) => ({ path, status: 'modified' })),
      ).stages.map((stage) => stage.id),
    ).toEqual(stages);
  });

  it('a file moved out of a ruled folder still needs that folder’s stages', () => {
    const { stages } = requiredStages(base.policy, [
      { path: 'drafts/old.md', status: 'renamed', previousPath: 'content/policy/2026-01-01.yaml' },
    ]);
    expect(stages.map((stage) => stage.id)).toEqual(['head-approval']);
  });
});

describe('sign-off comments', () => {
  it.each([
    [`/self-review ${H1.slice(0, 7)}`, [H1.slice(0, 7)]],
    [`/自审 ${H1} 标题、摘要、图片均已核对`, [H1]],
    [`/自審 ${H1.slice(0, 10)}（繁體也可以）`, [H1.slice(0, 10)]],
    ['/self-review', [null]],
    ['我会在今晚 /self-review', []],
    ['> /self-review abcdef1', []],
    [`/self-reviewed ${H1.slice(0, 7)}`, []],
    [`/self-review ${H1.slice(0, 6)}`, [null]],
  ])('%s', (body, expected) => {
    expect(parseSignOffs(body).map((signOff) => signOff.sha)).toEqual(expected);
  });
});

describe('the decision', () => {
  it('takes the earliest valid sign-off and keeps times and SHAs', () => {
    const decision = decideReview(
      input(
        {},
        {
          comments: [
            {
              id: 2,
              user: 'LinXiao-Writes',
              userType: 'User',
              body: `/self-review ${H1.slice(0, 8)}`,
              createdAt: '2026-09-09T02:00:00Z',
              edited: false,
            },
            {
              id: 3,
              user: 'linxiao-writes',
              userType: 'User',
              body: `/self-review ${H1}`,
              createdAt: '2026-09-09T03:00:00Z',
              edited: false,
            },
          ],
        },
      ),
    );
    expect(decision.stages[0]).toMatchObject({
      state: 'done',
      doneBy: { login: 'LinXiao-Writes', member: 'lin-xiao', at: '2026-09-09T02:00:00Z', sha: H1 },
    });
  });

  it('a commit whose e-mail GitHub links to no account does not make the designer a co-author', () => {
    const decision = decideReview(
      input(
        {
          commits: [{ sha: H1, authorLogin: null, committerLogin: null, authorName: '黄珊' }],
          files: [{ path: 'content/articles/2026/09-07-bailu-white-tea/cover.png', status: 'added' }],
        },
        {
          comments: [
            {
              id: 1,
              user: 'huangshan-design',
              userType: 'User',
              body: `/self-review ${H1}`,
              createdAt: '2026-09-09T02:00:00Z',
              edited: false,
            },
          ],
        },
      ),
    );
    expect(decision.stages[0]).toMatchObject({ id: 'designer-self-review', state: 'pending' });
  });

  it('a long list of appraisal violations still fits the 140-character status and names the first file and commit', () => {
    const files = Array.from({ length: 30 }, (_, index) => ({
      path: `appraisals/2026-09/member-${index}/supervisor.yaml`,
      status: 'added',
    }));
    const decision = decideReview(
      input({
        files,
        commits: [
          {
            sha: H1,
            authorLogin: 'wangjia-tea',
            committerLogin: 'wangjia-tea',
            authorName: '王佳',
            files: files.map((file) => file.path),
          },
        ],
      }),
    );
    expect(decision.verdict).toBe('failure');
    expect(decision.violations).toHaveLength(30);
    const description = statusDescription(decision, 'zh-CN');
    expect([...description].length).toBeLessThanOrEqual(140);
    expect(description).toContain('appraisals/2026-09/member-0/supervisor.yaml');
    expect(description).toContain(H1.slice(0, 7));
    expect(renderStickyComment(decision, 'en')).toContain('member-0 is not in the base roster');
  });

  it('a co-author trailer naming a member (by roster name or no-reply address) bars their approval', () => {
    for (const trailer of ['陈雨 <chen.yu@minlan-tea.example>', 'someone <9876+ChenYu-Ops@users.noreply.github.com>']) {
      const decision = decideReview(
        input(
          {
            commits: [
              {
                sha: H1,
                authorLogin: 'linxiao-writes',
                committerLogin: 'linxiao-writes',
                authorName: '林晓',
                coAuthors: [trailer],
              },
            ],
          },
          {
            reviews: [
              { id: 9, user: 'chenyu-ops', state: 'APPROVED', commitId: H1, submittedAt: '2026-09-09T05:00:00Z' },
            ],
          },
        ),
      );
      expect(decision.stages[1]).toMatchObject({ id: 'operator-approval', state: 'pending' });
    }
  });

  it('a member who has left holds no review right', () => {
    if (!base.ok) return;
    const roster = {
      ...base.roster,
      members: base.roster.members.map((member) =>
        member.id === 'chen-yu' ? { ...member, left: '2026-09-01' } : member,
      ),
    };
    const decision = decideReview(
      input(
        {},
        {
          base: { ...base, roster },
          reviews: [
            { id: 9, user: 'chenyu-ops', state: 'APPROVED', commitId: H1, submittedAt: '2026-09-09T05:00:00Z' },
          ],
        },
      ),
    );
    expect(decision.stages[1]).toMatchObject({ id: 'operator-approval', state: 'pending' });
    expect(decision.stages[1]!.notes.map((note) => note.en)).toEqual([
      "@chenyu-ops's approval does not count for Operator approval: not in the base roster (or has left, or not yet joined).",
      // With the only operator gone, the head may stand in; the note says why, not "each worked on this PR".
      'The roster has no current operator (they have left or not yet joined), so a head may approve in their stead.',
    ]);
  });

  it('describes itself in English too', () => {
    const decision = decideReview(input());
    expect(statusDescription(decision, 'en')).toBe(
      `Waiting for: Author self-review, Operator approval (commit ${H1.slice(0, 7)})`,
    );
    expect(renderStickyComment(decision, 'en')).toContain(`post a comment \`/self-review ${H1.slice(0, 7)}\``);
  });
});
