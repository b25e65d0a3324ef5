import { isoInTimeZone } from '../calendar/wall-clock.ts';
import { pick, type Language } from '../i18n/language.ts';
import { ROLE_NAMES } from '../team/roster.ts';
import type { ReviewDecision, StageResult } from './review-input.ts';
import { shortSha } from './sign-off.ts';

/** The hidden line by which the gate finds its own summary comment again. */
export const STICKY_MARKER = '<!-- mpflow-review-gate -->';
export const STATUS_CONTEXT = 'mpflow/review';
/** GitHub rejects commit status descriptions longer than this. */
export const STATUS_DESCRIPTION_LIMIT = 140;

export function statusDescription(decision: ReviewDecision, language: Language): string {
  const line = pick(decision.description, language).replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length <= STATUS_DESCRIPTION_LIMIT
    ? line
    : `${characters.slice(0, STATUS_DESCRIPTION_LIMIT - 1).join('')}…`;
}

/** A moment shown in the department's time zone, e.g. 2026-09-01 20:30. */
export function formatMoment(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  // The wall clock to the minute: 2026-09-01T20:30:00+08:00 → 2026-09-01 20:30.
  return isoInTimeZone(instant, timeZone).slice(0, 16).replace('T', ' ');
}

const VERDICT_ICON = { success: '✅', pending: '⏳', failure: '❌' } as const;
const STATE_WORDS = {
  done: { zh: '✅ 已完成', en: '✅ done' },
  pending: { zh: '⏳ 待完成', en: '⏳ pending' },
  rejected: { zh: '❌ 要求修改', en: '❌ changes requested' },
} as const;

/** Markdown table cells must not break the table: pipes and line breaks are escaped. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The one summary comment the gate keeps on a pull request: a table of stages (who, role, when,
 * on which commit), then what still counts against it and how to sign off.
 */
export function renderStickyComment(decision: ReviewDecision, language: Language): string {
  const zh = language === 'zh-CN';
  const lines: string[] = [
    STICKY_MARKER,
    `### ${zh ? 'mpflow 审核' : 'mpflow review'} ${VERDICT_ICON[decision.verdict]} ${cell(pick(decision.description, language))}`,
    '',
  ];
  lines.push(zh ? `最新提交：\`${shortSha(decision.headSha)}\`` : `Latest commit: \`${shortSha(decision.headSha)}\``);
  if (decision.policyFile)
    lines.push(
      zh
        ? `审核规则与名册取自基础提交 \`${shortSha(decision.baseSha)}\`（${decision.policyFile}、content/team.yaml）。`
        : `Rules and roster from the base commit \`${shortSha(decision.baseSha)}\` (${decision.policyFile}, content/team.yaml).`,
    );
  lines.push('');
  if (decision.problems.length > 0) {
    lines.push(zh ? '**无法核对审核：**' : '**The review cannot be checked:**', '');
    for (const problem of decision.problems) lines.push(`- ${pick(problem, language)}`);
    lines.push('');
  }
  if (decision.stages.length > 0) {
    lines.push(
      zh
        ? `| 环节 | 状态 | 谁 | 角色 | 何时（${decision.timeZone}） | 提交 |`
        : `| Stage | State | Who | Role | When (${decision.timeZone}) | Commit |`,
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const stage of decision.stages) lines.push(stageRow(stage, decision, language));
    lines.push('');
  }
  if (decision.violations.length > 0) {
    lines.push(
      zh ? '**考核文件只能由规定的人填写：**' : '**Appraisal files may be written only by the person named:**',
      '',
    );
    for (const violation of decision.violations) lines.push(`- ${cell(pick(violation.message, language))}`);
    lines.push('');
  }
  const notes = decision.stages.flatMap((stage) => stage.notes);
  if (notes.length > 0) {
    lines.push(zh ? '**注意：**' : '**Notes:**', '');
    for (const note of [...new Set(notes.map((note) => pick(note, language)))]) lines.push(`- ${note}`);
    lines.push('');
  }
  if (decision.draft)
    lines.push(
      zh
        ? '这是草稿 PR，标记为 Ready for review 后才能通过。'
        : 'This is a draft; it can pass only once marked ready for review.',
      '',
    );
  const selfPending = decision.stages.some((stage) => stage.kind === 'self-review' && stage.state !== 'done');
  if (selfPending) {
    const command = `/self-review ${shortSha(decision.headSha)}`;
    lines.push(
      zh
        ? `自审：作者本人（有图片时还有提交图片的设计师本人）逐项核对后，在 PR 下发一条评论 \`${command}\`（或 \`/自审 ${shortSha(decision.headSha)}\`）。评论须写明最新提交；每次推送后都要重新自审，编辑过的评论不算。`
        : `Self-review: once you (and, for pictures, the designer who committed them) have gone through the checklist, post a comment \`${command}\` on this pull request. It must name the latest commit; every push needs a new sign-off, and edited comments do not count.`,
      '',
    );
  }
  if (decision.stages.some((stage) => stage.kind === 'approval' && stage.state !== 'done')) {
    lines.push(
      zh
        ? '审批：由名册中有相应角色、不是作者、也没有在本 PR 中提交过内容的成员，在最新提交上点 Approve。有新的推送后需要重新批准。'
        : 'Approval: a member holding the role, who is not the author and made no commit in this PR, approves the latest commit. A new push needs a new approval.',
      '',
    );
  }
  if (decision.uncoveredFiles.length > 0) {
    const count = decision.uncoveredFiles.length;
    const uncovered = new Set(decision.uncoveredFiles);
    const fallback = decision.stages.filter((stage) => stage.files.some((file) => uncovered.has(file)));
    const needs =
      fallback.length > 0
        ? {
            zh: `，按制度（review.unmatched）需要：${fallback.map((stage) => stage.label.zh).join('、')}`,
            en: `; the policy (review.unmatched) has them need: ${fallback.map((stage) => stage.label.en).join(', ')}`,
          }
        : { zh: '', en: '' };
    lines.push(
      zh
        ? `另有 ${count} 个文件不在任何审核规则内${needs.zh}。`
        : `${count} other file${count === 1 ? '' : 's'} fall under no review rule${needs.en}.`,
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function stageRow(stage: StageResult, decision: ReviewDecision, language: Language): string {
  const zh = language === 'zh-CN';
  const actor = stage.state === 'rejected' ? stage.rejectedBy : stage.doneBy;
  // A stand-in shows the role they acted in (the head approving for the operator).
  const role = pick(ROLE_NAMES[actor?.role ?? stage.role], language);
  const who = actor ? `@${actor.login}（${actor.member}）` : '—';
  const whoEn = actor ? `@${actor.login} (${actor.member})` : '—';
  const when = actor ? formatMoment(actor.at, decision.timeZone) : '—';
  // A review GitHub recorded with no commit (commit_id null) says so instead of an empty SHA.
  const commit = actor
    ? actor.sha
      ? `\`${shortSha(actor.sha)}\``
      : zh
        ? '（未记录提交）'
        : '(no commit recorded)'
    : '—';
  return `| ${cell(pick(stage.label, language))} | ${pick(STATE_WORDS[stage.state], language)} | ${cell(zh ? who : whoEn)} | ${role} | ${when} | ${commit} |`;
}
