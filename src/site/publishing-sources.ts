/**
 * What the calendar reads besides the content collections: the publish records
 * (content/publishing/, contract 2) and the review audit log (content/reviews/, contract 3).
 */
import type { PublishRecordFile } from '../core/model/types.generated.ts';
import { loadRepository } from '../core/repository/load-repository.ts';
import { readReviewAuditLog, type ReviewAuditRecord } from '../core/review/audit-log.ts';
import { siteRepositoryRoot } from './article-preview.ts';

export interface PublishingSources {
  publishRecords: PublishRecordFile[];
  reviewLog: ReviewAuditRecord[];
}

let sources: Promise<PublishingSources> | undefined;

/**
 * The publish records and the review audit log, read once per build. Only the records are read
 * in full (the loader's collections already checked the rest of the repository); a record that
 * fails its schema is left out, as the checker reports it. No review log yet is an empty log.
 */
export function publishingSources(root = siteRepositoryRoot()): Promise<PublishingSources> {
  sources ??= (async () => {
    const [{ repository }, reviewLog] = await Promise.all([
      loadRepository(root, { only: (file) => file.startsWith('content/publishing/') }),
      readReviewAuditLog(root),
    ]);
    return {
      publishRecords: (repository.publishRecords ?? []).filter((record) => record.valid).map((record) => record.data),
      reviewLog,
    };
  })();
  return sources;
}
