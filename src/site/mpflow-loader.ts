/**
 * The site's view of the department repository: an Astro content-layer loader that reads the
 * repository through the same domain core as `mpflow check` and refuses to build a repository
 * with errors.
 *
 * Privacy boundary: only the collections listed in `SITE_COLLECTIONS` ever reach the content
 * store, and none of them is built from appraisal ratings or interviews. Rater scores, their
 * comments and interview summaries therefore cannot end up in dist/, whatever a page asks for.
 * Personal leave reasons in the roster are dropped too.
 */
import { departmentClock } from '../core/policy/department-clock.ts';
import { currentInstant } from '../core/clock.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { checkLoadedRepository } from '../core/check/check-repository.ts';
import { compareProblems, countBySeverity, type Problem } from '../core/diagnostics/problem.ts';
import type {
  ArticleFrontMatter,
  CampaignFile,
  LeavePeriod,
  PolicyFile,
  TeamMember,
  TopicFile,
  TrainingCourse,
} from '../core/model/types.generated.ts';
import { CONTENT_ROOTS } from '../core/repository/classify-path.ts';
import { loadRepository, type Repository } from '../core/repository/load-repository.ts';
import { formatText } from '../core/report/format-text.ts';
import { trainingYears, type TrainingYearView } from '../core/training/training-year.ts';

/** A roster entry as the site sees it: leave periods keep their dates, never their reason. */
export type TeamMemberEntry = Omit<TeamMember, 'leave'> & { leave?: Omit<LeavePeriod, 'reason'>[] };
export type PolicyEntry = PolicyFile & { file: string };
export type TopicEntry = TopicFile & { file: string };
export type CampaignEntry = CampaignFile & { file: string };
export type ArticleEntry = ArticleFrontMatter & { body: string; file: string };
export type TrainingCourseEntry = TrainingCourse & { year: number; file: string };

/** Collection name → the data of one entry. */
export interface SiteEntryTypes {
  team: TeamMemberEntry;
  policies: PolicyEntry;
  topics: TopicEntry;
  campaigns: CampaignEntry;
  articles: ArticleEntry;
  trainingCourses: TrainingCourseEntry;
  /** One entry per plan year: plan, sessions, hours per member (no session notes), training needs (flag and grade only). */
  training: TrainingYearView;
}

export type SiteCollection = keyof SiteEntryTypes;

export const SITE_COLLECTIONS = [
  'team',
  'policies',
  'topics',
  'campaigns',
  'articles',
  'trainingCourses',
  'training',
] as const satisfies readonly SiteCollection[];

export interface SiteEntry<K extends SiteCollection = SiteCollection> {
  id: string;
  data: SiteEntryTypes[K];
  /** Repository-relative source file. */
  file: string;
}

/**
 * The entries of one collection. This is the only place repository records are turned into
 * site data; ratings and interviews are deliberately not reachable from here.
 */
export function siteEntries<K extends SiteCollection>(repository: Repository, collection: K): SiteEntry<K>[] {
  return entriesOf(repository, collection) as SiteEntry<K>[];
}

function entriesOf(repository: Repository, collection: SiteCollection): SiteEntry[] {
  switch (collection) {
    case 'team': {
      const team = repository.team;
      if (!team) return [];
      return team.data.members.map((member) => {
        const { leave, ...rest } = member;
        const data: TeamMemberEntry = leave ? { ...rest, leave: leave.map(({ from, to }) => ({ from, to })) } : rest;
        return { id: member.id, data, file: team.file };
      });
    }
    case 'policies':
      return repository.policies.map(({ file, data }) => ({ id: data.effective, data: { ...data, file }, file }));
    case 'topics':
      return repository.topics.map(({ file, data }) => ({ id: data.id, data: { ...data, file }, file }));
    case 'campaigns':
      return repository.campaigns.map(({ file, data }) => ({ id: data.id, data: { ...data, file }, file }));
    case 'articles':
      return repository.articles.map(({ id, file, data, body }) => ({ id, data: { ...data, body, file }, file }));
    case 'trainingCourses':
      return repository.trainingPlans.flatMap(({ file, data }) =>
        (data.courses ?? []).map((course) => ({ id: course.id, data: { ...course, year: data.year, file }, file })),
      );
    case 'training': {
      // "Today" decides which courses are overdue: the department's clock.
      const { today } = departmentClock(
        repository.policies.map((record) => record.data),
        currentInstant(),
      );
      return trainingYears(repository, today).map((year) => ({
        id: String(year.year),
        data: year,
        file: `content/training/plan-${year.year}.yaml`,
      }));
    }
  }
}

export interface CheckedRepository {
  repository: Repository;
  /** Load problems and cross-file problems, sorted as `mpflow check` prints them. */
  problems: Problem[];
}

const loads = new Map<string, Promise<CheckedRepository>>();

