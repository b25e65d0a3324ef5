import type { Problem } from '../core/diagnostics/problem.ts';
import { formatSummary, formatText } from '../core/report/format-text.ts';
import type { Language } from '../core/i18n/language.ts';
import type { CommandContext } from './context.ts';

// The one registry of report formats for positioned diagnostics (check, lint, codeowners, metrics
// import). A command lists the names it offers; writing goes through here. Formats other than
// text load their module only when chosen (SARIF pulls in the whole rule catalogue).

export interface ReportSummary {
  language: Language;
  filesChecked: number;
  suppressed: number;
}

type Writer = (
  problems: Problem[],
  summary: ReportSummary,
  context: CommandContext,
  emptyMessage?: string,
) => Promise<void>;

export const REPORT_FORMATS = {
  text: async (problems, summary, context, emptyMessage) => {
    context.stdout.write(
      emptyMessage !== undefined ? `${emptyMessage}\n` : formatText(problems, { ...summary, color: context.color }),
    );
  },
  json: async (problems, summary, context) => {
    context.stdout.write((await import('../core/report/format-json.ts')).formatJson(problems, summary));
  },
  github: async (problems, summary, context, emptyMessage) => {
    // Annotations on stdout for the runner; the human summary on stderr, in the log.
    context.stdout.write(
      (await import('../core/report/format-github.ts')).formatGithub(problems, { language: summary.language }),
    );
    context.stderr.write(`${emptyMessage ?? formatSummary(problems, summary)}\n`);
  },
  sarif: async (problems, summary, context) => {
    context.stdout.write(
      (await import('../core/report/format-sarif.ts')).formatSarif(problems, {
        language: summary.language,
        toolVersion: context.version,
        suppressed: summary.suppressed,
      }),
    );
  },
  markdown: async (problems, summary, context) => {
    context.stdout.write((await import('../core/report/format-markdown.ts')).formatMarkdown(problems, summary));
  },
} satisfies Record<string, Writer>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

/** Every format, in the order helps list them. */
export const ALL_REPORT_FORMATS = Object.keys(REPORT_FORMATS) as ReportFormat[];

/** Writes the diagnostics in the chosen format; `emptyMessage` replaces the text summary when nothing was checked. */
export async function writeReport(
  format: ReportFormat,
  problems: Problem[],
  summary: ReportSummary,
  context: CommandContext,
  emptyMessage?: string,
): Promise<void> {
  await REPORT_FORMATS[format](problems, summary, context, emptyMessage);
}
