/** WeChat's codes in the metrics tables and their names in both languages (the dashboards' labels). */
import type { FollowerChangeRow } from '../model/types.generated.ts';

/** WeChat `user_source` codes and their names (the same list as the followers schema). */
export const FOLLOWER_SOURCES: Record<FollowerChangeRow['source'], { zh: string; en: string }> = {
  0: { zh: '其他', en: 'Other' },
  1: { zh: '搜索', en: 'Search' },
  17: { zh: '名片分享', en: 'Card share' },
  30: { zh: '扫码', en: 'QR code' },
  57: { zh: '文章内账号名', en: 'Name in an article' },
  100: { zh: '广告', en: 'Ads' },
  149: { zh: '小程序', en: 'Mini program' },
  161: { zh: '他人转载', en: 'Reprints' },
  200: { zh: '视频号', en: 'Channels' },
  201: { zh: '直播', en: 'Live' },
};

/** getuserread's user_source codes (not the follower sources). 99999999 is its "all" total. */
export const READ_SOURCES: Record<number, { zh: string; en: string }> = {
  0: { zh: '会话', en: 'Chats' },
  1: { zh: '好友转发', en: 'Forwarded by friends' },
  2: { zh: '朋友圈', en: 'Moments' },
  4: { zh: '历史消息页', en: 'Message history' },
  5: { zh: '其他', en: 'Other' },
  6: { zh: '看一看', en: 'Top Stories' },
  7: { zh: '搜一搜', en: 'Search' },
};

export const SHARE_SCENES: Record<number, { zh: string; en: string }> = {
  1: { zh: '好友转发', en: 'Friends' },
  2: { zh: '朋友圈', en: 'Moments' },
  255: { zh: '其他', en: 'Other' },
};
