import { text } from '../i18n/language.ts';
import type { Repository, TableFile } from '../repository/load-repository.ts';
import { holdsRole, indexMembers } from '../team/roster.ts';
import type { Problem } from './problem.ts';
import { makeProblem } from './make-problem.ts';
import { checkDateOrder, checkMemberReference, suggestion } from './reference-helpers.ts';

export function checkMetrics(repository: Repository, problems: Problem[]): void {
  const members = indexMembers(repository.team?.data);

  for (const table of repository.articleStats) {
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.article}`, problems);
    for (const row of table.rows) {
      const article = row.data.article;
      if (typeof article === 'string' && /^\d{4}-\d{2}-\d{2}-/.test(article) && !repository.articleIds.has(article)) {
        const hint = suggestion(article, repository.articleIds);
        problems.push(makeProblem(table.file, 'ref/unknown-article', text(`文章 “${article}” 不存在。${hint.zh}`, `Article "${article}" does not exist.${hint.en}`), row.locate(['article']), 'article'));
      }
    }
  }
  for (const table of repository.followerChanges) checkMonthAndDuplicates(table, (row) => `${row.date}|${row.source}`, problems);
  for (const table of repository.followerTotals) checkMonthAndDuplicates(table, (row) => String(row.date), problems);
  for (const table of repository.supportConversations) {
    checkMonthAndDuplicates(table, (row) => String(row.id), problems, (row) => (typeof row.openedAt === 'string' ? row.openedAt.slice(0, 10) : undefined));
    for (const row of table.rows) {
      const record = { file: table.file, locate: row.locate };
      const agent = checkMemberReference(record, ['agent'], row.data.agent, members, problems);
      if (agent && !holdsRole(agent, 'support') && !holdsRole(agent, 'operator')) {
        problems.push(makeProblem(table.file, 'ref/missing-role', text(`${agent.name}（${agent.id}）既不是客服也不是运营，不能接待用户。`, `${agent.id} holds neither the support nor the operator role.`), row.locate(['agent']), 'agent'));
      }
      checkDateOrder(record, ['openedAt'], row.data.openedAt, ['firstReplyAt'], row.data.firstReplyAt, problems);
      checkDateOrder(record, ['firstReplyAt'], row.data.firstReplyAt ?? row.data.openedAt, ['closedAt'], row.data.closedAt, problems);
    }
  }
}

function checkMonthAndDuplicates<T extends object>(
  table: TableFile<T>,
  keyOf: (row: T) => string,
  problems: Problem[],
  dateOf: (row: T) => string | undefined = (row) => {
    const date = (row as { date?: unknown }).date;
    return typeof date === 'string' ? date : undefined;
  },
): void {
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    if (!row.valid) continue;
    const date = dateOf(row.data);
    if (date !== undefined && date.slice(0, 7) !== table.month) {
      problems.push(makeProblem(table.file, 'csv/wrong-month', text(`${date} 的数据应放在 ${date.slice(0, 7)}.csv，而不是 ${table.month}.csv。`, `A row for ${date} belongs in ${date.slice(0, 7)}.csv, not ${table.month}.csv.`), row.locate(['date']), 'date'));
    }
    const key = keyOf(row.data);
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, row.line);
    else problems.push(makeProblem(table.file, 'csv/duplicate-row', text(`与第 ${first} 行重复（${key.replace('|', ' / ')}）。`, `Duplicates line ${first} (${key.replace('|', ' / ')}).`), { start: { line: row.line, column: 1 } }));
  }
}
