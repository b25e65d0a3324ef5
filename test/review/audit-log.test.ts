import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReviewAuditLog } from '../../src/core/review/audit-log.ts';
import { classifyPath } from '../../src/core/repository/classify-path.ts';
import { FIXTURE_DEPARTMENT } from '../helpers/fixture-repository.ts';

describe('the sample department’s review audit log', () => {
  it('holds valid records for sample articles, oldest merge first, every stage done by someone else than the approver', async () => {
    const records = await readReviewAuditLog(FIXTURE_DEPARTMENT);
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.map((record) => record.mergedAt)).toEqual([...records.map((record) => record.mergedAt)].sort());
    for (const record of records) {
      for (const file of record.files) expect(existsSync(path.join(FIXTURE_DEPARTMENT, file)), file).toBe(true);
      expect(record.stages.every((stage) => stage.state === 'done' && stage.sha === record.headSha)).toBe(true);
      const approver = record.stages.find((stage) => stage.id === 'operator-approval')!.actor;
      expect(approver).not.toBe(record.author);
    }
  });

  it('is a known place for mpflow check', () => {
    expect(classifyPath('content/reviews/2026.jsonl').role).not.toBe('unknown');
    expect(classifyPath('content/reviews/notes.txt').role).toBe('unknown');
  });
});
