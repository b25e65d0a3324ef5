import { parseYamlSource } from '../source/yaml-source.ts';
import { splitFrontMatter } from '../source/front-matter.ts';
import { clip, type LintDocument, type RawFinding } from './document.ts';
import { BLOCKQUOTE, EXCLUDED, QUOTED } from './markdown-scan.ts';
import { compilePhrases, findPhrases, type PhraseSet } from './phrases.ts';
import { bodySegment, fieldSegment, yamlField, yamlSegment, type Segment, type YamlField, type YamlText } from './segments.ts';
import { findSuppressions, type Suppression } from './suppressions.ts';
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
import * as suppressionRules from './suppressions.ts';
import type { ComplianceRule, ComplianceSettings, Finding, LintResult, RuleDefinition, TeamLexiconEntry } from './types.ts';

const DEFINITIONS: RuleDefinition[] = [
  ...adLaw.RULES,
  ...medical.RULES,
  ...finance.RULES,
  ...education.RULES,
  ...induceShare.RULES,
  ...induceFollow.RULES,
  ...reprint.RULES,
  ...lexicon.RULES,
  ...typography.RULES,
  ...structure.RULES,
  ...wechatLimits.RULES,
  ...suppressionRules.RULES,
];

/** Every compliance rule, by id. Ids are stable: suppressions, SARIF baselines and policies name them. */
export const COMPLIANCE_RULES: Readonly<Record<string, ComplianceRule>> = Object.freeze(
  Object.fromEntries(DEFINITIONS.map(({ id, ...rule }) => [id, rule])),
);

/** A policy version, or just its compliance section: what the engine reads from the policy. */
export interface PolicyVersion {
  compliance?: {
    limits?: Partial<ComplianceSettings['limits']>;
    readability?: Partial<ComplianceSettings['readability']>;
    severities?: Record<string, 'error' | 'warning' | 'off'>;
    lexicon?: TeamLexiconEntry[];
  };
}

