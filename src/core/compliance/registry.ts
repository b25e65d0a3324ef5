/**
 * The one list of compliance families. The engine (its phrase sets, document checks and rule
 * table), `mpflow lint --list-rules` and `check --list-rules`, the handbook's rule table
 * (src/components/ComplianceRuleTable.astro), the eval and bench (bench/eval), the classifier's
 * trainer and the tests all read it. Adding a family is one module under rules/ (its FAMILY, made
 * by defineFamily from its rules/<family>.rules.json and its phrases or document check), one
 * element of BUILT_IN_FAMILIES, and its case table under test/compliance/cases/;
 * test/compliance/registry.test.ts fails until all of them exist.
 */
import type { LocalizedText } from '../i18n/language.ts';
import type { FamilyModule } from './family.ts';
import { CLOUD_FAMILIES } from './moderation.ts';
import * as adLaw from './rules/ad-law.ts';
import * as education from './rules/education.ts';
import * as finance from './rules/finance.ts';
import * as induceFollow from './rules/induce-follow.ts';
import * as induceShare from './rules/induce-share.ts';
import * as lexicon from './rules/lexicon.ts';
import * as medical from './rules/medical.ts';
import * as reprint from './rules/reprint.ts';
import * as structure from './rules/structure.ts';
import * as typography from './rules/typography.ts';
import * as wechatLimits from './rules/wechat-limits.ts';
import { defineRule, type ComplianceFamily, type ComplianceRule, type RuleDefinition } from './types.ts';

export type { FamilyModule } from './family.ts';

/** The basis of every `<family>/model` rule (declared before the registry below is built from it). */
const MODEL_BASIS = {
  zh: '本仓库训练的句子分类器（src/core/compliance/content-model.json，训练数据见 test/compliance-eval/corpus-real），依据与该类别的规则相同。',
  en: "The sentence classifier trained in this repository (src/core/compliance/content-model.json, data in test/compliance-eval/corpus-real); same basis as the family's rules.",
};

/** The families, in the order the listing, the handbook and the engine take them. ComplianceFamily (types.ts) is made from it. */
export const BUILT_IN_FAMILIES = [
  adLaw.FAMILY,
  medical.FAMILY,
  finance.FAMILY,
  education.FAMILY,
  induceShare.FAMILY,
  induceFollow.FAMILY,
  reprint.FAMILY,
  lexicon.FAMILY,
  typography.FAMILY,
  structure.FAMILY,
  wechatLimits.FAMILY,
] as const;

/** A list of families and what is derived from it: every rule (its own, model and cloud rules), by id too. */
export interface FamilyRegistry {
  families: readonly FamilyModule<string>[];
  rules: readonly RuleDefinition<string>[];
  rulesById: Readonly<Record<string, ComplianceRule<string>>>;
  /** The families the sentence classifier is trained for, in registry order. */
  modelFamilies: readonly string[];
}

/**
 * The registry of a list of families. The built-in one is below; a test registers a family of its
 * own (test/compliance/fixtures/demo-family/rules/demo.ts) through this same function. Two families of one
 * name, or a rule id twice, are refused here rather than one silently hiding the other.
 */
export function familyRegistry(families: readonly FamilyModule<string>[]): FamilyRegistry {
  const names = new Set<string>();
  for (const entry of families) {
    if (names.has(entry.family)) throw new Error(`The compliance family ${entry.family} is registered twice`);
    names.add(entry.family);
  }
  const rules = families.flatMap(familyRules);
  const rulesById: Record<string, ComplianceRule<string>> = {};
  for (const { id, ...rule } of rules) {
    if (id in rulesById) throw new Error(`The compliance rule ${id} is defined twice`);
    rulesById[id] = rule;
  }
  return {
    families,
    rules,
    rulesById: Object.freeze(rulesById),
    modelFamilies: families.filter((entry) => entry.model).map((entry) => entry.family),
  };
}

/** The built-in families' registry: what the CLI, the engine and the handbook use. */
export const REGISTRY: FamilyRegistry = familyRegistry(BUILT_IN_FAMILIES);

