import { closest, distance } from 'fastest-levenshtein';
import { text } from '../i18n/language.ts';
import type { TeamMember } from '../model/types.generated.ts';
import type { PathSegment } from '../source/yaml-source.ts';
import type { Locator } from '../model/validate-record.ts';
import { fieldName } from '../model/validate-record.ts';
import { holdsRole, ROLE_NAMES, type Role } from '../team/roster.ts';
import { COMMON_SCHEMA } from '../model/schemas.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';

export interface Located {
  file: string;
  locate: Locator;
}

export function suggestion(value: string, candidates: Iterable<string>): { zh: string; en: string } {
  const list = [...candidates];
  if (list.length === 0) return { zh: '', en: '' };
  const guess = closest(value, list);
  if (distance(value, guess) > Math.max(2, Math.floor(guess.length / 3))) return { zh: '', en: '' };
  return { zh: `是不是想写“${guess}”？`, en: ` Did you mean "${guess}"?` };
}

/** Checks that `id` names a member of the roster and, when given, that the member holds `role`. */
export function checkMemberReference(
  record: Located,
  path: readonly PathSegment[],
  id: unknown,
  members: ReadonlyMap<string, TeamMember>,
  problems: Problem[],
  role?: Role,
): TeamMember | undefined {
  // Without a readable roster there is nothing to check against; the roster's own problem says why.
  // An id in the wrong form is the schema's to report, once.
  if (!isWellFormedId('member', id) || members.size === 0) return undefined;
  const field = fieldName(path);
  const member = members.get(id);
  if (!member) {
    const hint = suggestion(id, members.keys());
    problems.push(
      makeProblem(
        record.file,
        'ref/unknown-member',
        text(
          `${field} 的“${id}”不在成员名册（content/team.yaml）中。${hint.zh}`,
          `${field} "${id}" is not in the roster (content/team.yaml).${hint.en}`,
        ),
        record.locate(path),
        field,
      ),
    );
    return undefined;
  }
  if (role && !holdsRole(member, role)) {
    const name = ROLE_NAMES[role];
    problems.push(
      makeProblem(
        record.file,
        'ref/missing-role',
        text(
          `${field} 的 ${member.name}（${id}）没有“${name.zh}”角色，现有角色：${heldRoles(member)
            .map((r) => ROLE_NAMES[r as Role]?.zh ?? r)
            .join('、')}。`,
          `${field} ${id} does not hold the ${name.en} role; roles held: ${heldRoles(member).join(', ')}.`,
        ),
        record.locate(path),
        field,
      ),
    );
  }
  return member;
}

export function checkIdMatchesFileName(record: Located, id: unknown, problems: Problem[]): void {
  if (typeof id !== 'string') return;
  const base = recordFileName(record.file);
  if (base !== id) {
    problems.push(
      makeProblem(
        record.file,
        'id/mismatch',
        text(`编号“${id}”与文件名“${base}”不一致。`, `The id "${id}" differs from the file name "${base}".`),
        record.locate(['id']),
        'id',
      ),
    );
  }
}

export function checkDateOrder(
  record: Located,
  startPath: readonly PathSegment[],
  start: unknown,
  endPath: readonly PathSegment[],
  end: unknown,
  problems: Problem[],
): void {
  if (typeof start !== 'string' || typeof end !== 'string') return;
  const startTime = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
  const endTime = Date.parse(end.length === 10 ? `${end}T00:00:00Z` : end);
  if (Number.isNaN(startTime) || Number.isNaN(endTime) || endTime >= startTime) return;
  const startField = fieldName(startPath);
  const endField = fieldName(endPath);
  problems.push(
    makeProblem(
      record.file,
      'date/order',
      text(
        `${endField}（${end}）早于 ${startField}（${start}）。`,
        `${endField} (${end}) is before ${startField} (${start}).`,
      ),
      record.locate(endPath),
      endField,
    ),
  );
}

function heldRoles(member: TeamMember): string[] {
  return Array.isArray(member.roles) ? member.roles.map(String) : [];
}

/** A list field as the schema wants it, or nothing to walk when the file holds something else there. */
export function listOf<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** The file name without folder and .yaml: what an id or effective date must equal. */
export function recordFileName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
}

const idPatterns = COMMON_SCHEMA.$defs;
const ID_FORMS = {
  member: new RegExp(idPatterns.memberId.pattern),
  topic: new RegExp(idPatterns.topicId.pattern),
  campaign: new RegExp(idPatterns.campaignId.pattern),
  article: new RegExp(idPatterns.articleId.pattern),
};

/**
 * Whether an id is well formed, so a reference check only speaks when the schema did not
 * already report the id's form (one problem per mistake).
 */
export function isWellFormedId(kind: keyof typeof ID_FORMS, value: unknown): value is string {
  return typeof value === 'string' && ID_FORMS[kind].test(value);
}
