import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../source/write-file-atomically.ts';
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
    await writeFileAtomically(file, fixed, {
      temporary: path.join(path.dirname(file), `.${path.basename(file)}.mpflow-fix-${process.pid}`),
    });
    changed.push(file);
  }
  return changed;
}
