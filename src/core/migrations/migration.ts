import type { Document } from 'yaml';
import type { LocalizedText } from '../i18n/language.ts';
import { LocalizedFileError } from '../diagnostics/localized-error.ts';

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
export class MigrationError extends LocalizedFileError {}

/** Where a YAML file a transform cannot read goes wrong: `file:line:column` of its first error, else the file. */
export function firstYamlErrorPlace(file: string, document: Document): string {
  const at = document.errors[0]?.linePos?.[0];
  return at ? `${file}:${at.line}:${at.col}` : file;
}
