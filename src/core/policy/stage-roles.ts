import picomatch from 'picomatch';
import type { LocalizedText } from '../i18n/language.ts';
import type { PolicyFile } from '../model/types.generated.ts';
import { ROLE_NAMES, type Role } from '../team/roster.ts';

export interface StageRoles {
  /** The stage id, e.g. author-self-review. */
  stage: string;
  label: LocalizedText;
  role: Role;
  /** Roles whose holders may stand in (policy `standIn`), the stage's own role left out. */
  standIn: Role[];
}

/**
 * Who may do a file's self-review under the policy's stage definitions: the stage of that kind
 * among those the review rules give the path, with its role and stand-in roles. The same
 * definitions the review gate applies (src/core/review/decide-review.ts), so a member the check
 * lets author an article can also sign its self-review.
 */
// Compiling a glob costs far more than matching one; a check asks once per article.
const matchers = new Map<string, (file: string) => boolean>();
function matcherOf(paths: string | readonly string[]): (file: string) => boolean {
  const key = JSON.stringify(paths);
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = picomatch(paths as string | string[], { dot: true });
    matchers.set(key, matcher);
  }
  return matcher;
}

export function selfReviewRoles(policy: PolicyFile, file: string): StageRoles[] {
  const found: StageRoles[] = [];
  for (const rule of policy.review.rules) {
    if (!matcherOf(rule.paths)(file)) continue;
    for (const id of rule.stages) {
      const stage = policy.review.stages[id];
      if (stage?.kind !== 'self-review' || found.some((known) => known.stage === id)) continue;
      found.push({
        stage: id,
        label: stage.label,
        role: stage.role as Role,
        standIn: ((stage.standIn ?? []) as Role[]).filter((role) => role !== stage.role),
      });
    }
  }
  return found;
}

/** "copywriter (or, standing in, operator or head)", in both languages. */
export function rolesSentence(stage: StageRoles): LocalizedText {
  const zh = ROLE_NAMES[stage.role]?.zh ?? stage.role;
  const en = ROLE_NAMES[stage.role]?.en ?? stage.role;
  if (stage.standIn.length === 0) return { zh, en };
  return {
    zh: `${zh}（或代为自审的${stage.standIn.map((role) => ROLE_NAMES[role]?.zh ?? role).join('、')}）`,
    en: `${en} (or, standing in, ${stage.standIn.map((role) => ROLE_NAMES[role]?.en ?? role).join(' or ')})`,
  };
}
