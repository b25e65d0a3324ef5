import common from '../../../schemas/common.schema.json' with { type: 'json' };
import team from '../../../schemas/team.schema.json' with { type: 'json' };
import department from '../../../schemas/department.schema.json' with { type: 'json' };
import policy from '../../../schemas/policy.schema.json' with { type: 'json' };
import article from '../../../schemas/article.schema.json' with { type: 'json' };
import topic from '../../../schemas/topic.schema.json' with { type: 'json' };
import campaign from '../../../schemas/campaign.schema.json' with { type: 'json' };
import trainingPlan from '../../../schemas/training-plan.schema.json' with { type: 'json' };
import trainingRecords from '../../../schemas/training-records.schema.json' with { type: 'json' };
import appraisalRating from '../../../schemas/appraisal-rating.schema.json' with { type: 'json' };
import appraisalInterview from '../../../schemas/appraisal-interview.schema.json' with { type: 'json' };
import appraisalResult from '../../../schemas/appraisal-result.schema.json' with { type: 'json' };
import appraisalFinalization from '../../../schemas/appraisal-finalization.schema.json' with { type: 'json' };
import appraisalCalibrations from '../../../schemas/appraisal-calibrations.schema.json' with { type: 'json' };
import appraisalAnnual from '../../../schemas/appraisal-annual.schema.json' with { type: 'json' };
import metricsArticleDaily from '../../../schemas/metrics-article-daily.schema.json' with { type: 'json' };
import metricsFollowers from '../../../schemas/metrics-followers.schema.json' with { type: 'json' };
import metricsFollowersCumulative from '../../../schemas/metrics-followers-cumulative.schema.json' with {
  type: 'json',
};
import supportConversation from '../../../schemas/support-conversation.schema.json' with { type: 'json' };
import supportUser from '../../../schemas/support-user.schema.json' with { type: 'json' };
import supportConduct from '../../../schemas/support-conduct.schema.json' with { type: 'json' };
import metricsAudience from '../../../schemas/metrics-audience.schema.json' with { type: 'json' };
import metricsReads from '../../../schemas/metrics-reads.schema.json' with { type: 'json' };
import metricsShares from '../../../schemas/metrics-shares.schema.json' with { type: 'json' };
import metricsArticleTotals from '../../../schemas/metrics-article-totals.schema.json' with { type: 'json' };
import metricsRevision from '../../../schemas/metrics-revision.schema.json' with { type: 'json' };
import publishRecord from '../../../schemas/publish-record.schema.json' with { type: 'json' };
import campaignEntries from '../../../schemas/campaign-entries.schema.json' with { type: 'json' };
import campaignDraw from '../../../schemas/campaign-draw.schema.json' with { type: 'json' };

/**
 * The record kinds of a department repository. The JSON Schemas in `schemas/` are the single
 * source of truth: the checker validates with them, editors load them through `$schema`
 * comments, and `src/core/model/types.generated.ts` is generated from them.
 */
export const RECORD_SCHEMAS = {
  team,
  department,
  policy,
  article,
  topic,
  campaign,
  'training-plan': trainingPlan,
  'training-records': trainingRecords,
  'appraisal-rating': appraisalRating,
  'appraisal-interview': appraisalInterview,
  'appraisal-result': appraisalResult,
  'appraisal-finalization': appraisalFinalization,
  'appraisal-calibrations': appraisalCalibrations,
  'appraisal-annual': appraisalAnnual,
  'metrics-article-daily': metricsArticleDaily,
  'metrics-followers': metricsFollowers,
  'metrics-followers-cumulative': metricsFollowersCumulative,
  'support-conversation': supportConversation,
  'support-user': supportUser,
  'support-conduct': supportConduct,
  'metrics-audience': metricsAudience,
  'metrics-reads': metricsReads,
  'metrics-shares': metricsShares,
  'metrics-article-totals': metricsArticleTotals,
  'metrics-revision': metricsRevision,
  'publish-record': publishRecord,
  'campaign-entries': campaignEntries,
  'campaign-draw': campaignDraw,
} as const;

export type RecordKind = keyof typeof RECORD_SCHEMAS;

export const COMMON_SCHEMA = common;

export const TABLE_KINDS = [
  'metrics-article-daily',
  'metrics-followers',
  'metrics-followers-cumulative',
  'support-conversation',
  'support-user',
  'support-conduct',
  'metrics-audience',
  'metrics-reads',
  'metrics-shares',
  'metrics-article-totals',
  'metrics-revision',
  'campaign-entries',
] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** Column order of a CSV kind: the order of its schema's properties. */
export function tableColumns(kind: TableKind): string[] {
  return Object.keys(RECORD_SCHEMAS[kind].properties);
}
