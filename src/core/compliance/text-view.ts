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
  switch (code) {
    case 0x20: case 0x09: case 0x2a: case 0x5f: case 0x2d: case 0x2e: case 0x2f: case 0x5c: case 0x7c: case 0x7e:
    case 0x2b: case 0x23: case 0x40: case 0x5e: case 0x60: case 0x27: case 0x22: case 0x3d: case 0xb7: case 0x2022:
    case 0x3000: case 0x30fb: case 0x2027: case 0x2219: case 0x22c5: case 0x25cf: case 0x2605: case 0x2606: case 0x00d7:
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

  for (let index = 0; index < length; index += 1) {
    if (excluded && (excluded[index]! & 1) !== 0) {
      if (size === 0 || out[size - 1] !== 0x0a) push(0x0a, index);
      lastKeptCjk = false;
      pendingStart = -1;
      continue;
    }
    let code = source.charCodeAt(index);
    if (code >= 0x41 && code <= 0x5a) {
      emit(code + 32, index);
    } else if (code < 0x80) {
      if (code === 0x0a) {
        lastKeptCjk = false;
        pendingStart = -1;
        push(code, index);
      } else emit(code, index);
    } else if (code >= 0x3400 && code <= 0x9fff) {
      const mapped = toSimplified[code];
      emit(mapped || code, index);
    } else if (code >= 0xff01 && code <= 0xff5e) {
      code -= 0xfee0;
      emit(code >= 0x41 && code <= 0x5a ? code + 32 : code, index);
    } else if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff || code === 0xad) {
      // Zero-width characters: dropped, wherever they are.
    } else if (code >= 0xd800 && code <= 0xdfff) {
      emit(code, index);
    } else if (code >= 0x2000 && code <= 0x33ff && !(code >= 0x3001 && code <= 0x303f) && code !== 0x2014 && code !== 0x2026 && !(code >= 0x2018 && code <= 0x201f)) {
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
  return { text: decoder.decode(out.subarray(0, size)), origin: origin.subarray(0, size) };
}
