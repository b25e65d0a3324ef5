import path from 'node:path';
import { text } from '../i18n/language.ts';
import type { Problem } from '../check/problem.ts';
import { internalError, makeProblem } from '../check/make-problem.ts';
import type { RecordKind, TableKind } from '../model/schemas.ts';
import { RECORD_SCHEMAS, tableColumns } from '../model/schemas.ts';
import { isCalendarDate } from '../model/dates.ts';
import { validateRecord, type Locator } from '../model/validate-record.ts';
import type {
  AppraisalInterviewFile,
  AppraisalAnnualResults,
  AppraisalCalibrations,
  MonthFinalisation,
  MonthlyAppraisalResult,
  AppraisalRatingFile,
  ArticleDailyRow,
  ArticleFrontMatter,
  ArticleTotalRow,
  AudienceRow,
  CampaignDrawFile,
  CampaignEntryRow,
  CampaignFile,
  FollowerChangeRow,
  FollowerCumulativeRow,
  MetricRevisionRow,
  PolicyFile,
  PublishRecordFile,
  ReadsBySourceRow,
  SharesBySceneRow,
  SupportConversationRow,
  TeamFile,
  TopicFile,
  TrainingPlanFile,
  TrainingRecordsFile,
} from '../model/types.generated.ts';
import { parseCsvSource, type CsvCell } from '../source/csv-source.ts';
import { splitFrontMatter } from '../source/front-matter.ts';
import { readTextFile } from '../source/read-text-file.ts';
import { locateInYaml, parseYamlSource, type YamlSource } from '../source/yaml-source.ts';
import { classifyPath } from './classify-path.ts';
import { CONTENT_ROOTS } from './classify-path.ts';
import { walkFiles, type FoundFile } from './walk-files.ts';

/** A record read from a file, with a way back to the line of any of its fields. */
export interface SourcedRecord<T> {
  file: string;
  data: T;
  /** False when the record failed its schema beyond unknown fields; cross-file checks then skip its details. */
  valid: boolean;
  locate: Locator;
  /** The YAML text and its parse, for checks that point inside a value (compliance: titles, campaign rules). */
  yaml?: { text: string; source: YamlSource };
}

export interface ArticleRecord extends SourcedRecord<ArticleFrontMatter> {
  id: string;
  /** Folder of the article, relative to the repository root. */
  directory: string;
  body: string;
  bodyFirstLine: number;
}

export interface TableRow<T> {
  line: number;
  data: T;
  valid: boolean;
  locate: Locator;
}

export interface TableFile<T> {
  file: string;
  month: string;
  rows: TableRow<T>[];
}

export interface Repository {
  root: string;
  /** Every file found under the content folders, repository-relative. */
  files: ReadonlySet<string>;
  /** Ids of every article folder, whether or not its file was read in this run. */
  articleIds: ReadonlySet<string>;
  team?: SourcedRecord<TeamFile>;
  policies: SourcedRecord<PolicyFile>[];
  articles: ArticleRecord[];
  topics: SourcedRecord<TopicFile>[];
  campaigns: SourcedRecord<CampaignFile>[];
  trainingPlans: SourcedRecord<TrainingPlanFile>[];
  trainingRecords: SourcedRecord<TrainingRecordsFile>[];
  ratings: SourcedRecord<AppraisalRatingFile>[];
  interviews: SourcedRecord<AppraisalInterviewFile>[];
  /** Written by `mpflow score --write`; recomputed by `mpflow score --verify`. Optional so hand-built repositories may leave them out. */
  scoreResults?: SourcedRecord<MonthlyAppraisalResult>[];
  finalizations?: SourcedRecord<MonthFinalisation>[];
  calibrations?: SourcedRecord<AppraisalCalibrations>[];
  annualResults?: SourcedRecord<AppraisalAnnualResults>[];
  articleStats: TableFile<ArticleDailyRow>[];
  followerChanges: TableFile<FollowerChangeRow>[];
  followerTotals: TableFile<FollowerCumulativeRow>[];
  supportConversations: TableFile<SupportConversationRow>[];
  // Analytics tables added later: optional, so a Repository built by hand (tests, review context) stays valid.
  audience?: TableFile<AudienceRow>[];
  readsBySource?: TableFile<ReadsBySourceRow>[];
  sharesByScene?: TableFile<SharesBySceneRow>[];
  articleTotals?: TableFile<ArticleTotalRow>[];
  metricRevisions?: TableFile<MetricRevisionRow>[];
  /** content/publishing/<articleId>.yaml, written by `mpflow publish`; optional for Repositories built by hand. */
  publishRecords?: SourcedRecord<PublishRecordFile>[];
  /** content/campaigns/<id>/entries.csv (month is ''), drawn by `mpflow draw`; optional for Repositories built by hand. */
  campaignEntries?: TableFile<CampaignEntryRow>[];
  /** content/campaigns/<id>/draw.yaml, written by `mpflow draw --write` and re-run by `mpflow check`. */
  campaignDraws?: SourcedRecord<CampaignDrawFile>[];
}

