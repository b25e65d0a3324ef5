/** 内容分析 → 数据趋势: readers per day and reading channel, and the account's sharing and saving users per day. */
import { text } from '../i18n/language.ts';
import type { CsvRow } from '../source/csv-source.ts';
import { normaliseHeader, toSimplified } from './export-text.ts';
import { ALL_READ_SOURCES } from './wechat-import.ts';
import type { Cells } from './storage.ts';
import {
  cellAt,
  ExportImportError,
  isBlank,
  readCount,
  readDate,
  shownHeader,
  type ExportMessage,
  type ExportInput,
  type ImportedExport,
} from './export-rows.ts';

/** 数据趋势: the reading channels of its first block, to getuserread's read-source codes (READ_SOURCES in wechat-codes.ts). */
const TREND_CHANNELS: Record<string, number> = {
  全部: ALL_READ_SOURCES,
  公众号消息: 0,
  会话: 0,
  聊天会话: 1,
  好友转发: 1,
  朋友圈: 2,
  公众号主页: 4,
  历史消息页: 4,
  其他: 5,
  推荐: 6,
  看一看: 6,
  搜一搜: 7,
};

interface TrendBlock {
  /** Column index → normalised header. */
  columns: Map<string, number>;
  first: number;
}

/**
 * 内容分析 → 数据趋势: three blocks side by side under a title row 数据趋势概况(…) / 数据来源概况(…):
 * readers per day and channel (日期, 渠道, 阅读人数), the account's day (日期, 分享人数, 跳转阅读原文人数,
 * 微信收藏人数, 发表篇数) and readers per article and channel over the whole period (传播渠道, 发表日期,
 * 内容标题, 阅读人数, 阅读人数占比). The first two become reads rows (per channel; the 全部 row also
 * takes the day's sharing and saving users); the third has no per-day home and is named.
 */
export function trend({ located, file, notices }: ExportInput, titleRows: CsvRow[]): ImportedExport {
  const problems: ExportMessage[] = [];
  const blocks: TrendBlock[] = [];
  let current: TrendBlock | undefined;
  located.header.forEach((cell, index) => {
    const name = normaliseHeader(cell.value);
    if (name === '') {
      current = undefined;
      return;
    }
    if (!current || current.columns.has(name)) {
      current = { columns: new Map(), first: index };
      blocks.push(current);
    }
    current.columns.set(name, index);
  });
  const channelBlock = blocks.find(
    (block) => block.columns.has('渠道') && block.columns.has('阅读人数') && block.columns.has('日期'),
  );
  const dayBlock = blocks.find(
    (block) =>
      block !== channelBlock &&
      block.columns.has('日期') &&
      (block.columns.has('分享人数') || block.columns.has('微信收藏人数')),
  );
  const articleBlock = blocks.find((block) => block.columns.has('传播渠道') || block.columns.has('内容标题'));
  if (!channelBlock) {
    problems.push({
      file,
      line: located.headerLine,
      message: text(
        `数据趋势导出缺少“日期、渠道、阅读人数”这一块。表头是：${shownHeader(located.header)}。`,
        `The 数据趋势 export lacks its 日期, 渠道, 阅读人数 block. The header is: ${shownHeader(located.header)}.`,
      ),
    });
    throw new ExportImportError(problems);
  }
  const period = titleRows
    .flatMap((row) => row.cells)
    .map((cell) =>
      /数据趋势概况\s*[（(]\s*(\d{4})[.\-/](\d{2})[.\-/](\d{2})\s*-\s*(\d{4})[.\-/](\d{2})[.\-/](\d{2})/.exec(
        cell.value,
      ),
    )
    .find(Boolean);
  const within = period
    ? { from: `${period[1]}-${period[2]}-${period[3]}`, to: `${period[4]}-${period[5]}-${period[6]}` }
    : undefined;
  const reads = new Map<string, Cells>();
  const folded = new Set<string>();
  const unknownChannels = new Set<string>();
  const rows = located.rows.filter((row) => !isBlank(row));
  let used = 0;
  for (const row of rows) {
    const dateCell = cellAt(row, channelBlock.columns.get('日期')!);
    const channelCell = cellAt(row, channelBlock.columns.get('渠道')!);
    if (dateCell.value.trim() !== '' || channelCell.value.trim() !== '') {
      const date = readDate(row, channelBlock.columns.get('日期')!, file, problems, notices);
      const channel = toSimplified(channelCell.value.trim());
      let source = TREND_CHANNELS[channel];
      if (source === undefined) {
        unknownChannels.add(channel);
        source = 5;
      } else if (source === 5 && channel !== '其他') folded.add(channel);
      const readers = readCount(row, channelBlock.columns.get('阅读人数'), file, problems, '阅读人数');
      if (date && within && (date < within.from || date > within.to)) {
        problems.push({
          file,
          line: dateCell.line,
          column: dateCell.column,
          message: text(
            `${date} 不在标题所说的区间 ${within.from} 至 ${within.to} 内。`,
            `${date} lies outside the period ${within.from} to ${within.to} the title names.`,
          ),
        });
      }
      if (date) {
        const key = `${date}|${source}`;
        const cells = reads.get(key) ?? { date, source, readers: 0 };
        cells.readers = Number(cells.readers ?? 0) + readers;
        reads.set(key, cells);
        used += 1;
      }
    }
    if (dayBlock) {
      const dayDate = cellAt(row, dayBlock.columns.get('日期')!);
      if (dayDate.value.trim() !== '') {
        const date = readDate(row, dayBlock.columns.get('日期')!, file, problems, notices);
        if (date) {
          const key = `${date}|${ALL_READ_SOURCES}`;
          const cells = reads.get(key) ?? { date, source: ALL_READ_SOURCES };
          if (dayBlock.columns.has('分享人数'))
            cells.shareUsers = readCount(row, dayBlock.columns.get('分享人数'), file, problems, '分享人数');
          if (dayBlock.columns.has('微信收藏人数'))
            cells.favoriteUsers = readCount(row, dayBlock.columns.get('微信收藏人数'), file, problems, '微信收藏人数');
          reads.set(key, cells);
        }
      }
    }
  }
  if (problems.length > 0) throw new ExportImportError(problems);
  if (unknownChannels.size > 0 || folded.size > 0) {
    const names = [...unknownChannels, ...folded].join('、');
    notices.push({
      file,
      line: located.headerLine,
      message: text(
        `这些渠道没有单独的阅读来源代码，计入“其他”（5）：${names}。`,
        `These channels have no read-source code of their own and were counted under 其他 (5): ${names}.`,
      ),
    });
  }
  const homeless = [
    ...(dayBlock ? ['跳转阅读原文人数', '发表篇数'].filter((name) => dayBlock.columns.has(name)) : []),
    ...(articleBlock
      ? [
          `${[...articleBlock.columns.keys()].join('/')}（${text('按文章和渠道的区间合计', 'per article and channel over the period').zh}）`,
        ]
      : []),
  ];
  notices.push({
    file,
    line: located.headerLine,
    message: text(
      `数据趋势导出只有阅读人数：各渠道的阅读次数、分享次数和收藏次数不在其中，新的行记为 0，仓库里已有的保留。没有对应表、没有导入的列：${homeless.join('、') || '无'}。`,
      `The 数据趋势 export has readers only: reads, shares and saves per channel are not in it, so new rows get 0 and figures the repository has are kept. Columns with no table, not imported: ${homeless.join(', ') || 'none'}.`,
    ),
  });
  return { batch: { reads: [...reads.values()] }, rows: used };
}
