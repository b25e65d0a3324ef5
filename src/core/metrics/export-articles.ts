/** 图文分析 (an article's figures per day) and 内容分析 → 已通知内容 (its totals since sending). */
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Repository } from '../repository/load-repository.ts';
import type { CsvCell, CsvRow } from '../source/csv-source.ts';
import { normaliseHeader, parseExportDate, toSimplified } from './export-text.ts';
import { addDays } from '../calendar/days.ts';
import { articleMatcher } from './wechat-import.ts';
import type { Cells } from './storage.ts';
import {
  cellAt,
  dataRows,
  ExportImportError,
  keepRow,
  readCount,
  readDate,
  requireColumns,
  type Columns,
  type ExportMessage,
  type ExportInput,
  type ImportedExport,
} from './export-rows.ts';

export const ARTICLE_COLUMNS = {
  date: ['时间', '日期', '统计日期', '统计时间'],
  title: ['标题', '文章标题', '图文标题', '内容标题'],
  readers: ['阅读人数', '图文页阅读人数', '阅读用户数'],
  reads: ['阅读次数', '图文页阅读次数', '阅读量'],
  shareUsers: ['分享人数', '分享转发人数', '转发人数'],
  shares: ['分享次数', '分享转发次数', '转发次数'],
  likes: ['点赞人数', '点赞数', '点赞次数', '赞'],
  comments: ['留言数', '留言次数', '留言人数', '评论数'],
  favorites: ['收藏次数', '收藏人数', '收藏数'],
} as const;

/** 内容分析 → 已通知内容: one row per article, its totals since sending (up to 7 days). */
export const NOTIFIED_COLUMNS = {
  title: ['内容标题', '标题', '文章标题'],
  published: ['发表时间', '发表日期', '发布时间', '群发时间'],
  readers: ['总阅读人数'],
  reads: ['总阅读次数'],
  shareUsers: ['总分享人数'],
  shares: ['总分享次数'],
  targetUsers: ['送达人数'],
  url: ['内容url', '内容链接', '文章链接', 'url'],
} as const;

/** Columns of 已通知内容 that no table in content/metrics/ holds (ratios mpflow derives, or figures it has no place for). */
const NOTIFIED_WITHOUT_HOME = [
  '阅读后关注人数',
  '公众号消息阅读次数',
  '送达阅读率',
  '首次分享次数',
  '分享产生阅读次数',
  '首次分享率',
  '每次分享带来阅读次数',
  '阅读完成率',
];

export function articles({ located, file, repository, notices }: ExportInput): ImportedExport {
  const columns = requireColumns(located, file, ARTICLE_COLUMNS, ['date', 'title', 'reads', 'readers']);
  const problems: ExportMessage[] = [];
  const absent = (Object.keys(ARTICLE_COLUMNS) as Array<keyof typeof ARTICLE_COLUMNS>).filter(
    (field) => columns[field] === undefined,
  );
  if (absent.length > 0) {
    const names = absent.map((field) => ARTICLE_COLUMNS[field][0]);
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `导出里没有这些列：${names.join('、')}。仓库里已有的这些数字保持不变，新的行记为 0。`,
        `The export has no ${names.join(', ')} column: figures the repository already has for them are kept, new rows get 0.`,
      ),
    });
  }
  const byTitle = articlesByTitle(repository);
  const days = new Map<string, Cells>();
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const date = readDate(row, columns.date!, file, problems, notices);
    const titleCell = cellAt(row, columns.title!);
    const article = byTitle.get(normaliseTitle(titleCell.value));
    const figures = readFigures(row, columns, ARTICLE_COLUMNS, ARTICLE_FIGURE_FIELDS, file, problems);
    if (!article) {
      const reason =
        article === null
          ? text('有多篇文章同名', 'several articles have this title')
          : text('仓库里没有这个标题的文章', 'no article in the repository has this title');
      notices.push(skippedTitle(file, titleCell, reason));
      continue;
    }
    if (!date) continue;
    const key = `${date}|${article}`;
    keepRow(
      days,
      key,
      { date, article, ...figures },
      row,
      file,
      text(`${date} 的“${titleCell.value}”`, `"${titleCell.value}" on ${date}`),
      problems,
      notices,
    );
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  return { batch: { articles: [...days.values()] }, rows: rows.length };
}

/** The count columns of an article export, in the order they are read. */
const ARTICLE_FIGURE_FIELDS = ['reads', 'readers', 'shares', 'shareUsers', 'likes', 'comments', 'favorites'] as const;
const NOTIFIED_FIGURE_FIELDS = ['readers', 'reads', 'shareUsers', 'shares', 'targetUsers'] as const;

/**
 * A row's counts, by field. A column the export lacks stays undefined: the store keeps what it
 * has (likes from an earlier export, favourites from the API) instead of overwriting it with 0.
 */
function readFigures<Field extends string>(
  row: CsvRow,
  columns: Columns,
  names: Record<Field, readonly string[]>,
  fields: readonly Field[],
  file: string,
  problems: ExportMessage[],
): Cells {
  const figures: Cells = {};
  for (const field of fields)
    if (columns[field] !== undefined) figures[field] = readCount(row, columns[field], file, problems, names[field][0]!);
  return figures;
}

