import { mkdir, open, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
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

export async function writeFileAtomically(
  file: string,
  content: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
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

export interface FileToWrite {
  readonly file: string;
  readonly content: string;
}

export interface AllOrNothingOptions {
  /** The error to throw when `file` could not be written (after everything is put back); default the error itself. */
  readonly describeFailure?: (file: string, error: unknown) => unknown;
}

interface StagedFile {
  readonly target: string;
  readonly temporary: string;
  /** The target's bytes before this write; null when it did not exist. */
  readonly previous: Buffer | null;
}

/**
 * Writes a set of files all or nothing. Every new content goes to a temporary sibling first;
 * only when all are written are they renamed into place. If a rename fails part-way, the files
 * already replaced get their old bytes back (or are removed when they are new), and folders this
 * call created are removed again, so the disk is as it was before the call — short of a crash
 * between two renames, which no sequence of renames can exclude.
 */
export async function writeFilesAllOrNothing(
  files: Iterable<FileToWrite>,
  options: AllOrNothingOptions = {},
): Promise<void> {
  const staged: StagedFile[] = [];
  const createdFolders: string[] = [];
  const fail = async (file: string, error: unknown): Promise<never> => {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true }).catch(() => undefined)));
    // Deepest first: a folder this call created holds nothing else once its files are gone.
    for (const folder of createdFolders.reverse()) await rmdir(folder).catch(() => undefined);
    throw options.describeFailure ? options.describeFailure(file, error) : error;
  };
  for (const { file, content } of files) {
    try {
      createdFolders.push(...(await createFolders(path.dirname(file))));
      const previous = await readFile(file).catch((error: NodeJS.ErrnoException) =>
        error.code === 'ENOENT' ? null : Promise.reject(error),
      );
      const temporary = `${file}.${process.pid}.${staged.length}.tmp`;
      staged.push({ target: file, temporary, previous });
      await writeFile(temporary, content, 'utf8');
    } catch (error) {
      return fail(file, error);
    }
  }
  const replaced: StagedFile[] = [];
  for (const entry of staged) {
    try {
      await rename(entry.temporary, entry.target);
      replaced.push(entry);
    } catch (error) {
      for (const done of replaced.reverse()) await restore(done);
      return fail(entry.target, error);
    }
  }
}

/** Puts a replaced target back as it was: its old bytes, or no file when there was none. */
async function restore(entry: StagedFile): Promise<void> {
  if (entry.previous === null) {
    await rm(entry.target, { force: true }).catch(() => undefined);
    return;
  }
  await writeFile(entry.temporary, entry.previous)
    .then(() => rename(entry.temporary, entry.target))
    .catch(() => undefined);
}

/** `mkdir -p` that says which folders it made, outermost first. */
async function createFolders(folder: string): Promise<string[]> {
  const first = await mkdir(folder, { recursive: true });
  if (first === undefined) return [];
  const created: string[] = [];
  for (let current = folder; current.length >= first.length; current = path.dirname(current)) {
    created.unshift(current);
    if (current === first) break;
  }
  return created;
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
