import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writing through a temporary sibling and renaming it into place: a crash or a failed write leaves
 * either the old file or the new one, never half of either (rename is atomic within a folder).
 */
export interface AtomicWriteOptions {
  /** Where to write before the rename; default `<file>.<pid>.tmp`. Callers that sweep leftovers pick a suffix they recognise. */
  readonly temporary?: string;
  /** File mode of the new file (e.g. 0o600 for secrets). */
  readonly mode?: number;
  /** Flush the content to disk before the rename, so a power cut cannot leave an empty file. */
  readonly sync?: boolean;
}

export async function writeFileAtomically(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = options.temporary ?? `${file}.${process.pid}.tmp`;
  try {
    await writeTemporary(temporary, content, options);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes every file to a temporary sibling first; only when all of them are written are they
 * renamed into place, so a failure part-way leaves every target as it was.
 */
export async function writeFilesAllOrNothing(files: Iterable<{ readonly file: string; readonly content: string }>): Promise<void> {
  const staged: Array<{ temporary: string; target: string }> = [];
  try {
    for (const { file, content } of files) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${staged.length}.tmp`;
      staged.push({ temporary, target: file });
      await writeFile(temporary, content, 'utf8');
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
  for (const { temporary, target } of staged) await rename(temporary, target);
}

async function writeTemporary(temporary: string, content: string, options: AtomicWriteOptions): Promise<void> {
  if (!options.sync) {
    await writeFile(temporary, content, options.mode === undefined ? 'utf8' : { encoding: 'utf8', mode: options.mode });
    return;
  }
  const handle = await open(temporary, 'w', options.mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
