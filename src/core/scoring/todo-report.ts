/**
 * The month's to-do list as a person reads it at the terminal, or as Markdown a workflow posts
 * in the monthly reminder issue (each person @-mentioned by their GitHub login, so they are told).
 */
import type { Language } from '../i18n/language.ts';
import type { MonthTodo, TodoItem, TodoKind } from './todo.ts';

const LABELS: Record<TodoKind, { zh: string; en: string }> = {
  self: { zh: '自评', en: 'self-assessment' },
  supervisor: { zh: '上级评价', en: 'supervisor rating' },
  peer: { zh: '同事互评', en: 'peer rating' },
  interview: { zh: '绩效面谈记录', en: 'feedback interview' },
  'write-results': { zh: '计算并写入结果', en: 'compute and write the results' },
  finalize: { zh: '定稿', en: 'finalise the month' },
};

function describe(item: TodoItem, zh: boolean): string {
  const label = zh ? LABELS[item.kind].zh : LABELS[item.kind].en;
  if (item.kind === 'self' || item.member === '') return label;
  return zh ? `${label}：${item.member}` : `${label} of ${item.member}`;
}

export function formatTodo(todo: MonthTodo, format: 'text' | 'markdown', language: Language): string {
  const zh = language === 'zh-CN';
  const heading = zh
    ? `${todo.period} 考核待办（制度 ${todo.policy}，截至 ${todo.today}，${todo.timeZone}）`
    : `${todo.period} appraisal to-do (policy ${todo.policy}, as of ${todo.today}, ${todo.timeZone})`;
  const nothing = todo.finalised
    ? zh
      ? `${todo.period} 已经定稿，没有待写的记录；调整得分只能追加校准（mpflow new calibration）。`
      : `${todo.period} is finalised; nothing is left to write. Scores change only by an appended calibration (mpflow new calibration).`
    : zh
      ? '没有待写的记录。'
      : 'Nothing is left to write.';
  const due = (item: TodoItem) =>
    zh ? `截止 ${item.due}${item.overdue ? '（已逾期）' : ''}` : `due ${item.due}${item.overdue ? ' (OVERDUE)' : ''}`;
  if (format === 'text') {
    let out = `${heading}\n`;
    if (todo.people.length === 0) return `${out}  ${nothing}\n`;
    for (const person of todo.people) {
      out += `\n${person.name} ${person.member}\n`;
      for (const item of person.items)
        out += `  - ${describe(item, zh)}  ${due(item)}\n      ${item.path}\n      ${item.command}\n`;
    }
    return out;
  }
  let out = `## ${heading}\n\n`;
  if (todo.people.length === 0) return `${out}${nothing}\n`;
  out += zh
    ? '每人下面是还要写的文件、截止日期和生成文件的命令。同事互评按固定轮转分配（按成员编号排序，每人评排在自己后面的同事，跳过自己的上级）。\n'
    : 'Under each person: the files still to write, when they are due and the command that starts each. Peers rate by a fixed rotation (in member-id order, each rates the colleagues after them, skipping their own supervisor).\n';
  for (const person of todo.people) {
    out += `\n### ${person.name} \`${person.member}\`${person.github ? ` @${person.github}` : ''}\n\n`;
    for (const item of person.items)
      out += `- [ ] ${describe(item, zh)} — \`${item.path}\` — ${due(item)}  \n  \`${item.command}\`\n`;
  }
  return out;
}