/** The built-in families, typed as the registry's entries (the engine's classifier and the eval read it). */
export const FAMILY_REGISTRY: readonly FamilyModule[] = BUILT_IN_FAMILIES;

/** The family names, in registry order. */
export const COMPLIANCE_FAMILIES: readonly ComplianceFamily[] = BUILT_IN_FAMILIES.map((entry) => entry.family);

/** The families the sentence classifier is trained for, in registry order. */
export const MODEL_FAMILIES = REGISTRY.modelFamilies as readonly ComplianceFamily[];

/** A warning derived from a family (its model or cloud rule): the family's, with its own basis and texts. */
function derivedWarning<F extends string>(
  entry: FamilyModule<F>,
  kind: 'model' | 'cloud',
  texts: Pick<RuleDefinition, 'basis' | 'summary' | 'help'>,
): RuleDefinition<F> {
  return defineRule<F>(`${entry.family}/${kind}`, {
    family: entry.family,
    severity: 'warning',
    ...texts,
  });
}

/** The classifier's rules: one `<family>/model` warning per modelled family. */
export function modelRule<F extends string>(entry: FamilyModule<F>): RuleDefinition<F> {
  const reads = entry.model!;
  return derivedWarning(entry, 'model', {
    basis: MODEL_BASIS,
    summary: { zh: `模型判断此句${reads.zh}`, en: `The model reads this sentence as ${reads.en}` },
    help: {
      zh: '核对这句话：若确是此类内容，按该类别的规则改写；若不是（如辟谣、报道、引用），用 mpflow-disable-next-line 写明理由。',
      en: "Check the sentence: if it is such content, rewrite it as the family's rules say; if not (a debunking, a report, a quotation), suppress it with mpflow-disable-next-line and a reason.",
    },
  });
}

/** The optional cloud layer's rules (moderation.ts): one `<family>/cloud` warning per content family a provider may name. */
export function cloudRule<F extends string>(entry: FamilyModule<F>): RuleDefinition<F> {
  return derivedWarning(entry, 'cloud', {
    basis: {
      zh: '制度 compliance.moderation 配置的云端内容审核服务的结论（按段落摘要缓存在仓库中）；依据与该类别的规则相同。',
      en: "The verdict of the cloud moderation service configured in the policy's compliance.moderation (cached in the repository by paragraph digest); same basis as the family's rules.",
    },
    summary: {
      zh: `云端审核认为此段属于“${entry.title.zh}”问题`,
      en: `The cloud moderation flags this paragraph (${entry.title.en})`,
    },
    help: {
      zh: '核对这一段：若确有问题，按该类别的规则改写；若是误判，用 mpflow-disable-next-line 写明理由。改写后运行 mpflow lint --moderate 更新缓存。',
      en: "Check the paragraph: rewrite it as the family's rules say, or suppress a false alarm with mpflow-disable-next-line and a reason. Run mpflow lint --moderate after a rewrite to refresh the cache.",
    },
  });
}

/** Every rule of a family as listed (its own, then its model and cloud rules). */
export function familyRules<F extends string>(entry: FamilyModule<F>): RuleDefinition<F>[] {
  return [
    ...entry.rules,
    ...(entry.model ? [modelRule(entry)] : []),
    ...((CLOUD_FAMILIES as readonly string[]).includes(entry.family) ? [cloudRule(entry)] : []),
  ];
}

/** The handbook's rule table (src/components/ComplianceRuleTable.astro): one row per family. */
export function ruleTableRows(
  language: 'zh-CN' | 'en',
  registry: FamilyRegistry = REGISTRY,
): Array<{ family: string; title: string; ruleIds: string[]; checks: string }> {
  const pick = (text: LocalizedText) => (language === 'zh-CN' ? text.zh : text.en);
  return registry.families.map((entry) => ({
    family: entry.family,
    title: pick(entry.title),
    ruleIds: familyRules(entry).map((rule) => rule.id),
    checks: pick(entry.checks),
  }));
}

/** Every rule of every family, in registry order. */
export const ALL_RULE_DEFINITIONS = REGISTRY.rules as readonly RuleDefinition[];
