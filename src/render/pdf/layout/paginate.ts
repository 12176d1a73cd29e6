/**
 * The paginator: items → pages. Greedy, with keeps: an item that must stay with the
 * next ones (headings, first and last but one lines of paragraphs, table headers)
 * moves to a new page with them when they do not fit together. Footnotes go to the
 * foot of the page that calls them, continuing on the next page when long. A figure
 * that does not fit lets the following lines of text fill the page, and opens the next.
 * Items marked `column` flow in the columns of a region (columns.ts) when the page has
 * several, and a figure in a column may wait for the next page's first column
 * (float-rules.ts); with `recto`, openers start on odd pages after a blank verso when needed.
 */
import { columnFloatWaits, textAhead, type ColumnRoom } from './float-rules.js';
import { ColumnRegion, type ColumnGeometry } from './columns.js';
import type { Item, Page } from './types.js';

export type { Page, Placed } from './types.js';

export interface PaginateOptions {
  areaHeight: number;
  firstNumber?: number;
  startHead?: string;
  /** Drawn above the first footnote of a page. */
  noteSeparator?: Item;
  /** Called with each finished page (streaming); pages are still returned unless `keep` is false. */
  onPage?: (page: Page) => void;
  keep?: boolean;
  /** Columns for the items marked `column` (absent: they are set like any other). */
  columns?: ColumnGeometry | undefined;
  /** Start every opener (`breakBefore` and `opener`) on an odd page, after a blank one if needed. */
  recto?: boolean | undefined;
}

const EPSILON = 0.01;
/** Lines of a note that must stay with its call before the rest continues overleaf. */
const NOTE_MIN_LINES = 2;

function outer(item: Item): number {
  return item.spaceBefore + item.height;
}

export class Paginator {
  readonly pages: Page[] = [];
  private page: Page | undefined;
  private y = 0;
  private notesHeight = 0;
  private head: string;
  private carry: Item[] = [];
  private deferred: Item[] = [];
  /** Column-wide floats waiting for the top of the next page's first column (multi-column). */
  private columnDeferred: Item[] = [];
  private readonly area: number;
  private count = 0;
  /** The chain of kept items found too tall for a page: items up to `end` of `items` are set one by one. */
  private unkept: { items: readonly Item[]; end: number } = { items: [], end: -1 };
  /** The open band of columns of the current page (column items only). */
  private region: ColumnRegion | undefined;

  constructor(private readonly options: PaginateOptions) {
    this.head = options.startHead ?? '';
    this.area = options.areaHeight;
  }

  private finishPage(): void {
    if (!this.page) return;
    // Columns that reach the foot of the page stay full, not balanced; columns a page
    // ends above (a figure that fits only overleaf comes next) are balanced.
    const region = this.region;
    const grid = this.options.columns?.grid ?? 0;
    this.closeRegion(region !== undefined && region.bottom() + 2 * grid < this.area - this.notesHeight);
    const page = this.page;
    // Notes sit at the foot of the page.
    let y = this.area - this.notesHeight;
    for (const placed of page.notes) {
      placed.y = y + placed.gap;
      y += placed.gap + placed.item.height;
    }
    this.options.onPage?.(page);
    if (this.options.keep === false) this.pages.length = 0;
    this.page = undefined;
  }

  private newPage(): Page {
    this.finishPage();
    const page: Page = { number: (this.options.firstNumber ?? 1) + this.count++, placed: [], notes: [], runningHead: this.head, opener: false, plain: false, marks: [] };
    this.pages.push(page);
    this.page = page;
    this.y = 0;
    this.notesHeight = 0;
    const carried = this.carry;
    this.carry = [];
    this.addNotes(carried, this.area * 0.6);
    const floats = this.deferred;
    this.deferred = [];
    for (const item of floats) this.placeFloat(page, item, 0);
    this.placeColumnFloats(page, this.y);
    return page;
  }

