/**
 * Key figures of the account, its articles, its members and its support desk, computed from the
 * metrics tables of a loaded Repository. Pure: the same repository and range always give the same
 * figures, so the dashboards, the monthly report and appraisal scoring agree to the digit.
 *
 * Ranges are inclusive calendar dates in the department's time zone: `{ from: '2026-10-01', to:
 * '2026-10-31' }` is October. Rows that failed their schema (`valid: false`) are left out: the
 * checker reports them, and a half-read row must not move a score.
 *
 * One module per family: article-kpis.ts, follower-kpis.ts, support-kpis.ts, audience-kpis.ts
 * and traffic-kpis.ts (reading sources, share scenes), over kpi-inputs.ts (valid rows in a
 * range, the zone on a date) and statistics.ts; WeChat's code tables are wechat-codes.ts. This
 * module is the one address the dashboards, the report and scoring import them from.
 */
export { DEFAULT_TIME_ZONE } from '../policy/department-clock.ts';

// The calendar helpers metrics has always exported; they live in the one calendar module.
export { addDays, datesOf, inRange, isoWeek, monthRange, monthsOf, type DateRange } from '../calendar/days.ts';
export { median, percentile } from './statistics.ts';
export { FOLLOWER_SOURCES, READ_SOURCES, SHARE_SCENES } from './wechat-codes.ts';
export {
  ARTICLE_FIGURES,
  articleKpis,
  dailyArticleTotals,
  memberArticleKpis,
  type ArticleKpi,
  type ArticleTotals,
  type MemberArticleKpis,
} from './article-kpis.ts';
export { followerKpis, type FollowerKpis, type FollowerPeriod, type SourceKpi } from './follower-kpis.ts';
export { businessMinutesBetween, supportKpis, type SupportAgentKpi, type SupportKpis } from './support-kpis.ts';
export { audienceKpis, type AudienceDimension, type AudienceSnapshot } from './audience-kpis.ts';
export { readSourceKpis, shareSceneKpis, type ReadSourceKpi } from './traffic-kpis.ts';
