import path from 'node:path';
import { text } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { internalError, makeProblem } from '../diagnostics/make-problem.ts';
import { RECORD_KIND_IDS, RECORD_KINDS, recordKind, type RecordKind, type TableKind } from '../model/record-kinds.ts';
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
  DepartmentSettingsFile,
  FollowerChangeRow,
  FollowerCumulativeRow,
  MetricRevisionRow,
  PolicyFile,
  PublishRecordFile,
  ReadsBySourceRow,
  SharesBySceneRow,
  SupportConversationRow,
  SupportConductRow,
  SupportUserRow,
  TeamFile,
  TopicFile,
  TrainingPlanFile,
  TrainingRecordsFile,
} from '../model/types.generated.ts';
import { headerProblem, parseCsvSource, type CsvCell } from '../source/csv-source.ts';
import { splitFrontMatter } from '../source/front-matter.ts';
import { readTextFile } from '../source/read-text-file.ts';
import { locateInYaml, parseYamlSource, type YamlSource } from '../source/yaml-source.ts';
import { cellSpan, csvRowRecord } from './csv-row-record.ts';
import { classifyPath } from './classify-path.ts';
import { CONTENT_ROOTS } from './classify-path.ts';
import { walkFiles, type FoundFile } from './walk-files.ts';
import { digestOf, NO_CACHE, type CheckCache } from '../cache/check-cache.ts';
import { IdentityError, identitiesFromEnvironment, openSealed, sealedDigest } from '../source/seal.ts';

/** A record read from a file, with a way back to the line of any of its fields. */
export interface SourcedRecord<T> {
  file: string;
  data: T;
  /** False when the record failed its schema beyond unknown fields; cross-file checks then skip its details. */
  valid: boolean;
  locate: Locator;
  /**
   * The YAML text and its parse, for checks that point inside a value (compliance: titles,
   * campaign rules). The parse is made on first use when the record came from the check cache.
   */
  yaml?: { text: string; firstLine: number; readonly source: YamlSource };
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
  /** content/department.yaml (names, brand, site, support categories); absent means neutral defaults. */
  department?: SourcedRecord<DepartmentSettingsFile>;
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
  /** Imported conversations' salted user digests, and the conduct counts of agents' replies (mpflow metrics import --from wechat-support); optional for Repositories built by hand. */
  supportUsers?: TableFile<SupportUserRow>[];
  supportConduct?: TableFile<SupportConductRow>[];
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
  /** Appraisal inputs committed encrypted (`*.yaml.age`), opened or not; optional for Repositories built by hand. */
  sealed?: SealedFile[];
}

/**
 * An encrypted appraisal input. When one of the run's identities opens it, its record is in
 * `ratings` or `interviews` as well (with this file's path); otherwise only this entry says it exists.
 */
export interface SealedFile {
  file: string;
  kind: 'appraisal-rating' | 'appraisal-interview';
  /** sha256 of the armoured text as committed: locked by a finalisation, checked without any key. */
  digest: string;
  opened: boolean;
}

export interface LoadOptions {
  /**
   * Repository-relative files to read in full. Context records (roster, policy, topics,
   * campaigns, training) are always read, since other files refer to them.
   */
  only?: (relativePath: string) => boolean;
  /** The repository's files, already listed (from git's index, for `check --changed`); no folder walk then. */
  files?: FoundFile[];
  /** age identities that open sealed appraisal inputs; by default from MPFLOW_AGE_IDENTITY(_FILE). */
  identities?: readonly string[];
  /** What earlier runs learnt of unchanged files (see check-cache.ts); none by default. */
  cache?: CheckCache;
}

export interface LoadResult {
  repository: Repository;
  problems: Problem[];
}

/**
 * Where a kind's records go in a Repository: the registry's `field` (record-kinds.ts). Typed
 * `keyof Repository`, so a registry entry naming a field the Repository lacks does not compile.
 */
function fieldOf(kind: RecordKind): keyof Repository {
  return RECORD_KINDS[kind].field;
}

/** The Repository fields that hold a list of records (every kind but the single files). */
const LIST_FIELDS = RECORD_KIND_IDS.filter((kind) => !recordKind(kind).single).map(fieldOf);

