/**
 * Words of the editorial calendar and the article preview pages, in both site languages.
 * Pure: unit tests and pages import it alike.
 */
import type { PublishingState, ReviewState } from './calendar-view.ts';
import type { Lang } from './site-labels.ts';

export interface CalendarLabels {
  calendar: {
    title: string;
    description: string;
    summary: (counts: Record<PublishingState, number>, total: number) => string;
    statusNote: (builtAt: string, overdueAfterMinutes: number) => string;
    jumpTo: string;
    current: string;
    caption: (month: string, count: number) => string;
    when: string;
    article: string;
    people: string;
    review: string;
    publishing: string;
    author: string;
    designer: string;
    preview: string;
    openInWeChat: string;
    publishedAt: (dateTime: string) => string;
    failedAt: (step: string, status: number | undefined) => string;
    pr: (pr: number) => string;
    mergedAt: (dateTime: string) => string;
    states: Record<PublishingState, string>;
    reviewStates: Record<ReviewState, string>;
    stageStates: Record<'pending' | 'done' | 'rejected', string>;
    empty: string;
  };
  preview: {
    title: (title: string) => string;
    description: (title: string) => string;
    phone: (title: string) => string;
    facts: string;
    theme: string;
    characters: string;
    charactersValue: (count: number, limit: number) => string;
    tooLong: string;
    images: string;
    references: string;
    scheduled: string;
    status: string;
    note: string;
    back: string;
    calendar: string;
  };
}

const ZH_STEP: Record<string, string> = {
  check: '检查',
  images: '上传图片',
  cover: '上传封面',
  draft: '建草稿',
  submit: '提交发布',
  poll: '等待结果',
};

