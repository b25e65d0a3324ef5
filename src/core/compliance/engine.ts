import { parseYamlSource } from '../source/yaml-source.ts';
import { splitFrontMatter } from '../source/front-matter.ts';
import { clip, type LintDocument, type RawFinding } from './document.ts';
import { EXCLUDED } from './markdown-scan.ts';
import { compilePhrases, findPhrases, type PhraseEntry, type PhraseSet } from './phrases.ts';
import { shareReadings, type SharedReadings } from './phrase-needs.ts';
import { citationExempt } from './citation.ts';
import { reportedInSentence } from './register.ts';
import {
  bodySegment,
  fieldSegment,
  yamlField,
  yamlSegment,
  type Segment,
  type YamlField,
  type YamlText,
} from './segments.ts';
import { findSuppressions, type Suppression } from './suppressions.ts';
import { REGISTRY, type FamilyRegistry } from './registry.ts';
import {
  CLOUD_READS,
  paragraphDigest,
  paragraphsOf,
  type ModerationCache,
  type ModerationSettings,
} from './moderation.ts';
import * as lexicon from './rules/lexicon.ts';
import * as modelRules from './rules/model.ts';
import * as typography from './rules/typography.ts';
import * as classifierExports from './classifier.ts';
import type { ComplianceRule, ComplianceSettings, Finding, LintResult, TeamLexiconEntry } from './types.ts';

/** Every compliance rule, by id. Ids are stable: suppressions, SARIF baselines and policies name them. */
export const COMPLIANCE_RULES = REGISTRY.rulesById as Readonly<Record<string, ComplianceRule>>;

/** A policy version, or just its compliance section: what the engine reads from the policy. */
export interface PolicyVersion {
  compliance?: {
    limits?: Partial<ComplianceSettings['limits']>;
    readability?: Partial<ComplianceSettings['readability']>;
    severities?: Record<string, 'error' | 'warning' | 'off'>;
    lexicon?: TeamLexiconEntry[];
    /** The optional cloud moderation provider (moderation.ts). */
    moderation?: ModerationSettings;
  };
}

export const DEFAULT_SETTINGS: ComplianceSettings = {
  limits: {
    titleMaxChars: 32,
    authorMaxChars: 16,
    digestMaxChars: 128,
    bodyMaxChars: 20000,
    bodyMaxBytes: 1048576,
    imageMaxBytes: 1048576,
  },
  readability: { paragraphMaxChars: 300, sentenceMaxChars: 120, subheadingEveryChars: 1000 },
  severities: {},
  lexicon: [],
};

export function settingsFromPolicy(policy: PolicyVersion | undefined): ComplianceSettings {
  const compliance = policy?.compliance;
  if (!compliance) return DEFAULT_SETTINGS;
  return {
    limits: { ...DEFAULT_SETTINGS.limits, ...(compliance.limits ?? {}) },
    readability: { ...DEFAULT_SETTINGS.readability, ...(compliance.readability ?? {}) },
    severities: { ...(compliance.severities ?? {}) } as ComplianceSettings['severities'],
    lexicon: Array.isArray(compliance.lexicon) ? compliance.lexicon : [],
  };
}

/**
 * The phrase families, compiled once per process: one regular expression per family (measured
 * faster than one expression for all, and matches of different families may then overlap).
 */
const familySets = new WeakMap<FamilyRegistry, readonly PhraseSet[]>();

/** Compiled on first use, after a worker thread has installed the main thread's character tables. */
function familyPhraseSets(registry: FamilyRegistry): readonly PhraseSet[] {
  let sets = familySets.get(registry);
  if (!sets) {
    // A family's entries name its own rules; the rule-id type knows only the built-in families'.
    sets = registry.families.flatMap((entry) =>
      entry.phrases ? [compilePhrases(entry.phrases as readonly PhraseEntry[])] : [],
    );
    familySets.set(registry, sets);
  }
  return sets;
}

/** What the built-in families' phrase patterns need, read once by mpflow check's main thread and handed to its workers (phrase-needs.ts). */
export function builtInPhraseReadings(): SharedReadings {
  return shareReadings(REGISTRY.families.flatMap((family) => family.phrases ?? []).map((entry) => entry.pattern));
}

