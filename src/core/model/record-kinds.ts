/**
 * The one list of record kinds a department repository holds. Everything else that needs the
 * list is made from it: the validators (`schemas.ts`), the generated types (`generate-types.ts`),
 * where a file belongs (`repository/classify-path.ts`), where a loaded record goes and which
 * records are context (`repository/load-repository.ts`), the metrics store's folders
 * (`metrics/storage.ts`) and the editors' schema map (`.vscode/settings.json`, checked by
 * `test/model/record-kinds.test.ts`). Adding a kind is one entry here plus its schema file.
 */
import appraisalAnnual from '../../../schemas/appraisal-annual.schema.json' with { type: 'json' };
import appraisalCalibrations from '../../../schemas/appraisal-calibrations.schema.json' with { type: 'json' };
import appraisalFinalization from '../../../schemas/appraisal-finalization.schema.json' with { type: 'json' };
import appraisalInterview from '../../../schemas/appraisal-interview.schema.json' with { type: 'json' };
import appraisalRating from '../../../schemas/appraisal-rating.schema.json' with { type: 'json' };
import appraisalResult from '../../../schemas/appraisal-result.schema.json' with { type: 'json' };
import article from '../../../schemas/article.schema.json' with { type: 'json' };
import campaignDraw from '../../../schemas/campaign-draw.schema.json' with { type: 'json' };
import campaignEntries from '../../../schemas/campaign-entries.schema.json' with { type: 'json' };
import campaign from '../../../schemas/campaign.schema.json' with { type: 'json' };
import department from '../../../schemas/department.schema.json' with { type: 'json' };
import metricsArticleDaily from '../../../schemas/metrics-article-daily.schema.json' with { type: 'json' };
import metricsArticleTotals from '../../../schemas/metrics-article-totals.schema.json' with { type: 'json' };
import metricsAudience from '../../../schemas/metrics-audience.schema.json' with { type: 'json' };
import metricsFollowersCumulative from '../../../schemas/metrics-followers-cumulative.schema.json' with {
  type: 'json',
};
import metricsFollowers from '../../../schemas/metrics-followers.schema.json' with { type: 'json' };
import metricsReads from '../../../schemas/metrics-reads.schema.json' with { type: 'json' };
import metricsRevision from '../../../schemas/metrics-revision.schema.json' with { type: 'json' };
import metricsShares from '../../../schemas/metrics-shares.schema.json' with { type: 'json' };
import policy from '../../../schemas/policy.schema.json' with { type: 'json' };
import publishRecord from '../../../schemas/publish-record.schema.json' with { type: 'json' };
import supportConduct from '../../../schemas/support-conduct.schema.json' with { type: 'json' };
import supportConversation from '../../../schemas/support-conversation.schema.json' with { type: 'json' };
import supportUser from '../../../schemas/support-user.schema.json' with { type: 'json' };
import team from '../../../schemas/team.schema.json' with { type: 'json' };
import topic from '../../../schemas/topic.schema.json' with { type: 'json' };
import trainingPlan from '../../../schemas/training-plan.schema.json' with { type: 'json' };
import trainingRecords from '../../../schemas/training-records.schema.json' with { type: 'json' };

interface KindBase {
  /** The JSON Schema; its `$id` is its file name under schemas/. */
  readonly schema: { readonly $id: string; readonly properties: object };
  /** The TypeScript type generated from the schema (src/core/model/types.generated.ts). */
  readonly typeName: string;
  /** The `Repository` field the loaded records go to: a list, or the one record when `single`. */
  readonly field: string;
  /** One file, one record (the roster, the department's settings). */
  readonly single?: boolean;
  /**
   * Read even when a run checks only some files (a pull request's): other files are checked
   * against these (the roster, the policy, topics, a campaign's entries, a month's lock…).
   */
  readonly context: boolean;
}

/** A YAML file, validated as one record. */
export interface YamlKind extends KindBase {
  readonly format: 'yaml';
  /** Repository-relative paths of this kind: what `mpflow check` accepts. */
  readonly pattern: RegExp;
  /** The same places as globs, for editors (`.vscode/settings.json`): the `.yaml` spelling only. */
  readonly globs: readonly string[];
  /** Also committed encrypted as `<name>.yaml.age` (appraisal inputs). */
  readonly sealable?: boolean;
}

/** A CSV file whose every row is a record. */
export interface TableKindSpec extends KindBase {
  readonly format: 'csv';
  /** `content/metrics/<folder>/<yyyy-mm>.csv`: one file per month. */
  readonly metricsFolder?: string;
  /** Or one file, not split by month. */
  readonly pattern?: RegExp;
}

/** The front matter of an article's `index.md` (its place is the article folder: classify-path.ts). */
export interface ArticleKind extends KindBase {
  readonly format: 'markdown';
}

export type RecordKindSpec = YamlKind | TableKindSpec | ArticleKind;

