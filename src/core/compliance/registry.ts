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

export const FAMILY_REGISTRY: readonly FamilyModule[] = [
  {
    family: 'ad-law',
    title: { zh: '广告法', en: 'Advertising Law' },
    checks: {
      zh: '最佳、顶级、第一品牌、100% 有效、国家级产品、特供等（《广告法》第九条）',
      en: 'best, top-grade, No. 1 brand, 100% effective, national-level product, special supply (Advertising Law art. 9)',
    },
    rules: adLaw.RULES,
    phrases: adLaw.PHRASES,
  },
  {
    family: 'medical',
    title: { zh: '医疗功效', en: 'Medical claims' },
    checks: {
      zh: '降血压、治疗失眠、根治、无副作用等（第十六、十七条）',
      en: 'lowers blood pressure, treats insomnia, cures for good, no side effects (arts. 16, 17)',
    },
    rules: medical.RULES,
    phrases: medical.PHRASES,
    model: { zh: '像宣称治疗或预防疾病', en: 'a claim to treat or prevent disease' },
  },
  {
    family: 'finance',
    title: { zh: '金融承诺', en: 'Finance promises' },
    checks: { zh: '保本保息、稳赚、零风险（第二十五条）', en: 'guaranteed principal or returns, no risk (art. 25)' },
    rules: finance.RULES,
    phrases: finance.PHRASES,
    model: { zh: '像承诺收益或无风险', en: 'a promise of returns or of no risk' },
  },
  {
    family: 'education',
    title: { zh: '教育承诺', en: 'Education promises' },
    checks: { zh: '包过、保证录取、提分保证（第二十四条）', en: 'guaranteed pass, admission or scores (art. 24)' },
    rules: education.RULES,
    phrases: education.PHRASES,
    model: { zh: '像对考试或培训效果的保证', en: 'a guarantee of exam or training results' },
  },
  {
    family: 'induce-share',
    title: { zh: '诱导分享', en: 'Inducing shares' },
    checks: {
      zh: '转发、分享、集赞与奖励或条件连在一起的说法（平台运营规范）',
      en: 'sharing or likes tied to a reward or a condition (platform rules)',
    },
    rules: induceShare.RULES,
    phrases: induceShare.PHRASES,
    model: { zh: '像以奖励或压力诱导分享', en: 'an inducement to share' },
  },
  {
    family: 'induce-follow',
    title: { zh: '诱导关注', en: 'Inducing follows' },
    checks: {
      zh: '关注后才能查看、关注领奖（平台运营规范）',
      en: 'follow to unlock, follow for a reward (platform rules)',
    },
    rules: induceFollow.RULES,
    phrases: induceFollow.PHRASES,
    model: { zh: '像诱导关注公众号', en: 'an inducement to follow the account' },
  },
  {
    family: 'reprint',
    title: { zh: '转载与原创', en: 'Reprints and originality' },
    checks: {
      zh: '头信息与正文是否一致，“侵删”不是授权',
      en: 'front matter and body agree; a takedown notice is not an authorisation',
    },
    rules: reprint.RULES,
    documentCheck: reprint.checkReprint,
  },
  {
    family: 'lexicon',
    title: { zh: '团队词库', en: 'Team lexicon' },
    checks: {
      zh: '低俗、标题党、谣言、引流、赌博诈骗用语；客服回复的礼貌用语',
      en: 'vulgar words, clickbait, rumours, contact lures, gambling and fraud; polite replies to users',
    },
    // The conduct rules judge replies to users only (the support import); their phrases are not among the article sets.
    rules: [...lexicon.RULES, ...conduct.RULES],
    phrases: lexicon.PHRASES,
    model: { zh: '像谣言、标题党或诈骗引流', en: 'a rumour, clickbait or a fraud lure' },
  },
  {
    family: 'typography',
    title: { zh: '中文排版', en: 'Chinese typography' },
    checks: {
      zh: '中英文间空格、全半角标点、省略号和破折号、繁简混用；--fix 自动修正（只改排版）',
      en: 'spacing, full- and half-width punctuation, ellipsis and dash, mixed scripts; --fix corrects them (typography only)',
    },
    rules: typography.RULES,
  },
  {
    family: 'structure',
    title: { zh: '结构与可读性', en: 'Structure and readability' },
    checks: {
      zh: '段落、句子长度，小标题间隔，图片替代文字，封面；豁免注释的写法',
      en: 'paragraph and sentence length, subheading gaps, image alt text, cover; how suppressions are written',
    },
    rules: [...structure.RULES, ...suppressionRules.RULES],
    documentCheck: structure.checkStructure,
  },
  {
    family: 'wechat-limits',
    title: { zh: '微信限制', en: 'WeChat limits' },
    checks: {
      zh: '标题、作者、摘要、正文长度，正文图片格式和大小，外部链接',
      en: 'title, author, digest and body length; body image format and size; external links',
    },
    rules: wechatLimits.RULES,
    documentCheck: wechatLimits.checkWeChatLimits,
  },
];

/** The families the sentence classifier is trained for, in registry order. */
export const MODEL_FAMILIES: readonly ComplianceFamily[] = FAMILY_REGISTRY.filter((entry) => entry.model).map(
  (entry) => entry.family,
);

const MODEL_BASIS = {
  zh: '本仓库训练的句子分类器（src/core/compliance/content-model.json，训练数据见 test/compliance-eval/corpus-real），依据与该类别的规则相同。',
  en: "The sentence classifier trained in this repository (src/core/compliance/content-model.json, data in test/compliance-eval/corpus-real); same basis as the family's rules.",
};

/** The classifier's rules: one `<family>/model` warning per modelled family. */
export function modelRule(entry: FamilyModule): RuleDefinition {
  const reads = entry.model!;
  return defineRule(`${entry.family}/model` as ComplianceRuleId, {
    family: entry.family,
    severity: 'warning',
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
  return defineRule(`${entry.family}/cloud` as ComplianceRuleId, {
    family: entry.family,
    severity: 'warning',
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

/** The registry's families must be the type's (types.ts holds the names so that rule ids type-check). */
if (FAMILY_REGISTRY.map((entry) => entry.family).join() !== COMPLIANCE_FAMILIES.join()) {
  throw new Error('src/core/compliance/registry.ts and COMPLIANCE_FAMILIES in types.ts list different families');
}
