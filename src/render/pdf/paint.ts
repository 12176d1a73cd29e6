/**
 * The painter: positioned boxes on pages → pdfkit drawing calls. No layout decisions
 * here beyond placing the page furniture (running heads, folios) and the outline.
 */
import type {} from 'pdfkit'; // brings in the PDFKit namespace types
import type { PdfTheme } from '../../config/options.js';
import { fontFeatures, type FontBook, type FontKey, type Variant } from './fonts.js';
import type { Page } from './layout/paginate.js';
import type { Box } from './layout/types.js';

type Doc = PDFKit.PDFDocument;
type Outline = PDFKit.PDFOutline;

export interface PaintOptions {
  theme: PdfTheme;
  fonts: FontBook;
  /** Called when pdfkit refuses an image that passed the layout checks. */
  onImageError(alt: string, error: unknown): void;
}

function setFont(doc: Doc, key: FontKey, size: number, fonts: FontBook, registered: Set<FontKey>): void {
  if (!registered.has(key)) {
    doc.registerFont(key, fonts.path(key));
    registered.add(key);
  }
  doc.font(key).fontSize(size);
}

export class Painter {
  private readonly registered = new Set<FontKey>();
  private readonly outlineStack: Outline[];

  constructor(
    private readonly doc: Doc,
    private readonly options: PaintOptions,
  ) {
    this.outlineStack = [doc.outline];
  }

  private text(text: string, key: FontKey, size: number, color: string, x: number, y: number): void {
    setFont(this.doc, key, size, this.options.fonts, this.registered);
    const features = fontFeatures(key);
    this.doc.fillColor(color).text(text, x, y, {
      lineBreak: false,
      baseline: 'alphabetic',
      // pdfkit hands `features` to fontkit, which also takes an object that switches
      // features off (what we measured with); the typings only know the array form.
      ...(features ? { features: features as unknown as PDFKit.Mixins.OpenTypeFeatures[] } : {}),
    });
  }

  /** Page furniture: a string centred on `center`, with fallback fonts where needed. */
  private centred(text: string, variant: Variant, size: number, color: string, center: number, baseline: number): void {
    const { segments } = this.options.fonts.segment(text, 'text', variant, size);
    const width = segments.reduce((sum, segment) => sum + segment.width, 0);
    let x = center - width / 2;
    for (const segment of segments) {
      this.text(segment.text, segment.font, size, color, x, baseline);
      x += segment.width;
    }
  }

  private box(box: Box, left: number, top: number, gap: number): void {
    const doc = this.doc;
    switch (box.kind) {
      case 'text':
        this.text(box.text, box.font, box.size, box.color, left + box.x, top + box.y);
        break;
      case 'rule':
        doc.save().moveTo(left + box.x, top + box.y).lineTo(left + box.x + box.width, top + box.y).lineWidth(box.thickness).strokeColor(box.color).stroke().restore();
        break;
      case 'rect': {
        const up = box.bleed ? gap : 0;
        doc.save().rect(left + box.x, top + box.y - up, box.width, box.height + up).fillColor(box.color).fill().restore();
        break;
      }
      case 'image':
        try {
          doc.image(Buffer.from(box.data), left + box.x, top + box.y, { width: box.width, height: box.height });
        } catch (error) {
          this.options.onImageError(box.alt, error);
          doc.save().rect(left + box.x, top + box.y, box.width, box.height).fillColor('#ebe8e3').fill().restore();
        }
        break;
      case 'link':
        doc.link(left + box.x, top + box.y, box.width, box.height, box.url);
        break;
    }
  }

  private outline(title: string, level: number): void {
    const depth = Math.min(level, this.outlineStack.length - 1);
    const parent = this.outlineStack[depth] ?? this.doc.outline;
    const entry = parent.addItem(title);
    this.outlineStack.length = depth + 1;
    this.outlineStack.push(entry);
  }

  page(page: Page): void {
    const { theme } = this.options;
    const { width, height } = theme.pageSize;
    const { margins } = theme;
    this.doc.addPage({ size: [width, height], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    // Recto (odd) pages have the inner margin on the left, verso pages on the right.
    const left = page.number % 2 === 1 ? margins.inner : margins.outer;
    const measure = width - margins.inner - margins.outer;
    const center = left + measure / 2;
    for (const placed of page.placed) {
      if (placed.item.outline) this.outline(placed.item.outline.title, placed.item.outline.level);
      for (const box of placed.item.boxes) this.box(box, left, margins.top + placed.y, placed.gap);
    }
    if (page.plain) return;
    const small = theme.fontSize * 0.78;
    if (!page.opener && page.runningHead) {
      this.centred(page.runningHead, 'italic', small, theme.colors.muted, center, margins.top * 0.55);
    }
    this.centred(String(page.number), 'regular', small, theme.colors.muted, center, height - margins.bottom * 0.45);
  }
}