/** The order is the order of the generated types and of the compiled validators. */
export const RECORD_KINDS = {
  team: {
    format: 'yaml',
    schema: team,
    typeName: 'TeamFile',
    field: 'team',
    single: true,
    context: true,
    pattern: /^content\/team\.yaml$/,
    globs: ['content/team.yaml'],
  },
  department: {
    format: 'yaml',
    schema: department,
    typeName: 'DepartmentSettingsFile',
    field: 'department',
    single: true,
    context: true,
    pattern: /^content\/department\.yaml$/,
    globs: ['content/department.yaml'],
  },
  policy: {
    format: 'yaml',
    schema: policy,
    typeName: 'PolicyFile',
    field: 'policies',
    context: true,
    pattern: /^content\/policy\/[^/]+\.ya?ml$/,
    globs: ['content/policy/*.yaml'],
  },
  article: { format: 'markdown', schema: article, typeName: 'ArticleFrontMatter', field: 'articles', context: false },
  topic: {
    format: 'yaml',
    schema: topic,
    typeName: 'TopicFile',
    field: 'topics',
    context: true,
    pattern: /^content\/topics\/[^/]+\.ya?ml$/,
    globs: ['content/topics/*.yaml'],
  },
  campaign: {
    format: 'yaml',
    schema: campaign,
    typeName: 'CampaignFile',
    field: 'campaigns',
    context: true,
    pattern: /^content\/campaigns\/[^/]+\.ya?ml$/,
    globs: ['content/campaigns/*.yaml'],
  },
  'training-plan': {
    format: 'yaml',
    schema: trainingPlan,
    typeName: 'TrainingPlanFile',
    field: 'trainingPlans',
    context: true,
    pattern: /^content\/training\/plan-\d{4}\.ya?ml$/,
    globs: ['content/training/plan-*.yaml'],
  },
  'training-records': {
    format: 'yaml',
    schema: trainingRecords,
    typeName: 'TrainingRecordsFile',
    field: 'trainingRecords',
    context: true,
    pattern: /^content\/training\/records-\d{4}\.ya?ml$/,
    globs: ['content/training/records-*.yaml'],
  },
  'appraisal-rating': {
    format: 'yaml',
    schema: appraisalRating,
    typeName: 'AppraisalRatingFile',
    field: 'ratings',
    context: false,
    pattern: /^appraisals\/[^/]+\/[^/]+\/(self|supervisor|peer-[^/]+)\.ya?ml$/,
    globs: ['appraisals/*/*/self.yaml', 'appraisals/*/*/supervisor.yaml', 'appraisals/*/*/peer-*.yaml'],
    sealable: true,
  },
  'appraisal-interview': {
    format: 'yaml',
    schema: appraisalInterview,
    typeName: 'AppraisalInterviewFile',
    field: 'interviews',
    context: false,
    pattern: /^appraisals\/[^/]+\/[^/]+\/interview\.ya?ml$/,
    globs: ['appraisals/*/*/interview.yaml'],
    sealable: true,
  },
  'appraisal-result': {
    format: 'yaml',
    schema: appraisalResult,
    typeName: 'MonthlyAppraisalResult',
    field: 'scoreResults',
    context: false,
    pattern: /^appraisals\/[^/]+\/[^/]+\/result\.ya?ml$/,
    globs: ['appraisals/*/*/result.yaml'],
  },
  // A finalisation locks the month's records, so checking one changed rating needs it (and the calibrations) too.
  'appraisal-finalization': {
    format: 'yaml',
    schema: appraisalFinalization,
    typeName: 'MonthFinalisation',
    field: 'finalizations',
    context: true,
    pattern: /^appraisals\/[^/]+\/finalized\.ya?ml$/,
    globs: ['appraisals/*/finalized.yaml'],
  },
  'appraisal-calibrations': {
    format: 'yaml',
    schema: appraisalCalibrations,
    typeName: 'AppraisalCalibrations',
    field: 'calibrations',
    context: true,
    pattern: /^appraisals\/[^/]+\/calibrations\.ya?ml$/,
    globs: ['appraisals/*/calibrations.yaml'],
  },
  'appraisal-annual': {
    format: 'yaml',
    schema: appraisalAnnual,
    typeName: 'AppraisalAnnualResults',
    field: 'annualResults',
    context: false,
    pattern: /^appraisals\/annual\/\d{4}\.ya?ml$/,
    globs: ['appraisals/annual/*.yaml'],
  },
  'metrics-article-daily': {
    format: 'csv',
    schema: metricsArticleDaily,
    typeName: 'ArticleDailyRow',
    field: 'articleStats',
    context: false,
    metricsFolder: 'articles',
  },
  'metrics-followers': {
    format: 'csv',
    schema: metricsFollowers,
    typeName: 'FollowerChangeRow',
    field: 'followerChanges',
    context: false,
    metricsFolder: 'followers',
  },
  'metrics-followers-cumulative': {
    format: 'csv',
    schema: metricsFollowersCumulative,
    typeName: 'FollowerCumulativeRow',
    field: 'followerTotals',
    context: false,
    metricsFolder: 'followers-cumulative',
  },
  // Support logs are context too: a conversation id must be unique across every month's file.
  'support-conversation': {
    format: 'csv',
    schema: supportConversation,
    typeName: 'SupportConversationRow',
    field: 'supportConversations',
    context: true,
    metricsFolder: 'support',
  },
  'support-user': {
    format: 'csv',
    schema: supportUser,
    typeName: 'SupportUserRow',
    field: 'supportUsers',
    context: false,
    metricsFolder: 'support-users',
  },
  'support-conduct': {
    format: 'csv',
    schema: supportConduct,
    typeName: 'SupportConductRow',
    field: 'supportConduct',
    context: false,
    metricsFolder: 'support-conduct',
  },
  'metrics-audience': {
    format: 'csv',
    schema: metricsAudience,
    typeName: 'AudienceRow',
    field: 'audience',
    context: false,
    metricsFolder: 'audience',
  },
  'metrics-reads': {
    format: 'csv',
    schema: metricsReads,
    typeName: 'ReadsBySourceRow',
    field: 'readsBySource',
    context: false,
    metricsFolder: 'reads',
  },
  'metrics-shares': {
    format: 'csv',
    schema: metricsShares,
    typeName: 'SharesBySceneRow',
    field: 'sharesByScene',
    context: false,
    metricsFolder: 'shares',
  },
  'metrics-article-totals': {
    format: 'csv',
    schema: metricsArticleTotals,
    typeName: 'ArticleTotalRow',
    field: 'articleTotals',
    context: false,
    metricsFolder: 'article-totals',
  },
  'metrics-revision': {
    format: 'csv',
    schema: metricsRevision,
    typeName: 'MetricRevisionRow',
    field: 'metricRevisions',
    context: false,
    metricsFolder: 'revisions',
  },
  'publish-record': {
    format: 'yaml',
    schema: publishRecord,
    typeName: 'PublishRecordFile',
    field: 'publishRecords',
    context: false,
    pattern: /^content\/publishing\/[^/]+\.ya?ml$/,
    globs: ['content/publishing/*.yaml'],
  },
  // A campaign's draw: its entries (one table, not split by month) and the result of mpflow draw --write.
  'campaign-entries': {
    format: 'csv',
    schema: campaignEntries,
    typeName: 'CampaignEntryRow',
    field: 'campaignEntries',
    context: true,
    pattern: /^content\/campaigns\/[^/]+\/entries\.csv$/,
  },
  'campaign-draw': {
    format: 'yaml',
    schema: campaignDraw,
    typeName: 'CampaignDrawFile',
    field: 'campaignDraws',
    context: true,
    pattern: /^content\/campaigns\/[^/]+\/draw\.ya?ml$/,
    globs: ['content/campaigns/*/draw.yaml'],
  },
} as const satisfies Record<string, RecordKindSpec>;