/** The notice for a row whose article cannot be told from its title (or its 内容url). */
function skippedTitle(file: string, titleCell: CsvCell, reason: LocalizedText): ExportMessage {
  return {
    file,
    line: titleCell.line,
    column: titleCell.column,
    message: text(`跳过“${titleCell.value}”：${reason.zh}。`, `Skipped "${titleCell.value}": ${reason.en}.`),
  };
}

/** Article ids by normalised title; null where two articles share a title (a row cannot be matched by it). */
function articlesByTitle(repository: Repository): Map<string, string | null> {
  const byTitle = new Map<string, string | null>();
  for (const article of repository.articles) {
    const title = article.data?.title;
    if (typeof title === 'string')
      byTitle.set(normaliseTitle(title), byTitle.has(normaliseTitle(title)) ? null : article.id);
  }
  return byTitle;
}

function normaliseTitle(title: string): string {
  return toSimplified(title.trim().replace(/\s+/g, ' '));
}

/** The date part of 发表时间: 2026-11-03 20:30, 2026/11/3, 20261103 or an Excel serial with a time. */
function publishedDate(value: string): string | undefined {
  const trimmed = value.trim();
  const serial = /^(\d{5})\.\d+$/.exec(trimmed);
  return parseExportDate(serial ? serial[1]! : trimmed);
}

/**
 * 内容分析 → 已通知内容: one row per article with its totals since it was sent (the back office
 * counts seven days). Stored as article-totals: filed under the sending day, statDate the last
 * day the totals can cover (the snapshot day, at most six days after sending). Articles are found
 * by the mid and idx in 内容url through the publish records, else by their exact title.
 */
export function notifiedContent({ located, file, repository, options, notices }: ExportInput): ImportedExport {
  const columns = requireColumns(located, file, NOTIFIED_COLUMNS, ['title', 'published', 'readers', 'reads']);
  const problems: ExportMessage[] = [];
  const homeless = located.header
    .map((cell) => normaliseHeader(cell.value))
    .filter((name) => NOTIFIED_WITHOUT_HOME.includes(name));
  const known = new Set<string>(Object.values(NOTIFIED_COLUMNS).flat());
  const unknown = located.header
    .map((cell) => cell.value.trim())
    .filter(
      (value) =>
        value !== '' && !known.has(normaliseHeader(value)) && !NOTIFIED_WITHOUT_HOME.includes(normaliseHeader(value)),
    );
  const skipped = [...homeless, ...unknown];
  if (skipped.length > 0) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `这些列在 content/metrics/ 里没有对应的表，没有导入：${skipped.join('、')}（比率由 mpflow 从人数和次数算出）。导出没有点赞和留言，它们来自 getarticletotaldetail（--from wechat）。`,
        `These columns have no table in content/metrics/ and were not imported: ${skipped.join(', ')} (mpflow derives the ratios from the counts). The export has no likes or comments; those come from getarticletotaldetail (--from wechat).`,
      ),
    });
  }
  const snapshot = options.snapshotDate ?? addDays(options.today, -1);
  const byMessage = articleMatcher(repository);
  const byTitle = articlesByTitle(repository);
  const totals = new Map<string, Cells>();
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const titleCell = cellAt(row, columns.title!);
    const dateCell = cellAt(row, columns.published!);
    const date = publishedDate(dateCell.value);
    if (!date) {
      problems.push({
        file,
        line: dateCell.line,
        column: dateCell.column,
        message: text(
          `“${dateCell.value}”不是可识别的发表时间（例如 2026-11-03 20:30、20261103）。`,
          `"${dateCell.value}" is not a publishing time mpflow can read (e.g. 2026-11-03 20:30, 20261103).`,
        ),
      });
      continue;
    }
    const url = columns.url === undefined ? '' : cellAt(row, columns.url).value.trim();
    const mid = /[?&]mid=(\d+)/.exec(url)?.[1];
    const idx = /[?&]idx=(\d+)/.exec(url)?.[1] ?? '1';
    const article =
      (mid ? byMessage(`${mid}_${idx}`, '') : undefined) ?? byTitle.get(normaliseTitle(titleCell.value)) ?? undefined;
    const figures = readFigures(row, columns, NOTIFIED_COLUMNS, NOTIFIED_FIGURE_FIELDS, file, problems);
    if (!article) {
      const reason =
        byTitle.get(normaliseTitle(titleCell.value)) === null
          ? text('有多篇文章同名', 'several articles have this title')
          : text(
              '没有发布记录的 msgid 与内容url 对应，也没有同名文章',
              'no publish record has the msgid in its 内容url and no article has this title',
            );
      notices.push(skippedTitle(file, titleCell, reason));
      continue;
    }
    if (snapshot < date) {
      problems.push({
        file,
        line: dateCell.line,
        column: dateCell.column,
        message: text(
          `发表时间 ${date} 晚于导出所记的日期 ${snapshot}（用 --date 指定导出那天）。`,
          `The publishing day ${date} is after the day the export describes, ${snapshot} (set that day with --date).`,
        ),
      });
      continue;
    }
    const last = addDays(date, 6);
    const statDate = snapshot < last ? snapshot : last;
    keepRow(
      totals,
      `${date}|${article}|${statDate}`,
      { date, article, statDate, ...figures },
      row,
      file,
      text(`“${titleCell.value}”`, `"${titleCell.value}"`),
      problems,
      notices,
    );
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  return { batch: { 'article-totals': [...totals.values()] }, rows: rows.length };
}
