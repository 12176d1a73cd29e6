/**
 * The contract between the PDF layout and the EPUB page list: where each printed
 * page starts in the tree. The PDF engine computes it (`pageMapOf` in render/pdf);
 * build.ts hands it to the EPUB renderer, which writes `doc-pagebreak` markers and
 * a page list whose numbers match the PDF.
 */
import type { Node } from 'unist';

export interface PageStart {
  /** Printed page number (the folio). */
  page: number;
  /** Chapter the page starts in (`Chapter.id`); absent for front/back matter pages (title, TOC, credits). */
  chapterId?: string;
  /**
   * The block node (paragraph, heading, list item, table row, figure, pull quote…) whose
   * content is the first thing set on the page, or the chapter title block when `node`
   * is absent and `chapterId` is set.
   */
  node?: Node;
  /**
   * For a block split across pages: how many characters of its text content
   * (mdast-util-to-string) come before the page starts. 0 when the block starts the page.
   */
  offset: number;
}

/** Page starts in reading order, one per printed page. */
export type PageMap = readonly PageStart[];
