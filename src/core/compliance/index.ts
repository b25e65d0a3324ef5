/**
 * The compliance and style engine: Advertising Law, medical, finance and education claims,
 * inducing shares and follows, reprint and originality, the team lexicon, Chinese typography,
 * structure and WeChat limits. The CLI (`mpflow lint`, `mpflow check`), the eval and the bench
 * all come through here.
 */
export {
  COMPLIANCE_RULES,
  DEFAULT_SETTINGS,
  checkTypography,
  fixTypography,
  lintArticle,
  lintCampaign,
  lintMarkdown,
  settingsFromPolicy,
} from './engine.ts';
export type { ArticleInput, LintMarkdownOptions, PolicyVersion } from './engine.ts';
export { COMPLIANCE_FAMILIES } from './registry.ts';
export type {
  ComplianceFamily,
  ComplianceRule,
  ComplianceRuleId,
  Finding,
  FindingSeverity,
  LintResult,
} from './types.ts';