export type RecordKind = keyof typeof RECORD_KINDS;

type KindsOfFormat<F extends RecordKindSpec['format']> = {
  [K in RecordKind]: (typeof RECORD_KINDS)[K]['format'] extends F ? K : never;
}[RecordKind];

/** Kinds kept as CSV tables (each row a record). */
export type TableKind = KindsOfFormat<'csv'>;
/** Kinds kept as one YAML record per file. */
export type YamlRecordKind = KindsOfFormat<'yaml'>;
/** Kinds also committed encrypted. */
export type SealableKind = {
  [K in RecordKind]: (typeof RECORD_KINDS)[K] extends { sealable: true } ? K : never;
}[RecordKind];

export const RECORD_KIND_IDS = Object.keys(RECORD_KINDS) as RecordKind[];

export function recordKind(kind: RecordKind): RecordKindSpec {
  return RECORD_KINDS[kind];
}
export function yamlKind(kind: YamlRecordKind): YamlKind {
  return RECORD_KINDS[kind];
}
export function tableKind(kind: TableKind): TableKindSpec {
  return RECORD_KINDS[kind];
}

export const YAML_KINDS = RECORD_KIND_IDS.filter(
  (kind): kind is YamlRecordKind => RECORD_KINDS[kind].format === 'yaml',
);
export const TABLE_KINDS = RECORD_KIND_IDS.filter((kind): kind is TableKind => RECORD_KINDS[kind].format === 'csv');

/** `yaml.schemas` of `.vscode/settings.json`: each YAML kind's schema file and the globs of its files. */
export function editorSchemaMap(): Record<string, string | string[]> {
  const map: Record<string, string | string[]> = {};
  for (const kind of YAML_KINDS) {
    const { schema, globs } = yamlKind(kind);
    map[`./schemas/${schema.$id}`] = globs.length === 1 ? globs[0]! : [...globs];
  }
  return map;
}
