// One-off generator for the sample images in manuscripts/images/.
// PNG is written by hand (node:zlib); JPEG needs `jpeg-js`, which is NOT a
// project dependency: run this from a scratch folder where it is installed:
//   mkdir /tmp/imgtool && cd /tmp/imgtool && npm init -y && npm i jpeg-js
//   node /path/to/folio/scripts/make-sample-images.mjs [OUT_DIR]
// Output is deterministic (no randomness, no clock).
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(process.cwd(), 'noop.js'));
const jpeg = require('jpeg-js');

const here = dirname(fileURLToPath(import.meta.url));
const OUT = process.argv[2] ?? join(here, '..', 'manuscripts', 'images');
mkdirSync(OUT, { recursive: true });

// ---------- tiny raster ----------
class Canvas {
  constructor(w, h) { this.w = w; this.h = h; this.px = new Float32Array(w * h * 3); }
  set(x, y, c, a = 1) {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h || a <= 0) return;
    const i = (y * this.w + x) * 3, p = this.px;
    p[i] += (c[0] - p[i]) * a; p[i + 1] += (c[1] - p[i + 1]) * a; p[i + 2] += (c[2] - p[i + 2]) * a;
  }
  get(x, y) { const i = (y * this.w + x) * 3; return [this.px[i], this.px[i + 1], this.px[i + 2]]; }
  each(fn) { for (let y = 0; y < this.h; y++) for (let x = 0; x < this.w; x++) fn(x, y); }
  rgba() {
    const out = Buffer.alloc(this.w * this.h * 4);
    for (let i = 0, j = 0; i < this.px.length; i += 3, j += 4) {
      out[j] = clamp(this.px[i]); out[j + 1] = clamp(this.px[i + 1]); out[j + 2] = clamp(this.px[i + 2]); out[j + 3] = 255;
    }
    return out;
  }
}
const clamp = (v) => Math.max(0, Math.min(255, Math.round(v)));
const mix = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const hex = (s) => [parseInt(s.slice(1, 3), 16), parseInt(s.slice(3, 5), 16), parseInt(s.slice(5, 7), 16)];
const smooth = (e0, e1, x) => { const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0))); return t * t * (3 - 2 * t); };
function ramp(stops, t) { // stops: [[pos, color], ...]
  if (t <= stops[0][0]) return stops[0][1];
  for (let i = 1; i < stops.length; i++) {
    if (t <= stops[i][0]) return mix(stops[i - 1][1], stops[i][1], (t - stops[i - 1][0]) / (stops[i][0] - stops[i - 1][0]));
  }
  return stops[stops.length - 1][1];
}
function skyGradient(cv, stops, yEnd = cv.h) {
  for (let y = 0; y < yEnd; y++) { const c = ramp(stops, y / yEnd); for (let x = 0; x < cv.w; x++) cv.set(x, y, c); }
}
function disc(cv, cx, cy, r, c, glow = 0, glowAlpha = 0.35) {
  const R = r + glow;
  for (let y = Math.floor(cy - R); y <= cy + R; y++) for (let x = Math.floor(cx - R); x <= cx + R; x++) {
    const d = Math.hypot(x - cx, y - cy);
    if (d <= r + 1) cv.set(x, y, c, Math.min(1, r + 1 - d));
    else if (glow && d < R) cv.set(x, y, c, glowAlpha * (1 - (d - r) / glow) ** 2);
  }
}
// fill below a ridge line y = f(x), colour may vary with depth below the ridge
function ridge(cv, f, top, bottom, yMax = cv.h) {
  for (let x = 0; x < cv.w; x++) {
    const y0 = f(x);
    for (let y = Math.max(0, Math.floor(y0)); y < yMax; y++) {
      const a = y === Math.floor(y0) ? 1 - (y0 - Math.floor(y0)) : 1;
      cv.set(x, y, mix(top, bottom, Math.min(1, (y - y0) / Math.max(1, yMax - y0))), a);
    }
  }
}
const waves = (base, parts) => (x) => parts.reduce((s, [amp, per, ph]) => s + amp * Math.sin((x / per) * 2 * Math.PI + ph), base);
function rect(cv, x0, y0, x1, y1, c, a = 1) {
  for (let y = Math.round(y0); y < Math.round(y1); y++) for (let x = Math.round(x0); x < Math.round(x1); x++) cv.set(x, y, c, a);
}
function polygon(cv, pts, c, a = 1) {
  const ys = pts.map((p) => p[1]);
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
    const xs = [];
    for (let i = 0; i < pts.length; i++) {
      const [ax, ay] = pts[i], [bx, by] = pts[(i + 1) % pts.length];
      if ((ay <= y + 0.5 && by > y + 0.5) || (by <= y + 0.5 && ay > y + 0.5)) xs.push(ax + ((y + 0.5 - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) for (let x = Math.round(xs[k]); x < Math.round(xs[k + 1]); x++) cv.set(x, y, c, a);
  }
}
function line(cv, x0, y0, x1, y1, c, wdt = 1, a = 1) {
  const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
  for (let i = 0; i <= n; i++) {
    const x = x0 + ((x1 - x0) * i) / n, y = y0 + ((y1 - y0) * i) / n;
    rect(cv, x - wdt / 2, y - wdt / 2, x + wdt / 2, y + wdt / 2, c, a);
  }
}
// mirror the band [y0-h, y0) into [y0, y0+h) with tint and ripples
function reflect(cv, y0, h, tint, tintA) {
  for (let y = y0; y < Math.min(cv.h, y0 + h); y++) {
    const d = y - y0;
    for (let x = 0; x < cv.w; x++) {
      const dx = Math.round(3 * Math.sin(y / 3.1 + x / 57));
      const sx = Math.max(0, Math.min(cv.w - 1, x + dx)), sy = y0 - 1 - d;
      if (sy < 0) continue;
      cv.set(x, y, mix(cv.get(sx, sy), tint, tintA + 0.25 * (d / h)));
    }
  }
}
// 5x7 bitmap glyphs for chart labels
const GLYPHS = {
  0: ['01110', '10001', '10011', '10101', '11001', '10001', '01110'], 1: ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  2: ['01110', '10001', '00001', '00010', '00100', '01000', '11111'], 3: ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  4: ['00010', '00110', '01010', '10010', '11111', '00010', '00010'], 5: ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  6: ['00110', '01000', '10000', '11110', '10001', '10001', '01110'], 7: ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  8: ['01110', '10001', '10001', '01110', '10001', '10001', '01110'], 9: ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'], F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'], A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'], O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'], D: ['11110', '10001', '10001', '10001', '10001', '10001', '11110'],
};
function text(cv, s, x, y, scale, c) {
  for (const ch of String(s)) {
    const g = GLYPHS[ch];
    if (g) g.forEach((row, r) => [...row].forEach((b, k) => { if (b === '1') rect(cv, x + k * scale, y + r * scale, x + (k + 1) * scale, y + (r + 1) * scale, c); }));
    x += 6 * scale;
  }
}
const textWidth = (s, scale) => String(s).length * 6 * scale - scale;