export interface LoadOptions {
  /**
   * Repository-relative files to read in full. Context records (roster, policy, topics,
   * campaigns, training) are always read, since other files refer to them.
   */
  only?: (relativePath: string) => boolean;
  /** The repository's files, already listed (from git's index, for `check --changed`); no folder walk then. */
  files?: FoundFile[];
}

export interface LoadResult {
  repository: Repository;
  problems: Problem[];
}

/** Where each kind of record goes in a Repository. */
const RECORD_LISTS = {
  policy: 'policies',
  topic: 'topics',
  campaign: 'campaigns',
  'training-plan': 'trainingPlans',
  'training-records': 'trainingRecords',
  'appraisal-rating': 'ratings',
  'appraisal-interview': 'interviews',
  'appraisal-result': 'scoreResults',
  'appraisal-finalization': 'finalizations',
  'appraisal-calibrations': 'calibrations',
  'appraisal-annual': 'annualResults',
  'publish-record': 'publishRecords',
  'campaign-draw': 'campaignDraws',
} as const satisfies Partial<Record<RecordKind, keyof Repository>>;

const TABLE_LISTS = {
  'metrics-article-daily': 'articleStats',
  'metrics-followers': 'followerChanges',
  'metrics-followers-cumulative': 'followerTotals',
  'support-conversation': 'supportConversations',
  'metrics-audience': 'audience',
  'metrics-reads': 'readsBySource',
  'metrics-shares': 'sharesByScene',
  'metrics-article-totals': 'articleTotals',
  'metrics-revision': 'metricRevisions',
  'campaign-entries': 'campaignEntries',
} as const satisfies Record<TableKind, keyof Repository>;

