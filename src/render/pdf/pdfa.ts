/**
 * PDF/A (ISO 19005) for the PDF renderer: the document options for each part, the
 * outline counts PDF/A-1 validators want, and what images need: transparency removed
 * for PDF/A-1, and a warning for CMYK images, which an sRGB output intent forbids.
 *
 * pdfkit's own `subset: 'PDF/A-…'` mode already writes the pdfaid part and conformance
 * into the XMP packet, an sRGB OutputIntent from its bundled ICC profile (v2, fine for
 * both parts), and a CIDSet for every subset CID font when the part is 1. The trailer
 * /ID, embedded fonts and link annotations with the print flag (/F 4) are written in
 * every mode. The XMP packet itself is ours (metadata.ts), kept in step with the info
 * dictionary as PDF/A asks; there is one packet and pdfkit adds the pdfaid to it.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type {} from 'pdfkit'; // brings in the PDFKit namespace types
import type { PdfaLevel } from '../../config/options.js';
import type { RuleId } from '../../diagnostics/rules.js';

type PdfVersion = '1.4' | '1.7';
type PdfaSubset = 'PDF/A-1b' | 'PDF/A-2b';

export interface PdfaDocumentOptions {
  pdfVersion: PdfVersion;
  subset?: PdfaSubset;
}

/**
 * pdfkit document options for a PDF/A level (or for a plain PDF). PDF/A-1 is based on
 * PDF 1.4, so a 1b file says 1.4 in its header; PDF/A-2 allows up to 1.7.
 */
export function pdfaDocumentOptions(level: PdfaLevel | false): PdfaDocumentOptions {
  if (level === '1b') return { pdfVersion: '1.4', subset: 'PDF/A-1b' };
  if (level === '2b') return { pdfVersion: '1.7', subset: 'PDF/A-2b' };
  return { pdfVersion: '1.7' };
}

/**
 * Gives every outline entry with children its /Count (call before `doc.end()`): PDF/A-1
 * validators (PDFBox Preflight 1.4.9) require it, and pdfkit writes it only for
 * expanded entries. Ours are closed: the root counts its top level (what is visible),
 * a closed entry counts its children negatively (what opening it would show).
 */
export function countOutline(doc: PDFKit.PDFDocument): void {
  const visit = (entry: unknown, root: boolean): void => {
    const outline = record(entry);
    const data = record(outline?.['outlineData']);
    const children = outline?.['children'];
    if (!data || !Array.isArray(children) || children.length === 0) return;
    if (data['Count'] === undefined) data['Count'] = root ? children.length : -children.length;
    for (const child of children) visit(child, false);
  };
  visit(doc.outline, true);
}

/** Blends one 8-bit sample with coverage `alpha` over white (the page colour). */
function overWhite(sample: number, alpha: number): number {
  return Math.round((sample * alpha + 255 * (255 - alpha)) / 255);
}

/** pdfkit's internal objects, to read and patch by name (they are untyped). */
function record(value: unknown): Record<string, unknown> | undefined {
  // `as`: TypeScript cannot narrow a non-null object to an indexable record by itself.
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * Makes an image opened by pdfkit (`doc.openImage`) opaque before it is embedded, by
 * compositing it over white, the page colour: a PNG with an alpha channel (pdfkit would
 * write its alpha as a soft mask) or a palette PNG with per-entry alpha (likewise).
 * Colour-key transparency (a /Mask array) is allowed by PDF/A-1 and is kept. JPEGs
 * have no transparency. Returns true when the image had transparency to flatten.
 *
 * This works on pdfkit's (untyped, internal) PNG image object: `image` is png-js's
 * decoder (`hasAlphaChannel`, `colors`, `palette`, `transparency`) and `finalize()`
 * writes the XObject from `imgData` and `alphaChannel`, both deflated, 8-bit samples.
 */
function flattenTransparency(opened: unknown): boolean {
  const image = record(opened);
  const png = record(image?.['image']);
  if (!image || !png) return false;
  const transparency = record(png['transparency']);
  const indexed = transparency?.['indexed'];
  const palette = png['palette'];
  if (transparency && Array.isArray(indexed) && Array.isArray(palette)) {
    // Alpha per palette entry: blend the palette itself, exactly.
    const blended = palette.map((value, index) => {
      const alpha = indexed[Math.floor(index / 3)];
      return typeof value === 'number' ? overWhite(value, typeof alpha === 'number' ? alpha : 255) : value;
    });
    png['palette'] = blended;
    delete transparency['indexed'];
    return true;
  }
  const finalize = image['finalize'];
  if (png['hasAlphaChannel'] !== true || typeof finalize !== 'function') return false;
  const colors = typeof png['colors'] === 'number' ? png['colors'] : 3;
  image['finalize'] = function flattened(this: unknown, ...args: unknown[]): unknown {
    const self = record(this);
    const data = self?.['imgData'];
    const alpha = self?.['alphaChannel'];
    if (self && data instanceof Uint8Array && alpha instanceof Uint8Array) {
      const samples = inflateSync(data);
      const coverage = inflateSync(alpha);
      for (let pixel = 0; pixel < coverage.length; pixel++) {
        const a = coverage[pixel] ?? 255;
        for (let c = 0; c < colors; c++) {
          const at = pixel * colors + c;
          samples[at] = overWhite(samples[at] ?? 0, a);
        }
      }
      self['imgData'] = deflateSync(samples);
      delete self['alphaChannel'];
    }
    return Reflect.apply(finalize, this, args);
  };
  return true;
}

/** True for an image pdfkit embeds as DeviceCMYK (a CMYK JPEG). */
function isDeviceCmyk(opened: unknown): boolean {
  return record(opened)?.['colorSpace'] === 'DeviceCMYK';
}

/**
 * The painter's `prepareImage` hook for a PDF/A level: flattens transparency for 1b and
 * warns (once per document and rule) through `warn`. A CMYK JPEG cannot be converted
 * here (no JPEG decoder), and DeviceCMYK under an sRGB output intent is not PDF/A in
 * either part: the warning says so, so that `--strict` can refuse the file.
 */
export function pdfaImageHook(level: PdfaLevel, warn: (ruleId: RuleId, reason: string) => void): (image: unknown, alt: string) => void {
  const warned = new Set<RuleId>();
  const once = (ruleId: RuleId, reason: string) => {
    if (warned.has(ruleId)) return;
    warned.add(ruleId);
    warn(ruleId, reason);
  };
  return (image, alt) => {
    if (level === '1b' && flattenTransparency(image)) {
      once('pdfa-transparency', `PDF/A-1 forbids transparency: image "${alt}" was flattened onto the white page (said once per document)`);
    }
    if (isDeviceCmyk(image)) {
      once('pdfa-cmyk', `image "${alt}" is CMYK, which a PDF/A file with an sRGB output intent may not use: the PDF is not PDF/A conformant; convert the image to RGB`);
    }
  };
}
