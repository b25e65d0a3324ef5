import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { text, type LocalizedText } from '../i18n/language.ts';
import { loadRepository, type ArticleRecord } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import type { WeChatClient } from '../wechat/client.ts';
import { isoInTimeZone } from '../calendar/wall-clock.ts';
import { isOverdue, planPublishing, publishingSettings, type DueAction } from './due-articles.ts';
import { preflightProblems } from './preflight.ts';
import {
  changedSinceDraft,
  publishArticle,
  type PublishArticleOptions,
  type RenderArticle,
} from './publish-article.ts';
import {
  PublishRecordError,
  readPublishRecord,
  removeLeftoverTemporaryFiles,
  writePublishRecord,
  type PublishRecord,
} from './record-store.ts';
import { holdIfAlreadyPublished, pushPublishingRecords, SubmitHeld, type PushOptions } from './submit-guard.ts';

/**
 * What happened to a due article in this run:
 * - published / publishing (submitted, WeChat not finished yet) / failed: after a real run;
 * - would-publish / would-resume: what a dry run would do;
 * - blocked: `mpflow check` finds errors in it, or its rendered body would not survive draft/add
 *   (a remote image WeChat would drop, 1 MB or more): nothing was sent;
 * - stale: missed by more than the catch-up window;
 * - interrupted: this article met an account-wide error (45009, 40164, …) part-way: the steps it
 *   finished are recorded and the next run resumes from there;
 * - not-attempted: an earlier article met an account-wide error, so the run stopped;
 * - orphaned: an in-progress record whose article was removed from the branch: never published
 *   from here, reported until a person settles the record.
 */
export type DueOutcome =
  | 'published'
  | 'publishing'
  | 'failed'
  | 'blocked'
  | 'stale'
  | 'interrupted'
  | 'not-attempted'
  | 'would-publish'
  | 'would-resume'
  | 'orphaned';

export interface DueReportEntry {
  article: string;
  title: string;
  publishAt: string;
  action: DueAction;
  outcome: DueOutcome;
  /** Still unpublished after the run, and later than the policy allows. */
  overdue: boolean;
  /** For a dry run: the step the article would start from. */
  nextStep?: 'images' | 'cover' | 'draft' | 'submit' | 'poll';
  /** For a dry run: the body images the article carries (each one a media/uploadimg call). */
  images?: number;
  message?: LocalizedText;
  problems?: Problem[];
  record?: PublishRecord;
  /** The article on the branch differs from the draft that was submitted (which is what goes out). */
  changedAfterSubmit?: boolean;
}

export interface PublishDueReport {
  now: string;
  timeZone: string;
  dryRun: boolean;
  entries: DueReportEntry[];
  upcoming: Array<{ article: string; title: string; publishAt: string }>;
  /** The account-wide error that stopped the run, if one did. */
  stoppedBy?: LocalizedText;
  /** The scheduled job fails when anything is failed, blocked past the deadline, stale or overdue. */
  ok: boolean;
}

export interface PublishDueOptions {
  root: string;
  now: number;
  dryRun: boolean;
  /** Needed unless dryRun. */
  client?: WeChatClient;
  render: RenderArticle;
  /** The clock for record timestamps (default: advancing from `now` with the real clock). */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  pollIntervalsMs?: readonly number[];
  afterStep?: PublishArticleOptions['afterStep'];
  /**
   * Push content/publishing to the branch once a submission is recorded and before it is made
   * (`mpflow publish --push-records`, used by the publish workflow), so a lost runner cannot take
   * the record with it. A push that fails holds the submission.
   */
  pushRecords?: Omit<PushOptions, 'root'>;
  /**
   * Before each submission, look for the draft among the account's publications (freepublish/batchget)
   * and hold it if it is there. `mpflow publish` always does; off by default for library callers.
   */
  checkPublishedBeforeSubmit?: boolean;
}

