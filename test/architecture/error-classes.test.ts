/**
 * One error model: an error mpflow raises for a person extends LocalizedError (both languages
 * and an exit code), so the one handler in src/cli/main.ts can report it. No class copies a
 * `localized` field of its own, and each core error keeps the exit code its commands end with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SealRefused } from '../../src/core/appraisal-privacy/seal-files.ts';
import { BeaconError } from '../../src/core/campaigns/beacon.ts';
import { LocalizedError } from '../../src/core/diagnostics/localized-error.ts';
import { GitHubApiError } from '../../src/core/github/errors.ts';
import { MetricsStoreError } from '../../src/core/metrics/storage.ts';
import { MetricsImportError } from '../../src/core/metrics/wechat-import.ts';
import { MigrationError } from '../../src/core/migrations/migration.ts';
import { PublishRecordError } from '../../src/core/publishing/record-store.ts';
import { SubmitHeld } from '../../src/core/publishing/submit-guard.ts';
import { OfflineEventError } from '../../src/core/review/offline-input.ts';
import { IdentityError } from '../../src/core/source/seal.ts';
import { WeChatApiError, WeChatConfigurationError, WeChatNetworkError } from '../../src/core/wechat/client.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');
const said = { zh: '名册里没有读者。', en: 'The roster names no reader.' };

describe('the error classes', () => {
  it('declare no localized field of their own: they extend LocalizedError', () => {
    const copies: string[] = [];
    for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      // The base class itself (in i18n/, re-exported by diagnostics/).
      if (entry.name === 'localized-error.ts') continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/^\s*readonly localized\b/.test(line)) copies.push(`${path.relative(SRC, file)}:${index + 1}`);
        });
    }
    expect(copies).toEqual([]);
  });

  it.each([
    ['SealRefused', new SealRefused(said), 1],
    ['BeaconError', new BeaconError(said), 1],
    ['MetricsImportError', new MetricsImportError(said), 1],
    ['MetricsStoreError', new MetricsStoreError('content/metrics/reads/2026-11.csv', said), 1],
    ['MigrationError', new MigrationError('content/department.yaml', said), 1],
    ['WeChatConfigurationError', new WeChatConfigurationError(said), 1],
    ['SubmitHeld', new SubmitHeld(said, true), 1],
    ['IdentityError', new IdentityError(said), 2],
    ['OfflineEventError', new OfflineEventError(said), 2],
    ['PublishRecordError', new PublishRecordError('content/publishing/a.yaml', said), 2],
    ['GitHubApiError', new GitHubApiError(404, 'GET /repos/acme/wechat', said), 2],
    ['WeChatApiError', new WeChatApiError(45003, 'title size out of limit', 'POST /cgi-bin/draft/add', said), 2],
    ['WeChatNetworkError', new WeChatNetworkError('POST /cgi-bin/draft/add', said, true), 2],
  ] as const)('%s is a LocalizedError with exit %i and both languages', (name, error, exitCode) => {
    expect(error).toBeInstanceOf(LocalizedError);
    expect(error.name).toBe(name);
    expect(error.exitCode).toBe(exitCode);
    expect(error.localized).toEqual(said);
  });

  it('keep the file in the English message where they always had it', () => {
    expect(new MigrationError('content/department.yaml', said).message).toBe(
      'content/department.yaml: The roster names no reader.',
    );
    expect(new MetricsStoreError('content/metrics/reads/2026-11.csv:3', said).message).toBe(
      'content/metrics/reads/2026-11.csv:3: The roster names no reader.',
    );
    expect(new SealRefused(said).message).toBe('The roster names no reader.');
  });
});