export const DEFAULT_SETTINGS: ComplianceSettings = {
  limits: { titleMaxChars: 32, authorMaxChars: 16, digestMaxChars: 128, bodyMaxChars: 20000, bodyMaxBytes: 1048576, imageMaxBytes: 1048576 },
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
let familySets: readonly PhraseSet[] | undefined;

/** Compiled on first use, after a worker thread has installed the main thread's character tables. */
function builtInSets(): readonly PhraseSet[] {
  familySets ??= [adLaw.PHRASES, medical.PHRASES, finance.PHRASES, education.PHRASES, induceShare.PHRASES, induceFollow.PHRASES, lexicon.PHRASES].map((entries) => compilePhrases(entries));
  return familySets;
}

const withTeamSets = new Map<string, readonly PhraseSet[]>();

/** The built-in sets, plus the department's lexicon when its policy has one (compiled once per lexicon). */
function phraseSets(entries: readonly TeamLexiconEntry[]): readonly PhraseSet[] {
  if (entries.length === 0) return builtInSets();
  const key = JSON.stringify(entries);
  let sets = withTeamSets.get(key);
  if (!sets) {
    const team = lexicon.teamPhrases(entries);
    sets = team.length > 0 ? [...builtInSets(), compilePhrases(team)] : builtInSets();
    withTeamSets.set(key, sets);
  }
  return sets;
}

/** Where a sentence ends: an attribution cue only counts inside the sentence that holds the quote. */
const SENTENCE_END = /[。！？!?；;\n]/;
/**
 * Before a quote: it is someone else's text (规定, 指出, 写道, a cited 《work》), a word held up as an
 * example (例如, 诸如), or an official name (评为, 称为, 列入).
 */
const ATTRIBUTED_BEFORE = /规定|条例|规范|[第条款项]\S{0,3}[条款项]|指出|声称|称|说|写道|写过|写着|表示|认为|提醒|强调|明确|要求|提到|问道|回答|引用|原文|《[^》]*》|禁止|严禁|不得|不要|勿|例如|比如|诸如|评为|称为|誉为|名为|叫做|命名为|荣获|授予|题为|所谓/;
/** After a quote: the quoted words are talked about (这类话术, 等用语, 的说法, 一词) or are a listed name. */
const ATTRIBUTED_AFTER = /^(?:等|这类|此类|之类|这种|这样的|一类|这个词|这些词|一词|二字|字样|的(?:说法|传言|谣言|话术|字样|用语|提法|宣传语?)|列入|入选|被列为|属于|违反|违规|是违规|是违法)/;
/** A blockquote's source line: —— 作者, 来源：…, 摘自《…》. */
const SOURCE_LINE = /^ {0,3}>[ \t]*(?:——|—|--|-\s|来源|出自|摘自|引自|选自|source\b)|《[^》]+》[ \t]*$/i;

/**
 * A phrase in quotation marks or a blockquote is exempt only when the quote is a citation or a
 * name: attributed in its sentence (《广告法》第九条规定，“最佳”…; “转发保平安”这类话术), an
 * official name (被评为“全国最美教师”), a title in 《》, or a blockquote with a source line.
 * A claim merely dressed in quotes (「全网第一」的酱香饼, “转发集赞送茶样”) still fires.
 */
function citationExempt(segment: Segment, start: number, end: number, flags: number): boolean {
  const text = segment.text;
  if (insideBookTitle(text, start, end)) return true;
  if ((flags & (BLOCKQUOTE | QUOTED)) === 0) return false;
  let sentenceStart = start;
  while (sentenceStart > 0 && !SENTENCE_END.test(text[sentenceStart - 1]!)) sentenceStart -= 1;
  let sentenceEnd = end;
  while (sentenceEnd < text.length && !SENTENCE_END.test(text[sentenceEnd]!)) sentenceEnd += 1;
  if ((flags & QUOTED) !== 0) {
    const quoted = segment.flags;
    let quoteStart = start;
    while (quoteStart > 0 && (quoted[quoteStart - 1]! & QUOTED) !== 0) quoteStart -= 1;
    let quoteEnd = end;
    // Skip over a run of quotes (“转发保平安”“不转不是中国人”这类话术) and the 、 between them.
    while (quoteEnd < text.length && ((quoted[quoteEnd]! & QUOTED) !== 0 || (text[quoteEnd] === '、' && (quoted[quoteEnd + 1]! & QUOTED) !== 0))) quoteEnd += 1;
    if (ATTRIBUTED_BEFORE.test(text.slice(Math.max(sentenceStart, quoteStart - 40), quoteStart))) return true;
    if (ATTRIBUTED_AFTER.test(text.slice(quoteEnd, sentenceEnd))) return true;
  }
  if ((flags & BLOCKQUOTE) !== 0 && blockquoteHasSource(text, start)) return true;
  return false;
}

/** The match sits between 《 and 》 on its line: a book, film, game or law is named, not claimed. */
function insideBookTitle(text: string, start: number, end: number): boolean {
  const open = text.lastIndexOf('《', start);
  if (open === -1) return false;
  const close = text.indexOf('》', open);
  return close >= end && !text.slice(open, start).includes('\n');
}

/** The blockquote holding `at` has a line that names its source (—— 作者, 来源：…, 《书名》 at the end). */
function blockquoteHasSource(text: string, at: number): boolean {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  while (lineStart > 0) {
    const previous = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (!/^ {0,3}>/.test(text.slice(previous, lineStart - 1))) break;
    lineStart = previous;
  }
  for (let position = lineStart; position < text.length; ) {
    const lineEnd = text.indexOf('\n', position) === -1 ? text.length : text.indexOf('\n', position);
    const line = text.slice(position, lineEnd);
    if (!/^ {0,3}>/.test(line)) break;
    if (SOURCE_LINE.test(line)) return true;
    position = lineEnd + 1;
  }
  return false;
}

function checkPhrases(document: LintDocument, report: (finding: RawFinding) => void): void {
  const segments = [...(document.body ? [document.body] : []), ...document.fields.filter((field) => field.name !== 'author')];
  const sets = phraseSets(document.settings.lexicon);
  for (const segment of segments) {
    const view = segment.view();
    for (const set of sets) {
      for (const match of findPhrases(set, view.text)) {
        const start = view.origin[match.start]!;
        const end = view.origin[match.end - 1]! + 1;
        const flags = segment.flags[start]! | segment.flags[end - 1]!;
        if ((flags & EXCLUDED) !== 0 || citationExempt(segment, start, end, flags)) continue;
        report({ ruleId: match.entry.rule, segment, start, end, ...(match.entry.severity ? { severity: match.entry.severity } : {}), ...(match.entry.basis ? { basis: match.entry.basis } : {}) });
      }
    }
  }
}

/** Front-matter values readers see: the title and digest are typeset like the body. */
const TYPESET_FIELDS = new Set(['title', 'digest']);

function checkTypographyRules(document: LintDocument, report: (finding: RawFinding) => void): void {
  const body = document.body;
  if (body) for (const fix of typography.typographyFixes(body.text, body.flags)) report({ ruleId: fix.ruleId, segment: body, start: fix.start, end: fix.end, message: typographyMessage(fix, false) });
  for (const field of document.fields) {
    if (!TYPESET_FIELDS.has(field.name)) continue;
    for (const fix of typography.typographyFixes(field.text, field.flags)) report({ ruleId: fix.ruleId, segment: field, start: fix.start, end: fix.end, message: typographyMessage(fix, true) });
  }
}

function typographyMessage(fix: typography.TypographyFix, inFrontMatter: boolean): RawFinding['message'] {
  const rule = COMPLIANCE_RULES[fix.ruleId]!;
  // --fix rewrites only the body: a YAML value may be quoted, folded or escaped, and a rewrite
  // there could change what the YAML means, so front-matter findings are fixed by hand.
  const manual = inFrontMatter ? { zh: '（在 front matter 中，请手动修改；--fix 不改 front matter）', en: ' (in the front matter: edit it by hand; --fix leaves front matter alone)' } : { zh: '', en: '' };
  if (fix.replacement === ' ') return { zh: `${rule.summary.zh}，应加一个空格。${manual.zh}`, en: `${rule.summary.en}; add a space.${manual.en}` };
  return { zh: `${rule.summary.zh}，应改为“${fix.replacement.trim()}”。${manual.zh}`, en: `${rule.summary.en}; use "${fix.replacement.trim()}".${manual.en}` };
}

/** Runs every rule over a document and turns what they report into positioned findings. */
export function lintDocument(document: LintDocument, suppressions: readonly Suppression[], only?: 'typography'): LintResult {
  const raw: RawFinding[] = [];
  const report = (finding: RawFinding) => raw.push(finding);
  if (only !== 'typography') {
    checkPhrases(document, report);
    reprint.checkReprint(document, report);
    structure.checkStructure(document, report);
    wechatLimits.checkWeChatLimits(document, report);
  }
  checkTypographyRules(document, report);

  const { severities } = document.settings;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const rule = COMPLIANCE_RULES[item.ruleId]!;
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
      hint: item.basis ? { zh: `${rule.help.zh}（依据：${item.basis}）`, en: `${rule.help.en} (basis: ${item.basis})` } : rule.help,
      lineText: item.segment.lineText(start.line),
    });
  }

  // Suppressions: a named rule and a reason silence findings on the next line; anything less is itself an error.
  let suppressed = 0;
  const active: Suppression[] = [];
  for (const suppression of suppressions) {
    const unknown = suppression.ruleIds.filter((id) => !(id in COMPLIANCE_RULES));
    const at = { line: suppression.line, column: suppression.column, endLine: suppression.line, endColumn: suppression.endColumn, lineText: suppression.lineText };
    if (suppression.ruleIds.length === 0 || unknown.length > 0) {
      const named = unknown.join(', ') || '';
      findings.push({
        ruleId: 'suppression/unknown-rule', family: 'structure', severity: 'error', ...at, matched: named,
        message: suppression.ruleIds.length === 0 ? { zh: '豁免注释没有写规则编号。', en: 'The suppression names no rule.' } : { zh: `豁免注释里的规则“${named}”不存在。`, en: `The suppression names an unknown rule "${named}".` },
        hint: COMPLIANCE_RULES['suppression/unknown-rule']!.help,
      });
      continue;
    }
    if (suppression.reason === '') {
      findings.push({
        ruleId: 'suppression/missing-reason', family: 'structure', severity: 'error', ...at, matched: suppression.ruleIds.join(', '),
        message: { zh: `豁免 ${suppression.ruleIds.join('、')} 没有写理由，因此不生效。`, en: `The suppression of ${suppression.ruleIds.join(', ')} gives no reason, so it does not apply.` },
        hint: COMPLIANCE_RULES['suppression/missing-reason']!.help,
      });
      continue;
    }
    active.push(suppression);
  }
  const kept = findings.filter((finding) => {
    const silenced = active.some((suppression) => suppression.targetLine === finding.line && suppression.ruleIds.includes(finding.ruleId));
    if (silenced) suppressed += 1;
    return !silenced;
  });
  kept.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { findings: kept, suppressed };
}

