import type { LocalizedText } from '../i18n/language.ts';
import type { PolicyFile } from '../model/types.generated.ts';
import type { BUILT_IN_FAMILIES } from './registry.ts';

/**
 * The rule families of compliance.md, from the one list of them (BUILT_IN_FAMILIES, registry.ts):
 * a family's module there is what puts its name in this type; every compliance rule id starts with one.
 */
export type ComplianceFamily = (typeof BUILT_IN_FAMILIES)[number]['family'];

/** `family/name`, or `suppression/name` for the rules about suppression comments themselves. */
export type ComplianceRuleId = `${ComplianceFamily}/${string}` | `suppression/${string}`;

export type FindingSeverity = 'error' | 'warning';

export interface ComplianceRule<F extends string = ComplianceFamily> {
  family: F;
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

/** A rule definition: its metadata plus its id (`suppression/…` only under structure). */
export interface RuleDefinition<F extends string = ComplianceFamily> extends ComplianceRule<F> {
  id: `${F}/${string}` | `suppression/${string}`;
}

export function defineRule<F extends string>(id: RuleDefinition<F>['id'], rule: ComplianceRule<F>): RuleDefinition<F> {
  return { id, ...rule };
}

type PolicyCompliance = PolicyFile['compliance'];

/** Thresholds, from the policy's `compliance` section (its schema's names) or the engine's defaults, every one set. */
export interface ComplianceSettings {
  limits: Required<PolicyCompliance['limits']>;
  readability: Required<NonNullable<PolicyCompliance['readability']>>;
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
