/**
 * make-sample-images.ts — writes placeholder PNGs for the sample articles.
 *
 *   node scripts/dev/make-sample-images.ts
 *
 * For every article folder content/articles/<yyyy>/<mm-dd-slug>/index.md it
 * reads `cover:` from the front matter and every `![…](file.png)` in the body,
 * and writes each PNG that does not exist yet: covers at 900×383 (the WeChat
 * 2.35:1 cover), body images at 1080×720. Existing files are never touched, so
 * the script can be rerun after more articles are written.
 *
 * The pictures are calm gradients in tea colours (岩茶褐、琥珀、白茶银、茶园绿、
 * 茉莉白) with a few soft circles and a low line of hills, all chosen by a
 * mulberry32 PRNG seeded with the file's path: the same path always gives the
 * same bytes. The PNG encoder is hand-written (CRC32 + node:zlib), with
 * per-row adaptive filtering so smooth gradients stay far below 200 KB.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadRepository } from '../../src/core/repository/load-repository.ts';
import { hashString, mulberry32 } from './seeded-random.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COVER = { width: 900, height: 383 };
const BODY = { width: 1080, height: 720 };

// ---------------------------------------------------------------- PNG -----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Encodes 8-bit RGB pixels as a PNG, choosing the cheapest filter per row. */
function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  const best = new Uint8Array(stride);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rgb.subarray((y - 1) * stride, y * stride) : zero;
    let bestFilter = 0;
    let bestScore = Infinity;
    for (let filter = 0; filter <= 4; filter++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 3 ? row[i - 3]! : 0;
        const b = prev[i]!;
        const c = i >= 3 ? prev[i - 3]! : 0;
        const predictor =
          filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[i]! - predictor) & 0xff;
        candidate[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        bestFilter = filter;
        best.set(candidate);
      }
    }
    const offset = y * (stride + 1);
    raw[offset] = bestFilter;
    raw.set(best, offset + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ------------------------------------------------------------ picture -----

type Rgb = [number, number, number];

function hex(h: string): Rgb {
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}

// light, dark, accent
const PALETTES: [Rgb, Rgb, Rgb][] = [
  [hex('#efe3c8'), hex('#b9834a'), hex('#5a3a22')], // 岩茶：米白到琥珀再到焙火褐
  [hex('#eeeadc'), hex('#c9c3a6'), hex('#7f8a68')], // 白茶：银白与鼠尾草绿
  [hex('#e3eacf'), hex('#8fa876'), hex('#4f6b45')], // 茶园：嫩芽绿到老叶绿
  [hex('#f6f2e6'), hex('#dfe8d3'), hex('#93ad84')], // 茉莉：花白与淡绿
  [hex('#f4e2bd'), hex('#d9a35f'), hex('#8a5a33')], // 琥珀：金黄茶汤
  [hex('#ece4d6'), hex('#a99a86'), hex('#5f5a52')], // 陶土：茶器与岩壁
];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

function paint(width: number, height: number, seedKey: string): Uint8Array {
  const rng = mulberry32(hashString(seedKey));
  const [light, mid, dark] = PALETTES[Math.floor(rng() * PALETTES.length)]!;
  const angle = rng() * Math.PI * 2;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const span = Math.abs(dx) * width + Math.abs(dy) * height;
  const depth = 0.35 + rng() * 0.35; // how far the gradient reaches into the mid tone

  const circles = Array.from({ length: 2 + Math.floor(rng() * 3) }, () => ({
    x: rng() * width,
    y: rng() * height * 0.8,
    r: (0.12 + rng() * 0.28) * Math.min(width, height) * 1.4,
    colour: rng() < 0.5 ? light : mid,
    alpha: 0.18 + rng() * 0.22,
  }));

  const hills = rng() < 0.8;
  const hillBase = height * (0.68 + rng() * 0.14);
  const hillAmp = height * (0.04 + rng() * 0.06);
  const hillFreq = ((1.2 + rng() * 1.8) * (Math.PI * 2)) / width;
  const hillPhase = rng() * Math.PI * 2;
  const hillColour = mix(mid, dark, 0.45 + rng() * 0.3);
  const hill2Phase = rng() * Math.PI * 2;

  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((x - width / 2) * dx + (y - height / 2) * dy) / span + 0.5;
      let c = mix(light, mid, Math.min(1, smoothstep(0, 1, t) * depth * 2));
      for (const k of circles) {
        const d = Math.hypot(x - k.x, y - k.y) / k.r;
        if (d < 1) c = mix(c, k.colour, k.alpha * (1 - smoothstep(0.35, 1, d)));
      }
      if (hills) {
        const far = hillBase - hillAmp * 1.6 + hillAmp * Math.sin(x * hillFreq * 0.7 + hill2Phase);
        if (y > far) c = mix(c, mid, 0.35 * smoothstep(far, far + 3, y));
        const near = hillBase + hillAmp * Math.sin(x * hillFreq + hillPhase);
        if (y > near) c = mix(c, hillColour, 0.75 * smoothstep(near, near + 3, y));
      }
      const o = (y * width + x) * 3;
      out[o] = Math.round(c[0]);
      out[o + 1] = Math.round(c[1]);
      out[o + 2] = Math.round(c[2]);
    }
  }
  return out;
}

// ------------------------------------------------------------ articles ----

function localPng(ref: string): boolean {
  return /\.png$/i.test(ref) && !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('/');
}

async function main(): Promise<void> {
  // mpflow's own loader reads the front matter, so this script sees each article as the checker does.
  const { repository } = await loadRepository(ROOT);
  let written = 0;
  let existing = 0;
  for (const article of repository.articles) {
    const dir = path.join(ROOT, article.directory);
    const where = article.directory.replace(/^content\/articles\//, '');
    const wanted = new Map<string, { width: number; height: number }>();
    const cover = article.data.cover;
    if (cover) {
      if (localPng(cover)) wanted.set(cover, COVER);
      else console.warn(`warning: ${where}: cover ${cover} is not a local PNG, skipped`);
    }
    for (const m of article.body.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g)) {
      const ref = decodeURI(m[1] ?? '');
      if (localPng(ref) && !wanted.has(ref)) wanted.set(ref, BODY);
    }
    for (const [ref, size] of wanted) {
      const file = path.resolve(dir, ref);
      if (!file.startsWith(dir + path.sep)) {
        console.warn(`warning: ${where}: ${ref} points outside the article folder, skipped`);
        continue;
      }
      if (fs.existsSync(file)) {
        existing++;
        continue;
      }
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      const png = encodePng(size.width, size.height, paint(size.width, size.height, rel));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, png);
      written++;
      console.log(`wrote ${rel} (${size.width}×${size.height}, ${(png.length / 1024).toFixed(1)} KB)`);
    }
  }
  console.log(`${written} image(s) written, ${existing} already present`);
}

await main();
