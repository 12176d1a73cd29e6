/**
 * Tagged links (PDF/UA 7.18.5, ISO 32000-1 14.8.4.4.2): every link annotation gets a
 * `Link` structure element that holds the link's text (marked content) and an object
 * reference (OBJR) to the annotation; the annotation gets /StructParent (its entry in
 * the ParentTree, written by pdfkit's `annotate` when given `structParent`) and
 * /Contents, a description for assistive technology.
 *
 * Layout may give a link its Link element (`tag` on the text and link boxes: TOC
 * entries, footnote back-links); otherwise this module makes one inside the structure
 * element of the link's text, one per link even when it runs on to the next line or
 * over a page break. pdfkit writes each OBJR when the element ends, naming the page
 * current then: each annotation reference here keeps the page it was drawn on, and the
 * element's flush writes that one (`objrOnOwnPage`).
 * A link whose text is an artifact (a repeated pull quote) gets no annotation.
 */
import type {} from 'pdfkit'; // brings in the PDFKit namespace types
import type { Metrics } from './fonts.js';
import type { Box, Item, StructNode } from './layout/types.js';
import { isRecord } from './text-writer.js';

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;
type TextBox = Extract<Box, { kind: 'text' }>;
type LinkBox = Extract<Box, { kind: 'link' }>;

/** A link whose text goes on from the end of one line to the start of the next. */
export interface LinkCarry {
  url: string;
  parent: StructNode;
  node: StructNode;
  text: string;
}

/**
 * The Link elements of one item: one per link target and enclosing element. A link that
 * ends the previous line (`carried`) and starts this one stays the same element.
 */
export class ItemLinks {
  private readonly nodes = new Map<string, StructNode>();
  private readonly texts = new Map<StructNode, TextBox[]>();
  private seenText = false;
  private last: { url: string; parent: StructNode; node: StructNode } | undefined;

  constructor(
    private readonly item: Item,
    private readonly metrics: Metrics,
    private readonly carried?: LinkCarry,
  ) {}

  private derived(url: string, parent: StructNode | undefined): StructNode {
    const key = `${url}\u0000${parent?.role ?? ''}`;
    let node = this.nodes.get(key);
    // One element per target within an item, so a link set in several fonts stays one Link.
    if (!node || node.parent !== parent) {
      const carried = this.carried;
      node = !this.seenText && carried && carried.url === url && carried.parent === parent ? carried.node : { role: 'Link', parent };
      this.nodes.set(key, node);
    }
    return node;
  }

  /** The Link node a text box is the label of, if any (remembered for the annotation's /Contents). */
  textNode(box: TextBox, base: StructNode): StructNode | undefined {
    const node = base.role === 'Link' ? base : box.link === undefined ? undefined : this.derived(box.link, base);
    this.seenText = true;
    this.last = node && box.link !== undefined ? { url: box.link, parent: base, node } : undefined;
    if (node) {
      const texts = this.texts.get(node);
      if (texts) texts.push(box);
      else this.texts.set(node, [box]);
    }
    return node;
  }

  /** The Link node of an annotation: the layout's, the one its text went into, or a new one. */
  annotationNode(box: LinkBox): StructNode | undefined {
    if (box.tag) return box.tag;
    if (this.item.artifact) return undefined;
    for (const [key, node] of this.nodes) if (key.startsWith(`${box.url}\u0000`)) return node;
    return this.item.tag ? this.derived(box.url, this.item.tag) : undefined;
  }

  /** The link this item's text ends with: the next line may go on with it. */
  trailing(): LinkCarry | undefined {
    return this.last ? { ...this.last, text: this.text(this.last.node) } : undefined;
  }

  /** The words of a Link's text (from the previous line on), spaced where the layout left a gap. */
  text(node: StructNode): string {
    let out = '';
    let end: number | undefined;
    for (const box of this.texts.get(node) ?? []) {
      if (end !== undefined && box.x > end + box.size * 0.1) out += ' ';
      out += box.text;
      end = box.x + this.metrics.width(box.text, box.font, box.size) + (box.tracking ?? 0) * Array.from(box.text).length;
    }
    const before = this.carried?.node === node ? this.carried.text : '';
    const joined = before && out ? (before.endsWith('-') ? `${before}${out}` : `${before} ${out}`) : before || out;
    return joined.replace(/\s+/g, ' ').trim();
  }
}