/** `mpflow publish --due`: every due article on this branch, checked again, then published step by step. */
export async function publishDue(options: PublishDueOptions): Promise<PublishDueReport> {
  if (!options.dryRun) await removeLeftoverTemporaryFiles(options.root);
  const { repository } = await loadRepository(options.root);
  const settings = publishingSettings(repository, options.now);
  const plan = planPublishing(repository, options.now, settings);
  const started = Date.now();
  const clock = options.clock ?? (() => options.now + (Date.now() - started));
  const members = indexMembers(repository.team?.data);
  const authorNames = new Map([...members].map(([id, member]) => [id, member.name ?? id]));

  // Checks run once for every article that may still go out; a submitted one is only polled.
  const toCheck = plan.due.filter(
    (entry) => (entry.action === 'publish' || entry.action === 'resume') && entry.record?.data.publishId === undefined,
  );
  const problemsByArticle = await checkArticles(
    options.root,
    toCheck.map((entry) => entry.article),
  );

  const entries: DueReportEntry[] = [];
  let stoppedBy: LocalizedText | undefined;
  for (const due of plan.due) {
    const base = {
      article: due.article.id,
      title: due.article.data.title,
      publishAt: due.publishAt,
      action: due.action,
    };
    const late = isOverdue(due.publishAtMs, options.now, settings);
    const entry = (outcome: DueOutcome, extra: Partial<DueReportEntry> = {}): DueReportEntry => ({
      ...base,
      outcome,
      overdue: outcome !== 'published' && outcome !== 'would-publish' && outcome !== 'would-resume' && late,
      ...extra,
    });

    if (due.action === 'failed') {
      entries.push(
        entry('failed', { ...(due.record ? { record: due.record.data } : {}), ...failureMessage(due.record?.data) }),
      );
      continue;
    }
    if (due.action === 'stale') {
      entries.push(
        entry('stale', {
          message: text(
            `计划发布时间已过去超过 ${settings.catchUpMs / 3_600_000} 小时，不再自动补发。要发布，请在 PR 中改一个新的 publishAt。`,
            `Its publishAt is more than ${settings.catchUpMs / 3_600_000} hours past, so it is not made up automatically. To publish it, set a new publishAt in a pull request.`,
          ),
        }),
      );
      continue;
    }
    const problems = problemsByArticle.get(due.article.id) ?? [];
    if (problems.length > 0) {
      entries.push(
        entry('blocked', {
          problems,
          message: text(
            `mpflow check 在这篇文章里发现 ${problems.length} 个错误，未发布。`,
            `mpflow check finds ${problems.length} error(s) in this article; it was not published.`,
          ),
        }),
      );
      continue;
    }
    let nextStep = nextStepOf(due.record?.data);
    // A recorded draft of an earlier version of the article is replaced, not submitted.
    // (A record from before draftDigest existed gets a new draft too: what its draft holds is unknown.)
    if (nextStep === 'submit') {
      const recorded = due.record!.data;
      const renderOptions = {
        root: options.root,
        render: options.render,
        authorNames,
        ...(settings.theme ? { theme: settings.theme } : {}),
      };
      if (recorded.draftDigest === undefined || (await changedSinceDraft(due.article, recorded, renderOptions)))
        nextStep = 'draft';
    }
    // Rendering reads no file and calls nothing: it only lists the body's images.
    const { html, images } = await options.render({
      markdown: due.article.body,
      articleDir: path.join(options.root, due.article.directory),
      ...(settings.theme ? { theme: settings.theme } : {}),
      ...(due.article.data.breaks !== undefined ? { breaks: due.article.data.breaks } : {}),
    });
    const preflight = nextStep === 'poll' ? [] : preflightProblems(html);
    if (preflight.length > 0) {
      entries.push(
        entry('blocked', {
          message: text(
            `未发布，发出去会走样：${preflight.map((problem) => problem.zh).join('；')}`,
            `Not published; it would not come out right: ${preflight.map((problem) => problem.en).join(' ')}`,
          ),
        }),
      );
      continue;
    }
    if (options.dryRun) {
      entries.push(
        entry(due.action === 'resume' ? 'would-resume' : 'would-publish', {
          nextStep,
          images: new Set(images.map((image) => image.src)).size,
          ...(due.record ? { record: due.record.data } : {}),
        }),
      );
      continue;
    }
    if (stoppedBy) {
      entries.push(entry('not-attempted', { message: stoppedBy }));
      continue;
    }
    if (!options.client) throw new Error('publishDue needs a WeChat client unless dryRun');

    // The record on disk, not the one loaded at the start: it is the truth about what was sent.
    let current: PublishRecord | undefined;
    try {
      current = await readPublishRecord(options.root, due.article.id);
    } catch (error) {
      if (!(error instanceof PublishRecordError)) throw error;
      entries.push(entry('failed', { message: error.localized }));
      continue;
    }
    if (current?.status === 'published') {
      entries.push(entry('published', { record: current }));
      continue;
    }
    let outcome: Awaited<ReturnType<typeof publishArticle>>;
    try {
      outcome = await publishArticle(due.article, current, {
        root: options.root,
        client: options.client,
        render: options.render,
        timeZone: settings.timeZone,
        ...(settings.theme ? { theme: settings.theme } : {}),
        authorNames,
        now: clock,
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        ...(options.pollIntervalsMs ? { pollIntervalsMs: options.pollIntervalsMs } : {}),
        ...(options.afterStep || options.pushRecords
          ? {
              afterStep: async (
                article: string,
                step: Parameters<NonNullable<PublishDueOptions['afterStep']>>[1],
                record: PublishRecord,
              ) => {
                await options.afterStep?.(article, step, record);
                // The publish_id goes to the branch too, so a runner lost while polling leaves a
                // record the next run simply polls. Best effort: the submission is made either way,
                // and the commit step at the end of the job pushes it if this push did not.
                if (step === 'submit' && options.pushRecords) {
                  await pushPublishingRecords(
                    { root: options.root, ...options.pushRecords },
                    `发布记录：${article} 已提交 / Publish record: ${article} accepted`,
                  ).catch(() => undefined);
                }
              },
            }
          : {}),
        // Every submission first looks for the draft among the account's publications: a run lost
        // after submitting, before its records reached the repository, must not mean a second one.
        ...(options.checkPublishedBeforeSubmit
          ? {
              beforeSubmit: async (_article: string, draft: Record<string, unknown>) =>
                holdIfAlreadyPublished(options.client!, draft),
            }
          : {}),
        ...(options.pushRecords
          ? {
              submitRecorded: async (article: string) =>
                pushPublishingRecords(
                  { root: options.root, ...options.pushRecords },
                  `发布记录：${article} 提交发布 / Publish record: ${article} submitted`,
                ),
            }
          : {}),
      });
    } catch (error) {
      if (!(error instanceof SubmitHeld)) throw error;
      entries.push(
        await heldSubmission(options.root, due.article.id, error, isoInTimeZone(clock(), settings.timeZone), entry),
      );
      if (!error.alreadyOut) stoppedBy = error.localized;
      continue;
    }
    switch (outcome.kind) {
      case 'published':
        entries.push(
          entry('published', {
            record: outcome.record,
            ...(outcome.warning ? { message: outcome.warning, changedAfterSubmit: true } : {}),
          }),
        );
        break;
      case 'publishing': {
        const still = text(
          '已提交，微信仍在发布中；下次运行会继续查询结果。',
          'Submitted; WeChat is still publishing it. The next run polls again.',
        );
        entries.push(
          entry('publishing', {
            record: outcome.record,
            message: outcome.warning
              ? text(`${still.zh}${outcome.warning.zh}`, `${still.en} ${outcome.warning.en}`)
              : still,
            ...(outcome.warning ? { changedAfterSubmit: true } : {}),
          }),
        );
        break;
      }
      case 'failed':
        entries.push(entry('failed', { record: outcome.record, message: outcome.message }));
        break;
      case 'stopped':
        stoppedBy = outcome.message;
        entries.push(entry('interrupted', { record: outcome.record, message: outcome.message }));
        break;
    }
  }

  // A submitted article that no longer matches the branch fails the job once, loudly: a person must look.
  for (const record of plan.orphaned) {
    const submitted = record.data.publishId !== undefined || record.data.submitStartedAt !== undefined;
    entries.push({
      article: record.data.article,
      title: '',
      publishAt: '',
      action: 'resume',
      outcome: 'orphaned',
      overdue: false,
      record: record.data,
      message: submitted
        ? text(
            `文章已从本分支删除，但它在 ${record.data.submitStartedAt ?? record.data.submittedAt ?? ''} 已提交发布：请到公众平台“发表记录”核实，发出则补记结果，未发出则在 PR 中删除 ${record.file}。`,
            `The article was removed from this branch, but it was submitted at ${record.data.submitStartedAt ?? record.data.submittedAt ?? ''}: check 发表记录 on the MP console; record the outcome if it went out, otherwise delete ${record.file} in a pull request.`,
          )
        : text(
            `文章已从本分支删除，没有提交发布，不会发出（草稿如已建立，仍在公众平台草稿箱）。请在 PR 中删除 ${record.file}。`,
            `The article was removed from this branch and was never submitted, so it will not go out (a draft, if made, stays in the MP draft box). Delete ${record.file} in a pull request.`,
          ),
    });
  }

  const ok =
    !stoppedBy &&
    plan.orphaned.length === 0 &&
    entries.every(
      (item) => item.outcome !== 'failed' && item.outcome !== 'stale' && !item.overdue && !item.changedAfterSubmit,
    );
  return {
    now: isoInTimeZone(options.now, settings.timeZone),
    timeZone: settings.timeZone,
    dryRun: options.dryRun,
    entries,
    upcoming: plan.upcoming.map(({ article, publishAt }) => ({
      article: article.id,
      title: article.data.title,
      publishAt,
    })),
    ...(stoppedBy ? { stoppedBy } : {}),
    ok,
  };
}

