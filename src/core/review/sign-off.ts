/**
 * A self-review sign-off is a comment line `/self-review <sha>` (or `/自审`, `/自審`), optionally
 * followed by a note. Naming the commit binds the sign-off to exactly that version: a SHA cannot be
 * known before the push that creates it, so a sign-off can never be made in advance, and a later
 * push leaves the old sign-off naming an old commit. Timestamps are not used, since commit dates
 * are whatever the committer's machine says.
 */
const SIGN_OFF_LINE = /^[ \t]*\/(?:self-review|自审|自審)(?=[ \t]|$)[ \t]*([0-9a-f]{7,40}(?![0-9a-z]))?/gim;

/** Shortest SHA prefix the gate accepts; `git log --oneline` prints 7. */
export const SHORT_SHA_LENGTH = 7;

export interface SignOffCommand {
  /** The SHA (or prefix) the line names, lower-cased; null when the line names none. */
  sha: string | null;
}

export function parseSignOffs(body: string): SignOffCommand[] {
  const found: SignOffCommand[] = [];
  for (const match of body.matchAll(SIGN_OFF_LINE)) found.push({ sha: match[1]?.toLowerCase() ?? null });
  return found;
}

export function namesCommit(named: string, sha: string): boolean {
  return named.length >= SHORT_SHA_LENGTH && sha.toLowerCase().startsWith(named);
}

export function shortSha(sha: string): string {
  return sha.slice(0, SHORT_SHA_LENGTH);
}
