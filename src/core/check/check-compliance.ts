import module from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintResult, PolicyVersion } from '../compliance/index.ts';
import { imageSize } from '../compliance/image-size.ts';
import { cachedVerdictsKey } from '../compliance/moderation.ts';
import type { ArticleJob, WorkerRequest, WorkerResponse } from '../compliance/lint-worker.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import type { Repository } from '../repository/load-repository.ts';
import { indexMembers } from '../team/roster.ts';
import { text } from '../i18n/language.ts';
import { digestOf, NO_CACHE, type CheckCache } from '../cache/check-cache.ts';
import { internalError, makeProblem } from '../diagnostics/make-problem.ts';
import { suggestion } from './reference-helpers.ts';
import { RULE_IDS } from '../diagnostics/rules.ts';
import { findingToProblem } from '../diagnostics/finding-problem.ts';
import type { Problem } from '../diagnostics/problem.ts';

export interface ComplianceCheckResult {
  problems: Problem[];
  /** Findings silenced by a reasoned `mpflow-disable-next-line` comment. */
  suppressed: number;
}

async function loadComplianceEngine() {
  const [
    { articleFields, builtInPhraseReadings },
    { COMPLIANCE_FAMILIES, COMPLIANCE_RULES, lintCampaign },
    { lintJob, WORKER_MARK },
    { scriptTables },
  ] = await Promise.all([
    import('../compliance/engine.ts'),
    import('../compliance/index.ts'),
    import('../compliance/lint-worker.ts'),
    import('../compliance/chinese-script.ts'),
  ]);
  return {
    articleFields,
    builtInPhraseReadings,
    COMPLIANCE_FAMILIES,
    COMPLIANCE_RULES,
    lintCampaign,
    lintJob,
    WORKER_MARK,
    scriptTables,
  };
}
type Engine = Awaited<ReturnType<typeof loadComplianceEngine>>;

export interface ComplianceCheckOptions {
  /** Worker threads to use; by default one per core, and none for small repositories. */
  workers?: number;
  /** Findings of articles linted before with the same text, policy and author (see check-cache.ts). */
  cache?: CheckCache;
  /**
   * Other work for the main thread, done while the worker threads lint (or before the articles are
   * linted on the main thread), so that both cores are busy; called once. An error it throws is
   * thrown once the linting is over.
   */
  whileLinting?: () => void;
}

/** An article's findings, with the size of every image the engine asked about when they were made. */
interface CachedLint {
  result: LintResult;
  images: Array<[string, number | null]>;
}

/** Below this many body characters (about 800 articles), starting threads costs more than it saves. */
const PARALLEL_THRESHOLD_CHARS = 2_000_000;

/**
 * The compliance engine over what the loader read: article bodies, titles and digests, and the
 * published texts of campaigns. Each uses the policy in force on its date (an article's
 * publishAt, a campaign's start); without one, the engine's defaults. Large repositories are
 * linted on worker threads, one per core.
 */
