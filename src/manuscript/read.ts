import { readFileSync, statSync } from 'node:fs';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';

/** Default cap on a manuscript's size (bytes). */
export const defaultMaxManuscriptBytes = 20 * 1024 * 1024;

// Characters XML 1.0 forbids (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/FFFF).
const illegalXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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
 * Reads a manuscript as UTF-8 into a VFile: BOM dropped, CR and CRLF line endings
 * normalised, characters illegal in XML removed with a warning. A file that cannot
 * be read, is too large or is not UTF-8 gets an error message and empty text.
 */
export function readManuscript(path: string, options: { maxBytes?: number; displayPath?: string } = {}): VFile {
  const file = new VFile({ path: options.displayPath ?? path, value: '' });
  const maxBytes = options.maxBytes ?? defaultMaxManuscriptBytes;
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) {
      report(file, 'input-too-large', `manuscript is ${size} bytes, over the ${maxBytes}-byte limit: split it, or raise the limit`);
      return file;
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    report(file, 'input-read', `cannot read manuscript (${code})`);
    return file;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    report(file, 'input-encoding', 'file is not valid UTF-8: save it as UTF-8', pointAt(prefix.replace(/\r\n?/g, '\n'), prefix.length));
    return file;
  }
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
  file.value = cleaned;
  return file;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