// ---------- encoders ----------
const CRC = new Uint32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(cv) { // RGB, 8-bit, filter "Sub" on every row
  const rgba = cv.rgba(), stride = cv.w * 3, raw = Buffer.alloc((stride + 1) * cv.h);
  for (let y = 0; y < cv.h; y++) {
    raw[y * (stride + 1)] = 1;
    for (let x = 0; x < cv.w; x++) for (let k = 0; k < 3; k++) {
      const v = rgba[(y * cv.w + x) * 4 + k], left = x ? rgba[(y * cv.w + x - 1) * 4 + k] : 0;
      raw[y * (stride + 1) + 1 + x * 3 + k] = (v - left) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(cv.w, 0); ihdr.writeUInt32BE(cv.h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
const jpg = (cv, q = 72) => jpeg.encode({ data: cv.rgba(), width: cv.w, height: cv.h }, q).data;
function save(name, buf) { writeFileSync(join(OUT, name), buf); console.log(`${name}\t${buf.length} bytes`); }

// ---------- 1. wetland at dawn (brief-fr hero), 1200x675 ----------
{
  const cv = new Canvas(1200, 675), horizon = 400;
  skyGradient(cv, [[0, hex('#2b3a67')], [0.45, hex('#b56576')], [0.8, hex('#f4a259')], [1, hex('#f6d89e')]], horizon);
  disc(cv, 820, 360, 46, hex('#fff1c9'), 160, 0.45);
  ridge(cv, waves(318, [[22, 540, 0.4], [9, 170, 1.3]]), hex('#6d597a'), hex('#8a6f88'), horizon);
  ridge(cv, waves(356, [[14, 380, 2.1], [6, 95, 0.2]]), hex('#3e4a61'), hex('#56607a'), horizon);
  reflect(cv, horizon, 275, hex('#24324f'), 0.28);
  // reed islands and reeds in the foreground
  ridge(cv, waves(560, [[30, 700, 0.9], [10, 130, 2.2]]), hex('#2f3b2f'), hex('#1c241d'));
  for (let i = 0; i < 90; i++) {
    const x = (i * 977) % 1200, h = 60 + ((i * 53) % 90), lean = ((i * 31) % 21) - 10;
    const base = waves(560, [[30, 700, 0.9], [10, 130, 2.2]])(x) + 6;
    line(cv, x, base, x + lean, base - h, hex('#1f2a22'), 2);
    if (i % 3 === 0) disc(cv, x + lean, base - h - 6, 3.5, hex('#4a3b2a'));
  }
  // a heron-ish silhouette
  polygon(cv, [[300, 470], [318, 452], [344, 452], [356, 470], [330, 480]], hex('#1c2230'));
  line(cv, 350, 458, 366, 420, hex('#1c2230'), 4); line(cv, 366, 420, 384, 424, hex('#1c2230'), 3);
  line(cv, 322, 480, 322, 520, hex('#1c2230'), 2); line(cv, 334, 480, 336, 520, hex('#1c2230'), 2);
  save('brief-fr-marais.jpg', jpg(cv, 64));
}

// ---------- 2. harbour at dusk (brief-en hero), 1200x675 ----------
{
  const cv = new Canvas(1200, 675), horizon = 430;
  skyGradient(cv, [[0, hex('#0f1c3f')], [0.55, hex('#3d5a80')], [0.85, hex('#98c1d9')], [1, hex('#e0c9a6')]], horizon);
  disc(cv, 250, 150, 26, hex('#f2efe4'), 70, 0.25);
  // headland with lighthouse
  ridge(cv, (x) => (x > 760 ? 330 + 0.0009 * (x - 1200) ** 2 * 0.2 + 20 * Math.sin(x / 90) : 470), hex('#24344d'), hex('#1b2639'), horizon);
  rect(cv, 1000, 250, 1022, 322, hex('#e8e4da')); rect(cv, 1000, 268, 1022, 280, hex('#b23a48')); rect(cv, 1000, 298, 1022, 310, hex('#b23a48'));
  polygon(cv, [[996, 250], [1026, 250], [1011, 232]], hex('#2a2a2a'));
  disc(cv, 1011, 244, 5, hex('#ffe8a3'), 60, 0.5);
  polygon(cv, [[1011, 244], [700, 205], [700, 268]], hex('#ffe8a3'), 0.12);
  // far shore
  ridge(cv, waves(412, [[6, 300, 1], [3, 77, 0.5]]), hex('#2e4363'), hex('#34496b'), horizon);
  reflect(cv, horizon, 245, hex('#12203d'), 0.3);
  // quay and boats
  rect(cv, 0, 560, 520, 675, hex('#2b2d42')); rect(cv, 0, 556, 520, 562, hex('#8d99ae'));
  for (const [bx, by, s] of [[600, 520, 1], [760, 548, 0.8], [430, 505, 0.7]]) {
    polygon(cv, [[bx - 70 * s, by], [bx + 70 * s, by], [bx + 52 * s, by + 22 * s], [bx - 52 * s, by + 22 * s]], hex('#d9d4c7'));
    rect(cv, bx - 2, by - 110 * s, bx + 2, by, hex('#d9d4c7'));
    polygon(cv, [[bx + 4, by - 104 * s], [bx + 4, by - 10 * s], [bx + 58 * s, by - 10 * s]], hex('#f1ede2'), 0.9);
  }
  save('brief-en-harbour.jpg', jpg(cv, 70));
}

// ---------- 3. field-guide hero: misty marsh at morning, 1200x675 ----------
{
  const cv = new Canvas(1200, 675), horizon = 380;
  skyGradient(cv, [[0, hex('#a8c5da')], [0.7, hex('#dfe7e4')], [1, hex('#f3efe0')]], horizon);
  ridge(cv, waves(300, [[18, 620, 2], [7, 140, 0.3]]), hex('#9fb3b0'), hex('#b9c7bf'), horizon);
  ridge(cv, waves(340, [[12, 410, 0.7], [5, 100, 1.9]]), hex('#7d9689'), hex('#a3b6a6'), horizon);
  // tree line
  for (let i = 0; i < 40; i++) { const x = 40 + i * 29 + ((i * 17) % 13); disc(cv, x, 348 - ((i * 7) % 18), 16 + ((i * 5) % 9), hex('#5f7a68')); }
  rect(cv, 0, 350, 1200, horizon, hex('#6f8a77'));
  reflect(cv, horizon, 220, hex('#c9d6d0'), 0.35);
  ridge(cv, waves(515, [[24, 800, 0.1], [8, 150, 1.1]]), hex('#8a9a5b'), hex('#5c6b3c'));
  // mist bands
  for (let y = 300; y < 470; y++) { const a = 0.35 * Math.exp(-(((y - 385) / 40) ** 2)); for (let x = 0; x < 1200; x++) cv.set(x, y, hex('#f4f4ee'), a * (0.7 + 0.3 * Math.sin(x / 160))); }
  for (let i = 0; i < 110; i++) {
    const x = (i * 613) % 1200, base = waves(515, [[24, 800, 0.1], [8, 150, 1.1]])(x) + 8, h = 40 + ((i * 37) % 70);
    line(cv, x, base, x + (((i * 13) % 11) - 5), base - h, hex('#4f5d34'), 2);
  }
  save('field-guide-hero.jpg', jpg(cv, 72));
}

// ---------- 4. field-guide figure: observation hide, 800x450 JPEG ----------
{
  const cv = new Canvas(800, 450), horizon = 260;
  skyGradient(cv, [[0, hex('#e9c46a')], [0.6, hex('#f4a261')], [1, hex('#e76f51')]], horizon);
  disc(cv, 180, 230, 34, hex('#fff3d6'), 90, 0.4);
  ridge(cv, waves(236, [[8, 260, 0.5]]), hex('#8d5a4a'), hex('#a06a55'), horizon);
  reflect(cv, horizon, 190, hex('#5a3a3a'), 0.3);
  // boardwalk in perspective
  polygon(cv, [[380, 450], [560, 450], [470, 292], [452, 292]], hex('#6b4f3a'));
  for (let k = 0; k < 14; k++) { const t = k / 13, y = 292 + (450 - 292) * t * t; line(cv, 452 - 72 * t * t, y, 470 + 90 * t * t, y, hex('#4a3527'), 1 + 2 * t); }
  // hide (small hut)
  polygon(cv, [[420, 292], [500, 292], [500, 250], [420, 250]], hex('#3e2c22'));
  polygon(cv, [[410, 252], [510, 252], [460, 222]], hex('#2c1f18'));
  rect(cv, 432, 262, 488, 270, hex('#14100d'));
  // birds
  for (const [bx, by, s] of [[600, 120, 1], [640, 100, 0.8], [560, 90, 0.7], [690, 135, 0.6]]) {
    line(cv, bx - 14 * s, by - 6 * s, bx, by, hex('#3b2b2b'), 2); line(cv, bx, by, bx + 14 * s, by - 6 * s, hex('#3b2b2b'), 2);
  }
  save('field-guide-hide.jpg', jpg(cv, 74));
}

// ---------- 5. field-guide chart: monthly tallies, 800x450 PNG ----------
{
  const cv = new Canvas(800, 450);
  skyGradient(cv, [[0, hex('#fbfaf6')], [1, hex('#eef1ec')]]);
  const L = 70, R = 770, T = 40, B = 390, max = 500;
  for (let v = 0; v <= max; v += 100) {
    const y = B - ((B - T) * v) / max;
    line(cv, L, y, R, y, hex('#cfd6cf'), 1);
    text(cv, v, L - 12 - textWidth(v, 2), y - 7, 2, hex('#5b6560'));
  }
  const residents = [120, 135, 160, 190, 210, 220, 215, 230, 205, 170, 140, 125];
  const visitors = [150, 140, 110, 60, 30, 20, 25, 70, 160, 240, 260, 200];
  const months = 'JFMAMJJASOND', slot = (R - L) / 12;
  residents.forEach((r, i) => {
    const x0 = L + i * slot + 8, x1 = x0 + slot - 16, v = visitors[i];
    const yr = B - ((B - T) * r) / max, yv = yr - ((B - T) * v) / max;
    for (let y = Math.round(yr); y < B; y++) rect(cv, x0, y, x1, y + 1, mix(hex('#2a9d8f'), hex('#1d6f65'), (y - yr) / (B - yr)));
    for (let y = Math.round(yv); y < yr; y++) rect(cv, x0, y, x1, y + 1, mix(hex('#f4a261'), hex('#e07a3f'), (y - yv) / Math.max(1, yr - yv)));
    text(cv, months[i], x0 + (x1 - x0) / 2 - 5, B + 14, 2, hex('#3d4a45'));
  });
  // trend line of the total
  const pts = residents.map((r, i) => [L + i * slot + slot / 2, B - ((B - T) * (r + visitors[i])) / max]);
  for (let i = 1; i < pts.length; i++) line(cv, pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1], hex('#264653'), 3);
  pts.forEach(([x, y]) => disc(cv, x, y, 5, hex('#264653')));
  line(cv, L, B, R, B, hex('#3d4a45'), 2); line(cv, L, T - 10, L, B, hex('#3d4a45'), 2);
  // legend swatches
  rect(cv, 560, 18, 580, 32, hex('#2a9d8f')); rect(cv, 640, 18, 660, 32, hex('#f4a261')); line(cv, 712, 25, 742, 25, hex('#264653'), 3);
  save('field-guide-tallies.png', png(cv));
}
