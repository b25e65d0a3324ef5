import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { userCacheDirectory } from '../cache/user-cache.ts';
import { writeFileAtomically } from '../source/write-file-atomically.ts';

export interface CachedToken {
  accessToken: string;
  /** Milliseconds since the epoch at which WeChat stops accepting the token. */
  expiresAt: number;
}

interface TokenFile extends CachedToken {
  appId: string;
  baseUrl: string;
}

/**
 * The one place a machine keeps an account's access token. Outside the repository on purpose: the
 * token is a credential and the publish workflow commits content/, so a token file inside the
 * checkout is one careless `git add` from being published. Keyed by API base and AppID so a fake
 * server's token is never sent to the real API (and vice versa).
 */
export function defaultTokenCachePath(appId: string, baseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = createHash('sha256').update(`${baseUrl}\n${appId}`).digest('hex').slice(0, 16);
  return path.join(userCacheDirectory(env), 'mpflow', `wechat-token-${key}.json`);
}

/** Reads the cached token for this account; an unreadable, foreign or malformed file counts as no token. */
export async function readCachedToken(file: string, appId: string, baseUrl: string): Promise<CachedToken | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(raw) as Partial<TokenFile>;
    if (data.appId !== appId || data.baseUrl !== baseUrl) return undefined;
    if (typeof data.accessToken !== 'string' || typeof data.expiresAt !== 'number') return undefined;
    return { accessToken: data.accessToken, expiresAt: data.expiresAt };
  } catch {
    return undefined;
  }
}

/** Writes the token readable by its owner only (0600), via a temporary file so a reader never sees half of it. */
export async function writeCachedToken(
  file: string,
  appId: string,
  baseUrl: string,
  token: CachedToken,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const content: TokenFile = { appId, baseUrl, accessToken: token.accessToken, expiresAt: token.expiresAt };
  await writeFileAtomically(file, `${JSON.stringify(content)}\n`, {
    temporary: `${file}.${process.pid}.${Date.now()}.tmp`,
    mode: 0o600,
  });
}

export async function removeCachedToken(file: string): Promise<void> {
  await rm(file, { force: true });
}
