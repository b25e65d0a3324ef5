/**
 * Which theme an article is rendered in: the one asked for, else the `publishing.theme` of the
 * policy in force on the article's date, else the default. The CLI, the publisher and the site
 * preview all ask here, so the three never disagree.
 */
import type { PolicyFile } from '../model/types.generated.ts';
import { policyInForce } from '../policy/policy-versions.ts';
import { DEFAULT_THEME } from './render-article.ts';

/** `date` is the article's date (YYYY-MM-DD), e.g. the first ten characters of its id. */
export function articleTheme(policies: readonly PolicyFile[], date: string, requested?: string): string {
  if (requested !== undefined) return requested;
  return policyInForce(policies, date)?.publishing?.theme ?? DEFAULT_THEME;
}
