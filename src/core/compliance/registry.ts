/**
 * The one list of compliance families. The engine (its phrase sets, document checks and rule
 * table), `mpflow lint --list-rules` and `check --list-rules`, the handbook's rule table
 * (src/components/ComplianceRuleTable.astro), the eval and bench (bench/eval), the classifier's
 * trainer and the tests all read it. Adding a family is one module under rules/ with its RULES
 * (and PHRASES or a document check), one entry here, and its case table under
 * test/compliance/cases/; test/compliance/registry.test.ts fails until all of them exist.
 */
import type { LocalizedText } from '../i18n/language.ts';
import type { Reporter, LintDocument } from './document.ts';
import type { PhraseEntry } from './phrases.ts';
import familyTexts from './family-texts.json' with { type: 'json' };
import { CLOUD_FAMILIES } from './moderation.ts';
import * as adLaw from './rules/ad-law.ts';
import * as conduct from './rules/conduct.ts';
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
import * as suppressionRules from './suppressions.ts';
import {
  COMPLIANCE_FAMILIES,
  defineRule,
  type ComplianceFamily,
  type ComplianceRuleId,
  type RuleDefinition,
} from './types.ts';

export interface FamilyModule {
  family: ComplianceFamily;
  /** The family's name in the handbook's rule table. */
  title: LocalizedText;
  /** What it looks for, in a phrase (the handbook's "查什么" column). */
  checks: LocalizedText;
  /** Its rules, each `family/name`; a rule of another family (the suppression rules under structure) may sit here too. */
  rules: readonly RuleDefinition[];
  /** Phrase entries matched on the normalised view of every article text (the body, title and digest). */
  phrases?: readonly PhraseEntry[];
  /** A check over the whole document (front matter, images, lengths). */
  documentCheck?: (document: LintDocument, report: Reporter) => void;
  /** When the sentence classifier speaks for the family: its `<family>/model` rule reads the sentence as this. */
  model?: LocalizedText;
}

/** What the handbook says of a family, and how the model reads a sentence of it (families the classifier speaks for). */
type FamilyTexts = Pick<FamilyModule, 'title' | 'checks' | 'model'>;

/** The families' texts, as data (family-texts.json): the type makes sure every family has them. */
const FAMILY_TEXTS: Readonly<Record<ComplianceFamily, FamilyTexts>> = familyTexts;

/** A rule module that is a phrase list: its RULES and the PHRASES matched on every article text. */
const phraseFamily = (module: { RULES: readonly RuleDefinition[]; PHRASES: readonly PhraseEntry[] }) => ({
  rules: module.RULES,
  phrases: module.PHRASES,
});

/** Where each family's rules and checks come from. */
const FAMILY_CHECKS: Readonly<Record<ComplianceFamily, Pick<FamilyModule, 'rules' | 'phrases' | 'documentCheck'>>> = {
  'ad-law': phraseFamily(adLaw),
  medical: phraseFamily(medical),
  finance: phraseFamily(finance),
  education: phraseFamily(education),
  'induce-share': phraseFamily(induceShare),
  'induce-follow': phraseFamily(induceFollow),
  reprint: { rules: reprint.RULES, documentCheck: reprint.checkReprint },
  // The conduct rules judge replies to users only (the support import); their phrases are not among the article sets.
  lexicon: { rules: [...lexicon.RULES, ...conduct.RULES], phrases: lexicon.PHRASES },
  typography: { rules: typography.RULES },
  structure: { rules: [...structure.RULES, ...suppressionRules.RULES], documentCheck: structure.checkStructure },
  'wechat-limits': { rules: wechatLimits.RULES, documentCheck: wechatLimits.checkWeChatLimits },
};

/** In the order of COMPLIANCE_FAMILIES (types.ts), which the two tables above must both cover (the type says so). */
export const FAMILY_REGISTRY: readonly FamilyModule[] = COMPLIANCE_FAMILIES.map((family) => ({
  family,
  ...FAMILY_TEXTS[family],
  ...FAMILY_CHECKS[family],
}));

/** The families the sentence classifier is trained for, in registry order. */
export const MODEL_FAMILIES: readonly ComplianceFamily[] = FAMILY_REGISTRY.filter((entry) => entry.model).map(
  (entry) => entry.family,
);

const MODEL_BASIS = {
  zh: '本仓库训练的句子分类器（src/core/compliance/content-model.json，训练数据见 test/compliance-eval/corpus-real），依据与该类别的规则相同。',
  en: "The sentence classifier trained in this repository (src/core/compliance/content-model.json, data in test/compliance-eval/corpus-real); same basis as the family's rules.",
};

/** A warning derived from a family (its model or cloud rule): the family's, with its own basis and texts. */
function derivedWarning(
  entry: FamilyModule,
  kind: 'model' | 'cloud',
  texts: Pick<RuleDefinition, 'basis' | 'summary' | 'help'>,
): RuleDefinition {
  return defineRule(`${entry.family}/${kind}` as ComplianceRuleId, {
    family: entry.family,
    severity: 'warning',
    ...texts,
  });
}

/** The classifier's rules: one `<family>/model` warning per modelled family. */
export function modelRule(entry: FamilyModule): RuleDefinition {
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
export function cloudRule(entry: FamilyModule): RuleDefinition {
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
export function familyRules(entry: FamilyModule): RuleDefinition[] {
  return [
    ...entry.rules,
    ...(entry.model ? [modelRule(entry)] : []),
    ...((CLOUD_FAMILIES as readonly string[]).includes(entry.family) ? [cloudRule(entry)] : []),
  ];
}

/** The handbook's rule table (src/components/ComplianceRuleTable.astro): one row per family. */
export function ruleTableRows(
  language: 'zh-CN' | 'en',
): Array<{ family: ComplianceFamily; title: string; ruleIds: string[]; checks: string }> {
  const pick = (text: LocalizedText) => (language === 'zh-CN' ? text.zh : text.en);
  return FAMILY_REGISTRY.map((entry) => ({
    family: entry.family,
    title: pick(entry.title),
    ruleIds: familyRules(entry).map((rule) => rule.id),
    checks: pick(entry.checks),
  }));
}

/** Every rule of every family, in registry order. */
export const ALL_RULE_DEFINITIONS: readonly RuleDefinition[] = FAMILY_REGISTRY.flatMap(familyRules);
