/**
 * When the seed first entered the campaign file, according to git: the commit that added the
 * seed string (`git log -S`). A commit date can be set by whoever commits, so this is evidence
 * for a reader, not proof; the merge into the protected main branch before entries close is
 * what makes it hard to fake, and the review audit log records that merge.
 */
import { execFile } from 'node:child_process';

export interface SeedCommit {
  sha: string;
  committedAt: string;
}

export type SeedHistory = { state: 'committed'; commit: SeedCommit } | { state: 'uncommitted' } | { state: 'unknown' };

export function seedHistory(root: string, campaignFile: string, seed: string): Promise<SeedHistory> {
  return new Promise((resolve) => {
    // Arguments go to git directly, never through a shell, so a seed can hold any text.
    execFile(
      'git',
      ['log', '--reverse', '--format=%H %cI', `-S${seed}`, '--', campaignFile],
      { cwd: root, timeout: 10_000 },
      (error, stdout) => {
        if (error) {
          resolve({ state: 'unknown' });
          return;
        }
        const first = stdout.split('\n').find((line) => line.trim() !== '');
        if (!first) {
          resolve({ state: 'uncommitted' });
          return;
        }
        const [sha, committedAt] = first.trim().split(' ') as [string, string];
        resolve({ state: 'committed', commit: { sha, committedAt } });
      },
    );
  });
}
