/** 用户分析 → 用户增长: new, cancelled and cumulative followers per day, by source when the export has one. */
import { text } from '../i18n/language.ts';
import { toSimplified } from './export-text.ts';
import { FOLLOWER_SOURCES } from './wechat-codes.ts';
import type { Cells } from './storage.ts';
import {
  cellAt,
  dataRows,
  ExportImportError,
  findColumn,
  keepRow,
  readCount,
  readDate,
  requireColumns,
  type ExportMessage,
  type ExportInput,
  type ImportedExport,
} from './export-rows.ts';

/** Header names the back office uses, by field; the first is the one shown in messages. */
export const USER_GROWTH_COLUMNS = {
  date: ['时间', '日期', '统计日期', '统计时间'],
  source: ['来源', '关注来源', '渠道', '用户来源'],
  new: ['新关注人数', '新增关注人数', '新增关注', '新关注'],
  cancelled: ['取消关注人数', '取消关注', '取关人数'],
  net: ['净增关注人数', '净增人数', '净增关注'],
  cumulative: ['累积关注人数', '累计关注人数', '累积人数', '累计人数', '总关注人数'],
} as const;

/** Names the back office gives the follower sources, to user_source codes. */
const SOURCE_NAMES: Record<string, number> = {
  其他: 0,
  其他合计: 0,
  搜一搜: 1,
  搜索: 1,
  公众号搜索: 1,
  名片分享: 17,
  扫描二维码: 30,
  扫码: 30,
  二维码: 30,
  图文页右上角菜单: 57,
  文章内账号名称: 57,
  图文页内公众号名称: 57,
  文章内账号名: 57,
  广告: 100,
  微信广告: 100,
  小程序: 149,
  他人转载: 161,
  转载: 161,
  视频号: 200,
  直播: 201,
  视频号直播: 201,
};

/**
 * An export without a 来源 column holds each day's totals over all sources. A day the store has
 * no follower rows for is filed under source 0 (other); a day it already has per-source rows for
 * (from the API) is only compared with their sum: writing the total as one more source would
 * count that day twice.
 */
export function userGrowth({ located, file, repository, notices }: ExportInput): ImportedExport {
  const header = (field: keyof typeof USER_GROWTH_COLUMNS) => USER_GROWTH_COLUMNS[field][0];
  const hasCumulative = findColumn(located.header, USER_GROWTH_COLUMNS.cumulative) !== -1;
  const hasChanges =
    findColumn(located.header, USER_GROWTH_COLUMNS.new) !== -1 ||
    findColumn(located.header, USER_GROWTH_COLUMNS.cancelled) !== -1;
  const required = hasCumulative && !hasChanges ? ['date', 'cumulative'] : ['date', 'new', 'cancelled'];
  const columns = requireColumns(located, file, USER_GROWTH_COLUMNS, required);
  const problems: ExportMessage[] = [];
  const stored = new Map<string, { new: number; cancelled: number; sources: Set<number> }>();
  if (hasChanges && columns.source === undefined) {
    for (const table of repository.followerChanges) {
      for (const row of table.rows) {
        if (!row.valid) continue;
        const day = stored.get(row.data.date) ?? { new: 0, cancelled: 0, sources: new Set<number>() };
        day.new += row.data.new;
        day.cancelled += row.data.cancelled;
        day.sources.add(row.data.source);
        stored.set(row.data.date, day);
      }
    }
  }
  let filedUnderOther = 0;
  const followers = new Map<string, Cells>();
  const cumulative: Cells[] = [];
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const date = readDate(row, columns.date!, file, problems, notices);
    let source = 0;
    if (columns.source !== undefined) {
      const cell = cellAt(row, columns.source);
      const name = toSimplified(cell.value.trim());
      const code = /^\d+$/.test(name) && Number(name) in FOLLOWER_SOURCES ? Number(name) : SOURCE_NAMES[name];
      if (code === undefined) {
        problems.push({
          file,
          line: cell.line,
          column: cell.column,
          message: text(
            `不认识的关注来源“${cell.value}”。可用：${Object.keys(SOURCE_NAMES).join('、')}。`,
            `Unknown follower source "${cell.value}". Known: ${Object.keys(SOURCE_NAMES).join(', ')}.`,
          ),
        });
        continue;
      }
      source = code;
    }
    if (hasChanges) {
      const problemsBefore = problems.length;
      const added = readCount(row, columns.new, file, problems, header('new'));
      const cancelled = readCount(row, columns.cancelled, file, problems, header('cancelled'));
      // A net check on a count that could not be read would only repeat that problem.
      if (columns.net !== undefined && problems.length === problemsBefore) {
        const cell = cellAt(row, columns.net);
        const net = Number(cell.value.trim().replace(/[,，\s]/g, ''));
        if (cell.value.trim() !== '' && Number.isFinite(net) && net !== added - cancelled) {
          problems.push({
            file,
            line: cell.line,
            column: cell.column,
            message: text(
              `净增 ${net} 与新关注 ${added} 减取消 ${cancelled} 不符。`,
              `Net ${net} does not equal new ${added} minus cancelled ${cancelled}.`,
            ),
          });
        }
      }
      const day = columns.source === undefined && date ? stored.get(date) : undefined;
      // A day held only under source 0 came from an earlier total-only export: that one may be revised.
      const perSource = day !== undefined && !(day.sources.size === 1 && day.sources.has(0));
      if (day && perSource) {
        if (day.new !== added || day.cancelled !== cancelled) {
          notices.push({
            file,
            line: row.line,
            message: text(
              `${date} 的新关注 ${added}、取消 ${cancelled} 与仓库中按来源记录的合计（${day.new}、${day.cancelled}）不同；导出没有“来源”列，这一天保留仓库中的数据。`,
              `${date}: new ${added} and cancelled ${cancelled} differ from the repository's per-source totals (${day.new}, ${day.cancelled}); the export has no 来源 column, so the repository's figures for that day are kept.`,
            ),
          });
        }
      } else if (date) {
        const kept = keepRow(
          followers,
          `${date}|${source}`,
          { date, source, new: added, cancelled },
          row,
          file,
          text(`${date} 来源 ${source}`, `${date}, source ${source}`),
          problems,
          notices,
        );
        if (kept && columns.source === undefined) filedUnderOther += 1;
      }
    }
    if (columns.cumulative !== undefined && date) {
      const cell = cellAt(row, columns.cumulative);
      if (cell.value.trim() !== '' && cell.value.trim() !== '-')
        cumulative.push({ date, cumulative: readCount(row, columns.cumulative, file, problems, header('cumulative')) });
    }
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  if (filedUnderOther > 0) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `导出里没有“来源”列：${filedUnderOther} 天的新增和取消关注记在来源 0（其他）下。`,
        `The export has no 来源 (source) column: new and cancelled follows of ${filedUnderOther} ${filedUnderOther === 1 ? 'day' : 'days'} are filed under source 0 (other).`,
      ),
    });
  }
  // One cumulative figure per day, whichever source row carried it.
  const byDate = new Map(cumulative.map((row) => [row.date, row]));
  return {
    batch: { followers: [...followers.values()], 'followers-cumulative': [...byDate.values()] },
    rows: rows.length,
  };
}
