import path from 'node:path';
import type { Language } from '../core/i18n/language.ts';
import { findRepositoryRoot, isDirectory } from '../core/repository/find-repository-root.ts';
import type { CommandContext } from './context.ts';
import { UsageError } from './errors.ts';
import { formatChoice } from './validators.ts';
import { sayIn } from './messages.ts';

// What commands share after parsing: the repository root (--root or the nearest one) and a
// --format whose choices depend on other options. Help and parsing live in command.ts.

/** --format checked against the formats the command knows, when they depend on other options (score --todo). */
export function parseFormat<Format extends string>(
  value: string | undefined,
  allowed: readonly Format[],
  language: Language,
): Format {
  return formatChoice(allowed)(value ?? '', { option: '--format', language });
}

/** --root as given, or the nearest folder above the working directory that holds content/. */
export function resolveRoot(given: string | undefined, context: CommandContext): string {
  const say = sayIn(context);
  if (given !== undefined) {
    const root = path.resolve(context.cwd, given);
    if (!isDirectory(root)) throw new UsageError(say('root.rootNotFolder', { given }));
    return root;
  }
  const found = findRepositoryRoot(context.cwd);
  if (!found) {
    throw new UsageError(say('root.notDepartmentRepositoryNeither', { cwd: context.cwd }));
  }
  return found;
}
