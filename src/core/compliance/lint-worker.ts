/**
 * A worker thread of `mpflow check` on a large repository: lints a share of the articles and
 * sends back their findings. The articles arrive already split; the worker re-reads only the
 * front matter's YAML, which it needs to point into titles and digests.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { installScriptTables, type ScriptTables } from './chinese-script.ts';
import { lintArticle, type PolicyVersion } from './engine.ts';
import { imageSize } from './image-size.ts';
import { moderationFor } from './moderation.ts';
import { installReadings, type SharedReadings } from './phrase-needs.ts';

export { imageSize };
import type { YamlField } from './segments.ts';
import type { LintResult } from './types.ts';

export interface ArticleJob {
  file: string;
  directory: string;
  data: Record<string, unknown>;
  /** The front matter's YAML text and its title, digest and author, located by the main thread. */
  frontMatter?: { text: string; firstLine: number; fields: YamlField[] };
  body: string;
  bodyFirstLine: number;
  policy?: PolicyVersion;
  authorName?: string;
}

export interface WorkerRequest {
  root: string;
  jobs: ArticleJob[];
  /** The main thread's character tables, so a worker need not load opencc-js and build them again (with the first request). */
  tables?: ScriptTables;
  /** What the built-in phrase patterns need, read by the main thread (with the first request; phrase-needs.ts). */
  readings?: SharedReadings;
}

export interface WorkerResponse {
  results: Array<
    { file: string; result: LintResult; images: Array<[string, number | null]> } | { file: string; error: string }
  >;
}

/**
 * Lints one article. `imagesSeen`, when given, receives the size the engine learnt of each image
 * it asked about, so a cached result can be checked against the images as they are now.
 */
export function lintJob(root: string, job: ArticleJob, imagesSeen?: Map<string, number | null>): LintResult {
  // The cloud layer's cached verdicts, when the policy names a provider (nothing is sent from here).
  const moderation = moderationFor(root, job.policy);
  return lintArticle({
    ...(moderation ? { moderation } : {}),
    data: job.data,
    ...(job.frontMatter ? { frontMatterFields: job.frontMatter } : {}),
    body: job.body,
    bodyFirstLine: job.bodyFirstLine,
    ...(job.policy ? { policy: job.policy } : {}),
    ...(job.authorName !== undefined ? { authorName: job.authorName } : {}),
    imageBytes: (url) => {
      const size = imageSize(root, job.directory, url);
      imagesSeen?.set(url, size ?? null);
      return size;
    },
  });
}

/** Set by checkCompliance when it starts this file as a worker; importing it elsewhere does nothing. */
export const WORKER_MARK = 'mpflowComplianceWorker';

function serve(port: MessagePort): void {
  port.on('message', (request: WorkerRequest) => {
    if (request.tables) installScriptTables(request.tables);
    if (request.readings) installReadings(request.readings);
    const results: WorkerResponse['results'] = [];
    for (const job of request.jobs) {
      try {
        const images = new Map<string, number | null>();
        results.push({ file: job.file, result: lintJob(request.root, job, images), images: [...images] });
      } catch (error) {
        // A bug on one article is reported against it; the rest of the share is still linted.
        results.push({
          file: job.file,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
    }
    port.postMessage({ results } satisfies WorkerResponse);
  });
}

if (parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true) serve(parentPort);