function langOf(node: StructNode | undefined): string {
  for (let n = node; n; n = n.parent) if (n.lang) return n.lang;
  return 'en';
}

/** /Contents of a link annotation: what it does, in the language of its text. */
export function linkContents(box: LinkBox, lineText: string, node: StructNode): string {
  if (box.alt) return box.alt;
  const text = box.label ?? lineText;
  const fr = langOf(node).toLowerCase().startsWith('fr');
  const note = /^#fn-.*-(\d+)$/.exec(box.url);
  if (note) return fr ? `Note ${note[1] ?? ''}` : `Footnote ${note[1] ?? ''}`;
  const back = /^#fnref-.*-(\d+)$/.exec(box.url);
  if (back) return fr ? `Retour à l’appel de la note ${back[1] ?? ''}` : `Back to the call of note ${back[1] ?? ''}`;
  if (box.url.startsWith('#')) return text || (fr ? 'Renvoi interne' : 'Cross-reference');
  // An external link: its text, and where it goes when the text does not say.
  return text && text !== box.url ? `${text} (${box.url})` : box.url;
}

/**
 * Draws a link annotation as a child of `element` (pdfkit adds the OBJR and the
 * ParentTree entry). `structParent` and a PDF string for `Contents` are not in
 * @types/pdfkit's AnnotationOption (its `Contents` is a JS string, which pdfkit would
 * write as a name), hence the calls through Reflect.
 */
export function annotate(doc: Doc, box: LinkBox, x: number, y: number, contents: string, element: Element): void {
  // A String object: pdfkit writes it as a PDF text string (a plain string would be a name).
  const options = { Contents: new String(contents), structParent: element };
  if (box.url.startsWith('#')) Reflect.apply(doc.goTo, doc, [x, y, box.width, box.height, box.url.slice(1), options]);
  else Reflect.apply(doc.link, doc, [x, y, box.width, box.height, box.url, options]);
  // The annotation's reference, just added to the element: it keeps its page (see objrOnOwnPage).
  const children: unknown = Reflect.get(element, '_children');
  const reference: unknown = Array.isArray(children) ? children[children.length - 1] : undefined;
  const page: unknown = Reflect.get(doc, 'page');
  if (isRecord(reference) && 'annotationRef' in reference && isRecord(page) && page.dictionary !== undefined) reference[ownPage] = page.dictionary;
}

/** Where an annotation reference keeps the page its annotation was drawn on. */
const ownPage = Symbol('folio.annotationPage');
const withOwnPages = new WeakSet<object>();

/**
 * Makes pdfkit's structure elements write an annotation's OBJR with the page the
 * annotation is on (kept by `annotate`), not the page current when the element ends:
 * a Link element that goes on over a page break then names both pages rightly. Done
 * once per process, on the class of `element`; references without a page (none of
 * ours) are written as pdfkit writes them.
 */
export function objrOnOwnPage(element: Element): void {
  const prototype: unknown = Object.getPrototypeOf(element);
  if (!isRecord(prototype) || withOwnPages.has(prototype)) return;
  const original = prototype._flushChild;
  if (typeof original !== 'function') throw new Error('pdfkit internals changed: PDFStructureElement._flushChild is missing');
  withOwnPages.add(prototype);
  prototype._flushChild = function flushChild(this: unknown, child: unknown): unknown {
    const page = isRecord(child) ? child[ownPage] : undefined;
    const dictionary: unknown = isRecord(this) ? this.dictionary : undefined;
    const data: unknown = isRecord(dictionary) ? dictionary.data : undefined;
    const kids: unknown = isRecord(data) ? data.K : undefined;
    if (page === undefined || !isRecord(child) || !Array.isArray(kids)) return Reflect.apply(original, this, [child]);
    kids.push({ Type: 'OBJR', Obj: child.annotationRef, Pg: page });
    return undefined;
  };
}
