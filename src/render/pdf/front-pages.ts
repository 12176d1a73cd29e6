/**
 * Front pages painted last, put back in front. The layout streams a book's pages out
 * as they are finished but sets its title and contents pages last, when the contents'
 * page numbers are known (passes.ts). pdfkit appends each page to the page tree, each
 * top-level structure element to the document element and each outline entry to the
 * outline as they are drawn; these three lists are reordered here, before they are
 * written (`root.end()` and `doc.end()`), so that the file reads in page order.
 *
 * This leans on pdfkit 0.20 internals, checked at run time: the page tree's `Kids`
 * (`doc._root.data.Pages.data.Kids`), a structure element's `_children` and an outline's
 * `children`.
 */
import type {} from 'pdfkit';
import { field, isRecord } from './text-writer.js';

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

/** Lengths of the three lists when the first front page is painted. */
export interface FrontMark {
  kids: number;
  elements: number;
  outline: number;
}

function lists(doc: Doc, root: Element): { kids: unknown[]; elements: unknown[]; outline: unknown[] } {
  const kids = field(doc, '_root', 'data', 'Pages', 'data', 'Kids');
  const elements = field(root, '_children');
  const outline = field(doc, 'outline', 'children');
  if (!Array.isArray(kids) || !Array.isArray(elements) || !Array.isArray(outline)) throw new Error('pdfkit internals changed: the page tree, structure or outline lists are missing');
  return { kids, elements, outline };
}

/** Call before painting the first front page. */
export function markFront(doc: Doc, root: Element): FrontMark {
  const { kids, elements, outline } = lists(doc, root);
  return { kids: kids.length, elements: elements.length, outline: outline.length };
}

/** Moves what was added since `mark` to the start of each list (call before the structure and the document end). */
export function moveFrontFirst(doc: Doc, root: Element, mark: FrontMark): void {
  const current = lists(doc, root);
  for (const key of ['kids', 'elements', 'outline'] as const) {
    const list = current[key];
    list.unshift(...list.splice(mark[key]));
  }
}