  /**
   * Column-wide floats that waited for this page: down the first column from `top`, then
   * the next, while they fit (what does not waits for the next page). The text that
   * follows goes on in the columns beside and under them.
   */
  private placeColumnFloats(page: Page, top: number): void {
    const geometry = this.options.columns;
    if (!geometry || this.columnDeferred.length === 0) return;
    const region = (this.region ??= new ColumnRegion(top, geometry));
    const bottom = this.area - this.notesHeight;
    for (let item = this.columnDeferred[0]; item; item = this.columnDeferred[0]) {
      const fits = (candidate: Item) => region.columnBottom() + region.gapFor(candidate) + candidate.height + this.noteNeeds(candidate).min <= bottom + EPSILON;
      // Taller than the room left, in this column and the next: it waits, unless nothing is on the page yet.
      if (!fits(item) && !(!region.columnEmpty && region.advance() && fits(item)) && !(region.empty && top <= EPSILON)) break;
      this.columnDeferred.shift();
      region.add(item);
      if (item.marks) page.marks.push(...item.marks);
      for (const note of item.notes ?? []) this.addNotes(note, this.area - region.bottom());
    }
  }

  /**
   * A column-wide float that fits in no column left on this page waits for the next
   * page's first column while the text that follows fills these (float-rules.ts). True when deferred.
   */
  private deferInColumns(items: readonly Item[], item: Item, index: number, geometry: ColumnGeometry): boolean {
    const page = this.page;
    if (!item.float || !page || !textAhead(items, index)) return false;
    const room: ColumnRoom = { region: this.region, y: this.y, pageEmpty: page.placed.length === 0, bottom: this.area - this.notesHeight, area: this.area };
    if (!columnFloatWaits(item, item.height + this.noteNeeds(item).min, room, geometry)) return false;
    this.columnDeferred.push(item);
    return true;
  }

  /**
   * A new page for a block that does not flow in columns: the column figures that waited
   * for it are set at its top first, balanced, and the block goes under them.
   */
  private blockPage(): Page {
    const page = this.newPage();
    this.closeRegion(true);
    return page;
  }

  /** Adds note lines while they fit under `limit` of note area; the rest is carried over. */
  private addNotes(lines: Item[], limit: number): void {
    const page = this.page;
    if (!page) return;
    lines.forEach((line, index) => {
      const separator = page.notes.length === 0 ? this.options.noteSeparator : undefined;
      const gap = page.notes.length === 0 ? 0 : line.spaceBefore;
      const cost = (separator ? separator.height : 0) + gap + line.height;
      if (this.carry.length > 0 || this.notesHeight + cost > limit + EPSILON) {
        this.carry.push(line);
        return;
      }
      if (separator) page.notes.push({ item: separator, y: 0, gap: 0 });
      page.notes.push({ item: line, y: 0, gap: index === 0 && separator ? 0 : gap });
      this.notesHeight += cost;
    });
  }

  /** A float set on a later page than its place in the text, with the notes its caption calls. */
  private placeFloat(page: Page, item: Item, gap: number): void {
    this.place(page, item, gap);
    for (const note of item.notes ?? []) this.addNotes(note, this.area - this.y);
  }

  private place(page: Page, item: Item, gap: number): void {
    page.placed.push({ item, y: this.y + gap, gap });
    if (item.marks) page.marks.push(...item.marks);
    this.y += gap + item.height;
  }

  /** Height of the note lines an item brings (all of them, and the minimum to keep). */
  private noteNeeds(item: Item): { all: number; min: number } {
    if (!item.notes || item.notes.length === 0) return { all: 0, min: 0 };
    const separator = this.page && this.page.notes.length > 0 ? 0 : (this.options.noteSeparator?.height ?? 0);
    let all = separator;
    let min = separator;
    item.notes.forEach((note, noteIndex) => {
      note.forEach((line, lineIndex) => {
        all += outer(line);
        if (noteIndex === 0 && lineIndex < NOTE_MIN_LINES) min += outer(line);
      });
    });
    return { all, min };
  }

  /**
   * Height of `items[i]` and the items kept with it, with the note lines those items
   * must bring onto the page (a last line that calls a note needs room for it too, or
   * it would be pushed overleaf alone, a widow). Called once per item placed: a chain
   * found taller than a page is recorded (`unkept`), and its items are then measured
   * alone.
   */
  private chainHeight(items: readonly Item[], i: number): number {
    if (items === this.unkept.items && i <= this.unkept.end) return items[i]?.height ?? 0;
    let j = i;
    let height = items[i]?.height ?? 0;
    while (items[j]?.keepWithNext) {
      const next = items[j + 1];
      if (!next || next.breakBefore) break;
      height += next.spaceBefore + next.height + this.noteNeeds(next).min;
      j++;
    }
    // A chain taller than a page cannot be kept: it is set as it comes, to its end, rather
    // than leave its first item alone on this page for the rest to fit on the next.
    if (height > this.area) this.unkept = { items, end: j };
    return height;
  }

