/**
 * Image files made in code for the tests (the renderer helpers build their PNGs with
 * `pngChunk` and take `makeJpeg` from here): valid and broken PNGs (16-bit,
 * interlaced, alpha, bad checksum, bad zlib data, bad filter, truncated, header-only
 * "bombs") and JPEGs with an EXIF orientation.
 */
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngOptions {
  width: number;
  height: number;
  /** 8 or 16. */
  depth?: 8 | 16;
  /** 2 RGB, 6 RGBA, 0 grey. */
  colorType?: 0 | 2 | 6;
  interlaced?: boolean;
  /** Replaces the (valid) compressed pixel data. */
  idat?: Uint8Array;
  /** Filter byte written before each scanline (0–4 valid). */
  filter?: number;
}

/** A PNG of a gradient, with every chunk's CRC right. */
export function makePng(options: PngOptions): Buffer {
  const { width, height, depth = 8, colorType = 2, interlaced = false, filter = 0 } = options;
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 1;
  const bytesPerSample = depth / 8;
  const rowsOf = (w: number, h: number, x0: number, y0: number, dx: number, dy: number): number[] => {
    const out: number[] = [];
    for (let y = 0; y < h; y++) {
      out.push(filter);
      for (let x = 0; x < w; x++) {
        const px = x0 + x * dx;
        const py = y0 + y * dy;
        for (let c = 0; c < channels; c++) {
          const v = c === 3 ? 200 : Math.round((255 * ((px + py + c * 7) % (width + height))) / (width + height));
          for (let b = 0; b < bytesPerSample; b++) out.push(v);
        }
      }
    }
    return out;
  };
  let raw: number[] = [];
  if (!interlaced) raw = rowsOf(width, height, 0, 0, 1, 1);
  else {
    const passes: Array<[number, number, number, number]> = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
    for (const [x0, y0, dx, dy] of passes) {
      const w = Math.ceil((width - x0) / dx);
      const h = Math.ceil((height - y0) / dy);
      if (w > 0 && h > 0) raw = raw.concat(rowsOf(w, h, x0, y0, dx, dy));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colorType, 0, 0, interlaced ? 1 : 0], 8);
  const idat = options.idat ?? deflateSync(Buffer.from(raw));
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array())]);
}

/** A PNG header announcing `width`×`height` with a few bytes of data: what a decompression bomb looks like before decoding. */
export function bombHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(1 << 16))), pngChunk('IEND', new Uint8Array())]);
}

/** A greyscale JPEG with an APP1 Exif segment giving `orientation` (big- or little-endian TIFF). */
export function jpegWithOrientation(width: number, height: number, orientation: number, littleEndian = false): Buffer {
  const jpeg = Buffer.from(makeJpeg(width, height));
  const tiff = Buffer.alloc(26);
  const u16 = (value: number, at: number) => (littleEndian ? tiff.writeUInt16LE(value, at) : tiff.writeUInt16BE(value, at));
  const u32 = (value: number, at: number) => (littleEndian ? tiff.writeUInt32LE(value, at) : tiff.writeUInt32BE(value, at));
  tiff.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4); // first IFD
  u16(1, 8); // one entry:
  u16(0x0112, 10); // Orientation,
  u16(3, 12); // SHORT,
  u32(1, 14); // one value
  u16(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]);
}

/** The same JPEG with a frame header claiming `components` colour components. */
export function jpegWithComponents(components: number): Buffer {
  const jpeg = Buffer.from(makeJpeg(16, 16));
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg[sof + 9] = components;
  return jpeg;
}

/**
 * A baseline greyscale JPEG, built by hand: every 8×8 block has DC difference 0 and no
 * AC coefficient, which one 1-bit Huffman code per table can say (a flat mid-grey image).
 */
export function makeJpeg(width: number, height: number): Uint8Array {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks);
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const scan: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = parseInt(padded.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0);
  }
  const table = (cls: number) => [0xff, 0xc4, 0x00, 0x14, cls, 1, ...new Array<number>(15).fill(0), 0x00];
  return new Uint8Array([
    0xff, 0xd8,
    0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1),
    0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00,
    ...table(0x00),
    ...table(0x10),
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
    ...scan,
    0xff, 0xd9,
  ]);
}
