import type { PolicyFile } from '../model/types.generated.ts';

/**
 * Files that decide how the review gate itself runs: the workflows that run it, the package and
 * lockfile that decide which mpflow runs, the schemas and code, the audit log, and the roster and
 * policy the gate reads its roles and rules from. A department's policy can add stages to them;
 * whatever it says, each still needs the head's approval. These are mpflow's, not the policy's,
 * so that hardening in a new mpflow version reaches every department with the upgrade.
 */
export const TOOL_PROTECTED_PATHS: readonly string[] = [
  '.github/**',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  '.npmrc',
  '.nvmrc',
  'schemas/**',
  'src/**',
  'scripts/**',
  'astro.config.*',
  'tsconfig.json',
  'content/reviews/**',
  'content/team.yaml',
  'content/policy/**',
];

/** The stage id mpflow adds when the policy has no plain head approval of its own. */
export const TOOL_HEAD_STAGE = 'mpflow-head-approval';

/**
 * The policy's review section with mpflow's defaults added, never anything taken away:
 * the protected paths need a head approval (the policy's own head-approval stage when it has one
 * with no stand-ins, mpflow's otherwise, so a policy that lets an operator stand in for the head
 * cannot weaken it), and a file no rule names needs the head when the policy's `unmatched` is empty.
 */
export function withToolReviewRules(policy: PolicyFile): PolicyFile {
  const review = policy.review;
  const stages = { ...review.stages };
  const own = Object.entries(stages).find(
    ([, stage]) =>
      stage.kind === 'approval' && stage.role === 'head' && (stage.standIn ?? []).every((role) => role === 'head'),
  )?.[0];
  const headStage = own ?? TOOL_HEAD_STAGE;
  if (!own) {
    stages[TOOL_HEAD_STAGE] = {
      kind: 'approval',
      role: 'head',
      label: { zh: '主管审批（mpflow 默认规则）', en: 'Head approval (mpflow default)' },
    };
  }
  const unmatched = review.unmatched && review.unmatched.length > 0 ? review.unmatched : [headStage];
  return {
    ...policy,
    review: {
      ...review,
      stages,
      rules: [...review.rules, { paths: [...TOOL_PROTECTED_PATHS], stages: [headStage] }],
      unmatched,
    },
  };
}
