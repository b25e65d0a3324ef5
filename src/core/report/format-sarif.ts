import type { Log, ReportingDescriptor, Result } from 'sarif';
import { pick, type Language } from '../i18n/language.ts';
import type { Problem } from '../check/problem.ts';
import { RULE_IDS, RULES } from '../check/rules.ts';

export interface SarifOptions {
  language: Language;
  toolVersion: string;
}

/** SARIF 2.1.0, the format GitHub code scanning and most review tools import. */
export function formatSarif(problems: readonly Problem[], options: SarifOptions): string {
  const rules: ReportingDescriptor[] = RULE_IDS.map((id) => {
    const rule = RULES[id];
    return {
      id,
      name: id.replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase()),
      shortDescription: { text: pick(rule.summary, options.language) },
      fullDescription: { text: options.language === 'zh-CN' ? `${rule.summary.zh}。${rule.help.zh}` : `${rule.summary.en}. ${rule.help.en}` },
      help: { text: pick(rule.help, options.language) },
      defaultConfiguration: { level: rule.severity },
      properties: { tags: [id.split('/')[0]!] },
    };
  });
  const ruleIndex = new Map(RULE_IDS.map((id, index) => [id, index]));
  const results: Result[] = problems.map((problem) => ({
    ruleId: problem.ruleId,
    ruleIndex: ruleIndex.get(problem.ruleId)!,
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
          },
        },
      },
    ],
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
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
