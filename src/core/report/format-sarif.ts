import type { Log, ReportingDescriptor, Result } from 'sarif';
import { pick, type Language } from '../i18n/language.ts';
import type { Problem } from '../diagnostics/problem.ts';
import { ruleCatalog } from './rule-catalog.ts';

export interface SarifOptions {
  language: Language;
  toolVersion: string;
  /** Compliance findings silenced by reasoned suppression comments, recorded in the run's properties. */
  suppressed?: number;
}

/** SARIF 2.1.0, the format GitHub code scanning and most review tools import. */
export function formatSarif(problems: readonly Problem[], options: SarifOptions): string {
  const catalog = ruleCatalog();
  const rules: ReportingDescriptor[] = catalog.map((rule) => {
    const basis = rule.basis ? pick(rule.basis, options.language) : undefined;
    const help = pick(rule.help, options.language);
    return {
      id: rule.id,
      name: rule.id.replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase()),
      shortDescription: { text: pick(rule.summary, options.language) },
      fullDescription: {
        text:
          options.language === 'zh-CN' ? `${rule.summary.zh}。${rule.help.zh}` : `${rule.summary.en}. ${rule.help.en}`,
      },
      help: basis
        ? {
            text: `${help}\n${options.language === 'zh-CN' ? '依据' : 'Basis'}: ${basis}`,
            markdown: `${help}\n\n**${options.language === 'zh-CN' ? '依据' : 'Basis'}**: ${basis}`,
          }
        : { text: help },
      defaultConfiguration: { level: rule.severity },
      properties: {
        tags: [rule.family ?? rule.id.split('/')[0]!, ...(rule.family ? ['compliance'] : [])],
        ...(basis ? { basis } : {}),
      },
    };
  });
  const ruleIndex = new Map(catalog.map((rule, index) => [rule.id, index]));
  const results: Result[] = problems.map((problem) => ({
    ruleId: problem.ruleId,
    ...(ruleIndex.has(problem.ruleId) ? { ruleIndex: ruleIndex.get(problem.ruleId)! } : {}),
    level: problem.severity,
    message: { text: pick(problem.message, options.language) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: problem.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: problem.span.start.line,
            startColumn: problem.span.start.column,
            ...(problem.span.end ? { endLine: problem.span.end.line, endColumn: problem.span.end.column } : {}),
            ...(problem.matched !== undefined ? { snippet: { text: problem.matched } } : {}),
          },
        },
      },
    ],
    ...(problem.hint ? { properties: { hint: pick(problem.hint, options.language), family: problem.family } } : {}),
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mpflow', version: options.toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
        columnKind: 'utf16CodeUnits',
        ...(options.suppressed !== undefined ? { properties: { suppressedFindings: options.suppressed } } : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
