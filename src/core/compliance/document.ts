import type { LocalizedText } from '../i18n/language.ts';
import type { ModerationCache, ModerationSettings } from './moderation.ts';
import type { Segment } from './segments.ts';
import type { ComplianceRuleId, ComplianceSettings } from './types.ts';

/** What the rules read: the front matter's data, the body, and the YAML values worth checking. */
export interface LintDocument {
  frontMatter?: Record<string, unknown>;
  /** True when `mpflow check` has already validated the front matter against the schema. */
  frontMatterChecked: boolean;
  body?: Segment;
  /** Title, digest, campaign rules and prizes: every YAML text the content rules read. */
  fields: Segment[];
  settings: ComplianceSettings;
  /** The author's display name (from the roster), when known. */
  authorName?: string;
  /** Size in bytes of a body image, when the file can be found. */
  imageBytes?: (url: string) => number | undefined;
  /** The cloud moderation's cached verdicts, when the policy configures a provider (moderation.ts). */
  moderation?: { settings: ModerationSettings; cache: ModerationCache };
}

export interface RawFinding {
  ruleId: ComplianceRuleId;
  segment: Segment;
  start: number;
  end: number;
  message?: LocalizedText;
  severity?: 'error' | 'warning';
  basis?: string;
}

export type Reporter = (finding: RawFinding) => void;

/** Characters as WeChat counts them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0xdc00 || code > 0xdfff) count += 1;
  }
  return count;
}

/**
 * characterCount of the text with its white space (what /\s/ matches) taken out, without making
 * that copy of every body: the body-length rule counts this way.
 */
export function characterCountWithoutSpace(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (code <= 0x20 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : code >= 0xa0 && isWideSpace(code)) continue;
    count += 1;
  }
  return count;
}

/** The white space above U+00A0 that /\s/ matches. */
function isWideSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export function clip(text: string, length = 24): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
