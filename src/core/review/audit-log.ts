import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import reviewRecordSchema from '../../../schemas/review-record.schema.json' with { type: 'json' };
import { writeFileAtomically } from '../source/write-file-atomically.ts';
import type { ReviewDecision } from './review-input.ts';

/** Where merged pull requests' review records live: one JSON Lines file per year of merging. */
export const REVIEW_LOG_FOLDER = 'content/reviews';
const LOG_FILE = /^(\d{4})\.jsonl$/;

export interface ReviewAuditStage {
  id: string;
  state: 'pending' | 'done' | 'rejected';
  actor: string | null;
  member?: string | null;
  role: string;
  /** Set when a stand-in acted: the role they approved in. */
  actorRole?: string;
  sha: string | null;
  at: string | null;
  durationSeconds?: number | null;
}

export interface ReviewAuditCheck {
  name: string;
  kind: 'status' | 'check-run';
  state: string;
}

/** One line of content/reviews/<yyyy>.jsonl (schemas/review-record.schema.json). */
export interface ReviewAuditRecord {
  pr: number;
  repository?: string;
  title: string;
  author: string;
  createdAt?: string;
  mergedAt: string;
  mergedBy?: string | null;
  baseSha: string;
  headSha: string;
  verdict?: 'success' | 'pending' | 'failure';
  files: string[];
  stages: ReviewAuditStage[];
  checks: ReviewAuditCheck[];
}

export interface MergeFacts {
  repository: string;
  title: string;
  author: string;
  createdAt: string;
  mergedAt: string;
  mergedBy: string | null;
  files: string[];
  checks: ReviewAuditCheck[];
}

/** Thrown for a log line that is not a valid record: names the file and line. */
export class ReviewAuditLogError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.file = file;
    this.line = line;
  }
}

let validator: ReturnType<Ajv2020['compile']> | undefined;
function validateRecord(value: unknown): string | undefined {
  validator ??= new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true }).compile(reviewRecordSchema);
  if (validator(value)) return undefined;
  const error = validator.errors?.[0];
  return error ? `${error.instancePath || '(record)'} ${error.message ?? 'is invalid'}` : 'is invalid';
}

/**
 * The final record of a merged pull request. Stage durations: a self-review is timed from the
 * opening of the pull request; an approval from the last self-review (or the opening, when the
 * pull request needed none), so the log shows how long each hand-over waited.
 */
export function buildReviewRecord(pr: number, decision: ReviewDecision, facts: MergeFacts): ReviewAuditRecord {
  const opened = Date.parse(facts.createdAt);
  const selfDone = decision.stages
    .filter((stage) => stage.kind === 'self-review' && stage.doneBy)
    .map((stage) => Date.parse(stage.doneBy!.at));
  const approvalStart = selfDone.length > 0 ? Math.max(...selfDone) : opened;
  const stages: ReviewAuditStage[] = decision.stages.map((stage) => {
    const actor = stage.state === 'rejected' ? stage.rejectedBy : stage.doneBy;
    const start = stage.kind === 'self-review' ? opened : approvalStart;
    const durationSeconds =
      stage.doneBy && Number.isFinite(start)
        ? Math.max(0, Math.round((Date.parse(stage.doneBy.at) - start) / 1000))
        : null;
    return {
      id: stage.id,
      state: stage.state,
      actor: actor?.login ?? null,
      member: actor?.member ?? null,
      role: stage.role,
      ...(actor && actor.role !== stage.role ? { actorRole: actor.role } : {}),
      sha: actor?.sha ?? null,
      at: actor?.at ?? null,
      durationSeconds,
    };
  });
  return {
    pr,
    repository: facts.repository,
    title: facts.title,
    author: facts.author,
    createdAt: facts.createdAt,
    mergedAt: facts.mergedAt,
    mergedBy: facts.mergedBy,
    baseSha: decision.baseSha,
    headSha: decision.headSha,
    verdict: decision.verdict,
    files: facts.files,
    stages,
    checks: facts.checks,
  };
}

/** The year a merge belongs to, in the department's time zone (a merge at 01:00 on 1 January in Shanghai is the new year's). */
export function logYear(mergedAt: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(new Date(mergedAt));
}

/**
 * Appends the record to content/reviews/<yyyy>.jsonl unless that pull request is already in the
 * file, so a re-run workflow never logs a merge twice. The file is replaced whole through a
 * temporary file: a crash leaves either the old log or the new one, never half a line.
 */
export async function appendReviewRecord(
  root: string,
  record: ReviewAuditRecord,
  timeZone: string,
): Promise<{ file: string; appended: boolean }> {
  const problem = validateRecord(record);
  if (problem) throw new Error(`review record for PR #${record.pr} is invalid: ${problem}`);
  const relative = `${REVIEW_LOG_FOLDER}/${logYear(record.mergedAt, timeZone)}.jsonl`;
  const absolute = path.join(root, relative);
  let existing = '';
  try {
    existing = await readFile(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const lines = existing.split('\n').filter((line) => line.trim() !== '');
  const already = lines.some((line) => {
    try {
      const parsed = JSON.parse(line) as Partial<ReviewAuditRecord>;
      return (
        parsed.pr === record.pr &&
        (parsed.repository === undefined || record.repository === undefined || parsed.repository === record.repository)
      );
    } catch {
      return false;
    }
  });
  if (already) return { file: relative, appended: false };
  await writeFileAtomically(absolute, `${[...lines, JSON.stringify(record)].join('\n')}\n`);
  return { file: relative, appended: true };
}

/** Every review record in the repository, oldest merge first. A malformed line is an error naming file:line. */
export async function readReviewAuditLog(root: string): Promise<ReviewAuditRecord[]> {
  const folder = path.join(root, REVIEW_LOG_FOLDER);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: ReviewAuditRecord[] = [];
  for (const name of names.filter((entry) => LOG_FILE.test(entry)).sort()) {
    const file = `${REVIEW_LOG_FOLDER}/${name}`;
    const lines = (await readFile(path.join(folder, name), 'utf8')).split(/\r?\n/);
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new ReviewAuditLogError(file, index + 1, `not valid JSON (${(error as Error).message})`);
      }
      const problem = validateRecord(value);
      if (problem) throw new ReviewAuditLogError(file, index + 1, problem);
      records.push(value as ReviewAuditRecord);
    });
  }
  return records.sort((a, b) => Date.parse(a.mergedAt) - Date.parse(b.mergedAt) || a.pr - b.pr);
}
