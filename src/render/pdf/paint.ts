/**
 * The painter: positioned boxes on pages → the PDF, through pdfkit. No layout
 * decisions here beyond placing the page furniture (running heads, folios) and the
 * outline. Tagged: every item's text and images are marked content of its structure
 * element; rules, backgrounds, running heads, folios and repeated content are artifacts.
 */
import type {} from 'pdfkit'; // brings in the PDFKit namespace types
import type { PdfTheme } from '../../config/options.js';
import type { FontBook, Variant } from './fonts.js';
import type { Page, Placed } from './layout/paginate.js';
import type { Box, Item, StructNode } from './layout/types.js';
import { markFront, moveFrontFirst, type FrontMark } from './front-pages.js';
import { annotate, ItemLinks, linkContents, objrOnOwnPage, type LinkCarry } from './links.js';
import { TextWriter } from './text-writer.js';

type Doc = PDFKit.PDFDocument;
type Outline = PDFKit.PDFOutline;
type Element = PDFKit.PDFStructureElement;

/**
 * pdfkit's `openImage` (untyped in @types/pdfkit) returns an image object that
 * `doc.image` draws again without embedding it again; @types/pdfkit only knows buffers
 * and paths as sources, hence the calls through Reflect.
 */
function openImage(doc: Doc, data: Buffer): unknown {
  const open: unknown = Reflect.get(doc, 'openImage');
  return typeof open === 'function' ? Reflect.apply(open, doc, [data]) : data;
}

function drawImage(doc: Doc, source: unknown, x: number, y: number, width: number, height: number): void {
  Reflect.apply(doc.image, doc, [source, x, y, { width, height }]);
}

export interface PaintOptions {
  theme: PdfTheme;
  fonts: FontBook;
  /** Called when pdfkit refuses an image that passed the layout checks. */
  onImageError(alt: string, error: unknown): void;
  /** Sees each image pdfkit opened, once, before it is drawn (PDF/A-1 flattens transparency here). */
  prepareImage?(image: unknown, alt: string): void;
}

/**
 * What a box is marked as: its structure element (a link's text: its Link element), an
 * artifact, or nothing (annotations).
 */
function markOf(box: Box, item: Item, links: ItemLinks): StructNode | 'artifact' | 'none' {
  if (box.kind === 'link' || box.kind === 'dest') return 'none';
  if (box.kind === 'rule' || box.kind === 'rect' || (box.kind === 'text' && box.artifact)) return 'artifact';
  if (item.artifact) return 'artifact';
  const tag = box.tag ?? item.tag;
  if (!tag) return 'artifact';
  return (box.kind === 'text' ? links.textNode(box, tag) : undefined) ?? tag;
}

