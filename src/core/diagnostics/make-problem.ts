import type { LocalizedText } from '../i18n/language.ts';
import type { Problem, Span } from './problem.ts';
import { FILE_START } from './problem.ts';
import { RULES, type RuleId } from './rules.ts';

export function makeProblem(
  file: string,
  ruleId: RuleId,
  message: LocalizedText,
  span: Span = FILE_START,
  field?: string,
): Problem {
  const problem: Problem = {
    file,
    span,
    ruleId,
    severity: RULES[ruleId].severity,
    message: { zh: tidyChinese(message.zh), en: message.en },
  };
  if (field !== undefined) problem.field = field;
  return problem;
}

/** A bug in mpflow met while handling `file`: said plainly, with the detail a bug report needs. */
export function internalError(file: string, error: unknown): Problem {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return makeProblem(file, 'internal/error', {
    zh: `mpflow 处理这个文件时出错（这是 mpflow 的缺陷，请报告）：${detail}`,
    en: `mpflow failed on this file (a bug in mpflow; please report it): ${detail}`,
  });
}

/** Chinese typography: no space next to full-width punctuation, whatever the template put there. */
function tidyChinese(message: string): string {
  // Quoted values are the user's own text, spaces and all; only the words around them are tidied.
  return message
    .split(/(“[^”]*”)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/ +([，。；：？！、）》])/g, '$1')
            .replace(/ +(?=“)/g, '')
            .replace(/([（《]) +/g, '$1'),
    )
    .join('');
}
