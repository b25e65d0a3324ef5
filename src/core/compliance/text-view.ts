import { isCjkIdeograph, scriptTables } from './chinese-script.ts';

/**
 * The normalised view rules match on, with a map back to the original text:
 * NFKC (full-width letters and digits, ％, compatibility ideographs), Traditional → Simplified,
 * lower-case Latin, and symbols or spaces inserted between two CJK characters removed
 * (国*家*级, 顶 级, **最**佳). Excluded spans (code, URLs, HTML comments) become a line break so
 * that no match runs across them.
 */
export interface TextView {
  text: string;
  /** For each UTF-16 unit of `text`, the offset of the original unit it came from. */
  origin: Int32Array;
}

const NFKC_CACHE = new Map<number, string>();

function nfkc(code: number): string {
  let value = NFKC_CACHE.get(code);
  if (value === undefined) {
    value = String.fromCharCode(code).normalize('NFKC');
    NFKC_CACHE.set(code, value);
  }
  return value;
}

/** Characters writers slip between CJK characters to dodge word lists. */
function isNoise(code: number): boolean {
  // Arrows, technical and geometric symbols, dingbats (✨❤✔) and the emoji variation selector.
  if (
    (code >= 0x2190 && code <= 0x21ff) ||
    (code >= 0x2300 && code <= 0x23ff) ||
    (code >= 0x25a0 && code <= 0x27bf) ||
    code === 0xfe0f ||
    code === 0x20e3
  )
    return true;
  switch (code) {
    case 0x20:
    case 0x09:
    case 0x2a:
    case 0x5f:
    case 0x2d:
    case 0x2e:
    case 0x2f:
    case 0x5c:
    case 0x7c:
    case 0x7e:
    case 0x2b:
    case 0x23:
    case 0x40:
    case 0x5e:
    case 0x60:
    case 0x27:
    case 0x22:
    case 0x3d:
    case 0xb7:
    case 0x2022:
    case 0x3000:
    case 0x30fb:
    case 0x2027:
    case 0x2219:
    case 0x22c5:
    case 0x25cf:
    case 0x2605:
    case 0x2606:
    case 0x00d7:
      return true;
    default:
      return false;
  }
}

const decoder = new TextDecoder('utf-16le');

/**
 * @param excluded optional per-unit flags; a unit whose flag has bit 1 set is left out.
 */
