import { text, type LocalizedText } from '../i18n/language.ts';
import { megabytes, WECHAT_LIMITS } from './limits.ts';

/** What a client does when WeChat answers with an errcode (the codes it acts on are WECHAT_ERRCODES below). */
export type ErrorAction =
  /** Transient: wait and try again. */
  | 'retry'
  /** The access token is stale: drop it, fetch a fresh one, try again. */
  | 'refresh-token'
  /** Retrying cannot help; a person has to act (configuration, whitelist, quota). */
  | 'stop'
  /** The content was refused: record the failure on the article. */
  | 'record';

export interface ErrcodeMeaning {
  action: ErrorAction;
  meaning: LocalizedText;
}

/** Every errcode the WeChat API documents for the calls mpflow makes, with what it means to an operator. */
export const WECHAT_ERRCODES: Readonly<Record<number, ErrcodeMeaning>> = {
  [-1]: { action: 'retry', meaning: text('微信系统繁忙，稍后重试。', 'WeChat is busy; try again shortly.') },
  40001: {
    action: 'refresh-token',
    meaning: text(
      'access_token 无效或已被新的 token 取代。',
      'The access token is invalid or was replaced by a newer one.',
    ),
  },
  40014: {
    action: 'refresh-token',
    meaning: text('access_token 不合法（不是最新的）。', 'The access token is not valid (not the latest).'),
  },
  42001: { action: 'refresh-token', meaning: text('access_token 已过期。', 'The access token has expired.') },
  40013: {
    action: 'stop',
    meaning: text(
      'AppID 无效：请检查 WECHAT_APPID 是否为本公众号的 AppID。',
      'The AppID is invalid: check that WECHAT_APPID is this account’s AppID.',
    ),
  },
  40125: {
    action: 'stop',
    meaning: text(
      'AppSecret 无效：请检查 WECHAT_APPSECRET，若已在公众平台重置，需更新仓库密钥。',
      'The AppSecret is invalid: check WECHAT_APPSECRET; if it was reset on the MP platform, update the repository secret.',
    ),
  },
  40164: {
    action: 'stop',
    meaning: text(
      '调用方 IP 不在公众号的 IP 白名单中：在公众平台“设置与开发 → 基本配置 → IP 白名单”加入出口 IP，或用 WECHAT_API_BASE 走固定 IP 的代理。',
      'The caller’s IP is not on the account’s IP whitelist: add the outbound IP under 设置与开发 → 基本配置 → IP白名单 on the MP platform, or route through a fixed-IP proxy with WECHAT_API_BASE.',
    ),
  },
  45009: {
    action: 'stop',
    meaning: text('今天的接口调用次数已用完，明天再试。', 'The daily API quota is used up; try again tomorrow.'),
  },
  45011: {
    action: 'retry',
    meaning: text(
      '调用太频繁（每分钟限额），稍后重试。',
      'Too many calls this minute (per-minute quota); wait and retry.',
    ),
  },
  48001: {
    action: 'stop',
    meaning: text('本公众号没有这个接口的权限。', 'This account is not authorised to use this API.'),
  },
  40005: {
    action: 'stop',
    meaning: text(
      '文件类型不支持（正文图片只能是 jpg/png，封面 thumb 只能是 jpg）。',
      'Unsupported file type (body images must be jpg/png; a thumb cover must be jpg).',
    ),
  },
  40009: {
    action: 'stop',
    meaning: text(
      `图片大小超过限制（正文图片须小于 ${megabytes(WECHAT_LIMITS.imageMaxBytes)}）。`,
      `The image is too large (body images must be under ${megabytes(WECHAT_LIMITS.imageMaxBytes)}).`,
    ),
  },
  40007: {
    action: 'stop',
    meaning: text(
      'media_id 无效（素材不存在或已删除）。',
      'The media_id is invalid (the material does not exist or was deleted).',
    ),
  },
  41005: { action: 'stop', meaning: text('请求中缺少多媒体文件数据。', 'The request carries no media file.') },
  45002: {
    action: 'stop',
    meaning: text(
      `正文超过长度限制（须少于 ${WECHAT_LIMITS.bodyMaxChars / 10_000} 万字符且小于 ${megabytes(WECHAT_LIMITS.bodyMaxBytes)}）。`,
      `The content is too long (it must be under ${WECHAT_LIMITS.bodyMaxChars.toLocaleString('en')} characters and ${megabytes(WECHAT_LIMITS.bodyMaxBytes)}).`,
    ),
  },
  45003: {
    action: 'stop',
    meaning: text(
      `标题超过 ${WECHAT_LIMITS.titleMaxChars} 个字符。`,
      `The title is longer than ${WECHAT_LIMITS.titleMaxChars} characters.`,
    ),
  },
  45004: {
    action: 'stop',
    meaning: text(
      `摘要超过 ${WECHAT_LIMITS.digestMaxChars} 个字符。`,
      `The digest is longer than ${WECHAT_LIMITS.digestMaxChars} characters.`,
    ),
  },
  45005: {
    action: 'stop',
    meaning: text('“阅读原文”链接超过长度限制。', 'The 阅读原文 link (content_source_url) is too long.'),
  },
  45110: {
    action: 'stop',
    meaning: text(
      `作者超过 ${WECHAT_LIMITS.authorMaxChars} 个字符。`,
      `The author is longer than ${WECHAT_LIMITS.authorMaxChars} characters.`,
    ),
  },
  53503: { action: 'record', meaning: text('草稿未通过发布检查。', 'The draft failed the publishing check.') },
  53504: {
    action: 'record',
    meaning: text(
      '需要到公众平台网页端编辑后才能发布。',
      'The draft must be edited on the MP web console before it can be published.',
    ),
  },
  53505: {
    action: 'record',
    meaning: text(
      '请先在公众平台手动保存草稿再发布。',
      'Save the draft manually on the MP web console first, then publish.',
    ),
  },
  // Global code tables (WxJava's WxMpErrorMsgEnum): 61500 日期格式错误, 61501 日期范围错误.
  61500: {
    action: 'stop',
    meaning: text('日期格式错误（应为 YYYY-MM-DD）。', 'The date format is wrong (it must be YYYY-MM-DD).'),
  },
  61501: {
    action: 'stop',
    meaning: text(
      '日期范围错误（超过接口的最大跨度，或结束日期不早于今天）。',
      'The date range is wrong (longer than the endpoint allows, or ending today or later).',
    ),
  },
  88000: { action: 'stop', meaning: text('没有留言权限。', 'The account has no comment privilege.') },
};

