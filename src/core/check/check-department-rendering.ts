import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { text } from '../i18n/language.ts';
import { checkDepartmentCss } from '../render/department-css.ts';
import { isCodeStyle } from '../render/themes.ts';
import type { Repository } from '../repository/load-repository.ts';

/**
 * The department's `render` settings as `mpflow render` and `publish` will use them: a CSS file
 * that is missing or an unknown code style would stop every render, and what of the CSS file is
 * left out would change how articles look without a word — so `check` says both before then.
 * (Here in check/, the orchestrator, because render/ itself reads the department's settings; it
 * reads the file as render/department-theme.ts does, without loading the renderer, which would
 * add its Markdown and highlighting modules to every `check` start-up.)
 */
export function checkDepartmentRendering(repository: Repository, problems: Problem[]): void {
  const record = repository.department;
  if (!record?.valid) return;
  const render = record.data.render as Record<string, unknown> | undefined;
  if (render === undefined || render === null || typeof render !== 'object') return;
  const code = render.code as { style?: unknown } | undefined;
  if (typeof code?.style === 'string' && !isCodeStyle(code.style)) {
    problems.push(
      makeProblem(
        record.file,
        'department/render-settings',
        text(
          `render.code.style“${code.style}”不是 highlight.js 自带的代码样式。`,
          `render.code.style "${code.style}" is not a code style highlight.js ships.`,
        ),
        record.locate(['render', 'code', 'style']),
        'render.code.style',
      ),
    );
  }
  if (typeof render.css !== 'string') return;
  const cssFile = render.css;
  let source: string;
  try {
    source = readFileSync(path.resolve(repository.root, cssFile), 'utf8');
  } catch {
    problems.push(
      makeProblem(
        record.file,
        'department/render-settings',
        text(`render.css 指向的 ${cssFile} 读不到。`, `render.css names ${cssFile}, which cannot be read.`),
        record.locate(['render', 'css']),
        'render.css',
      ),
    );
    return;
  }
  for (const finding of checkDepartmentCss(source).findings) {
    problems.push(
      makeProblem(cssFile.replace(/\\/g, '/').replace(/^\.\//, ''), 'render/department-css', finding.message, {
        start: { line: finding.line, column: finding.column },
      }),
    );
  }
}