/**
 * Reads and checks the repository once per process (per root): every collection of a build
 * shares one read, as the loaders run side by side.
 */
export function checkedRepository(root: string): Promise<CheckedRepository> {
  const key = path.resolve(root);
  let load = loads.get(key);
  if (!load) {
    load = (async () => {
      const { repository, problems } = await loadRepository(key);
      const all = [...problems, ...checkLoadedRepository(repository)];
      all.sort(compareProblems);
      return { repository, problems: all };
    })();
    loads.set(key, load);
    load.catch(() => loads.delete(key));
  }
  return load;
}

/** Forgets the memoised read, so the next collection load reads the files again (dev server). */
export function forgetRepository(root: string): void {
  loads.delete(path.resolve(root));
}

export class RepositoryHasErrors extends Error {
  readonly report: string;
  constructor(report: string, errors: number) {
    super(
      `mpflow check found ${errors} ${errors === 1 ? 'error' : 'errors'} in the repository; the site is not built until ${errors === 1 ? 'it is' : 'they are'} fixed.\n\n${report}`,
    );
    this.name = 'RepositoryHasErrors';
    this.report = report;
    // The report is the useful part; a stack into the loader would only bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Throws the English text report when any problem is an error. Returns the warning count. */
export function assertPublishable({ repository, problems }: CheckedRepository): number {
  const { errors, warnings } = countBySeverity(problems);
  if (errors > 0) {
    throw new RepositoryHasErrors(
      formatText(problems, { language: 'en', filesChecked: repository.files.size }),
      errors,
    );
  }
  return warnings;
}

/**
 * The repository root: the Astro project root, which is the department repository itself, unless
 * MPFLOW_REPOSITORY names another checkout (the benchmark builds a generated department this way).
 */
export function repositoryRoot(context: Pick<LoaderContext, 'config'>): string {
  const override = process.env.MPFLOW_REPOSITORY;
  return override ? path.resolve(override) : fileURLToPath(context.config.root);
}

const schemas = {
  team: z.custom<TeamMemberEntry>(),
  policies: z.custom<PolicyEntry>(),
  topics: z.custom<TopicEntry>(),
  campaigns: z.custom<CampaignEntry>(),
  articles: z.custom<ArticleEntry>(),
  trainingCourses: z.custom<TrainingCourseEntry>(),
  training: z.custom<TrainingYearView>(),
} satisfies { [K in SiteCollection]: z.ZodType<SiteEntryTypes[K]> };

/** Reported warnings once per read, not once per collection. */
const warned = new WeakSet<CheckedRepository>();

/**
 * A content-layer loader for one kind of repository record. The records were validated
 * against schemas/ by the core already, so the collection schema only carries their types.
 */
export function mpflowLoader<K extends SiteCollection>(collection: K): Loader & { schema: (typeof schemas)[K] } {
  const sync = async (context: LoaderContext, root: string) => {
    const checked = await checkedRepository(root);
    const warnings = assertPublishable(checked);
    if (warnings > 0 && !warned.has(checked)) {
      warned.add(checked);
      context.logger.warn(
        formatText(checked.problems, { language: 'en', filesChecked: checked.repository.files.size }).trimEnd(),
      );
    }
    const entries = siteEntries(checked.repository, collection);
    const ids = new Set(entries.map((entry) => entry.id));
    for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
    for (const { id, data, file } of entries) {
      const record = data as unknown as Record<string, unknown>;
      context.store.set({ id, data: record, filePath: file, digest: context.generateDigest(record) });
    }
    context.logger.info(`${entries.length} ${collection} from ${path.relative(process.cwd(), root) || '.'}`);
  };

  return {
    name: `mpflow-${collection}`,
    schema: schemas[collection],
    load: async (context) => {
      const root = repositoryRoot(context);
      await sync(context, root);
      watchRepository(context, root, () =>
        sync(context, root).catch((error: unknown) => {
          // In dev, keep serving the last good data and say why the new state is not shown.
          context.logger.error(error instanceof RepositoryHasErrors ? error.message : String(error));
        }),
      );
    },
  };
}

let invalidating = false;

/** Dev server only: reread the repository when a file under content/ or appraisals/ changes. */
function watchRepository(context: LoaderContext, root: string, reload: () => void): void {
  const watcher = context.watcher;
  if (!watcher) return;
  const folders = CONTENT_ROOTS.map((folder) => path.join(root, folder));
  watcher.add(folders);
  const inRepository = (file: string) =>
    folders.some((folder) => file === folder || file.startsWith(`${folder}${path.sep}`));
  watcher.on('all', (_event: string, file: string) => {
    if (!inRepository(file)) return;
    // Every collection hears the same event in the same tick; only the first one forgets the
    // read, so the collections share one new read instead of making one each.
    if (!invalidating) {
      invalidating = true;
      forgetRepository(root);
      queueMicrotask(() => {
        invalidating = false;
      });
    }
    reload();
  });
}
