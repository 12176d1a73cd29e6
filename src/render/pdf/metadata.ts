/**
 * XMP metadata with the values escaped. pdfkit 0.20 writes its XMP packet from the info
 * dictionary without escaping, so a title with `&` or `<` gives invalid XML; we replace
 * its (internal) `_addInfo` step on this document with one that escapes.
 *
 * In PDF/A mode pdfkit appends the pdfaid part and conformance to this same packet (one
 * metadata stream, one pdfaid), and PDF/A asks every info entry to equal its XMP twin:
 * dc:creator then holds the info dictionary's Author, the authors joined by commas, as
 * its one entry (PDFBox Preflight rejects a Seq that differs from Author).
 */
import type {} from 'pdfkit';
import type { Publication } from '../../ast/publication.js';
import { isRightToLeft } from '../../typography/languages.js';
import { field, isRecord } from './text-writer.js';

type Doc = PDFKit.PDFDocument;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char] ?? 'amp'};`);
}

export interface XmpOptions {
  /** Keep every value identical to its info-dictionary twin (PDF/A). */
  pdfa: boolean;
}

function packet(pub: Publication, date: Date, options: XmpOptions): string {
  const stamp = `${date.toISOString().split('.')[0] ?? ''}Z`;
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  const lines = [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    `<xmp:CreateDate>${stamp}</xmp:CreateDate><xmp:ModifyDate>${stamp}</xmp:ModifyDate><xmp:CreatorTool>Folio</xmp:CreatorTool>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(pub.meta.title)}</dc:title>`,
  ];
  const creators = options.pdfa ? [pub.meta.authors.join(', ')] : pub.meta.authors;
  if (pub.meta.authors.length > 0) lines.push(`<dc:creator><rdf:Seq>${creators.map((a) => `<rdf:li>${escapeXml(a)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`);
  if (pub.meta.description) lines.push(`<dc:description>${alt(pub.meta.description)}</dc:description>`);
  if (pub.meta.lang) lines.push(`<dc:language><rdf:Bag><rdf:li>${escapeXml(pub.meta.lang)}</rdf:li></rdf:Bag></dc:language>`);
  if (pub.meta.rights) lines.push(`<dc:rights>${alt(pub.meta.rights)}</dc:rights>`);
  lines.push(`</rdf:Description>`);
  lines.push(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>Folio (pdfkit)</pdf:Producer></rdf:Description>`);
  return lines.join('\n');
}

/** Makes `doc` write an escaped XMP packet for `pub` when it ends. */
export function xmpMetadata(doc: Doc, pub: Publication, date: Date, options: XmpOptions = { pdfa: false }): void {
  const append: unknown = Reflect.get(doc, 'appendXML');
  if (typeof append !== 'function') return;
  const xml = packet(pub, date, options);
  Reflect.set(doc, '_addInfo', () => Reflect.apply(append, doc, [xml]));
}

/**
 * A right-to-left publication (Hebrew, Arabic…) asks viewers to lay its pages out right
 * to left (two-page spreads, the order of thumbnails): ViewerPreferences /Direction /R2L,
 * in the dictionary pdfkit made for DisplayDocTitle (a plain string becomes a PDF name).
 */
export function readingDirection(doc: Doc, lang: string): void {
  if (!isRightToLeft(lang)) return;
  const preferences = field(doc, '_root', 'data', 'ViewerPreferences', 'data');
  if (isRecord(preferences)) preferences.Direction = 'R2L';
}