/**
 * A submission held back before it was made: the record loses its submitStartedAt (nothing was
 * sent). Found among the publications already: failed for a person. Otherwise (a look-up or push
 * that did not work) the run stops and the next one tries again.
 */
async function heldSubmission(
  root: string,
  articleId: string,
  held: SubmitHeld,
  at: string,
  entry: (outcome: DueOutcome, extra?: Partial<DueReportEntry>) => DueReportEntry,
): Promise<DueReportEntry> {
  const record = await readPublishRecord(root, articleId);
  if (!record) return entry(held.alreadyOut ? 'failed' : 'not-attempted', { message: held.localized });
  delete record.submitStartedAt;
  if (held.alreadyOut) {
    record.status = 'failed';
    record.failure = { step: 'submit', meaning: `${held.localized.zh} / ${held.localized.en}`, at };
  }
  await writePublishRecord(root, record);
  return entry(held.alreadyOut ? 'failed' : 'not-attempted', { record, message: held.localized });
}

/** The step a record would resume from. */
export function nextStepOf(record: PublishRecord | undefined): NonNullable<DueReportEntry['nextStep']> {
  if (!record) return 'images';
  if (record.publishId !== undefined || record.submitStartedAt !== undefined) return 'poll';
  if (record.draftMediaId !== undefined) return 'submit';
  if (record.cover !== undefined) return 'draft';
  if (record.images !== undefined) return 'cover';
  return 'images';
}