export async function checkCompliance(
  repository: Repository,
  options: ComplianceCheckOptions = {},
): Promise<ComplianceCheckResult> {
  // The engine (rules, phrase tables, the classifier's model) loads only when some text was not
  // linted before with the same inputs: a check of unchanged articles never needs it.
  let engine: Promise<Engine> | undefined;
  const loadEngine = () => (engine ??= loadComplianceEngine());
  const problems: Problem[] = [];
  let suppressed = 0;
  const policies = repository.policies.filter((policy) => policy.valid).map((policy) => policy.data);
  const latest = policies.reduce<(typeof policies)[number] | undefined>(
    (chosen, policy) => (!chosen || policy.effective > chosen.effective ? policy : chosen),
    undefined,
  );
  const policyOn = (date: unknown): PolicyVersion | undefined =>
    (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date)
      ? policyInForce(policies, date.slice(0, 10))
      : undefined) ?? latest;
  const members = indexMembers(repository.team?.data);
  // A few policies serve every article: each is written out once for the cache keys.
  const policyTexts = new Map<PolicyVersion | undefined, string>();
  const policyText = (policy: PolicyVersion | undefined) => {
    let written = policyTexts.get(policy);
    if (written === undefined) policyTexts.set(policy, (written = JSON.stringify(policy ?? null)));
    return written;
  };

  const cache = options.cache ?? NO_CACHE;
  const collect = (file: string, result: LintResult) => {
    suppressed += result.suppressed;
    for (const finding of result.findings) problems.push(findingToProblem(file, finding));
  };
  const jobs: ArticleJob[] = [];
  const keys = new Map<string, string>();
  for (const article of repository.articles) {
    const data = article.data as unknown as Record<string, unknown>;
    const member = typeof data.author === 'string' ? members.get(data.author) : undefined;
    const policy = policyOn(data.publishAt);
    const authorName = typeof member?.name === 'string' ? member.name : undefined;
    // Everything the engine reads of the article, except the image sizes, which are compared below.
    // Without a cache (MPFLOW_CACHE=off, --no-cache) nothing is looked up or kept, so no key is made:
    // hashing every body costs more than a second on 10,000 articles.
    const key =
      cache === NO_CACHE
        ? ''
        : digestOf(
            article.directory,
            article.yaml?.text ?? '',
            String(article.yaml?.firstLine ?? 0),
            article.body,
            String(article.bodyFirstLine),
            JSON.stringify(data),
            policyText(policy),
            authorName ?? '',
            cachedVerdictsKey(repository.root, policy, article.body),
          );
    const cached = key === '' ? undefined : cache.get<CachedLint>('lint', key);
    if (cached?.images.every(([url, size]) => (imageSize(repository.root, article.directory, url) ?? null) === size)) {
      collect(article.file, cached.result);
      continue;
    }
    if (key !== '') keys.set(article.file, key);
    jobs.push({
      file: article.file,
      directory: article.directory,
      data,
      ...(article.yaml
        ? {
            frontMatter: {
              text: article.yaml.text,
              firstLine: article.yaml.firstLine,
              fields: (await loadEngine()).articleFields(article.yaml),
            },
          }
        : {}),
      body: article.body,
      bodyFirstLine: article.bodyFirstLine,
      ...(policy ? { policy: policy as PolicyVersion } : {}),
      ...(authorName !== undefined ? { authorName } : {}),
    });
  }
  const remember = (file: string, result: LintResult, images: Array<[string, number | null]>) => {
    const key = keys.get(file);
    if (key) cache.set('lint', key, { result, images } satisfies CachedLint);
  };
  const totalChars = jobs.reduce((sum, job) => sum + job.body.length, 0);
  const workers = options.workers ?? (totalChars >= PARALLEL_THRESHOLD_CHARS ? Math.min(availableParallelism(), 8) : 0);
  let failure: { error: unknown } | undefined;
  const otherWork = () => {
    try {
      options.whileLinting?.();
    } catch (error) {
      failure = { error };
    }
  };
  if (workers > 1 && jobs.length > 1) {
    const linting = lintOnWorkers(repository.root, jobs, workers, await loadEngine());
    otherWork();
    for (const response of await linting) {
      for (const outcome of response.results) {
        if ('result' in outcome) {
          collect(outcome.file, outcome.result);
          remember(outcome.file, outcome.result, outcome.images);
        } else problems.push(internalError(outcome.file, new Error(outcome.error)));
      }
    }
  } else {
    otherWork();
    for (const job of jobs) {
      try {
        const images = new Map<string, number | null>();
        const result = (await loadEngine()).lintJob(repository.root, job, images);
        collect(job.file, result);
        remember(job.file, result, [...images]);
      } catch (error) {
        problems.push(internalError(job.file, error));
      }
    }
  }

  if (failure) throw failure.error;

  await checkSeverityNames(repository, problems, loadEngine);
  for (const campaign of repository.campaigns) {
    if (!campaign.yaml) continue;
    try {
      const data = campaign.data as unknown as Record<string, unknown>;
      const period = data.period as { start?: unknown } | undefined;
      const policy = policyOn(period?.start);
      const key = digestOf(
        'campaign',
        campaign.yaml.text,
        String(campaign.yaml.firstLine),
        JSON.stringify(data),
        JSON.stringify(policy ?? null),
      );
      const cached = cache.get<LintResult>('lint', key);
      const result = cached ?? (await loadEngine()).lintCampaign(campaign.yaml, data, policy);
      if (!cached) cache.set('lint', key, result);
      collect(campaign.file, result);
    } catch (error) {
      problems.push(internalError(campaign.file, error));
    }
  }
  return { problems, suppressed };
}

/**
 * A severity override for a rule that does not exist changes nothing, silently; a misspelt
 * `ad-law/absolut-term: off` would leave the team believing a rule is off (or on).
 */
