import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { scaffoldDepartment, type DepartmentAnswers } from '../../src/core/department-scaffold/scaffold.ts';
import { readBaseContext } from '../../src/core/review/base-context.ts';
import { decideReview, requiredStages } from '../../src/core/review/decide-review.ts';
import type { ReviewInput } from '../../src/core/review/review-input.ts';
import { TOOL_HEAD_STAGE } from '../../src/core/team/tool-review-rules.ts';
import { generateCodeowners } from '../../src/core/team/codeowners.ts';
import type { TeamFile } from '../../src/core/model/types.generated.ts';

// A small city-library department: its own roster, and policies derived from mpflow's standard
// template with the tooling rules edited away. The base commit's files are the only input.
const NOW = new Date('2027-01-12T02:00:00Z');
const HEAD_SHA = 'a'.repeat(40);
const BASE_SHA = 'b'.repeat(40);
const TEAM_FILE = 'content/team.yaml';
const POLICY_FILE = 'content/policy/2027-01-01.yaml';

const ANSWERS: DepartmentAnswers = {
  department: { zh: '城市图书馆微信部', en: 'City Library WeChat' },
  account: { zh: '城市书房', en: 'City Reading Room' },
  members: [
    { id: 'li-jing', name: '李静', github: 'lijing-lib', roles: ['head'], joined: '2026-12-01' },
    { id: 'zhao-lei', name: '趙磊', github: 'zhaolei-ops', roles: ['operator'], joined: '2026-12-01' },
    { id: 'wang-fang', name: '王芳', github: 'wangfang-writes', roles: ['copywriter'], joined: '2026-12-01' },
  ],
  effective: '2027-01-01',
  timezone: 'Asia/Shanghai',
  basePath: '/',
  locales: ['zh-CN', 'en'],
  accent: '#3456b8',
  mpflowSpec: '^0.1.0',
  mpflowVersion: '0.1.0',
  astroSpec: '^7.3.5',
  packageName: 'city-library',
};
const files = scaffoldDepartment(ANSWERS);
const TEAM_TEXT = files.get(TEAM_FILE) as string;
const STANDARD_POLICY = files.get(POLICY_FILE) as string;

/** The standard policy with its review section edited by `edit` (on plain data). */
function policyWith(edit: (review: Record<string, any>) => void): string {
  const document = parseDocument(STANDARD_POLICY);
  const data = document.toJS() as { review: Record<string, any> };
  edit(data.review);
  document.set('review', document.createNode(data.review));
  return document.toString();
}

/** Drops every rule that names the tooling and leaves unmatched files to nobody. */
const WEAKENED = policyWith((review) => {
  review.rules = review.rules.filter(
    (rule: { paths: string[] }) => !rule.paths.includes('.github/**') && !rule.paths.includes('content/policy/**'),
  );
  delete review.unmatched;
});

function baseOf(policyText: string) {
  const base = readBaseContext({ file: TEAM_FILE, text: TEAM_TEXT }, [{ file: POLICY_FILE, text: policyText }], NOW);
  if (!base.ok) throw new Error(`the test's base should be valid: ${JSON.stringify(base.problems)}`);
  return base;
}

function pullRequest(paths: string[], reviews: ReviewInput['reviews'], policyText: string): ReviewInput {
  return {
    pullRequest: {
      number: 7,
      title: '工作流：发布时间改到晚上',
      author: 'zhaolei-ops',
      draft: false,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      createdAt: '2027-01-12T01:00:00Z',
      commits: [{ sha: HEAD_SHA, authorLogin: 'zhaolei-ops', committerLogin: 'zhaolei-ops', authorName: '趙磊' }],
      files: paths.map((path) => ({ path, status: 'modified' })),
    },
    reviews,
    comments: [],
    base: baseOf(policyText),
  };
}

const approvalBy = (user: string, id: number) => ({
  id,
  user,
  state: 'APPROVED' as const,
  commitId: HEAD_SHA,
  submittedAt: '2027-01-12T01:30:00Z',
});

const TOOLING = [
  '.github/workflows/publish.yml',
  'package.json',
  'package-lock.json',
  'schemas/article.schema.json',
  'content/policy/2027-01-01.yaml',
  'content/team.yaml',
  'content/reviews/2027.jsonl',
  'astro.config.mjs',
];

