import path from 'node:path';
import { pick, type Language, type LocalizedText } from '../core/i18n/language.ts';
import { findRepositoryRoot, isDirectory } from '../core/repository/find-repository-root.ts';
import type { CommandContext } from './context.ts';
import { EXIT, UsageError } from './errors.ts';

// The preamble every command shares (help, --format, --root), kept in one place so the
// messages and exit codes stay the same from command to command.

/** Prints the command's help in the chosen language; the command returns the exit code. */
export function writeHelp(help: LocalizedText, context: CommandContext): number {
  context.stdout.write(`${pick(help, context.language)}\n`);
  return EXIT.clean;
}

/** --format checked against the formats the command knows; a usage error names the value and the choices. */
export function parseFormat<Format extends string>(value: string | undefined, allowed: readonly Format[], language: Language): Format {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as Format;
  const english = allowed.length === 2 ? `use ${allowed[0]} or ${allowed[1]}` : `use one of ${allowed.join(', ')}`;
  throw new UsageError(language === 'zh-CN' ? `不支持的格式“${value}”，可选：${allowed.join('、')}。` : `Unknown format "${value}"; ${english}.`);
}

/** --root as given, or the nearest folder above the working directory that holds content/. */
export function resolveRoot(given: string | undefined, context: CommandContext): string {
  const zh = context.language === 'zh-CN';
  if (given !== undefined) {
    const root = path.resolve(context.cwd, given);
    if (!isDirectory(root)) throw new UsageError(zh ? `--root ${given} 不是一个文件夹。` : `--root ${given} is not a folder.`);
    return root;
  }
  const found = findRepositoryRoot(context.cwd);
  if (!found) {
    throw new UsageError(
      zh
        ? `这里不是微信部的仓库：${context.cwd} 及其上级目录中都没有 content/ 文件夹。请在仓库里运行，或用 --root 指定。`
        : `This is not a department repository: neither ${context.cwd} nor any folder above it has a content/ folder. Run mpflow inside the repository or pass --root.`,
    );
  }
  return found;
}