async function checkSeverityNames(
  repository: Repository,
  problems: Problem[],
  loadEngine: () => Promise<Engine>,
): Promise<void> {
  let known: Set<string> | undefined;
  for (const policy of repository.policies) {
    const severities = (policy.data as { compliance?: { severities?: unknown } }).compliance?.severities;
    if (!severities || typeof severities !== 'object' || Object.keys(severities).length === 0) continue;
    if (!known) {
      const { COMPLIANCE_RULES, COMPLIANCE_FAMILIES } = await loadEngine();
      known = new Set<string>([...Object.keys(COMPLIANCE_RULES), ...COMPLIANCE_FAMILIES, ...RULE_IDS]);
    }
    for (const name of Object.keys(severities)) {
      if (known.has(name)) continue;
      const hint = suggestion(name, known);
      problems.push(
        makeProblem(
          policy.file,
          'schema/enum',
          text(
            `compliance.severities 里的“${name}”不是规则编号或规则类别，这一项不起作用。${hint.zh}`,
            `"${name}" in compliance.severities is neither a rule id nor a rule family, so it has no effect.${hint.en}`,
          ),
          policy.locate(['compliance', 'severities', name], 'key'),
          `compliance.severities.${name}`,
        ),
      );
    }
  }
}

/**
 * What a worker thread runs: the compile cache switched on, as the main thread has it (bin/mpflow.js),
 * then the worker module. A thread does not share its parent's cache, and without it every worker
 * strips the TypeScript of the whole engine again (about half a second of CPU each).
 */
function workerScript(): string {
  // lint-worker.ts in the repository, lint-worker.js in the installed package's lib/.
  const worker = new URL(
    `../compliance/lint-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`,
    import.meta.url,
  );
  // The directory Node reports is the version's own under the one it was given, and given again it nests.
  const cache = module.getCompileCacheDir?.();
  const enable = cache ? `require('node:module').enableCompileCache?.(${JSON.stringify(path.dirname(cache))});\n` : '';
  return `${enable}import(${JSON.stringify(worker.href)});\n`;
}

/**
 * A thread gets this many batches on average: when one runs slower (another program on its core),
 * the others take more of the batches, instead of waiting for it at the end.
 */
const BATCHES_PER_WORKER = 8;

/**
 * Splits the articles into contiguous batches of about equal size and lints them on `count`
 * threads, each taking the next batch when it has answered. The responses come back in the
 * articles' order. The threads have started and have their first batches when this returns its
 * promise.
 */
function lintOnWorkers(
  root: string,
  jobs: ArticleJob[],
  count: number,
  { builtInPhraseReadings, scriptTables, WORKER_MARK }: Engine,
): Promise<WorkerResponse[]> {
  const total = jobs.reduce((sum, job) => sum + job.body.length, 0);
  const batches: ArticleJob[][] = [];
  let current: ArticleJob[] = [];
  let size = 0;
  for (const job of jobs) {
    current.push(job);
    size += job.body.length;
    if (size >= total / (count * BATCHES_PER_WORKER)) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  const responses: WorkerResponse[] = [];
  const tables = scriptTables();
  // Read after the threads are made: they start meanwhile (the first batch of each carries it).
  let readings: ReturnType<typeof builtInPhraseReadings> | undefined;
  const starts: Array<() => void> = [];
  let next = 0;
  const threads = Array.from(
    { length: Math.min(count, batches.length) },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerScript(), { eval: true, workerData: { [WORKER_MARK]: true } });
        // The batch this thread is linting; -1 once it has no more to do.
        let linting = -1;
        let started = false;
        const give = () => {
          if (next >= batches.length) {
            linting = -1;
            resolve();
            void worker.terminate();
            return;
          }
          linting = next;
          next += 1;
          worker.postMessage({
            root,
            jobs: batches[linting]!,
            ...(started ? {} : { tables, readings: (readings ??= builtInPhraseReadings()) }),
          } satisfies WorkerRequest);
          started = true;
        };
        worker.on('message', (response: WorkerResponse) => {
          responses[linting] = response;
          give();
        });
        const fail = (error: Error) => {
          // The other threads stop at their current batch.
          next = batches.length;
          linting = -1;
          reject(error);
        };
        worker.once('error', fail);
        // A worker that dies without answering (out of memory) must not leave the check waiting forever.
        worker.once('exit', (code) => {
          if (linting !== -1) fail(new Error(`compliance worker exited with code ${code} before answering`));
        });
        starts.push(give);
      }),
  );
  for (const start of starts) start();
  return Promise.all(threads).then(() => responses);
}