describe('review rules that protect the tooling are mpflow defaults', () => {
  it.each(TOOLING)('a policy that drops the tooling rules still gets a head approval for %s', (path) => {
    const { stages } = requiredStages(baseOf(WEAKENED).policy, [{ path, status: 'modified' }]);
    expect(stages.map((stage) => [stage.id, stage.role])).toEqual([['head-approval', 'head']]);
  });

  it('an operator cannot merge a workflow change alone under the weakened policy; the head can', () => {
    const alone = decideReview(
      pullRequest(['.github/workflows/publish.yml'], [approvalBy('wangfang-writes', 1)], WEAKENED),
    );
    expect(alone.verdict).not.toBe('success');
    expect(alone.stages.map((stage) => [stage.id, stage.state])).toEqual([['head-approval', 'pending']]);

    const byHead = decideReview(
      pullRequest(['.github/workflows/publish.yml'], [approvalBy('lijing-lib', 2)], WEAKENED),
    );
    expect(byHead.verdict).toBe('success');
  });

  it('a file no rule names needs the head when the policy gives no unmatched stages', () => {
    const { stages } = requiredStages(baseOf(WEAKENED).policy, [{ path: 'README.md', status: 'modified' }]);
    expect(stages.map((stage) => stage.id)).toEqual(['head-approval']);
  });

  it('a head stage that lets the operator stand in does not count: mpflow adds its own head approval', () => {
    const standIn = policyWith((review) => {
      review.stages['head-approval'].standIn = ['operator'];
      review.rules = review.rules.filter((rule: { paths: string[] }) => !rule.paths.includes('.github/**'));
    });
    const { stages } = requiredStages(baseOf(standIn).policy, [{ path: 'package.json', status: 'modified' }]);
    expect(stages.map((stage) => [stage.id, stage.role, stage.standIn])).toEqual([[TOOL_HEAD_STAGE, 'head', []]]);
    const operatorOnly = decideReview(pullRequest(['package.json'], [approvalBy('zhaolei-ops', 3)], standIn));
    expect(operatorOnly.verdict).not.toBe('success');
  });

  it('a policy extends the defaults: its own extra stage for workflows is required on top of the head', () => {
    const stricter = policyWith((review) => {
      review.rules.push({ paths: ['.github/workflows/**'], stages: ['operator-approval'] });
    });
    const { stages } = requiredStages(baseOf(stricter).policy, [
      { path: '.github/workflows/ci.yml', status: 'modified' },
    ]);
    expect(stages.map((stage) => stage.id).sort()).toEqual(['head-approval', 'operator-approval']);
  });

  it('an article still needs only its own stages: the defaults add nothing where the tooling is untouched', () => {
    const { stages } = requiredStages(baseOf(WEAKENED).policy, [
      { path: 'content/articles/2027/01-15-winter-reading/index.md', status: 'added' },
    ]);
    expect(stages.map((stage) => stage.id)).toEqual(['author-self-review', 'operator-approval']);
  });
});

describe('CODEOWNERS asks the head for the tooling even when the policy does not', () => {
  const team = parseDocument(TEAM_TEXT).toJS() as TeamFile;
  const weakenedToOperators = policyWith((review) => {
    review.rules = review.rules.filter((rule: { paths: string[] }) => !rule.paths.includes('.github/**'));
    review.unmatched = ['operator-approval'];
    delete review.stages['operator-approval'].standIn; // else CODEOWNERS asks the head as the stand-in anyway
  });

  it('adds the head to the tooling patterns the weakened policy gives to operators, last so it wins', () => {
    const { text } = generateCodeowners({ team, policy: baseOf(weakenedToOperators).policy, policyFile: POLICY_FILE });
    const defaults = text.slice(text.indexOf('# mpflow 默认规则'));
    expect(defaults).toMatch(/^\/\.github\/\*\* @zhaolei-ops @lijing-lib$/m);
    expect(defaults).toMatch(/^\/package\.json @zhaolei-ops @lijing-lib$/m);
    // The policy still asks the head for itself and the roster: nothing to add for those.
    expect(defaults).not.toContain('/content/team.yaml');
  });

  it('adds nothing for the standard policy, which already asks the head', () => {
    const { text } = generateCodeowners({ team, policy: baseOf(STANDARD_POLICY).policy, policyFile: POLICY_FILE });
    expect(text).not.toContain('mpflow 默认规则');
  });
});
