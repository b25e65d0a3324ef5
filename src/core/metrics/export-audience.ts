/** 用户分析 → 用户属性: the followers by gender, age, region, city, language and device on a day. */
import { text } from '../i18n/language.ts';
import { toSimplified } from './export-text.ts';
import { addDays } from '../calendar/days.ts';
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

export const AUDIENCE_LABELS = {
  gender: ['性别'],
  age: ['年龄', '年龄段', '年龄分布'],
  region: ['省份', '地区', '省份地区', '所在地'],
  city: ['城市', '所在城市'],
  language: ['语言'],
  device: ['机型', '终端', '设备', '手机型号', '操作系统'],
} as const;
export const AUDIENCE_COUNT = ['人数', '用户数', '关注人数', '粉丝数'] as const;
const AUDIENCE_DATE = ['时间', '日期', '统计日期'] as const;

export function audience({ located, file, options, notices }: ExportInput): ImportedExport {
  const dimension = (Object.keys(AUDIENCE_LABELS) as Array<keyof typeof AUDIENCE_LABELS>).find(
    (candidate) => findColumn(located.header, AUDIENCE_LABELS[candidate]) !== -1,
  )!;
  const columns = requireColumns(
    located,
    file,
    { label: AUDIENCE_LABELS[dimension], users: AUDIENCE_COUNT, date: AUDIENCE_DATE },
    ['label', 'users'],
  );
  const problems: ExportMessage[] = [];
  const fallbackDate = options.snapshotDate ?? addDays(options.today, -1);
  if (columns.date === undefined && options.snapshotDate === undefined) {
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `导出里没有日期列：记为 ${fallbackDate} 的画像（可用 --date 指定）。`,
        `The export has no date column: recorded as the audience on ${fallbackDate} (set another with --date).`,
      ),
    });
  }
  const out = new Map<string, Cells>();
  const rows = dataRows(located, file, notices);
  for (const row of rows) {
    const date = columns.date === undefined ? fallbackDate : readDate(row, columns.date, file, problems, notices);
    const labelCell = cellAt(row, columns.label!);
    const bucket = toSimplified(labelCell.value.trim());
    if (!bucket) {
      problems.push({
        file,
        line: labelCell.line,
        column: labelCell.column,
        message: text(`“${AUDIENCE_LABELS[dimension][0]}”是空的。`, `"${AUDIENCE_LABELS[dimension][0]}" is empty.`),
      });
      continue;
    }
    const users = readCount(row, columns.users, file, problems, AUDIENCE_COUNT[0]);
    if (!date) continue;
    const key = `${date}|${bucket}`;
    keepRow(
      out,
      key,
      { date, dimension, bucket, users },
      row,
      file,
      text(`“${bucket}”`, `"${bucket}"`),
      problems,
      notices,
    );
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  return { batch: { audience: [...out.values()] }, rows: rows.length };
}
