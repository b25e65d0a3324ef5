import { BLOCKQUOTE, QUOTED } from './markdown-scan.ts';
import type { Segment } from './segments.ts';
import { buildTextView } from './text-view.ts';

/** Where a sentence ends: an attribution cue only counts inside the sentence that holds the quote. */
const SENTENCE_END = /[。！？!?；;\n]/;
/**
 * Before a quote: it is someone else's text (规定, 指出, 写道, a cited 《work》), a word held up as an
 * example (例如, 诸如), or an official name (评为, 称为, 列入).
 */
const ATTRIBUTED_BEFORE =
  /规定|条例|规范|[第条款项]\S{0,3}[条款项]|指出|声称|称|说|写道|写过|写着|表示|认为|提醒|强调|明确|要求|提到|问道|回答|引用|原文|《[^》]*》|禁止|严禁|不得|不要|勿|例如|比如|诸如|评为|称为|誉为|名为|叫做|命名为|荣获|授予|题为|所谓|for example|e\.g\.|such as/;
/** After a quote: the quoted words are talked about (这类话术, 等用语, 的说法, 一词) or are a listed name. */
const ATTRIBUTED_AFTER =
  /^(?:等|这类|此类|之类|这种|这样的|一类|这个词|这些词|一词|二字|字样|的(?:说法|传言|谣言|话术|字样|用语|提法|宣传语?)|列入|入选|被列为|属于|违反|违规|是违规|是违法|不等于|不算|不代表)/;
/** A blockquote's source line: —— 作者, 来源：…, 摘自《…》. */
const SOURCE_LINE = /^ {0,3}>[ \t]*(?:——|—|--|-\s|来源|出自|摘自|引自|选自|source\b)|《[^》]+》[ \t]*$/i;

/**
 * A phrase in quotation marks or a blockquote is exempt only when the quote is a citation or a
 * name: attributed in its sentence (《广告法》第九条规定，“最佳”…; “转发保平安”这类话术), an
 * official name (被评为“全国最美教师”), a title in 《》, or a blockquote with a source line.
 * A claim merely dressed in quotes (「全网第一」的酱香饼, “转发集赞送茶样”) still fires.
 */
export function citationExempt(segment: Segment, start: number, end: number, flags: number): boolean {
  const text = segment.text;
  if (insideBookTitle(text, start, end) || insideMention(text, start, end)) return true;
  if (forbiddenOrExample(text, start, end)) return true;
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
    while (
      quoteEnd < text.length &&
      ((quoted[quoteEnd]! & QUOTED) !== 0 || (text[quoteEnd] === '、' && (quoted[quoteEnd + 1]! & QUOTED) !== 0))
    )
      quoteEnd += 1;
    // Two or more quotes side by side (“最好的茶”“顶级”“第一品牌”) list words as examples.
    if (quoteRunLength(text, quoted, quoteStart, quoteEnd) >= 2) return true;
    // Cues are tested on the text as written (《》 survive) and normalised (這個詞 → 这个词).
    const before = text.slice(Math.max(sentenceStart, quoteStart - 40), quoteStart);
    const after = text.slice(quoteEnd, sentenceEnd);
    if (ATTRIBUTED_BEFORE.test(before) || ATTRIBUTED_BEFORE.test(buildTextView(before).text)) return true;
    if (ATTRIBUTED_AFTER.test(after) || ATTRIBUTED_AFTER.test(buildTextView(after).text)) return true;
  }
  if ((flags & BLOCKQUOTE) !== 0 && blockquoteHasSource(text, start)) return true;
  return false;
}

/** How many quotations stand side by side (joined directly or by 、) from the run around [start, end). */
function quoteRunLength(text: string, quoted: Uint8Array, start: number, end: number): number {
  let from = start;
  while (
    from > 0 &&
    ((quoted[from - 1]! & QUOTED) !== 0 || (text[from - 1] === '、' && from > 1 && (quoted[from - 2]! & QUOTED) !== 0))
  )
    from -= 1;
  let count = 0;
  for (let index = from; index < end; index += 1)
    if (
      (quoted[index]! & QUOTED) !== 0 &&
      QUOTE_OPENERS.has(text[index]!) &&
      (index === from || (quoted[index - 1]! & QUOTED) === 0 || CLOSERS.has(text[index - 1]!))
    )
      count += 1;
  return count;
}
const QUOTE_OPENERS = new Set(['“', '「', '『', '"']);
const CLOSERS = new Set(['”', '」', '』', '"']);

/** The match sits between 《 and 》 on its line: a book, film, game or law is named, not claimed. */
function insideBookTitle(text: string, start: number, end: number): boolean {
  const open = text.lastIndexOf('《', start);
  if (open === -1) return false;
  const close = text.indexOf('》', open);
  return close >= end && !text.slice(open, start).includes('\n');
}

