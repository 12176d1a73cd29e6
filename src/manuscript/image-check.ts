/**
 * Structural checks of image bytes before any renderer decodes them: a corrupt PNG
 * would make pdfkit's decoder throw inside a zlib callback, out of reach of any
 * try/catch (the process would crash), and a truncated JPEG would be embedded as is.
 * Each check walks the file once; PNG pixel data is inflated once, bounded by the
 * size its header announces.
 */
import { inflateSync } from 'node:zlib';
import type { ImageMediaType } from './asset-types.js';

export interface ImageFacts {
  mediaType: ImageMediaType;
  width: number;
  height: number;
  /** EXIF orientation (1–8) of a JPEG, when it has one other than 1. */
  orientation?: number;
}

/** Why the bytes cannot be used (a sentence fragment: "is …"), or the facts read from them. */
export type Checked = { ok: true; facts: ImageFacts } | { ok: false; reason: string };

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (PNG, zlib) of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (crcTable[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

const channelsOf: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const depthsOf: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Bytes of filtered scanlines (filter byte included) for a PNG, interlaced or not. */
function pngDataSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rowBytes = (w: number) => (w === 0 ? 0 : 1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return height * rowBytes(width);
  const passes: Array<[number, number, number, number]> = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

/**
 * PNG: signature, every chunk's length and CRC, IHDR values, IDAT present, IEND last;
 * `decode` (after the pixel limit is checked) inflates the pixel data and checks the
 * scanline filters, so that no renderer meets a zlib error.
 */
export function checkPng(bytes: Uint8Array, decode: (width: number, height: number) => boolean): Checked {
  if (bytes.length < 8 + 25 || u32(bytes, 0) !== 0x89504e47 || u32(bytes, 4) !== 0x0d0a1a0a) return { ok: false, reason: 'is not a complete PNG file (its signature or header is missing)' };
  let pos = 8;
  let width = 0;
  let height = 0;
  let bitsPerPixel = 0;
  let interlaced = false;
  const idat: Uint8Array[] = [];
  let sawEnd = false;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) return { ok: false, reason: 'is truncated (a PNG chunk is cut off)' };
    const length = u32(bytes, pos);
    const type = String.fromCharCode(bytes[pos + 4] ?? 0, bytes[pos + 5] ?? 0, bytes[pos + 6] ?? 0, bytes[pos + 7] ?? 0);
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, reason: `is corrupt (a PNG chunk at byte ${pos} has no valid type)` };
    if (pos + 12 + length > bytes.length) return { ok: false, reason: `is truncated (its ${type} chunk is cut off)` };
    if (crc32(bytes, pos + 4, pos + 8 + length) !== u32(bytes, pos + 8 + length)) return { ok: false, reason: `is corrupt (the checksum of its ${type} chunk at byte ${pos} is wrong)` };
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (pos === 8) {
      if (type !== 'IHDR' || length !== 13) return { ok: false, reason: 'is corrupt (its PNG header chunk is missing)' };
      width = u32(data, 0);
      height = u32(data, 4);
      const depth = data[8] ?? 0;
      const colorType = data[9] ?? 0;
      const channels = channelsOf[colorType];
      if (!channels || !(depthsOf[colorType] ?? []).includes(depth)) return { ok: false, reason: `is corrupt (colour type ${colorType} with ${depth}-bit samples is not a PNG combination)` };
      if ((data[10] ?? 0) !== 0 || (data[11] ?? 0) !== 0 || (data[12] ?? 0) > 1) return { ok: false, reason: 'is corrupt (unknown PNG compression, filter or interlace method)' };
      bitsPerPixel = channels * depth;
      interlaced = data[12] === 1;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    pos += 12 + length;
  }
  if (!sawEnd) return { ok: false, reason: 'is truncated (its PNG end chunk is missing)' };
  if (width === 0 || height === 0) return { ok: false, reason: 'has no pixels (width or height 0)' };
  if (idat.length === 0) return { ok: false, reason: 'is corrupt (it has no PNG image data)' };
  const facts: ImageFacts = { mediaType: 'image/png', width, height };
  if (!decode(width, height)) return { ok: true, facts };
  const expected = pngDataSize(width, height, bitsPerPixel, interlaced);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch (error) {
    const detail = error instanceof Error && /maxOutputLength|buffer/i.test(error.message) ? 'more pixel data than its size' : 'pixel data that does not decompress';
    return { ok: false, reason: `is corrupt (${detail})` };
  }
  if (raw.length < expected) return { ok: false, reason: 'is truncated (its pixel data stops early)' };
  if (!filtersValid(raw, width, height, bitsPerPixel, interlaced)) return { ok: false, reason: 'is corrupt (a scanline has an unknown filter)' };
  return { ok: true, facts };
}

function filtersValid(raw: Uint8Array, width: number, height: number, bitsPerPixel: number, interlaced: boolean): boolean {
  const rows: Array<[number, number]> = interlaced
    ? ([[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const).map(([x0, y0, dx, dy]) => [Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)])
    : [[width, height]];
  let pos = 0;
  for (const [w, h] of rows) {
    if (w <= 0 || h <= 0) continue;
    const rowBytes = 1 + Math.ceil((w * bitsPerPixel) / 8);
    for (let y = 0; y < h; y++, pos += rowBytes) if ((raw[pos] ?? 5) > 4) return false;
  }
  return true;
}

/**
 * JPEG: walks the segments from SOI through every scan to EOI (a file that ends first
 * is truncated), reading the frame size, the number of colour components and the EXIF
 * orientation on the way.
 */
export function checkJpeg(bytes: Uint8Array): Checked {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return { ok: false, reason: 'is not a JPEG file' };
  let pos = 2;
  let width = 0;
  let height = 0;
  let components = 0;
  let orientation: number | undefined;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return { ok: false, reason: `is corrupt (no JPEG marker at byte ${pos})` };
    while (bytes[pos] === 0xff) pos++;
    const marker = bytes[pos++] ?? -1;
    if (marker === 0xd9) break;
    if (marker === -1) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (pos + 2 > bytes.length) return { ok: false, reason: 'is truncated (it ends inside a JPEG segment)' };
    const length = u16(bytes, pos);
    if (length < 2 || pos + length > bytes.length) return { ok: false, reason: 'is truncated (it ends inside a JPEG segment)' };
    const segment = bytes.subarray(pos + 2, pos + length);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      height = u16(segment, 1);
      width = u16(segment, 3);
      components = segment[5] ?? 0;
    } else if (marker === 0xe1 && orientation === undefined) {
      orientation = exifOrientation(segment);
    }
    pos += length;
    if (marker === 0xda) {
      // Entropy-coded data: runs to the next marker that is not a stuffed 0xFF00 or a restart.
      for (;;) {
        const next = bytes.indexOf(0xff, pos);
        if (next === -1 || next + 1 >= bytes.length) return { ok: false, reason: 'is truncated (its image data stops before the JPEG end marker)' };
        const after = bytes[next + 1] ?? 0;
        if (after === 0x00 || (after >= 0xd0 && after <= 0xd7) || after === 0xff) {
          pos = next + (after === 0xff ? 1 : 2);
          continue;
        }
        pos = next;
        break;
      }
    }
  }
  if (bytes[pos - 1] !== 0xd9 || bytes[pos - 2] !== 0xff) return { ok: false, reason: 'is truncated (the JPEG end marker is missing)' };
  if (width === 0 || height === 0) return { ok: false, reason: 'is corrupt (its JPEG frame header is missing or gives no size)' };
  if (![1, 3, 4].includes(components)) return { ok: false, reason: `has ${components} colour components; only greyscale, RGB and CMYK JPEGs can be used` };
  const facts: ImageFacts = { mediaType: 'image/jpeg', width, height };
  if (orientation !== undefined && orientation >= 2 && orientation <= 8) facts.orientation = orientation;
  return { ok: true, facts };
}

/** The Orientation tag (0x0112) of an APP1 Exif segment, if any. */
function exifOrientation(segment: Uint8Array): number | undefined {
  if (segment.length < 14 || String.fromCharCode(...segment.subarray(0, 4)) !== 'Exif') return undefined;
  const tiff = 6;
  const little = segment[tiff] === 0x49;
  const r16 = (at: number) => (little ? (segment[at] ?? 0) | ((segment[at + 1] ?? 0) << 8) : u16(segment, at));
  const r32 = (at: number) => (little ? ((segment[at] ?? 0) | ((segment[at + 1] ?? 0) << 8) | ((segment[at + 2] ?? 0) << 16) | ((segment[at + 3] ?? 0) << 24)) >>> 0 : u32(segment, at));
  const ifd = tiff + r32(tiff + 4);
  if (ifd + 2 > segment.length) return undefined;
  const count = r16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > segment.length) return undefined;
    if (r16(entry) === 0x0112) return r16(entry + 8);
  }
  return undefined;
}
