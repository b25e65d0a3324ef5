/**
 * What a compliance family is made of, and the two helpers its module under rules/ uses: its
 * texts and rule table are data (rules/<family>.rules.json), its phrases or document check are
 * code, and `defineFamily` puts them together into the entry the registry (registry.ts) lists.
 */
import type { LocalizedText } from '../i18n/language.ts';
import type { LintDocument, Reporter } from './document.ts';
import type { PhraseEntry } from './phrases.ts';
import { defineRule, type ComplianceFamily, type RuleDefinition } from './types.ts';

/** One rule of a table; without a `basis` of its own it has the table's. */
interface RuleRow {
  severity: string;
  basis?: LocalizedText;
  summary: LocalizedText;
  help: LocalizedText;
}

/** A family's rules/<family>.rules.json: what the handbook says of it, and its rules by id. */
export interface FamilyTable {
  /** The family's name in the handbook's rule table. */
  title: LocalizedText;
  /** What it looks for, in a phrase (the handbook's "查什么" column). */
  checks: LocalizedText;
  /** When the sentence classifier speaks for the family: its `<family>/model` rule reads the sentence as this. */
  model?: LocalizedText;
  /** The law article, platform rule or policy clause of every rule that names none of its own. */
  basis?: LocalizedText;
  /** Rule id (`<family>/<name>`, or `suppression/<name>` under structure) to its severity and texts, in listing order. */
  rules: Readonly<Record<string, RuleRow>>;
}

/** A phrase entry of family F (a family outside the built-in list names rules the rule-id type does not know). */
export type FamilyPhraseEntry<F extends string> = Omit<PhraseEntry, 'rule'> & { rule: `${F}/${string}` };

/** One family as the registry lists it. */
export interface FamilyModule<F extends string = ComplianceFamily> {
  family: F;
  title: LocalizedText;
  checks: LocalizedText;
  /** Its rules, each `family/name`; the suppression rules sit under structure. */
  rules: readonly RuleDefinition<F>[];
  /** Phrase entries matched on the normalised view of every article text (the body, title and digest). */
  phrases?: readonly (PhraseEntry | FamilyPhraseEntry<F>)[];
  /** A check over the whole document (front matter, images, lengths). */
  documentCheck?: (document: LintDocument, report: Reporter) => void;
  model?: LocalizedText;
}

/** Where a family's findings come from besides its table: phrases, a document check, or both. */
export type FamilyChecks<F extends string> = Pick<FamilyModule<F>, 'phrases' | 'documentCheck'>;

/**
 * The family's rules from its table, in the table's order. A table that does not say what its
 * module needs (an id of another family, a severity other than error or warning, no basis) is
 * refused when the module loads, naming the rule.
 */
export function rulesFromTable<F extends string>(family: F, table: FamilyTable): RuleDefinition<F>[] {
  return Object.entries(table.rules).map(([id, row]) => {
    if (!id.startsWith(`${family}/`) && !(family === 'structure' && id.startsWith('suppression/')))
      throw new Error(`${family}.rules.json: the rule ${id} is not of the family ${family}`);
    if (row.severity !== 'error' && row.severity !== 'warning')
      throw new Error(`${family}.rules.json: the rule ${id} has severity "${row.severity}" (error or warning)`);
    const basis = row.basis ?? table.basis;
    if (!basis) throw new Error(`${family}.rules.json: the rule ${id} has no basis and the table none for it`);
    return defineRule(id as RuleDefinition<F>['id'], {
      family,
      severity: row.severity,
      basis,
      summary: row.summary,
      help: row.help,
    });
  });
}

/** A family's registry entry: its table's texts and rules, with its phrases or document check. */
export function defineFamily<F extends string>(
  family: F,
  table: FamilyTable,
  checks: FamilyChecks<F>,
): FamilyModule<F> {
  return {
    family,
    title: table.title,
    checks: table.checks,
    ...(table.model ? { model: table.model } : {}),
    rules: rulesFromTable(family, table),
    ...checks,
  };
}
