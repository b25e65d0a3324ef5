import { text } from '../i18n/language.ts';
import type { Repository, TableFile } from '../repository/load-repository.ts';
import { holdsRole, indexMembers } from '../team/roster.ts';
import { repositorySettings } from '../department/check-department.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import { checkDateOrder, checkMemberReference, isWellFormedId, suggestion } from './reference-helpers.ts';

/** Each row's `article` names an article of the repository (a well-formed id that is not is reported, with the nearest). */
function checkArticleColumn(
  table: TableFile<{ article: string }>,
  articleIds: ReadonlySet<string>,
  problems: Problem[],
): void {
  for (const row of table.rows) {
    const article = row.data.article;
    if (isWellFormedId('article', article) && !articleIds.has(article)) {
      const hint = suggestion(article, articleIds);
      problems.push(
        makeProblem(
          table.file,
          'ref/unknown-article',
          text(`文章“${article}”不存在。${hint.zh}`, `Article "${article}" does not exist.${hint.en}`),
          row.locate(['article']),
          'article',
        ),
      );
    }
  }
}

export function checkMetrics(repository: Repository, problems: Problem[]): void {
  const members = indexMembers(repository.team?.data);

  for (const table of repository.articleStats) {
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.article}`, problems);
    checkArticleColumn(table, repository.articleIds, problems);
  }
  for (const table of repository.followerChanges)
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.source}`, problems);
  // Imported analytics kinds (mpflow metrics import): one row per key, in its month's file.
  for (const table of repository.audience ?? [])
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.dimension}|${row.bucket}`, problems);
  for (const table of repository.readsBySource ?? [])
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.source}`, problems);
  for (const table of repository.sharesByScene ?? [])
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.scene}`, problems);
  for (const table of repository.metricRevisions ?? [])
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.kind}|${row.key}|${row.field}`, problems);
  for (const table of repository.articleTotals ?? []) {
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.article}|${row.statDate}`, problems);
    checkArticleColumn(table, repository.articleIds, problems);
  }
  for (const table of repository.followerTotals) checkMonthAndDuplicates(table, (row) => String(row.date), problems);
  // Written by the support import: one digest per conversation, one conduct count per day and agent.
  const digestIds = new Map<string, FirstSeen>();
  for (const table of repository.supportUsers ?? [])
    checkMonthAndDuplicates(table, (row) => String(row.id), problems, 'date', digestIds);
  for (const table of repository.supportConduct ?? []) {
    checkMonthAndDuplicates(table, (row) => `${row.date}|${row.agent}`, problems);
    for (const row of table.rows)
      checkMemberReference({ file: table.file, locate: row.locate }, ['agent'], row.data.agent, members, problems);
  }
  // A conversation id is unique across months: one conversation is one row, wherever it sits.
  const supportIds = new Map<string, FirstSeen>();
  // Settings that failed their schema are reported there; their categories are not guessed at.
  const categories =
    repository.department && !repository.department.valid
      ? undefined
      : repositorySettings(repository).support.categories;
  const categoriesFrom = repository.department
    ? text(`${repository.department.file} 的 support.categories`, `support.categories of ${repository.department.file}`)
    : text('默认类别（没有 content/department.yaml）', 'the default categories (there is no content/department.yaml)');
  for (const table of repository.supportConversations) {
    checkMonthAndDuplicates(table, (row) => String(row.id), problems, 'openedAt', supportIds);
    for (const row of table.rows) {
      const record = { file: table.file, locate: row.locate };
      const agent = checkMemberReference(record, ['agent'], row.data.agent, members, problems);
      if (agent && !holdsRole(agent, 'support') && !holdsRole(agent, 'operator')) {
        problems.push(
          makeProblem(
            table.file,
            'ref/missing-role',
            text(
              `${agent.name}（${agent.id}）既不是客服也不是运营，不能接待用户。`,
              `${agent.id} holds neither the support nor the operator role.`,
            ),
            row.locate(['agent']),
            'agent',
          ),
        );
      }
      if (
        categories &&
        typeof row.data.category === 'string' &&
        row.data.category !== '' &&
        !categories.includes(row.data.category)
      ) {
        const guess = suggestion(row.data.category, categories);
        problems.push(
          makeProblem(
            table.file,
            'support/unknown-category',
            text(
              `类别“${row.data.category}”不在${categoriesFrom.zh}中（${categories.join('、')}）。${guess.zh}`,
              `Category "${row.data.category}" is not in ${categoriesFrom.en} (${categories.join(', ')}).${guess.en}`,
            ),
            row.locate(['category']),
            'category',
          ),
        );
      }
      checkDateOrder(record, ['openedAt'], row.data.openedAt, ['firstReplyAt'], row.data.firstReplyAt, problems);
      checkDateOrder(
        record,
        ['firstReplyAt'],
        row.data.firstReplyAt ?? row.data.openedAt,
        ['closedAt'],
        row.data.closedAt,
        problems,
      );
    }
  }
}

interface FirstSeen {
  file: string;
  line: number;
}

function checkMonthAndDuplicates<T extends object>(
  table: TableFile<T>,
  keyOf: (row: T) => string,
  problems: Problem[],
  /** The column whose date decides the month: `date`, or `openedAt` for support conversations. */
  dateField: 'date' | 'openedAt' = 'date',
  firstSeen = new Map<string, FirstSeen>(),
): void {
  const dateOf = (row: T): string | undefined => {
    const value = (row as Record<string, unknown>)[dateField];
    return typeof value === 'string' ? value.slice(0, 10) : undefined;
  };
  for (const row of table.rows) {
    if (!row.valid) continue;
    const date = dateOf(row.data);
    if (date !== undefined && date.slice(0, 7) !== table.month) {
      problems.push(
        makeProblem(
          table.file,
          'csv/wrong-month',
          text(
            `${date} 的数据应放在 ${date.slice(0, 7)}.csv，而不是 ${table.month}.csv。`,
            `A row for ${date} belongs in ${date.slice(0, 7)}.csv, not ${table.month}.csv.`,
          ),
          row.locate([dateField]),
          dateField,
        ),
      );
    }
    const key = keyOf(row.data);
    const first = firstSeen.get(key);
    if (first === undefined) {
      firstSeen.set(key, { file: table.file, line: row.line });
      continue;
    }
    const where =
      first.file === table.file
        ? text(`第 ${first.line} 行`, `line ${first.line}`)
        : text(` ${first.file} 第 ${first.line} 行`, `${first.file}:${first.line}`);
    const shown = key.replace('|', ' / ');
    problems.push(
      makeProblem(
        table.file,
        'csv/duplicate-row',
        text(`与${where.zh}重复（${shown}）。`, `Duplicates ${where.en} (${shown}).`),
        { start: { line: row.line, column: 1 } },
      ),
    );
  }
}