function failureMessage(record: PublishRecord | undefined): { message?: LocalizedText } {
  const meaning = record?.failure?.meaning;
  if (!meaning) return {};
  const [zh, en] = meaning.includes(' / ')
    ? [meaning.slice(0, meaning.indexOf(' / ')), meaning.slice(meaning.indexOf(' / ') + 3)]
    : [meaning, meaning];
  return {
    message: text(
      `${zh}（记录于 ${record.failure!.at}，不会自动重试；在 PR 中删除发布记录即可重新发布。）`,
      `${en} (recorded ${record.failure!.at}; not retried automatically — delete the publish record in a pull request to publish again.)`,
    ),
  };
}

/** Errors `mpflow check` finds in each article's folder; context errors (roster, policy) block every article. */
async function checkArticles(root: string, articles: readonly ArticleRecord[]): Promise<Map<string, Problem[]>> {
  const byArticle = new Map<string, Problem[]>();
  if (articles.length === 0) return byArticle;
  const { problems } = await checkRepository(root, { paths: articles.map((article) => article.directory) });
  for (const article of articles) {
    const prefix = `${article.directory}/`;
    byArticle.set(
      article.id,
      problems.filter(
        (problem) =>
          problem.severity === 'error' &&
          (problem.file.startsWith(prefix) ||
            problem.file === article.directory ||
            !articles.some((other) => problem.file.startsWith(`${other.directory}/`))),
      ),
    );
  }
  return byArticle;
}
