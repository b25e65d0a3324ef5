import { statSync } from 'node:fs';
import path from 'node:path';

/** Bytes of a local body image, or undefined for remote or missing ones (ref/missing-file reports those). */
export function imageSize(root: string, directory: string, url: string): number | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return undefined;
  let decoded = url.split(/[?#]/)[0]!;
  try {
    decoded = decodeURI(decoded);
  } catch {
    // A stray % is taken literally.
  }
  const target = path.posix.normalize(`${directory}/${decoded}`);
  if (target.startsWith('..')) return undefined;
  try {
    return statSync(path.join(root, target)).size;
  } catch {
    return undefined;
  }
}