export function buildTextView(source: string, excluded?: Uint8Array): TextView {
  const { toSimplified } = scriptTables();
  const length = source.length;
  // NFKC can expand a unit (㎏ → kg); grow when needed.
  let out = new Uint16Array(length + 16);
  let origin = new Int32Array(length + 16);
  let size = 0;
  let lastKeptCjk = false;
  let pendingStart = -1; // first index in `out` of a run of noise after a CJK character

  const push = (code: number, from: number) => {
    if (size >= out.length) {
      const biggerOut = new Uint16Array(out.length * 2);
      biggerOut.set(out);
      out = biggerOut;
      const biggerOrigin = new Int32Array(origin.length * 2);
      biggerOrigin.set(origin);
      origin = biggerOrigin;
    }
    out[size] = code;
    origin[size] = from;
    size += 1;
  };

  const emit = (code: number, from: number) => {
    if (isNoise(code)) {
      if (lastKeptCjk && pendingStart === -1) pendingStart = size;
      push(code === 0x3000 ? 0x20 : code, from);
      return;
    }
    const cjk = isCjkIdeograph(code);
    // Noise between two CJK characters is dropped; noise anywhere else stays.
    if (pendingStart !== -1 && cjk) size = pendingStart;
    pendingStart = -1;
    lastKeptCjk = cjk;
    push(code, from);
  };

  let lineKept = 0; // characters kept on the current line (for one-character-per-line text)
  let lineCjk = false;
  for (let index = 0; index < length; index += 1) {
    if (excluded && (excluded[index]! & 1) !== 0) {
      // Inline markup inside a word (转发到<span>朋友</span>圈) is skipped like a symbol.
      if ((excluded[index]! & 8) !== 0) {
        if (lastKeptCjk && pendingStart === -1) pendingStart = size;
        continue;
      }
      if (size === 0 || out[size - 1] !== 0x0a) push(0x0a, index);
      lastKeptCjk = false;
      pendingStart = -1;
      continue;
    }
    let code = source.charCodeAt(index);
    const from = index;
    if (code === 0x26) {
      // An HTML entity (&#26379;, &#x670B;, &nbsp;) stands for its character.
      const entity = decodeEntity(source, index);
      if (entity) {
        index += entity.length - 1;
        if (entity.code >= 0x1f000 && entity.code <= 0x1faff) {
          // An emoji written as an entity (集&#x1F31F;赞) is a symbol inside the word like the emoji itself.
          if (lastKeptCjk && pendingStart === -1) pendingStart = size;
          push(0xd800 + ((entity.code - 0x10000) >> 10), from);
          push(0xdc00 + ((entity.code - 0x10000) & 0x3ff), from);
          continue;
        }
        if (entity.code > 0xffff) {
          emit(0xd800 + ((entity.code - 0x10000) >> 10), from);
          emit(0xdc00 + ((entity.code - 0x10000) & 0x3ff), from);
          continue;
        }
        code = entity.code;
      }
    }
    if (code === 0x0a) {
      // One character per line (集\n赞\n送): the line break between two such lines is noise.
      const single = lineKept === 1 && lineCjk && nextLineIsOneCjk(source, index + 1);
      lineKept = 0;
      lineCjk = false;
      if (single) {
        if (pendingStart === -1) pendingStart = size;
        push(0x0a, from);
        continue;
      }
    } else if (code !== 0x20 && code !== 0x09 && code !== 0x3000) {
      lineKept += 1;
      lineCjk = isCjkIdeograph(code);
    }
    if (code >= 0x41 && code <= 0x5a) {
      emit(code + 32, index);
    } else if (code < 0x80) {
      if (code === 0x0a) {
        lastKeptCjk = false;
        pendingStart = -1;
        push(code, index);
      } else emit(code, index);
    } else if (code >= 0x3400 && code <= 0x9fff) {
      const mapped = VARIANT_DIGITS[toSimplified[code] || code] || toSimplified[code] || code;
      if (mapped >= 0x4e00 || (mapped >= 0x3400 && mapped <= 0x4dbf)) {
        // An ideograph (most of the text): never noise, always CJK, so emit's tests are skipped.
        if (pendingStart !== -1) size = pendingStart;
        pendingStart = -1;
        lastKeptCjk = true;
        push(mapped, index);
      } else emit(mapped, index);
    } else if (code >= 0xff01 && code <= 0xff5e) {
      code -= 0xfee0;
      emit(code >= 0x41 && code <= 0x5a ? code + 32 : code, index);
    } else if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff || code === 0xad) {
      // Zero-width characters: dropped, wherever they are.
    } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < length) {
      // An emoji inside a word (集🌟赞) is a symbol like any other; other astral characters stay.
      const low = source.charCodeAt(index + 1);
      const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      index += 1;
      if (point >= 0x1f000 && point <= 0x1faff) {
        if (lastKeptCjk && pendingStart === -1) pendingStart = size;
        push(code, from);
        push(low, index);
        continue;
      }
      emit(code, from);
      emit(low, index);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      emit(code, index);
    } else if (
      code >= 0x2000 &&
      code <= 0x33ff &&
      !(code >= 0x3001 && code <= 0x303f) &&
      code !== 0x2014 &&
      code !== 0x2026 &&
      !(code >= 0x2018 && code <= 0x201f)
    ) {
      const normalised = nfkc(code);
      for (let unit = 0; unit < normalised.length; unit += 1) {
        const value = normalised.charCodeAt(unit);
        emit(value >= 0x41 && value <= 0x5a ? value + 32 : value, index);
      }
    } else if (code >= 0xf900 && code <= 0xfaff) {
      const normalised = nfkc(code).charCodeAt(0);
      emit(toSimplified[normalised] || normalised, index);
    } else {
      emit(code, index);
    }
  }
  const view = { text: decoder.decode(out.subarray(0, size)), origin: origin.subarray(0, size) };
  return foldSpellings(view);
}

/**
 * Financial (大写) digits and their Traditional forms, read as the everyday digits (第壹 → 第一): a
 * table by code unit, as toSimplified is (a Map lookup for every ideograph cost more than the rest of its path).
 */
const VARIANT_DIGITS = (() => {
  const table = new Uint16Array(0xa000);
  const pairs = '壹一贰二叁三肆四伍五陆六柒七捌八玖九拾十';
  for (let index = 0; index < pairs.length; index += 2) table[pairs.charCodeAt(index)] = pairs.charCodeAt(index + 1);
  return table;
})();

