import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';

/** Default cap on a manuscript's size (bytes). */
export const defaultMaxManuscriptBytes = 20 * 1024 * 1024;

// Characters XML 1.0 forbids (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/FFFF).
export const illegalXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Reads a manuscript into a VFile: UTF-8 (BOM dropped), else UTF-16 with a BOM or
 * Windows-1252 with a warning; CR and CRLF line endings normalised; characters illegal
 * in XML removed with a warning. A file that cannot be read, is too large, is binary
 * or is empty gets an error message and empty text.
 */
export function readManuscript(path: string, options: { maxBytes?: number; displayPath?: string } = {}): VFile {
  const file = new VFile({ path: options.displayPath ?? path, value: '' });
  const maxBytes = options.maxBytes ?? defaultMaxManuscriptBytes;
  let bytes: Buffer;
  try {
    const read = readBounded(path, maxBytes);
    if (typeof read === 'string') {
      report(file, read === 'too-large' ? 'input-too-large' : 'input-read', read === 'too-large' ? `manuscript is over the ${maxBytes}-byte limit: split it, or raise the limit` : 'not a regular file (a folder, device or pipe): give a Markdown file', { line: 1, column: 1 });
      return file;
    }
    bytes = read;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    report(file, 'input-read', `cannot read manuscript (${code})`, { line: 1, column: 1 });
    return file;
  }
  const decoded = decode(bytes, file);
  if (decoded === undefined) return file;
  let text = decoded;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  let count = 0;
  let first = -1;
  const cleaned = text.replace(illegalXml, (_match, offset: number) => {
    if (first === -1) first = offset;
    count++;
    return '';
  });
  if (count > 0) {
    report(file, 'input-control-char', `removed ${count} character(s) that XML forbids (control characters or lone surrogates)`, pointAt(text, first));
  }
  if (cleaned.trim() === '') {
    report(file, 'input-empty', bytes.length === 0 ? 'manuscript is empty (0 bytes): write something in it, or remove it from the build' : 'manuscript has no text (only blank lines): write something in it, or remove it from the build', { line: 1, column: 1 });
    return file;
  }
  file.value = cleaned;
  return file;
}

/**
 * Reads at most `maxBytes` of a regular file (never blocks on a pipe or device, never
 * trusts a size that changes while reading): the bytes, or why not.
 */
function readBounded(path: string, maxBytes: number): Buffer | 'too-large' | 'not-a-file' {
  const fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'not-a-file';
    if (stat.size > maxBytes) return 'too-large';
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.max(65536, Math.min(stat.size - total + 1, maxBytes + 1 - total)));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return 'too-large';
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

// Windows-1252 0x80–0x9F (Node's TextDecoder reads the label as Latin-1, leaving C1 controls there).
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    let chunk = '';
    for (const b of bytes.subarray(start, start + 8192)) chunk += b >= 0x80 && b < 0xa0 ? (cp1252High[b - 0x80] ?? '') : String.fromCharCode(b);
    out += chunk;
  }
  return out;
}

// Bytes Windows-1252 leaves undefined: a file holding them is not text in that encoding either.
const notWindows1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * UTF-8 (with or without BOM) as is; UTF-16 with a BOM decoded with a warning; other
 * bytes that are not UTF-8 decoded as Windows-1252 (a superset of Latin-1) with a warning
 * that points at the first byte UTF-8 rejects. Bytes no text encoding explains (NUL,
 * Windows-1252 holes: a binary file) are an error. Returns undefined after an error.
 */
function decode(bytes: Uint8Array, file: VFile): string | undefined {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      report(file, 'input-encoding-guessed', `file is ${encoding.toUpperCase()}, not UTF-8: read as ${encoding.toUpperCase()}; save it as UTF-8 to silence this`, { line: 1, column: 1 });
      return text;
    } catch {
      report(file, 'input-encoding', `file starts like ${encoding.toUpperCase()} but is not valid ${encoding.toUpperCase()}: save it as UTF-8`, { line: 1, column: 1 });
      return undefined;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: explained below.
  }
  const bad = firstInvalidUtf8(bytes);
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/\r\n?/g, '\n');
  const point = pointAt(prefix, prefix.length);
  const byte = `0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  const binary = bytes.findIndex((b) => b === 0 || notWindows1252.has(b));
  if (binary !== -1) {
    report(file, 'input-encoding', `file is not valid UTF-8 (byte ${byte} at ${point.line}:${point.column}) and holds bytes no text encoding uses: is it really a Markdown file? Save it as UTF-8`, point);
    return undefined;
  }
  const text = decodeWindows1252(bytes);
  report(file, 'input-encoding-guessed', `file is not valid UTF-8 (byte ${byte} at ${point.line}:${point.column}): read as Windows-1252 (Latin-1); check its accents and save it as UTF-8 to silence this`, point);
  return text;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    const second = bytes[i + 1] ?? 0;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
