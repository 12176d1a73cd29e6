/**
 * The layout engine's data: styled runs in, positioned boxes out.
 * Coordinates are points; x from the left edge of the text block, y downwards
 * from the top of the item that holds the box.
 */
import type { Node } from 'unist';
import type { Family, FontKey, Metrics } from '../fonts.js';
import type { PdfTheme } from '../../../config/options.js';
import type { Place } from '../../../diagnostics/report.js';
import type { RuleId } from '../../../diagnostics/rules.js';
import type { Asset } from '../../../manuscript/asset-types.js';
import type { InlineScope } from './inline.js';
import type { Hyphenate } from './words.js';

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
  /** A footnote call: the note's key (`<chapter id>:<identifier>`). */
  note?: string;
}

/** An image inside a line of text, as drawn: its bytes, alt text and size in points. */
export interface InlineImage {
  data: Uint8Array;
  alt: string;
  assetId: string;
  width: number;
  height: number;
}

/** Inline content, flattened: text in one style, an image inside the line, or a forced line break. */
export type Run =
  | { kind: 'text'; text: string; style: RunStyle; node?: Node; offset?: number }
  | { kind: 'image'; image: InlineImage; style: RunStyle; node?: Node; offset?: number }
  | { kind: 'break' };

export type Align = 'justify' | 'left' | 'right' | 'center';

/** One piece of a line, set in one font (made by `newFragment` in words.ts: one shape for all). */
export interface Fragment {
  x: number;
  text: string;
  font: FontKey;
  size: number;
  color: string;
  width: number;
  rise: number;
  /** URI, or `#name` for a destination in the document. */
  link?: string;
  strike?: boolean;
  note?: string;
  /** Letter spacing added after each character (justification), in points. */
  tracking?: number;
  /** An image inside the line: the fragment draws it (its text is empty). */
  image?: InlineImage;
}

/** What the layout report needs to know about a set line. */
export interface LineInfo {
  /** Justified to the measure (not the last line of a paragraph, not ragged). */
  justified: boolean;
  /** Widest word space over its natural width (1 when none stretched). */
  spaceRatio: number;
  /** Ends with a hyphen the hyphenator (or a soft hyphen) put there. */
  hyphenated: boolean;
}

export interface Line {
  fragments: Fragment[];
  /** Width the content occupies after alignment (for table sizing). */
  width: number;
  info?: LineInfo;
  /** Characters of the block's text content before the line (page map). */
  offset?: number;
  /** The continuation of the line before it (a wrapped line of code). */
  wrapped?: boolean;
}

/** Structure roles of the tagged PDF (ISO 32000-1, 14.8.4). */
export type Role =
  | 'Sect' | 'Part' | 'Div' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Caption' | 'Note' | 'Link' | 'Code' | 'BlockQuote' | 'TOC' | 'TOCI' | 'Reference';

/** A structure element; items and boxes point at their innermost element. */
export interface StructNode {
  role: Role;
  parent?: StructNode | undefined;
  /** Alternate text (figures). */
  alt?: string;
  lang?: string;
}

export type Box =
  /**
   * Text; `artifact` marks decoration (leader dots) that is not read. `link`: the URI or
   * `#name` this text is the label of (its words go into that link's Link element).
   */
  | { kind: 'text'; x: number; y: number; text: string; font: FontKey; size: number; color: string; tag?: StructNode; artifact?: boolean; tracking?: number; link?: string }
  | { kind: 'rule'; x: number; y: number; width: number; thickness: number; color: string }
  /** Filled rectangle; `bleed` extends it upwards over the space before its item. */
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string; bleed?: boolean }
  | { kind: 'image'; x: number; y: number; width: number; height: number; data: Uint8Array; alt: string; assetId?: string; tag?: StructNode }
  /**
   * A clickable area: `url` is a URI, or `#name` for a destination in the document.
   * `tag`: its Link structure element when the layout made one (else the painter does);
   * `alt`: the annotation's /Contents (else derived from the link text); `label`: the
   * link's whole text when it runs over several lines (else the painter reads it from
   * the lines it has drawn).
   */
  | { kind: 'link'; x: number; y: number; width: number; height: number; url: string; tag?: StructNode; alt?: string; label?: string }
  /** A named destination (link target) at this point. */
  | { kind: 'dest'; x: number; y: number; name: string };

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
  /** Structure element of the item's text and images (absent: drawn as an artifact). */
  tag?: StructNode;
  /** Not part of the reading order (repeated pull quotes, repeated table headers). */
  artifact?: boolean;
  /** Footnotes first called from this item: set at the foot of its page. */
  notes?: Item[][];
  /** Numbers of the notes this item calls (filled in as notes by the chapter layout). */
  calls?: string[];
  /** Where the item comes from (page map): chapter, block node, text offset. */
  source?: { chapterId?: string; node?: Node; offset: number };
  /** Set line of a paragraph (layout report): its place in the paragraph. */
  line?: { info: LineInfo; index: number; count: number };
  /** Can float past following text to the top of the next page (figures). */
  float?: boolean;
  /** Set in a column of a multi-column page (body text of a two-column chapter). */
  column?: boolean;
  /** Set across every column of a multi-column page (pull quotes, tables, wide figures). */
  span?: boolean;
  /** A line of body text in a column: its top goes on the region's baseline grid (columns.ts). */
  grid?: boolean;
}

/** Everything the block layout needs, and nothing of pdfkit. */
export interface LayoutEnv {
  metrics: Metrics;
  theme: PdfTheme;
  /** Width of the text block and height of the page area. */
  measure: number;
  areaHeight: number;
  lang: string;
  /** Break points of a word in the chapter's language (absent: no hyphenation). */
  hyphenate?: Hyphenate | undefined;
  assets: Map<string, Asset>;
  /** Columns of chapter body text (absent: one). */
  columns?: number | undefined;
  warn(ruleId: RuleId, reason: string, place?: Place): void;
  /** What a manuscript's `#name` links can reach (targets.ts); absent: every such link is kept. */
  targets?: ReadonlySet<string> | undefined;
  /** The chapter's manuscript text, to point a message at one character (absent: at its node). */
  source?: string | undefined;
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
  /** The structure element the block's own element goes into (absent: the document). */
  parent?: StructNode | undefined;
  /** In a column of a multi-column page: the full text block, for blocks that span it. */
  span?: { x: number; width: number } | undefined;
  /** A right-to-left chapter (its language): nested blocks indent from the right, markers and quote bars stand on the right. */
  rtl?: boolean | undefined;
}

/** A new structure element inside the context's. */
export function structIn(ctx: BlockCtx, role: Role, extra: Partial<StructNode> = {}): StructNode {
  return { role, parent: ctx.parent, ...extra };
}

/** An item set on a page (paginate.ts). */
export interface Placed {
  item: Item;
  /** Top of the item from the top of the text block. */
  y: number;
  /** Space actually left above it (0 at the top of a page). */
  gap: number;
}

/** A page: its items, its notes and its furniture (paginate.ts). */
export interface Page {
  /** Folio (1-based). */
  number: number;
  placed: Placed[];
  /** Footnote lines (and their separator) at the foot of the page. */
  notes: Placed[];
  runningHead: string;
  /** Chapter opener: no running head, no folio. */
  opener: boolean;
  /** No running head and no folio (title page). */
  plain: boolean;
  /** Figure ids set on this page. */
  marks: string[];
}