const ARTICLE_FOLDER_OF = /^(content\/articles\/\d{4}\/\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\/[^/]+$/;

/** Kinds read even when only some files are reported, since other files are checked against them. */
const CONTEXT_KINDS = new Set<RecordKind>(RECORD_KIND_IDS.filter((kind) => recordKind(kind).context));
const READ_CONCURRENCY = 32;

export async function loadRepository(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const { files, problems: walkProblems } = options.files
    ? { files: options.files, problems: [] }
    : await walkFiles(root, CONTENT_ROOTS);
  problems.push(...walkProblems);

  const repository = {
    root,
    files: new Set(files.map((file) => file.relativePath)),
    articleIds: new Set<string>(),
    ...Object.fromEntries(LIST_FIELDS.map((field) => [field, []])),
    sealed: [],
  } as unknown as Repository;
  const articleIds = repository.articleIds as Set<string>;

  const tasks: Array<() => Promise<void>> = [];
  const cache = options.cache ?? NO_CACHE;
  let identities: readonly string[] | undefined = options.identities;
  const identitiesOnce = (): readonly string[] => {
    if (identities === undefined) {
      try {
        identities = identitiesFromEnvironment();
      } catch (error) {
        identities = [];
        if (error instanceof IdentityError)
          problems.push(makeProblem('MPFLOW_AGE_IDENTITY', 'appraisal/identity', error.localized));
        else throw error;
      }
    }
    return identities;
  };
  const articleFolders = new Set<string>();
  const foldersWithIndex = new Set<string>();
  for (const { relativePath, absolutePath } of files) {
    const report = !options.only || options.only(relativePath);
    const folder = ARTICLE_FOLDER_OF.exec(relativePath)?.[1];
    if (folder) {
      articleFolders.add(folder);
      // The folder names the article even when its index.md is missing or misnamed (reported once, below).
      articleIds.add(folder.slice('content/articles/'.length).replace('/', '-'));
      // An article's file that is only context (checking a pull request's few files among 10,000
      // articles) is never read: its folder's id is all the others need of it.
      if (!report) {
        if (relativePath.endsWith('/index.md') && relativePath.length === folder.length + '/index.md'.length)
          foldersWithIndex.add(folder);
        continue;
      }
    }
    const role = classifyPath(relativePath);
    if (role.role === 'article') {
      articleIds.add(role.id);
      foldersWithIndex.add(path.posix.dirname(relativePath));
    }
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
              text(
                'mpflow 不认识这个位置的文件，检查时跳过了它。',
                'mpflow does not know what a file in this place is; it was skipped.',
              ),
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
          problems.push(
            makeProblem(
              relativePath,
              'date/invalid',
              text(
                `文件夹名中的日期 ${role.id.slice(0, 10)} 不存在。`,
                `The date in the folder name, ${role.id.slice(0, 10)}, does not exist.`,
              ),
            ),
          );
        }
        if (wanted('article'))
          tasks.push(
            guarded(relativePath, problems, () =>
              loadArticle(absolutePath, relativePath, role.id, repository, problems, cache),
            ),
          );
        break;
      case 'table':
        if (wanted(role.kind))
          tasks.push(
            guarded(relativePath, problems, () =>
              loadTable(absolutePath, relativePath, role.kind, role.month, repository, problems, cache),
            ),
          );
        break;
      case 'record':
        if (wanted(role.kind))
          tasks.push(
            guarded(relativePath, problems, () =>
              loadYamlRecord(absolutePath, relativePath, role.kind, repository, problems, undefined, cache),
            ),
          );
        break;
      case 'sealed':
        if (wanted(role.kind))
          tasks.push(
            guarded(relativePath, problems, () =>
              loadSealedRecord(absolutePath, relativePath, role.kind, identitiesOnce(), repository, problems),
            ),
          );
        break;
    }
  }
  await runLimited(tasks, READ_CONCURRENCY);

  // Images and notes in a folder whose index.md is missing (or misnamed Index.md) belong to no article.
  for (const folder of articleFolders) {
    if (foldersWithIndex.has(folder) || (options.only && !options.only(`${folder}/index.md`) && !options.only(folder)))
      continue;
    problems.push(
      makeProblem(
        folder,
        'path/layout',
        text(
          '这个文章文件夹里没有 index.md（文件名必须是小写的 index.md）。',
          'This article folder has no index.md (the name must be index.md, in lower case).',
        ),
      ),
    );
  }

  // Keep results independent of the order in which reads finished.
  for (const key of [...LIST_FIELDS, 'sealed'] as const) {
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

/**
 * The one place sealed appraisal inputs are opened: decrypted with the run's identities and
 * then read exactly like their plain-text form. One that no identity opens is listed, not read.
 */
async function loadSealedRecord(
  absolutePath: string,
  file: string,
  kind: 'appraisal-rating' | 'appraisal-interview',
  identities: readonly string[],
  repository: Repository,
  problems: Problem[],
): Promise<void> {
  const read = await readTextFile(absolutePath, file);
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  const entry: SealedFile = { file, kind, digest: sealedDigest(read.text), opened: false };
  repository.sealed!.push(entry);
  const opened = await openSealed(read.text, identities);
  if (opened.state === 'damaged') {
    problems.push(makeProblem(file, 'appraisal/sealed', opened.message));
    return;
  }
  if (opened.state === 'locked') return;
  entry.opened = true;
  await loadYamlRecord(absolutePath, file, kind, repository, problems, opened.text);
}

async function loadYamlRecord(
  absolutePath: string,
  file: string,
  kind: RecordKind,
  repository: Repository,
  problems: Problem[],
  plainText?: string,
  cache: CheckCache = NO_CACHE,
): Promise<void> {
  const read =
    plainText === undefined ? await readTextFile(absolutePath, file) : { ok: true as const, text: plainText };
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  // A decrypted appraisal input is never cached: the cache is a plain file outside the repository.
  const key = plainText === undefined ? digestOf(kind, read.text) : undefined;
  const cached = key ? cache.get<CachedRecord>('yaml', key) : undefined;
  if (cached) {
    const source = lazySource(read.text, file, 1);
    const locate: Locator = (segments, at) => locateInYaml(source(), segments, at);
    addRecord(repository, kind, {
      file,
      data: cached.data,
      valid: true,
      locate,
      yaml: {
        text: read.text,
        firstLine: 1,
        get source() {
          return source();
        },
      },
    });
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
  if (key && schemaProblems.length === 0) cache.set('yaml', key, { data: source.data } satisfies CachedRecord);
  addRecord(repository, kind, {
    file,
    data: source.data,
    valid: isUsable(schemaProblems),
    locate,
    yaml: { text: read.text, firstLine: 1, source },
  });
}

/** A YAML file that parsed and passed its schema last time: its data is all a check needs of it. */
interface CachedRecord {
  data: object;
}

function addRecord(repository: Repository, kind: RecordKind, record: SourcedRecord<unknown>): void {
  const slots = repository as unknown as Record<string, unknown>;
  if (recordKind(kind).single) slots[fieldOf(kind)] = record;
  else (slots[fieldOf(kind)] as SourcedRecord<unknown>[]).push(record);
}

/** The parse of a text that parsed cleanly before (it came from the cache), made when first asked for. */
function lazySource(yamlText: string, file: string, firstLine: number): () => YamlSource {
  let source: YamlSource | undefined;
  return () => {
    if (source) return source;
    const parsed = parseYamlSource(yamlText, file, firstLine);
    if (!parsed.ok) throw new Error(`${file}: a cached YAML text no longer parses`);
    source = parsed.source;
    return source;
  };
}

async function loadArticle(
  absolutePath: string,
  file: string,
  id: string,
  repository: Repository,
  problems: Problem[],
  cache: CheckCache = NO_CACHE,
): Promise<void> {
  const read = await readTextFile(absolutePath, file);
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  const split = splitFrontMatter(read.text);
  if (split.kind === 'missing') {
    problems.push(
      makeProblem(
        file,
        'frontmatter/missing',
        text(
          '文章缺少头信息：第一行应为 ---，然后是标题、作者等字段，再以 --- 结束。',
          'The article has no front matter: the first line should be ---, then title, author and the other fields, then ---.',
        ),
      ),
    );
    return;
  }
  if (split.kind === 'unclosed') {
    problems.push(
      makeProblem(
        file,
        'frontmatter/unclosed',
        text(
          '头信息从第 1 行开始，但没有结束的 --- 行。',
          'The front matter opened on line 1 is never closed by a --- line.',
        ),
        {
          start: { line: 1, column: 1 },
          end: { line: split.lastLine, column: 1 },
        },
      ),
    );
    return;
  }
  const article = (data: object, valid: boolean, locate: Locator, source: () => YamlSource): ArticleRecord => ({
    file,
    id,
    directory: path.posix.dirname(file),
    data: data as ArticleFrontMatter,
    valid,
    locate,
    yaml: {
      text: split.yamlText,
      firstLine: split.yamlFirstLine,
      get source() {
        return source();
      },
    },
    body: split.body,
    bodyFirstLine: split.bodyFirstLine,
  });
  // Without a cache (MPFLOW_CACHE=off, --no-cache) there is nothing to look up or keep under a key.
  const key = cache === NO_CACHE ? '' : digestOf('article', split.yamlText, String(split.yamlFirstLine));
  const cached = key === '' ? undefined : cache.get<CachedRecord>('yaml', key);
  if (cached) {
    const source = lazySource(split.yamlText, file, split.yamlFirstLine);
    const locate: Locator = (segments, at) =>
      source().document.contents
        ? locateInYaml(source(), segments, at)
        : { start: { line: split.closingLine, column: 1 } };
    repository.articles.push(article(cached.data, true, locate, source));
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
  if (key !== '' && schemaProblems.length === 0) cache.set('yaml', key, { data: source.data } satisfies CachedRecord);
  repository.articles.push(article(source.data, isUsable(schemaProblems), locate, () => source));
}

async function loadTable(
  absolutePath: string,
  file: string,
  kind: TableKind,
  month: string,
  repository: Repository,
  problems: Problem[],
  cache: CheckCache = NO_CACHE,
): Promise<void> {
  const read = await readTextFile(absolutePath, file);
  if (!read.ok) {
    problems.push(read.problem);
    return;
  }
  const expected = tableColumns(kind);
  const key = digestOf(kind, read.text);
  const cached = cache.get<CachedTable>('csv', key);
  if (cached) {
    // The cells' positions are needed only when a cross-file check reports a row: parsed then.
    let cellsByLine: Map<number, Map<string, CsvCell>> | undefined;
    const cellsOf = (line: number) => {
      if (!cellsByLine) {
        cellsByLine = new Map();
        const parsed = parseCsvSource(read.text, file);
        for (const row of parsed.ok ? parsed.source.rows : [])
          cellsByLine.set(row.line, new Map(row.cells.map((cell, index) => [expected[index]!, cell])));
      }
      return cellsByLine.get(line) ?? new Map<string, CsvCell>();
    };
    const rows = cached.rows.map(
      ([line, data]): TableRow<unknown> => ({
        line,
        data,
        valid: true,
        locate: (segments) => cellSpan(cellsOf(line), segments, line),
      }),
    );
    (repository[fieldOf(kind)] as TableFile<unknown>[]).push({ file, month, rows });
    return;
  }
  const parsed = parseCsvSource(read.text, file);
  problems.push(...parsed.problems);
  if (!parsed.ok) return;
  const { header, rows } = parsed.source;
  const wrongHeader = headerProblem(file, header, expected);
  if (wrongHeader) {
    problems.push(wrongHeader);
    return;
  }
  const properties = RECORD_SCHEMAS[kind].properties as Record<string, { type?: string; $ref?: string }>;
  const tableRows: TableRow<unknown>[] = [];
  let clean = parsed.problems.length === 0;
  for (const row of rows) {
    const { data, locate } = csvRowRecord(row, expected, (value, column) =>
      coerceCell(value, properties[column]?.type),
    );
    const rowProblems = validateRecord(kind, data, file, locate);
    problems.push(...rowProblems);
    if (rowProblems.length > 0) clean = false;
    tableRows.push({ line: row.line, data, valid: isUsable(rowProblems), locate });
  }
  if (clean)
    cache.set('csv', key, {
      rows: tableRows.map((row) => [row.line, row.data as Record<string, unknown>]),
    } satisfies CachedTable);
  (repository[fieldOf(kind)] as TableFile<unknown>[]).push({ file, month, rows: tableRows });
}

/** A table that read and validated cleanly last time: each row's line and data. */
interface CachedTable {
  rows: Array<[number, Record<string, unknown>]>;
}

/** CSV cells are text; numbers become numbers only where the schema wants one, so "007" stays an id. */
function coerceCell(value: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}
