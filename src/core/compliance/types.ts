import type { LocalizedText } from '../i18n/language.ts';

/** The rule families of compliance.md; every compliance rule id starts with one of them. */
export const COMPLIANCE_FAMILIES = [
  'ad-law',
  'medical',
  'finance',
  'education',
  'induce-share',
  'induce-follow',
  'reprint',
  'lexicon',
  'typography',
  'structure',
  'wechat-limits',
] as const;
export type ComplianceFamily = (typeof COMPLIANCE_FAMILIES)[number];

/** `family/name`, or `suppression/name` for the rules about suppression comments themselves. */
export type ComplianceRuleId = `${ComplianceFamily}/${string}` | `suppression/${string}`;

export type FindingSeverity = 'error' | 'warning';

export interface ComplianceRule {
  family: ComplianceFamily;
  severity: FindingSeverity;
  /** The law article, WeChat platform rule or policy clause the rule holds. */
  basis: LocalizedText;
  summary: LocalizedText;
  /** What to do about a finding; shown as the fix hint, in SARIF help and `--list-rules`. */
  help: LocalizedText;
}

/** One finding, positioned in the ORIGINAL text: 1-based lines and UTF-16 columns, end exclusive. */
export interface Finding {
  ruleId: string;
  family: string;
  severity: FindingSeverity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  matched: string;
  message: LocalizedText;
  hint?: LocalizedText;
  /** The whole original line the finding starts on, for reports that underline the match. */
  lineText?: string;
}

export interface LintResult {
  findings: Finding[];
  /** Findings silenced by a `mpflow-disable-next-line` comment with a reason. */
  suppressed: number;
}

/** A rule definition: its metadata plus its id. */
export interface RuleDefinition extends ComplianceRule {
  id: ComplianceRuleId;
}

export function defineRule(id: ComplianceRuleId, rule: ComplianceRule): RuleDefinition {
  return { id, ...rule };
}

/** Thresholds, from the policy's `compliance` section or the defaults below. */
export interface ComplianceSettings {
  limits: {
    titleMaxChars: number;
    authorMaxChars: number;
    digestMaxChars: number;
    bodyMaxChars: number;
    bodyMaxBytes: number;
    imageMaxBytes: number;
  };
  readability: { paragraphMaxChars: number; sentenceMaxChars: number; subheadingEveryChars: number };
  severities: Record<string, 'error' | 'warning' | 'off'>;
  lexicon: TeamLexiconEntry[];
}

/** A department's own lexicon addition (policy `compliance.lexicon`). */
export interface TeamLexiconEntry {
  term: string;
  category: string;
  severity?: 'error' | 'warning';
  basis?: string;
  except?: string[];
}