export class Painter {
  private readonly outlineStack: Outline[];
  private readonly writer: TextWriter;
  private readonly elements = new Map<StructNode, Element>();
  /** Link elements of the current page: ended with it, so that their OBJRs name it. */
  private readonly pageLinks: StructNode[] = [];
  /** The link the last item ended with (a link broken across lines stays one element). */
  private carry: LinkCarry | undefined;
  private readonly images = new Map<string, unknown>();
  private readonly fittedHeads = new Map<string, string>();
  private readonly root: Element;
  private pageHeight = 0;
  /** Set when the front pages (painted after the others) begin. */
  private front: FrontMark | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly options: PaintOptions,
  ) {
    this.outlineStack = [doc.outline];
    this.writer = new TextWriter(doc, options.fonts);
    this.root = doc.struct('Document');
    objrOnOwnPage(this.root);
    doc.addStructure(this.root);
  }

  private element(node: StructNode): Element {
    let element = this.elements.get(node);
    if (!element) {
      const parent = node.parent ? this.element(node.parent) : this.root;
      element = this.doc.struct(node.role, { ...(node.alt === undefined ? {} : { alt: node.alt }), ...(node.lang === undefined ? {} : { lang: node.lang }) });
      parent.add(element);
      this.elements.set(node, element);
      if (node.role === 'Link') this.pageLinks.push(node);
    }
    return element;
  }

  /**
   * Ends the page's Link elements, but for the one the page's text ends in: that link
   * goes on over the page break as the same element (its OBJRs keep their own pages:
   * links.ts, `objrOnOwnPage`).
   */
  private endLinks(): void {
    const goesOn = this.carry?.node;
    for (const node of this.pageLinks) {
      if (node === goesOn) continue;
      this.elements.get(node)?.end();
      this.elements.delete(node);
    }
    this.pageLinks.length = 0;
    if (goesOn && this.elements.has(goesOn)) this.pageLinks.push(goesOn);
  }

  private link(box: Extract<Box, { kind: 'link' }>, left: number, top: number, links: ItemLinks): void {
    const node = links.annotationNode(box);
    // No Link element: the link's text is drawn as an artifact (a repeated pull quote or
    // table header, untagged text), which is not read; an annotation outside the
    // structure tree would be (PDF/UA 7.18.1). The original text keeps the link.
    if (!node) return;
    annotate(this.doc, box, left + box.x, top + box.y, linkContents(box, links.text(node), node), this.element(node));
  }

  private image(box: Extract<Box, { kind: 'image' }>, left: number, top: number): void {
    const doc = this.doc;
    try {
      // One image object per asset (or per drawing without one), however often it is drawn.
      const key = box.assetId ?? `anonymous-${this.images.size}`;
      let source = this.images.get(key);
      if (source === undefined) {
        source = openImage(doc, Buffer.from(box.data));
        this.options.prepareImage?.(source, box.alt);
      }
      this.images.set(key, source);
      drawImage(doc, source, left + box.x, top + box.y, box.width, box.height);
    } catch (error) {
      this.options.onImageError(box.alt, error);
      doc.save().rect(left + box.x, top + box.y, box.width, box.height).fillColor('#ebe8e3').fill().restore();
    }
  }

  private box(box: Box, left: number, top: number, gap: number, links: ItemLinks): void {
    const doc = this.doc;
    switch (box.kind) {
      case 'text':
        this.writer.text(box.text, box.font, box.size, box.color, left + box.x, top + box.y, this.pageHeight, box.tracking);
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
        this.image(box, left, top);
        break;
      case 'link':
        this.link(box, left, top, links);
        break;
      case 'dest':
        doc.addNamedDestination(box.name, 'XYZ', left + box.x, top + box.y, null);
        break;
    }
  }

  /** Draws an item's boxes, grouped into marked-content sequences. */
  private item(placed: Placed, left: number, top: number): void {
    const { item } = placed;
    const links = new ItemLinks(item, this.options.fonts, this.carry);
    let group: StructNode | 'artifact' | 'none' | undefined;
    const close = () => {
      this.writer.end();
      if (group !== undefined && group !== 'none') this.doc.endMarkedContent();
      group = undefined;
    };
    for (const box of item.boxes) {
      const mark = markOf(box, item, links);
      if (mark !== group) {
        close();
        if (mark === 'artifact') this.doc.markContent('Artifact', { type: 'Layout' });
        else if (mark !== 'none') this.element(mark).add(this.doc.markStructureContent(mark.role));
        group = mark;
      }
      if (box.kind === 'text') this.writer.begin(this.pageHeight);
      else this.writer.end();
      this.box(box, left, top + placed.y, placed.gap, links);
    }
    close();
    this.carry = links.trailing();
  }

  private outline(title: string, level: number): void {
    const depth = Math.min(level, this.outlineStack.length - 1);
    const parent = this.outlineStack[depth] ?? this.doc.outline;
    const entry = parent.addItem(title);
    this.outlineStack.length = depth + 1;
    this.outlineStack.push(entry);
  }

  /** `text` shortened at a word, with an ellipsis, to fit `width` (a long title as a running head). */
  private fitted(text: string, variant: Variant, size: number, width: number): string {
    // Every page of a chapter has the same head: shorten it once.
    const key = `${variant}\u0000${size}\u0000${width}\u0000${text}`;
    let fitted = this.fittedHeads.get(key);
    if (fitted === undefined) {
      fitted = this.shorten(text, variant, size, width);
      this.fittedHeads.set(key, fitted);
    }
    return fitted;
  }

  private shorten(text: string, variant: Variant, size: number, width: number): string {
    const widthOf = (value: string) => this.options.fonts.segment(value, 'text', variant, size).segments.reduce((sum, segment) => sum + segment.width, 0);
    if (widthOf(text) <= width) return text;
    const words = text.split(/\s+/);
    while (words.length > 1) {
      words.pop();
      const shortened = `${words.join(' ').replace(/[\s,;:.–—-]+$/u, '')}…`;
      if (widthOf(shortened) <= width) return shortened;
    }
    return '…';
  }

  /** Page furniture: a string centred on `center`, with fallback fonts where needed. */
  private centred(text: string, variant: Variant, size: number, color: string, center: number, baseline: number): void {
    const { segments } = this.options.fonts.segment(text, 'text', variant, size);
    const width = segments.reduce((sum, segment) => sum + segment.width, 0);
    let x = center - width / 2;
    this.doc.markContent('Artifact', { type: 'Pagination' });
    this.writer.begin(this.pageHeight);
    for (const segment of segments) {
      this.writer.text(segment.text, segment.font, size, color, x, baseline, this.pageHeight);
      x += segment.width;
    }
    this.writer.end();
    this.doc.endMarkedContent();
  }

  /**
   * Paints one page. `front`: a title or contents page, painted after every other page
   * (passes.ts) and moved in front of them when the painter finishes.
   */
  page(page: Page, front = false): void {
    if (front && !this.front) {
      // The body's last link ends with it; the front pages start a fresh outline level.
      this.carry = undefined;
      this.endLinks();
      this.outlineStack.length = 1;
      this.front = markFront(this.doc, this.root);
    }
    const { theme } = this.options;
    const { width, height } = theme.pageSize;
    const { margins } = theme;
    this.doc.addPage({ size: [width, height], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.pageHeight = height;
    // Recto (odd) pages have the inner margin on the left, verso pages on the right.
    const left = page.number % 2 === 1 ? margins.inner : margins.outer;
    const measure = width - margins.inner - margins.outer;
    const center = left + measure / 2;
    for (const placed of page.placed) {
      if (placed.item.outline) this.outline(placed.item.outline.title, placed.item.outline.level);
      this.item(placed, left, margins.top);
    }
    // The footnotes have links of their own: the text's last link goes on after them.
    const textCarry = this.carry;
    this.carry = undefined;
    for (const placed of page.notes) this.item(placed, left, margins.top);
    this.carry = textCarry;
    this.endLinks();
    if (page.plain) return;
    const small = theme.fontSize * 0.78;
    if (!page.opener && page.runningHead) {
      this.centred(this.fitted(page.runningHead, 'italic', small, measure), 'italic', small, theme.colors.muted, center, margins.top * 0.55);
    }
    if (!page.opener) this.centred(String(page.number), 'regular', small, theme.colors.muted, center, height - margins.bottom * 0.45);
  }

  /** Closes the structure tree (call once, before `doc.end()`). */
  finish(): void {
    if (this.front) moveFrontFirst(this.doc, this.root, this.front);
    this.root.end();
  }
}