/** publish_status of freepublish/get: 0 published, 1 still publishing, 2–6 failed. */
export const PUBLISH_STATUS_MEANINGS: Readonly<Record<number, LocalizedText>> = {
  0: text('发布成功。', 'Published.'),
  1: text('发布中。', 'Publishing.'),
  2: text('原创声明失败。', 'The originality check failed.'),
  3: text('常规失败（微信未给出原因）。', 'General failure (WeChat gives no reason).'),
  4: text('平台审核不通过。', 'Rejected by the platform’s audit.'),
  5: text('成功后用户删除了所有文章。', 'Deleted by the user after publishing.'),
  6: text('成功后被系统封禁所有文章。', 'Banned by the system after publishing.'),
};

export function publishStatusMeaning(status: number): LocalizedText {
  return PUBLISH_STATUS_MEANINGS[status] ?? text(`未知的发布状态 ${status}。`, `Unknown publish status ${status}.`);
}

export function errcodeMeaning(errcode: number): ErrcodeMeaning {
  return (
    WECHAT_ERRCODES[errcode] ?? {
      action: 'stop',
      meaning: text(`微信返回错误码 ${errcode}。`, `WeChat returned errcode ${errcode}.`),
    }
  );
}

/** 40164's errmsg names the refused address: "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist". */
export function refusedIpOf(errmsg: string): string | undefined {
  return /invalid ip ([0-9a-f.:]+)/i.exec(errmsg)?.[1];
}