/** Where a clause ends for the frames below; a list inside it (、, 或者) stays in the clause. */
const CLAUSE_END = /[。！？!?；;，,：:\n]/;
/**
 * A prohibition heading the clause (不得明示或者暗示保本、无风险或者保收益; 禁止使用最佳、第一): every
 * item of its list is forbidden, not claimed. These are the words of a rule; 不得不 is no
 * prohibition, 切勿错过 is an advertisement's, and a 的 between the two (禁止吸烟的餐厅里……) puts the
 * prohibition inside a modifier, away from the match.
 */
const PROHIBITED = /(?:不得(?!不)|禁止|严禁|不准|不许)[^的]{0,30}$/;
/** Words held up as an example (比如“tag三个好友才能参与”这种): mentioned, with or without quotes, not used. */
const EXAMPLE_BEFORE = /(?:比如|例如|譬如|诸如|像是)["“”'‘’「」『』]?[^"“”'‘’「」『』]{0,8}$/;
const EXAMPLE_AFTER =
  /^[^"“”'‘’「」『』]{0,8}?["“”'‘’「」『』]?(?:这种|这类|此类|之类|这样的(?:说法|话|要求|活动|做法)|等(?:用语|说法|字样|词语?|话术))/;
/** The sentence names a rule (《……运营规范》) as forbidding what it describes (所禁止的诱导行为). */
const RULE_TITLE = /《[^》]{0,40}(?:法|规范|规定|办法|条例|准则|细则|公约|规则|指引|指南)》/;
const RULE_FORBIDS = /所禁止|明令禁止|禁止的/;

/**
 * The match is forbidden or held up, not claimed: a prohibition heads its clause, it stands between
 * an example's frame (比如……这种), or its sentence names a rule that forbids what it describes. Read on
 * the normalised text, so 這種 and 禁止 of Traditional text count too.
 */
function forbiddenOrExample(text: string, start: number, end: number): boolean {
  let clauseStart = start;
  while (clauseStart > 0 && !CLAUSE_END.test(text[clauseStart - 1]!)) clauseStart -= 1;
  const rawBefore = text.slice(Math.max(clauseStart, start - 60), start);
  // Normalising costs more than the frames' tests: only a clause that may hold one is normalised.
  if (/[不禁严嚴如像]/.test(rawBefore)) {
    const before = buildTextView(rawBefore).text;
    if (PROHIBITED.test(before)) return true;
    if (EXAMPLE_BEFORE.test(before)) {
      let clauseEnd = end;
      while (clauseEnd < text.length && !CLAUSE_END.test(text[clauseEnd]!)) clauseEnd += 1;
      if (EXAMPLE_AFTER.test(buildTextView(text.slice(end, clauseEnd)).text)) return true;
    }
  }
  let sentenceStart = start;
  while (sentenceStart > 0 && !SENTENCE_END.test(text[sentenceStart - 1]!)) sentenceStart -= 1;
  let sentenceEnd = end;
  while (sentenceEnd < text.length && !SENTENCE_END.test(text[sentenceEnd]!)) sentenceEnd += 1;
  const sentence = text.slice(sentenceStart, sentenceEnd);
  return RULE_TITLE.test(sentence) && RULE_FORBIDS.test(buildTextView(sentence).text);
}

/** What a Weibo or WeChat handle is made of; it ends at a space or a punctuation mark. */
const HANDLE_CHAR = /[\p{L}\p{N}_-]/u;
/** The longest handle the platforms allow (Weibo: 30 bytes, 15 ideographs). */
const HANDLE_LIMIT = 30;

/**
 * The match lies inside an @mention (更多精彩尽在@全球最搞排行榜, 点击关注@下一秒你就震惊了): an
 * account is named, as a book is in 《》, and its name claims nothing about what the text sells.
 * The @ must come before the match (a rule that matches the @ itself, as in @3个好友, is not a name).
 */
function insideMention(text: string, start: number, end: number): boolean {
  let at = start;
  while (at > 0 && start - at < HANDLE_LIMIT && HANDLE_CHAR.test(text[at - 1]!)) at -= 1;
  if (at === 0 || (text[at - 1] !== '@' && text[at - 1] !== '＠')) return false;
  for (let index = start; index < end; index += 1) if (!HANDLE_CHAR.test(text[index]!)) return false;
  let handleEnd = end;
  while (handleEnd < text.length && HANDLE_CHAR.test(text[handleEnd]!)) handleEnd += 1;
  return handleEnd - at <= HANDLE_LIMIT;
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