const withTeamSets = new WeakMap<FamilyRegistry, Map<string, readonly PhraseSet[]>>();

/** The families' sets, plus the department's lexicon when its policy has one (compiled once per lexicon). */
function phraseSets(entries: readonly TeamLexiconEntry[], registry: FamilyRegistry): readonly PhraseSet[] {
  if (entries.length === 0) return familyPhraseSets(registry);
  const key = JSON.stringify(entries);
  let byLexicon = withTeamSets.get(registry);
  if (!byLexicon) withTeamSets.set(registry, (byLexicon = new Map()));
  let sets = byLexicon.get(key);
  if (!sets) {
    const team = lexicon.teamPhrases(entries);
    sets = team.length > 0 ? [...familyPhraseSets(registry), compilePhrases(team)] : familyPhraseSets(registry);
    byLexicon.set(key, sets);
  }
  return sets;
}

function checkPhrases(document: LintDocument, report: (finding: RawFinding) => void, registry: FamilyRegistry): void {
  const segments = [
    ...(document.body ? [document.body] : []),
    ...document.fields.filter((field) => field.name !== 'author'),
  ];
  const sets = phraseSets(document.settings.lexicon, registry);
  for (const segment of segments) {
    const view = segment.view();
    for (const set of sets) {
      for (const match of findPhrases(set, view.text)) {
        const start = view.origin[match.start]!;
        const end = view.origin[match.end - 1]! + 1;
        const flags = segment.flags[start]! | segment.flags[end - 1]!;
        if ((flags & EXCLUDED) !== 0 || citationExempt(segment, start, end, flags)) continue;
        if (reportedInSentence(view.text, match.start, match.end)) continue;
        report({
          ruleId: match.entry.rule,
          segment,
          start,
          end,
          ...(match.entry.severity ? { severity: match.entry.severity } : {}),
          ...(match.entry.basis ? { basis: match.entry.basis } : {}),
        });
      }
    }
  }
}

/**
 * The cloud layer's cached verdicts (moderation.ts), one warning per family on the paragraph's first
 * line. Only the cache is read: a paragraph without a verdict is simply not reported.
 */
function checkCloudVerdicts(document: LintDocument, report: (finding: RawFinding) => void): void {
  const body = document.body;
  const { settings, cache } = document.moderation!;
  if (!body) return;
  for (const paragraph of paragraphsOf(body.text)) {
    const verdict = cache.verdicts[paragraphDigest(settings, paragraph.text)];
    if (!verdict) continue;
    const lineEnd = body.text.indexOf('\n', paragraph.start);
    const end = lineEnd === -1 || lineEnd > paragraph.end ? paragraph.end : lineEnd;
    for (const family of verdict.families) {
      const reason = verdict.reason ? `：${verdict.reason}` : '';
      report({
        ruleId: `${family}/cloud` as RawFinding['ruleId'],
        segment: body,
        start: paragraph.start,
        end,
        message: {
          zh: `${CLOUD_READS.zh}有问题${reason}`,
          en: `${CLOUD_READS.en} a problem${verdict.reason ? `: ${verdict.reason}` : ''}`,
        },
      });
    }
  }
}

/** Front-matter values readers see: the title and digest are typeset like the body. */
const TYPESET_FIELDS = new Set(['title', 'digest']);

function checkTypographyRules(document: LintDocument, report: (finding: RawFinding) => void): void {
  const body = document.body;
  if (body)
    for (const fix of typography.typographyFixes(body.text, body.flags))
      report({
        ruleId: fix.ruleId,
        segment: body,
        start: fix.start,
        end: fix.end,
        message: typographyMessage(fix, false),
      });
  for (const field of document.fields) {
    if (!TYPESET_FIELDS.has(field.name)) continue;
    for (const fix of typography.typographyFixes(field.text, field.flags))
      report({
        ruleId: fix.ruleId,
        segment: field,
        start: fix.start,
        end: fix.end,
        message: typographyMessage(fix, true),
      });
  }
}