export interface LintMarkdownOptions {
  file?: string;
  policy?: PolicyVersion;
  /** false: the whole text is the body, even if it starts with ---. Default: detect front matter. */
  frontMatter?: boolean;
  /** Size of a body image by its URL as written, when it can be found. */
  imageBytes?: (url: string) => number | undefined;
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
    suppressions.push(...findSuppressions(split.yamlText, split.yamlFirstLine, 'yaml'), ...findSuppressions(split.body, split.bodyFirstLine, 'markdown'));
  } else {
    body = bodySegment(text, 1);
    suppressions.push(...findSuppressions(text, 1, 'markdown'));
  }
  const data = yaml?.source.data;
  const frontMatter = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const fields = yaml ? ARTICLE_FIELDS.map((name) => yamlSegment(yaml, [name])).filter((segment): segment is Segment => segment !== undefined) : [];
  return lintDocument(
    { ...(frontMatter ? { frontMatter } : {}), frontMatterChecked: false, body, fields, settings, ...(options.imageBytes ? { imageBytes: options.imageBytes } : {}) },
    suppressions,
    only,
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
}

/** The title, digest and author values of a front matter, located in its YAML text. */
export function articleFields(yaml: YamlText): YamlField[] {
  return ARTICLE_FIELDS.map((name) => yamlField(yaml, [name])).filter((field): field is YamlField => field !== undefined);
}

