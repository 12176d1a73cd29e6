/**
 * The layout engine's data: styled runs in, positioned boxes out.
 * Coordinates are points; x from the left edge of the text block, y downwards
 * from the top of the item that holds the box.
 */
import type { Node } from 'unist';
import type { Family, FontKey, Metrics } from '../fonts.js';
import type { PdfTheme } from '../../../config/options.js';
import type { RuleId } from '../../../diagnostics/rules.js';
import type { Asset } from '../../../manuscript/asset-types.js';
import type { InlineScope } from './inline.js';

export interface RunStyle {
  family: Family;
  bold: boolean;
  italic: boolean;
  size: number;
  color: string;
  link?: string;
  strike?: boolean;
  /** Baseline shift upwards (superscripts), in points. */
  rise?: number;
}

/** Inline content, flattened: text in one style, or a forced line break. */
export type Run = { kind: 'text'; text: string; style: RunStyle; node?: Node } | { kind: 'break' };

export type Align = 'justify' | 'left' | 'right' | 'center';

/** One piece of a line, set in one font. */
export interface Fragment {
  x: number;
  text: string;
  font: FontKey;
  size: number;
  color: string;
  width: number;
  rise: number;
  link?: string;
  strike?: boolean;
}

export interface Line {
  fragments: Fragment[];
  /** Width the content occupies after alignment (for table sizing). */
  width: number;
}

export type Box =
  | { kind: 'text'; x: number; y: number; text: string; font: FontKey; size: number; color: string }
  | { kind: 'rule'; x: number; y: number; width: number; thickness: number; color: string }
  /** Filled rectangle; `bleed` extends it upwards over the space before its item. */
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string; bleed?: boolean }
  | { kind: 'image'; x: number; y: number; width: number; height: number; data: Uint8Array; alt: string }
  | { kind: 'link'; x: number; y: number; width: number; height: number; url: string };

/** What the paginator moves around: an unbreakable strip of the page. */
export interface Item {
  height: number;
  /** Vertical space before the item; dropped at the top of a page. */
  spaceBefore: number;
  boxes: Box[];
  /** Keep on the same page as the next item (headings, orphan and widow control). */
  keepWithNext?: boolean;
  /** Start a new page before this item (chapter openers). */
  breakBefore?: boolean;
  /** Baseline of the first text line, from the item top (list markers align on it). */
  firstBaseline?: number;
  /** Outline (bookmark) entry: level 0 chapters, 1.. sections. */
  outline?: { title: string; level: number };
  /** Ids of figures that land with this item (page map for the credits page). */
  marks?: string[];
  /** Drawn again at the top of a page when this item opens it (table header rows). */
  repeat?: Item;
  /** The running head to use from the page this item lands on; empty for none. */
  runningHead?: string;
  /** Suppress running head and folio on the page this item opens (chapter openers). */
  opener?: boolean;
  /** No page furniture at all on the page this item opens (title page). */
  plain?: boolean;
}

/** Everything the block layout needs, and nothing of pdfkit. */
export interface LayoutEnv {
  metrics: Metrics;
  theme: PdfTheme;
  /** Width of the text block and height of the page area. */
  measure: number;
  areaHeight: number;
  lang: string;
  assets: Map<string, Asset>;
  warn(ruleId: RuleId, reason: string, node?: Node): void;
}

/** The text defaults a block inherits from its container. */
export interface BlockStyle {
  family: Family;
  size: number;
  leading: number;
  color: string;
  italic: boolean;
  align: Align;
}

/** Where and how a block is set: its container's offset, width and text style. */
export interface BlockCtx {
  scope: InlineScope;
  x: number;
  width: number;
  style: BlockStyle;
  /** Nesting depth of lists (bullet shapes). */
  listDepth: number;
}