  add(items: readonly Item[]): void {
    items.forEach((item, index) => this.addItem(items, item, index));
  }

  /** Sets the open region's columns on the page, balanced or as they are. */
  private closeRegion(balance: boolean): void {
    const region = this.region;
    const page = this.page;
    this.region = undefined;
    if (!region || !page || region.empty) return;
    if (balance) region.balance();
    for (const placement of region.placements()) page.placed.push(placement);
    this.y = region.bottom();
  }

  /** Floats waiting for the next page that fit under the text of this one (multi-column). */
  private placeDeferredHere(): void {
    const page = this.page;
    while (page && this.deferred.length > 0) {
      const item = this.deferred[0];
      if (!item) break;
      const gap = page.placed.length > 0 ? item.spaceBefore : 0;
      if (this.y + gap + item.height > this.area - this.notesHeight + EPSILON) break;
      this.deferred.shift();
      this.placeFloat(page, item, gap);
    }
  }

  /**
   * A full-width float (pull quote band, wide figure) met while columns are open: it
   * goes under the balanced columns when it fits there; otherwise it waits for the top
   * of the next page while the text that follows fills these columns. True when deferred.
   */
  private deferAcrossColumns(items: readonly Item[], item: Item, index: number): boolean {
    const region = this.region;
    if (!region || !item.float || !textAhead(items, index)) return false;
    const below = region.top + region.balancedHeight() + item.spaceBefore + item.height + this.noteNeeds(item).min;
    if (below <= this.area - this.notesHeight + EPSILON) return false;
    this.deferred.push(item);
    return true;
  }

  /** A column item: down the current column, then the next, then onto a new page. */
  private addColumnItem(items: readonly Item[], item: Item, index: number, geometry: ColumnGeometry): void {
    if (this.deferInColumns(items, item, index, geometry)) return;
    let current = this.page ?? this.newPage();
    if (item.runningHead !== undefined) {
      this.head = item.runningHead;
      if (current.placed.length === 0) current.runningHead = this.head;
    }
    const notes = this.noteNeeds(item);
    const chain = this.chainHeight(items, index);
    let moved = false;
    let added = false;
    let held: Item[] = [];
    let advanced = false;
    let region: ColumnRegion;
    for (;;) {
      const first = held[0] ?? item;
      // Under a full-width item, at least half a line of space (a line that continues a paragraph has none).
      region = this.region ??= new ColumnRegion(this.y + (current.placed.length > 0 ? Math.max(first.spaceBefore, first.height / 2) : 0), geometry);
      for (const kept of held) region.add(kept);
      held = [];
      const bottom = this.area - this.notesHeight;
      const y = region.columnBottom() + region.gapFor(item);
      const others = region.bottom();
      const fitsAlone = Math.max(y + item.height, others) + notes.min <= bottom + EPSILON;
      const chainFits = Math.max(y + chain, others) + notes.min <= bottom + EPSILON;
      if ((fitsAlone && (chainFits || chain > this.area)) || (moved && region.columnEmpty)) break;
      // Its notes need room under a fuller column: shorten the columns to make it.
      if (notes.min > 0 && y + item.height + notes.min <= bottom + EPSILON && region.addWithin(item, bottom - notes.min - region.top)) {
        added = true;
        break;
      }
      // What keeps with the item (the line before a widow) goes on with it.
      if (!moved) held = region.takeBack(advanced);
      if (!region.columnEmpty && region.advance()) {
        advanced = true;
        continue;
      }
      current = this.newPage();
      moved = true;
    }
    if (!added) region.add(item);
    if (item.marks) current.marks.push(...item.marks);
    if (item.notes) {
      const room = this.area - region.bottom();
      for (const note of item.notes) this.addNotes(note, room);
    }
  }

