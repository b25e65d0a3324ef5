import { lintMarkdown, type Finding } from '../../src/core/compliance/index.ts';

/** Findings of one family for a body text (no front matter). */
export function findingsOf(family: string, body: string): Finding[] {
  return lintMarkdown(body, { frontMatter: false }).findings.filter((finding) => finding.family === family);
}

/** Rule ids a body text produces within one family, in order. */
export function ruleIdsOf(family: string, body: string): string[] {
  return findingsOf(family, body).map((finding) => finding.ruleId);
}