function typographyMessage(fix: typography.TypographyFix, inFrontMatter: boolean): RawFinding['message'] {
  const rule = COMPLIANCE_RULES[fix.ruleId]!;
  // --fix changes a title or digest only where the YAML provably means the same afterwards
  // (see fixFrontMatterTypography); anything else there is for a hand edit.
  const manual = inFrontMatter
    ? {
        zh: '（在 front matter 中：--fix 只在能安全改写时修改，否则请手动修改）',
        en: ' (in the front matter: --fix changes it only where that is safe; otherwise edit it by hand)',
      }
    : { zh: '', en: '' };
  if (fix.replacement === ' ')
    return { zh: `${rule.summary.zh}，应加一个空格。${manual.zh}`, en: `${rule.summary.en}; add a space.${manual.en}` };
  return {
    zh: `${rule.summary.zh}，应改为“${fix.replacement.trim()}”。${manual.zh}`,
    en: `${rule.summary.en}; use "${fix.replacement.trim()}".${manual.en}`,
  };
}

let classifierModule: typeof import('./classifier.ts') | undefined;

/** The sentence classifier, its model read on first use (see classifier.ts). */
function classifier(): typeof import('./classifier.ts') {
  classifierModule ??= classifierExports;
  return classifierModule;
}

/** Runs every rule of the registry's families over a document and turns what they report into positioned findings. */
export function lintDocument(
  document: LintDocument,
  suppressions: readonly Suppression[],
  only?: 'typography',
  registry: FamilyRegistry = REGISTRY,
): LintResult {
  const rules = registry.rulesById;
  const raw: RawFinding[] = [];
  const report = (finding: RawFinding) => raw.push(finding);
  if (only !== 'typography') {
    checkPhrases(document, report, registry);
    // A department that turns every model rule off (policy compliance.severities) pays nothing for the model.
    if (
      registry.modelFamilies.some(
        (family) => (document.settings.severities[`${family}/model`] ?? document.settings.severities[family]) !== 'off',
      )
    )
      modelRules.checkModel(document, [...raw], classifier(), report);
    for (const entry of registry.families) entry.documentCheck?.(document, report);
    if (document.moderation) checkCloudVerdicts(document, report);
  }
  checkTypographyRules(document, report);

  const { severities } = document.settings;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const rule = rules[item.ruleId]!;
    const configured = severities[item.ruleId] ?? severities[rule.family];
    if (configured === 'off') continue;
    const severity = configured ?? item.severity ?? rule.severity;
    const start = item.segment.position(item.start);
    const end = item.segment.endPosition(item.end);
    const matched = item.segment.text.slice(item.start, item.end);
    const key = `${item.ruleId}|${start.line}|${start.column}|${end.line}|${end.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = clip(matched, 40);
    findings.push({
      ruleId: item.ruleId,
      family: rule.family,
      severity,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      matched,
      message: item.message ?? { zh: `${rule.summary.zh}：“${shown}”。`, en: `${rule.summary.en}: "${shown}".` },
      hint: item.basis
        ? { zh: `${rule.help.zh}（依据：${item.basis}）`, en: `${rule.help.en} (basis: ${item.basis})` }
        : rule.help,
      lineText: item.segment.lineText(start.line),
    });
  }

  // Suppressions: a named rule and a reason silence findings on the next line; anything less is itself an error.
  let suppressed = 0;
  const active: Suppression[] = [];
  for (const suppression of suppressions) {
    const unknown = suppression.ruleIds.filter((id) => !(id in rules));
    const at = {
      line: suppression.line,
      column: suppression.column,
      endLine: suppression.line,
      endColumn: suppression.endColumn,
      lineText: suppression.lineText,
    };
    if (suppression.ruleIds.length === 0 || unknown.length > 0) {
      const named = unknown.join(', ') || '';
      findings.push({
        ruleId: 'suppression/unknown-rule',
        family: 'structure',
        severity: 'error',
        ...at,
        matched: named,
        message:
          suppression.ruleIds.length === 0
            ? { zh: '豁免注释没有写规则编号。', en: 'The suppression names no rule.' }
            : { zh: `豁免注释里的规则“${named}”不存在。`, en: `The suppression names an unknown rule "${named}".` },
        hint: COMPLIANCE_RULES['suppression/unknown-rule']!.help,
      });
      continue;
    }
    if (suppression.reason === '') {
      findings.push({
        ruleId: 'suppression/missing-reason',
        family: 'structure',
        severity: 'error',
        ...at,
        matched: suppression.ruleIds.join(', '),
        message: {
          zh: `豁免 ${suppression.ruleIds.join('、')} 没有写理由，因此不生效。`,
          en: `The suppression of ${suppression.ruleIds.join(', ')} gives no reason, so it does not apply.`,
        },
        hint: COMPLIANCE_RULES['suppression/missing-reason']!.help,
      });
      continue;
    }
    active.push(suppression);
  }
  const kept = findings.filter((finding) => {
    const silenced = active.some(
      (suppression) => suppression.targetLine === finding.line && suppression.ruleIds.includes(finding.ruleId),
    );
    if (silenced) suppressed += 1;
    return !silenced;
  });
  kept.sort(
    (a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return { findings: kept, suppressed };
}

export interface LintMarkdownOptions {
  file?: string;
  policy?: PolicyVersion;
  /** false: the whole text is the body, even if it starts with ---. Default: detect front matter. */
  frontMatter?: boolean;
  /** Size of a body image by its URL as written, when it can be found. */
  imageBytes?: (url: string) => number | undefined;
  /** The cloud moderation's settings and cached verdicts (moderation.ts); without them, no cloud findings. */
  moderation?: { settings: ModerationSettings; cache: ModerationCache };
  /** The families whose rules run (registry.ts); default the built-in ones. */
  registry?: FamilyRegistry;
}

const ARTICLE_FIELDS = ['title', 'digest', 'author'] as const;

/** Lints any Markdown text (front matter optional), with positions in that text. */
export function lintMarkdown(source: string, options: LintMarkdownOptions = {}): LintResult {
  return lintMarkdownText(source, options);
}

function lintMarkdownText(source: string, options: LintMarkdownOptions, only?: 'typography'): LintResult {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const settings = settingsFromPolicy(options.policy);
  const split = options.frontMatter === false ? ({ kind: 'missing' } as const) : splitFrontMatter(text);
  let yaml: YamlText | undefined;
  let body: Segment;
  const suppressions: Suppression[] = [];
  if (split.kind === 'ok') {
    const parsed = parseYamlSource(split.yamlText, options.file ?? '<text>', split.yamlFirstLine);
    if (parsed.ok) yaml = { text: split.yamlText, source: parsed.source };
    body = bodySegment(split.body, split.bodyFirstLine);
    suppressions.push(
      ...findSuppressions(split.yamlText, split.yamlFirstLine, 'yaml'),
      ...findSuppressions(split.body, split.bodyFirstLine, 'markdown'),
    );
  } else {
    body = bodySegment(text, 1);
    suppressions.push(...findSuppressions(text, 1, 'markdown'));
  }
  const data = yaml?.source.data;
  const frontMatter =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const fields = yaml
    ? ARTICLE_FIELDS.map((name) => yamlSegment(yaml, [name])).filter(
        (segment): segment is Segment => segment !== undefined,
      )
    : [];
  return lintDocument(
    {
      ...(frontMatter ? { frontMatter } : {}),
      frontMatterChecked: false,
      body,
      fields,
      settings,
      ...(options.imageBytes ? { imageBytes: options.imageBytes } : {}),
      ...(options.moderation ? { moderation: options.moderation } : {}),
    },
    suppressions,
    only,
    options.registry,
  );
}

/** An article already split and parsed by the repository loader (mpflow check). */
export interface ArticleInput {
  data: Record<string, unknown>;
  yaml?: YamlText;
  /** Instead of `yaml` (on a worker thread): the front matter's text and its fields, already located. */
  frontMatterFields?: { text: string; firstLine: number; fields: YamlField[] };
  body: string;
  bodyFirstLine: number;
  policy?: PolicyVersion;
  authorName?: string;
  imageBytes?: (url: string) => number | undefined;
  /** The cloud moderation's settings and cached verdicts (moderation.ts). */
  moderation?: { settings: ModerationSettings; cache: ModerationCache };
}

/** The title, digest and author values of a front matter, located in its YAML text. */
export function articleFields(yaml: YamlText): YamlField[] {
  return ARTICLE_FIELDS.map((name) => yamlField(yaml, [name])).filter(
    (field): field is YamlField => field !== undefined,
  );
}

export function lintArticle(input: ArticleInput): LintResult {
  const prepared =
    input.frontMatterFields ??
    (input.yaml
      ? { text: input.yaml.text, firstLine: input.yaml.source.firstLine, fields: articleFields(input.yaml) }
      : undefined);
  const fields = prepared ? prepared.fields.map((field) => fieldSegment(field, prepared.text, prepared.firstLine)) : [];
  const suppressions = [
    ...(prepared ? findSuppressions(prepared.text, prepared.firstLine, 'yaml') : []),
    ...findSuppressions(input.body, input.bodyFirstLine, 'markdown'),
  ];
  return lintDocument(
    {
      frontMatter: input.data,
      frontMatterChecked: true,
      body: bodySegment(input.body, input.bodyFirstLine),
      fields,
      settings: settingsFromPolicy(input.policy),
      ...(input.authorName !== undefined ? { authorName: input.authorName } : {}),
      ...(input.imageBytes ? { imageBytes: input.imageBytes } : {}),
      ...(input.moderation ? { moderation: input.moderation } : {}),
    },
    suppressions,
  );
}

/** A campaign's published texts: title, rules, goal and every prize's name and description. */
export function lintCampaign(yaml: YamlText, data: Record<string, unknown>, policy?: PolicyVersion): LintResult {
  const paths: Array<Array<string | number>> = [['title'], ['rules']];
  const prizes = Array.isArray(data.prizes) ? data.prizes : [];
  prizes.forEach((_, index) => paths.push(['prizes', index, 'name'], ['prizes', index, 'description']));
  const fields = paths
    .map((path) => yamlSegment(yaml, path))
    .filter((segment): segment is Segment => segment !== undefined);
  // Campaign titles are not article titles: WeChat limits and reprint rules do not apply.
  const renamed = fields.map((field) => (field.name === 'title' ? { ...field, name: 'campaign-title' } : field));
  return lintDocument(
    { frontMatterChecked: true, fields: renamed, settings: settingsFromPolicy(policy) },
    findSuppressions(yaml.text, yaml.source.firstLine, 'yaml'),
  );
}

/** Typography findings only (each fixable by fixTypography), positioned in `text`. */
export function checkTypography(text: string): Finding[] {
  // The typography pass alone: no phrase, reprint, structure or limit rules run.
  return lintMarkdownText(text, {}, 'typography').findings.filter((finding) => finding.family === 'typography');
}

/** Characters a replacement may not bring into a YAML scalar: they could end or escape it. */
const YAML_UNSAFE = /["'\\#:\n\t]/;

/**
 * Fixes the title and digest in a front matter, but only where that is provably safe: each fix
 * must replace characters that stand as they are in the YAML text (not escaped or folded), bring
 * in nothing that could end or escape a scalar, and re-reading the YAML must give exactly the
 * fixed values with every other value unchanged. Otherwise the front matter is left as it was and
 * its findings stay for a hand edit.
 */
function fixFrontMatterTypography(head: string, yamlText: string, yamlFirstLine: number): string {
  let current = yamlText;
  for (let pass = 0; pass < 8; pass += 1) {
    const fixed = fixFrontMatterOnce(current, yamlFirstLine);
    if (fixed === undefined || fixed === current) break;
    current = fixed;
  }
  if (current === yamlText) return head;
  const at = head.indexOf(yamlText);
  return at === -1 ? head : head.slice(0, at) + current + head.slice(at + yamlText.length);
}

/** One pass of fixes over the title and digest; undefined when nothing can be fixed safely. */
function fixFrontMatterOnce(yamlText: string, yamlFirstLine: number): string | undefined {
  const parsed = parseYamlSource(yamlText, '<front matter>', yamlFirstLine);
  if (!parsed.ok) return undefined;
  const yaml: YamlText = { text: yamlText, source: parsed.source };
  const suppressions = findSuppressions(yamlText, yamlFirstLine, 'yaml').filter(
    (suppression) => suppression.reason !== '',
  );
  const edits: Array<{ from: number; to: number; replacement: string }> = [];
  const expected = new Map<string, string>();
  for (const name of TYPESET_FIELDS) {
    const field = yamlField(yaml, [name]);
    if (!field) continue;
    const segment = fieldSegment(field, yamlText, yamlFirstLine);
    const fixes = typography.typographyFixes(field.value, segment.flags).filter((fix) => {
      const line = segment.position(fix.start).line;
      return !suppressions.some(
        (suppression) => suppression.targetLine === line && suppression.ruleIds.includes(fix.ruleId),
      );
    });
    if (fixes.length === 0) continue;
    const fieldEdits: typeof edits = [];
    const safe = fixes.every((fix) => {
      if (YAML_UNSAFE.test(fix.replacement)) return false;
      const { origin, value } = field;
      if (fix.fixStart === fix.fixEnd) {
        // An insertion between two characters that sit side by side in the YAML text.
        if (
          fix.fixStart === 0 ||
          fix.fixStart >= value.length ||
          origin[fix.fixStart - 1]! + 1 !== origin[fix.fixStart]
        )
          return false;
        fieldEdits.push({ from: origin[fix.fixStart]!, to: origin[fix.fixStart]!, replacement: fix.replacement });
        return true;
      }
      const from = origin[fix.fixStart]!;
      const to = origin[fix.fixEnd - 1]! + 1;
      if (yamlText.slice(from, to) !== value.slice(fix.fixStart, fix.fixEnd)) return false;
      fieldEdits.push({ from, to, replacement: fix.replacement });
      return true;
    });
    if (!safe) continue;
    // applyFixes drops overlapping fixes; keep the same choice for the YAML edits.
    const fixedValue = typography.applyFixes(field.value, fixes);
    const chosen = new Set(typography.chosenFixes(fixes));
    edits.push(...fieldEdits.filter((_, index) => chosen.has(fixes[index]!)));
    expected.set(name, fixedValue);
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => b.from - a.from);
  let fixedYaml = yamlText;
  for (const edit of edits) fixedYaml = fixedYaml.slice(0, edit.from) + edit.replacement + fixedYaml.slice(edit.to);
  const reread = parseYamlSource(fixedYaml, '<front matter>', yamlFirstLine);
  if (!reread.ok) return undefined;
  const before = parsed.source.data as Record<string, unknown>;
  const after = reread.source.data as Record<string, unknown>;
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const want = expected.has(key) ? expected.get(key) : before[key];
    if (JSON.stringify(after[key]) !== JSON.stringify(want)) return undefined;
  }
  return fixedYaml;
}

/**
 * Fixes what the typography rules find, and nothing else: the front matter, code, links and
 * every other finding stay as they are. Fixing twice gives the same text as fixing once.
 */
export function fixTypography(source: string): string {
  const crlf = source.includes('\r\n');
  const text = crlf ? source.replace(/\r\n/g, '\n') : source;
  const split = splitFrontMatter(text);
  const head =
    split.kind === 'ok'
      ? fixFrontMatterTypography(text.slice(0, text.length - split.body.length), split.yamlText, split.yamlFirstLine)
      : '';
  let body = split.kind === 'ok' ? split.body : text;
  const firstLine = split.kind === 'ok' ? split.bodyFirstLine : 1;
  for (let pass = 0; pass < 8; pass += 1) {
    const segment = bodySegment(body, firstLine);
    const suppressions = findSuppressions(body, firstLine, 'markdown').filter(
      (suppression) => suppression.reason !== '',
    );
    const fixes = typography.typographyFixes(body, segment.flags).filter((fix) => {
      const line = segment.position(fix.start).line;
      return !suppressions.some(
        (suppression) => suppression.targetLine === line && suppression.ruleIds.includes(fix.ruleId),
      );
    });
    if (fixes.length === 0) break;
    body = typography.applyFixes(body, fixes);
  }
  const fixed = head + body;
  return crlf ? fixed.replace(/\n/g, '\r\n') : fixed;
}