const ARTICLE_FOLDER_OF = /^(content\/articles\/\d{4}\/\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\/[^/]+$/;

// Support logs are context too: a conversation id must be unique across every month's file.
// A finalisation locks the month's records, so checking one changed rating needs it (and the calibrations) too.
const CONTEXT_KINDS = new Set<RecordKind>(['team', 'policy', 'topic', 'campaign', 'training-plan', 'training-records', 'support-conversation', 'appraisal-finalization', 'appraisal-calibrations', 'campaign-entries', 'campaign-draw']);
const READ_CONCURRENCY = 32;

export async function loadRepository(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const { files, problems: walkProblems } = options.files ? { files: options.files, problems: [] } : await walkFiles(root, CONTENT_ROOTS);
  problems.push(...walkProblems);

  const repository: Repository = {
    root,
    files: new Set(files.map((file) => file.relativePath)),
    articleIds: new Set(),
    policies: [],
    articles: [],
    topics: [],
    campaigns: [],
    trainingPlans: [],
    trainingRecords: [],
    ratings: [],
    interviews: [],
    scoreResults: [],
    finalizations: [],
    calibrations: [],
    annualResults: [],
    articleStats: [],
    followerChanges: [],
    followerTotals: [],
    supportConversations: [],
    audience: [],
    readsBySource: [],
    sharesByScene: [],
    articleTotals: [],
    metricRevisions: [],
    publishRecords: [],
    campaignEntries: [],
    campaignDraws: [],
  };
  const articleIds = repository.articleIds as Set<string>;

  const tasks: Array<() => Promise<void>> = [];
  const articleFolders = new Set<string>();
  const foldersWithIndex = new Set<string>();
  for (const { relativePath, absolutePath } of files) {
    const role = classifyPath(relativePath);
    const folder = ARTICLE_FOLDER_OF.exec(relativePath)?.[1];
    if (folder) {
      articleFolders.add(folder);
      // The folder names the article even when its index.md is missing or misnamed (reported once, below).
      articleIds.add(folder.slice('content/articles/'.length).replace('/', '-'));
    }
    if (role.role === 'article') {
      articleIds.add(role.id);
      foldersWithIndex.add(path.posix.dirname(relativePath));
    }
    const report = !options.only || options.only(relativePath);
    const wanted = (kind: RecordKind) => report || CONTEXT_KINDS.has(kind);

    switch (role.role) {
      case 'notes':
      case 'asset':
        break;
      case 'unknown':
        if (report) {
          problems.push(
            makeProblem(
              relativePath,
              'path/unknown-file',
              text('mpflow 不认识这个位置的文件，检查时跳过了它。', 'mpflow does not know what a file in this place is; it was skipped.'),
            ),
          );
        }
        break;
      case 'misplaced-article':
        if (report) {
          problems.push(
            makeProblem(
              relativePath,
              'path/layout',
              text(
                '文章文件应放在 content/articles/<年>/<月-日-英文短名>/index.md，短名只用小写字母、数字和连字符。',
                'Article files belong in content/articles/<yyyy>/<mm-dd-slug>/index.md; the slug uses lowercase letters, digits and hyphens.',
              ),
            ),
          );
        }
        break;
      case 'article':
        if (report && !isCalendarDate(role.id.slice(0, 10))) {
          problems.push(makeProblem(relativePath, 'date/invalid', text(`文件夹名中的日期 ${role.id.slice(0, 10)} 不存在。`, `The date in the folder name, ${role.id.slice(0, 10)}, does not exist.`)));
        }
        if (wanted('article')) tasks.push(guarded(relativePath, problems, () => loadArticle(absolutePath, relativePath, role.id, repository, problems)));
        break;
      case 'table':
        if (wanted(role.kind)) tasks.push(guarded(relativePath, problems, () => loadTable(absolutePath, relativePath, role.kind, role.month, repository, problems)));
        break;
      case 'record':
        if (wanted(role.kind)) tasks.push(guarded(relativePath, problems, () => loadYamlRecord(absolutePath, relativePath, role.kind, repository, problems)));
        break;
    }
  }
  await runLimited(tasks, READ_CONCURRENCY);

  // Images and notes in a folder whose index.md is missing (or misnamed Index.md) belong to no article.
  for (const folder of articleFolders) {
    if (foldersWithIndex.has(folder) || (options.only && !options.only(`${folder}/index.md`) && !options.only(folder))) continue;
    problems.push(
      makeProblem(
        folder,
        'path/layout',
        text('这个文章文件夹里没有 index.md（文件名必须是小写的 index.md）。', 'This article folder has no index.md (the name must be index.md, in lower case).'),
      ),
    );
  }

  // Keep results independent of the order in which reads finished.
  for (const key of [...Object.values(RECORD_LISTS), ...Object.values(TABLE_LISTS), 'articles'] as const) {
    (repository[key] as Array<{ file: string }>).sort((a, b) => (a.file < b.file ? -1 : 1));
  }
  return { repository, problems };
}

/**
 * Whether a record's known fields can be trusted by the cross-file checks. An unknown field is
 * reported but leaves the rest intact, so one typo does not silence every check built on it.
 */
function isUsable(schemaProblems: readonly Problem[]): boolean {
  return schemaProblems.every((problem) => problem.ruleId === 'schema/unknown-field');
}

/** A bug while reading one file is reported against that file, and the run goes on. */
function guarded(file: string, problems: Problem[], load: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await load();
    } catch (error) {
      problems.push(internalError(file, error));
    }
  };
}

async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next]!;
      next += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

async function loadYamlRecord(absolutePath: string, file: string, kind: RecordKind, repository: Repository, problems: Problem[]): Promise<void> {
  const read = await readTextFile(absolutePath, file);
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  const parsed = parseYamlSource(read.text, file);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return;
  }
  const { source } = parsed;
  const locate: Locator = (segments, at) => locateInYaml(source, segments, at);
  const schemaProblems = validateRecord(kind, source.data, file, locate);
  problems.push(...schemaProblems);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) return;
  const record = { file, data: source.data, valid: isUsable(schemaProblems), locate, yaml: { text: read.text, source } };
  if (kind === 'team') repository.team = record as SourcedRecord<TeamFile>;
  else if (kind in RECORD_LISTS) (repository[RECORD_LISTS[kind as keyof typeof RECORD_LISTS]] as SourcedRecord<unknown>[]).push(record);
}

