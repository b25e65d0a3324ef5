/**
 * Body images for pasting: `mpflow render --upload` sends each local image through
 * media/uploadimg once and writes the WeChat address into the HTML. Addresses are cached by the
 * SHA-256 of the image's bytes (per account and API base), so an image is uploaded once however
 * many articles or runs use it, and a changed image is uploaded again.
 *
 * The cache sits in the user's cache folder (user-cache.ts), outside any checkout.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mpflowCacheFolder } from '../cache/user-cache.ts';
import { writeFileAtomically } from '../source/write-file-atomically.ts';
import type { WeChatClient } from '../wechat/client.ts';

export interface ImageUploader {
  /** The WeChat address of the image file; `cached` when no request was needed. */
  upload(file: string): Promise<{ url: string; cached: boolean }>;
  /** Writes the cache; failing to write only costs a later upload. */
  save(): Promise<void>;
}

interface CacheFile {
  version: 1;
  urls: Record<string, string>;
}

export function uploadCachePath(env: NodeJS.ProcessEnv, appId: string, baseUrl: string): string {
  const key = createHash('sha256').update(`${baseUrl}\n${appId}`).digest('hex').slice(0, 16);
  return path.join(mpflowCacheFolder(env), `uploadimg-${key}.json`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
};

export async function createImageUploader(client: WeChatClient, cacheFile: string): Promise<ImageUploader> {
  let urls: Record<string, string> = {};
  try {
    const parsed = JSON.parse(await readFile(cacheFile, 'utf8')) as Partial<CacheFile>;
    if (parsed.version === 1 && parsed.urls && typeof parsed.urls === 'object') urls = parsed.urls;
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  let changed = false;
  const pending = new Map<string, Promise<string>>();
  return {
    async upload(file) {
      const bytes = await readFile(file);
      const digest = createHash('sha256').update(bytes).digest('hex');
      const known = urls[digest];
      if (known) return { url: known, cached: true };
      let request = pending.get(digest);
      const cached = request !== undefined;
      if (!request) {
        request = client
          .uploadFile<{ url: string }>('/cgi-bin/media/uploadimg', 'media', {
            name: path.basename(file),
            bytes,
            contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          })
          .then((answer) => {
            urls[digest] = answer.url;
            changed = true;
            return answer.url;
          });
        pending.set(digest, request);
      }
      return { url: await request, cached };
    },
    async save() {
      if (!changed) return;
      try {
        await writeFileAtomically(cacheFile, `${JSON.stringify({ version: 1, urls } satisfies CacheFile, null, 1)}\n`, {
          mode: 0o600,
        });
      } catch {
        // The next run uploads again; nothing is lost.
      }
    },
  };
}
