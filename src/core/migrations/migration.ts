import type { LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';

/**
 * One step of a department repository's data format, from schema version `from` to `to`.
 * `transform` is pure: it gets the text of the files it names in `reads` (those that exist) and
 * returns the files to write (path → new text) and to delete (path → null). The runner records the
 * new version in content/department.yaml after each step, reads nothing else and writes nothing
 * until every pending step has succeeded.
 */
export interface Migration {
  /** Stable name, also the module's file name, e.g. 0001-department-settings. */
  id: string;
  from: number;
  to: number;
  description: LocalizedText;
  /**
   * Repository paths the transform reads, or globs (picomatch, e.g. content/articles/**\/*.md) for
   * every file that matches; files that do not exist are left out of its input.
   */
  reads: readonly string[];
  transform(files: ReadonlyMap<string, string>): Map<string, string | null>;
}

/** A transform's refusal: the file and what is wrong, in both languages. */
export class MigrationError extends LocalizedError {
  readonly file: string;
  constructor(file: string, localized: LocalizedText) {
    super(localized, { exitCode: 1 });
    this.message = `${file}: ${localized.en}`;
    this.file = file;
  }
}
