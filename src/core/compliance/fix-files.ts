import { readFile, rename, writeFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fixTypography } from './engine.ts';

/**
 * Applies the typography fixes to Markdown files in place. Each file is written to a temporary
 * file beside it and renamed over the original, so an interrupted run never leaves half a file.
 * Returns the files that changed.
 */
export async function fixTypographyInFiles(files: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    const original = await readFile(file, 'utf8');
    const fixed = fixTypography(original);
    if (fixed === original) continue;
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.mpflow-fix-${process.pid}`);
    try {
      await writeFile(temporary, fixed, 'utf8');
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    changed.push(file);
  }
  return changed;
}