async function loadArticle(absolutePath: string, file: string, id: string, repository: Repository, problems: Problem[]): Promise<void> {
  const read = await readTextFile(absolutePath, file);
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  const split = splitFrontMatter(read.text);
  if (split.kind === 'missing') {
    problems.push(
      makeProblem(file, 'frontmatter/missing', text('文章缺少头信息：第一行应为 ---，然后是标题、作者等字段，再以 --- 结束。', 'The article has no front matter: the first line should be ---, then title, author and the other fields, then ---.')),
    );
    return;
  }
  if (split.kind === 'unclosed') {
    problems.push(
      makeProblem(file, 'frontmatter/unclosed', text('头信息从第 1 行开始，但没有结束的 --- 行。', 'The front matter opened on line 1 is never closed by a --- line.'), {
        start: { line: 1, column: 1 },
        end: { line: split.lastLine, column: 1 },
      }),
    );
    return;
  }
  const parsed = parseYamlSource(split.yamlText, file, split.yamlFirstLine);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return;
  }
  const { source } = parsed;
  const locate: Locator = (segments, at) =>
    source.document.contents ? locateInYaml(source, segments, at) : { start: { line: split.closingLine, column: 1 } };
  const schemaProblems = validateRecord('article', source.data, file, locate);
  problems.push(...schemaProblems);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) return;
  repository.articles.push({
    file,
    id,
    directory: path.posix.dirname(file),
    data: source.data as ArticleFrontMatter,
    valid: isUsable(schemaProblems),
    locate,
    yaml: { text: split.yamlText, source },
    body: split.body,
    bodyFirstLine: split.bodyFirstLine,
  });
}

async function loadTable(absolutePath: string, file: string, kind: TableKind, month: string, repository: Repository, problems: Problem[]): Promise<void> {
  const read = await readTextFile(absolutePath, file);
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  const parsed = parseCsvSource(read.text, file);
  problems.push(...parsed.problems);
  if (!parsed.ok) return;
  const { header, rows } = parsed.source;
  const expected = tableColumns(kind);
  const actual = header.map((cell) => cell.value.trim());
  if (actual.join(',') !== expected.join(',')) {
    const firstDifference = expected.findIndex((name, index) => actual[index] !== name);
    const cell = header[firstDifference] ?? header[header.length - 1]!;
    problems.push(
      makeProblem(
        file,
        'csv/header',
        text(`表头应为 ${expected.join(',')}，实际是 ${actual.join(',')}。`, `The header should be ${expected.join(',')}; it is ${actual.join(',')}.`),
        { start: { line: cell.line, column: cell.column } },
      ),
    );
    return;
  }
  const properties = RECORD_SCHEMAS[kind].properties as Record<string, { type?: string; $ref?: string }>;
  const tableRows: TableRow<unknown>[] = [];
  for (const row of rows) {
    const data: Record<string, unknown> = {};
    const cellsByName = new Map<string, CsvCell>();
    row.cells.forEach((cell, index) => {
      const name = expected[index]!;
      cellsByName.set(name, cell);
      if (cell.value === '') return;
      data[name] = coerceCell(cell.value, properties[name]?.type);
    });
    const locate: Locator = (segments) => {
      const cell = cellsByName.get(String(segments[0] ?? ''));
      if (!cell) return { start: { line: row.line, column: 1 } };
      return { start: { line: cell.line, column: cell.column }, end: { line: cell.line, column: cell.column + cell.value.length } };
    };
    const rowProblems = validateRecord(kind, data, file, locate);
    problems.push(...rowProblems);
    tableRows.push({ line: row.line, data, valid: isUsable(rowProblems), locate });
  }
  (repository[TABLE_LISTS[kind]] as TableFile<unknown>[]).push({ file, month, rows: tableRows });
}

/** CSV cells are text; numbers become numbers only where the schema wants one, so "007" stays an id. */
function coerceCell(value: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}