export const CALENDAR_LABELS: Record<Lang, CalendarLabels> = {
  'zh-CN': {
    calendar: {
      title: '发布日历',
      description: '每篇文章的计划发布时间（北京时间）、作者、审核情况与发布结果。',
      summary: (c, total) =>
        `共 ${total} 篇：已发布 ${c.published} 篇，已排期 ${c.scheduled} 篇${c.due > 0 ? `，到点待发 ${c.due} 篇` : ''}${c.publishing > 0 ? `，发布中 ${c.publishing} 篇` : ''}${c.failed > 0 ? `，失败 ${c.failed} 篇` : ''}${c.overdue > 0 ? `，逾期 ${c.overdue} 篇` : ''}。`,
      statusNote: (builtAt, minutes) =>
        `状态由仓库推算，不靠手填：发布结果来自 content/publishing/ 的发布记录，审核来自 content/reviews/ 的合并审核记录；没有发布记录的文章，以网站构建时间 ${builtAt} 比较计划时间，超过 ${minutes} 分钟仍未发出即为逾期。`,
      jumpTo: '按月份跳转',
      current: '（本月）',
      caption: (month, count) => `${month}的发布计划：${count} 篇`,
      when: '计划时间',
      article: '文章',
      people: '作者 / 设计',
      review: '审核',
      publishing: '发布',
      author: '作者',
      designer: '设计',
      preview: '手机预览',
      openInWeChat: '在微信中打开',
      publishedAt: (dateTime) => `${dateTime} 发出`,
      failedAt: (step, status) =>
        `失败于“${ZH_STEP[step] ?? step}”${status !== undefined ? `（状态码 ${status}）` : ''}`,
      pr: (pr) => `PR #${pr}`,
      mergedAt: (dateTime) => `${dateTime} 合并`,
      states: {
        published: '已发布',
        failed: '发布失败',
        publishing: '发布中',
        scheduled: '已排期',
        due: '到点待发',
        overdue: '逾期未发',
      },
      reviewStates: { approved: '已通过', rejected: '被驳回', incomplete: '未走完', none: '无审核记录' },
      stageStates: { pending: '待办', done: '通过', rejected: '驳回' },
      empty: '仓库里还没有文章。',
    },
    preview: {
      title: (title) => `手机预览：${title}`,
      description: (title) => `“${title}”在微信里的样子：与 mpflow render 和发布时的 HTML 相同。`,
      phone: (title) => `手机上的“${title}”`,
      facts: '渲染信息',
      theme: '主题',
      characters: '正文 HTML',
      charactersValue: (count, limit) => `${count} 个字符（draft/add 上限 ${limit}）`,
      tooLong: '超过上限，发布会失败',
      images: '待上传的本地图片',
      references: '参考资料（站外链接）',
      scheduled: '计划发布',
      status: '状态',
      note: '预览里的图片取自文章文件夹；发布时会换成微信图片地址。站外链接在正文里只显示编号，地址列在文末“参考资料”。',
      back: '返回文章列表',
      calendar: '查看发布日历',
    },
  },
  en: {
    calendar: {
      title: 'Publishing calendar',
      description:
        'When each article goes out (Beijing time), who wrote it, how its review went and what publishing did.',
      summary: (c, total) =>
        `${total} ${total === 1 ? 'article' : 'articles'}: ${c.published} published, ${c.scheduled} scheduled${c.due > 0 ? `, ${c.due} due now` : ''}${c.publishing > 0 ? `, ${c.publishing} publishing` : ''}${c.failed > 0 ? `, ${c.failed} failed` : ''}${c.overdue > 0 ? `, ${c.overdue} overdue` : ''}.`,
      statusNote: (builtAt, minutes) =>
        `Every state is derived from the repository, never typed in: publishing results come from the publish records in content/publishing/, reviews from the merge records in content/reviews/. An article without a publish record is compared with the site build (${builtAt}); more than ${minutes} minutes past its time it is overdue.`,
      jumpTo: 'Jump to a month',
      current: ' (this month)',
      caption: (month, count) => `Publishing plan for ${month}: ${count} ${count === 1 ? 'article' : 'articles'}`,
      when: 'Scheduled',
      article: 'Article',
      people: 'Author / designer',
      review: 'Review',
      publishing: 'Publishing',
      author: 'Author',
      designer: 'Designer',
      preview: 'Phone preview',
      openInWeChat: 'Open in WeChat',
      publishedAt: (dateTime) => `went out ${dateTime}`,
      failedAt: (step, status) => `failed at “${step}”${status !== undefined ? ` (status ${status})` : ''}`,
      pr: (pr) => `PR #${pr}`,
      mergedAt: (dateTime) => `merged ${dateTime}`,
      states: {
        published: 'Published',
        failed: 'Failed',
        publishing: 'Publishing',
        scheduled: 'Scheduled',
        due: 'Due now',
        overdue: 'Overdue',
      },
      reviewStates: {
        approved: 'Approved',
        rejected: 'Rejected',
        incomplete: 'Incomplete',
        none: 'No review on record',
      },
      stageStates: { pending: 'pending', done: 'done', rejected: 'rejected' },
      empty: 'There are no articles in the repository yet.',
    },
    preview: {
      title: (title) => `Phone preview: ${title}`,
      description: (title) =>
        `How “${title}” looks in WeChat: the same HTML as mpflow render and the publisher produce.`,
      phone: (title) => `“${title}” on a phone`,
      facts: 'About this render',
      theme: 'Theme',
      characters: 'Body HTML',
      charactersValue: (count, limit) => `${count} characters (draft/add takes fewer than ${limit})`,
      tooLong: 'over the limit: publishing would fail',
      images: 'Local images to upload',
      references: 'References (links outside WeChat)',
      scheduled: 'Scheduled',
      status: 'Status',
      note: 'Images here come from the article folder; publishing swaps in WeChat’s image addresses. Links outside WeChat show as numbers in the text, with their addresses under 参考资料 at the end.',
      back: 'Back to the articles',
      calendar: 'Open the publishing calendar',
    },
  },
};