export function lintArticle(input: ArticleInput): LintResult {
  const prepared = input.frontMatterFields ?? (input.yaml ? { text: input.yaml.text, firstLine: input.yaml.source.firstLine, fields: articleFields(input.yaml) } : undefined);
  const fields = prepared ? prepared.fields.map((field) => fieldSegment(field, prepared.text, prepared.firstLine)) : [];
  const suppressions = [...(prepared ? findSuppressions(prepared.text, prepared.firstLine, 'yaml') : []), ...findSuppressions(input.body, input.bodyFirstLine, 'markdown')];
  return lintDocument(
    {
      frontMatter: input.data,
      frontMatterChecked: true,
      body: bodySegment(input.body, input.bodyFirstLine),
      fields,
      settings: settingsFromPolicy(input.policy),
      ...(input.authorName !== undefined ? { authorName: input.authorName } : {}),
      ...(input.imageBytes ? { imageBytes: input.imageBytes } : {}),
    },
    suppressions,
  );
}

/** A campaign's published texts: title, rules, goal and every prize's name and description. */
export function lintCampaign(yaml: YamlText, data: Record<string, unknown>, policy?: PolicyVersion): LintResult {
  const paths: Array<Array<string | number>> = [['title'], ['rules']];
  const prizes = Array.isArray(data.prizes) ? data.prizes : [];
  prizes.forEach((_, index) => paths.push(['prizes', index, 'name'], ['prizes', index, 'description']));
  const fields = paths.map((path) => yamlSegment(yaml, path)).filter((segment): segment is Segment => segment !== undefined);
  // Campaign titles are not article titles: WeChat limits and reprint rules do not apply.
  const renamed = fields.map((field) => (field.name === 'title' ? { ...field, name: 'campaign-title' } : field));
  return lintDocument({ frontMatterChecked: true, fields: renamed, settings: settingsFromPolicy(policy) }, findSuppressions(yaml.text, yaml.source.firstLine, 'yaml'));
}

/** Typography findings only (each fixable by fixTypography), positioned in `text`. */
export function checkTypography(text: string): Finding[] {
  // The typography pass alone: no phrase, reprint, structure or limit rules run.
  return lintMarkdownText(text, {}, 'typography').findings.filter((finding) => finding.family === 'typography');
}

/**
 * Fixes what the typography rules find, and nothing else: the front matter, code, links and
 * every other finding stay as they are. Fixing twice gives the same text as fixing once.
 */
export function fixTypography(source: string): string {
  const crlf = source.includes('\r\n');
  const text = crlf ? source.replace(/\r\n/g, '\n') : source;
  const split = splitFrontMatter(text);
  const head = split.kind === 'ok' ? text.slice(0, text.length - split.body.length) : '';
  let body = split.kind === 'ok' ? split.body : text;
  const firstLine = split.kind === 'ok' ? split.bodyFirstLine : 1;
  for (let pass = 0; pass < 8; pass += 1) {
    const segment = bodySegment(body, firstLine);
    const suppressions = findSuppressions(body, firstLine, 'markdown').filter((suppression) => suppression.reason !== '');
    const fixes = typography.typographyFixes(body, segment.flags).filter((fix) => {
      const line = segment.position(fix.start).line;
      return !suppressions.some((suppression) => suppression.targetLine === line && suppression.ruleIds.includes(fix.ruleId));
    });
    if (fixes.length === 0) break;
    body = typography.applyFixes(body, fixes);
  }
  const fixed = head + body;
  return crlf ? fixed.replace(/\n/g, '\r\n') : fixed;
}

