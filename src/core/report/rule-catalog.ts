import { COMPLIANCE_RULES, type ComplianceRule } from '../compliance/index.ts';
import type { LocalizedText } from '../i18n/language.ts';
import { RULE_IDS, RULES } from '../diagnostics/rules.ts';

export interface CatalogEntry {
  id: string;
  severity: 'error' | 'warning';
  summary: LocalizedText;
  help: LocalizedText;
  /** Compliance rules: family and legal or policy basis. */
  family?: string;
  basis?: LocalizedText;
}

/**
 * Every rule `mpflow check` and `mpflow lint` can report: the model rules, then the compliance
 * rules (the built-in families', or those of another family registry, registry.ts).
 */
export function ruleCatalog(
  complianceRules: Readonly<Record<string, ComplianceRule<string>>> = COMPLIANCE_RULES,
): CatalogEntry[] {
  return [
    ...RULE_IDS.map((id) => ({ id, severity: RULES[id].severity, summary: RULES[id].summary, help: RULES[id].help })),
    ...Object.entries(complianceRules).map(([id, rule]) => ({
      id,
      severity: rule.severity,
      summary: rule.summary,
      help: rule.help,
      family: rule.family,
      basis: rule.basis,
    })),
  ];
}