const ENTITY = /^&(?:#(\d{2,7})|#[xX]([0-9a-fA-F]{1,6})|(nbsp|amp|lt|gt|quot|apos));/;
const NAMED: Record<string, number> = { nbsp: 0x20, amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27 };

function decodeEntity(source: string, at: number): { code: number; length: number } | undefined {
  const match = ENTITY.exec(source.slice(at, at + 12));
  if (!match) return undefined;
  const code =
    match[1] !== undefined
      ? Number(match[1])
      : match[2] !== undefined
        ? Number.parseInt(match[2], 16)
        : NAMED[match[3]!]!;
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { code, length: match[0].length };
}

function nextLineIsOneCjk(source: string, from: number): boolean {
  let kept = 0;
  let cjk = false;
  for (let index = from; index < source.length && source.charCodeAt(index) !== 0x0a; index += 1) {
    const code = source.charCodeAt(index);
    if (code === 0x20 || code === 0x09 || code === 0x3000) continue;
    kept += 1;
    if (kept > 1) return false;
    cjk = isCjkIdeograph(code);
  }
  return kept === 1 && cjk;
}

/**
 * Pinyin and homophone spellings of the words the rules look for (zuijia, 醉佳 → 最佳; diyi → 第一;
 * 盆友圈 → 朋友圈), written back as the word. The lists are the evasions seen in platform notices
 * and regulators' cases; a homophone is folded only where it spells no word of its own.
 */
const PINYIN: ReadonlyArray<[string, string]> = [
  ['zui jia', '最佳'],
  ['zui hao', '最好'],
  ['di yi', '第一'],
  ['guo jia ji', '国家级'],
  ['ding ji', '顶级'],
  ['ji pin', '极品'],
  ['wei yi', '唯一'],
  ['zhuan fa', '转发'],
  ['fen xiang', '分享'],
  ['ji zan', '集赞'],
  ['peng you quan', '朋友圈'],
  ['hong bao', '红包'],
  ['zhi yu', '治愈'],
  ['gen zhi', '根治'],
  ['kang ai', '抗癌'],
  ['bao ben', '保本'],
  ['wen zhuan', '稳赚'],
  ['bao guo', '保过'],
  ['shua dan', '刷单'],
  ['jia wei xin', '加微信'],
];
const PINYIN_WORDS = new Map(PINYIN.map(([syllables, word]) => [syllables.replace(/ /g, ''), word]));
const PINYIN_PATTERN = new RegExp(
  `(?<![a-z])(?:${PINYIN.map(([syllables]) => syllables.replace(/ /g, '[ -]?')).join('|')})(?![a-z])`,
  'g',
);
const HOMOPHONES: ReadonlyArray<[string, string]> = [
  ['醉佳', '最佳'],
  ['嘴佳', '最佳'],
  ['罪佳', '最佳'],
  ['蕞佳', '最佳'],
  ['醉好', '最好'],
  ['弟一', '第一'],
  ['递一', '第一'],
  ['鼎级', '顶级'],
  ['顶极', '顶级'],
  ['丁级', '顶级'],
  ['国家极', '国家级'],
  ['国佳级', '国家级'],
  ['转伐', '转发'],
  ['专发', '转发'],
  ['集攒', '集赞'],
  ['集咱', '集赞'],
  ['盆友圈', '朋友圈'],
  ['棚友圈', '朋友圈'],
  ['鹏友圈', '朋友圈'],
];
const HOMOPHONE_WORDS = new Map(HOMOPHONES);
const HOMOPHONE_PATTERN = new RegExp(HOMOPHONES.map(([spelling]) => spelling).join('|'), 'g');

function foldSpellings(view: TextView): TextView {
  let { text, origin } = view;
  HOMOPHONE_PATTERN.lastIndex = 0;
  if (HOMOPHONE_PATTERN.test(text))
    text = text.replace(HOMOPHONE_PATTERN, (spelling) => HOMOPHONE_WORDS.get(spelling)!);
  PINYIN_PATTERN.lastIndex = 0;
  if (!PINYIN_PATTERN.test(text)) return { text, origin };
  // Pinyin is longer than its word: the word's first character maps to the run's start, its last to the run's end.
  let rebuilt = '';
  const map: number[] = [];
  let last = 0;
  PINYIN_PATTERN.lastIndex = 0;
  for (let match = PINYIN_PATTERN.exec(text); match; match = PINYIN_PATTERN.exec(text)) {
    for (let index = last; index < match.index; index += 1) map.push(origin[index]!);
    rebuilt += text.slice(last, match.index);
    const word = PINYIN_WORDS.get(match[0].replace(/[ -]/g, ''))!;
    const runStart = origin[match.index]!;
    const runEnd = origin[match.index + match[0].length - 1]!;
    for (let index = 0; index < word.length; index += 1)
      map.push(index === word.length - 1 ? runEnd : runStart + Math.min(index, runEnd - runStart));
    rebuilt += word;
    last = match.index + match[0].length;
  }
  for (let index = last; index < text.length; index += 1) map.push(origin[index]!);
  rebuilt += text.slice(last);
  return { text: rebuilt, origin: Int32Array.from(map) };
}