  private addItem(items: readonly Item[], item: Item, index: number): void {
    if (this.options.columns && item.column) {
      this.addColumnItem(items, item, index, this.options.columns);
      return;
    }
    if (this.region) {
      if (this.deferAcrossColumns(items, item, index)) return;
      this.closeRegion(true);
    }
    // Column figures still waiting when the chapter ends: under its columns if they fit, else on pages of their own.
    if (item.breakBefore && this.columnDeferred.length > 0) {
      this.closeColumns();
      while (this.columnDeferred.length > 0) this.blockPage();
    }
    if (this.options.columns && item.breakBefore) this.placeDeferredHere();
    let current = this.page ?? this.blockPage();
    // Waiting floats come before what is not a line of text; a pull quote band (a float with no figure) may go before them.
    const band = item.float === true && !item.marks && this.options.columns !== undefined;
    if (this.deferred.length > 0 && (item.line === undefined || item.breakBefore || item.float) && !(band && !item.breakBefore)) current = this.blockPage();
    if (item.breakBefore && current.placed.length > 0) current = this.blockPage();
    if (this.options.recto && item.breakBefore && item.opener) current = this.rectoPage(current, item);
    if (item.runningHead !== undefined) {
      this.head = item.runningHead;
      if (current.placed.length === 0) current.runningHead = this.head;
    }
    if (item.opener && current.placed.length === 0) current.opener = true;
    if (item.plain && current.placed.length === 0) current.plain = true;
    let gap = current.placed.length > 0 ? item.spaceBefore : 0;
    const notes = this.noteNeeds(item);
    const chain = this.chainHeight(items, index);
    if (current.placed.length > 0) {
      const bottom = this.area - this.notesHeight;
      const fitsAlone = this.y + gap + item.height + notes.min <= bottom + EPSILON;
      const chainFits = this.y + gap + chain + notes.min <= bottom + EPSILON;
      if (!fitsAlone || (!chainFits && chain <= this.area)) {
        // A figure lets the text that follows fill the page when the gap would be large.
        if (item.float && !fitsAlone && bottom - this.y > this.area * 0.15 && items[index + 1]?.line !== undefined) {
          this.deferred.push(item);
          return;
        }
        current = this.blockPage();
        gap = 0;
        if (item.repeat) {
          current.placed.push({ item: item.repeat, y: this.y, gap: 0 });
          this.y += item.repeat.height;
        }
      }
    }
    this.place(current, item, gap);
    if (item.notes) {
      // The notes leave room for what keeps with the item (the second line of a paragraph): else it would be an orphan.
      const kept = chain <= this.area ? chain - item.height : 0;
      const room = this.area - this.y - kept;
      for (const note of item.notes) this.addNotes(note, room);
    }
  }

  /**
   * `current`, or the next odd page when `current` is even or not empty, for `opener`.
   * A blank verso has no furniture, and an empty anchor to the opener so that the page
   * map (and the EPUB page list) puts its page break just before the opener's.
   */
  private rectoPage(current: Page, opener: Item): Page {
    let page = current;
    while (page.number % 2 === 0 || page.placed.length > 0 || page.notes.length > 0) {
      if (page.placed.length === 0 && page.notes.length === 0) {
        page.plain = true;
        if (opener.source) page.placed.push({ item: { height: 0, spaceBefore: 0, boxes: [], source: opener.source }, y: 0, gap: 0 });
        this.finishPage();
      }
      page = this.newPage();
    }
    return page;
  }

  /** Balanced columns, then floats still waiting when they fit under them. */
  private closeColumns(): void {
    this.closeRegion(true);
    if (!this.options.columns) return;
    this.placeDeferredHere();
    const page = this.page;
    if (page && this.columnDeferred.length > 0) {
      this.placeColumnFloats(page, this.y + (page.placed.length > 0 ? (this.columnDeferred[0]?.spaceBefore ?? 0) : 0));
      this.closeRegion(true);
    }
  }

  /** Pages begun so far, the open one included. */
  get started(): number {
    return this.count;
  }

  /** Ends the current page (the next item opens a new one). */
  endPage(): void {
    this.closeColumns();
    while (this.deferred.length > 0 || this.columnDeferred.length > 0 || this.carry.length > 0) this.newPage();
    this.finishPage();
  }

  /** Ends the last page; returns every page kept. */
  finish(): Page[] {
    this.closeColumns();
    while (this.deferred.length > 0 || this.columnDeferred.length > 0 || this.carry.length > 0) this.newPage();
    this.finishPage();
    return this.pages;
  }
}

export function paginate(items: readonly Item[], areaHeight: number, firstNumber = 1, startHead = '', noteSeparator?: Item): Page[] {
  const paginator = new Paginator({ areaHeight, firstNumber, startHead, ...(noteSeparator ? { noteSeparator } : {}) });
  paginator.add(items);
  return paginator.finish();
}
