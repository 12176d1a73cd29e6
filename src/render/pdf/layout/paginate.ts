/**
 * The paginator: items → pages. Greedy, with keeps: an item that must stay with the
 * next ones (headings, first and last but one lines of paragraphs, table headers)
 * moves to a new page with them when they do not fit together. Footnotes go to the
 * foot of the page that calls them, continuing on the next page when long. A figure
 * that does not fit lets the following lines of text fill the page, and opens the next.
 */
import type { Item } from './types.js';

export interface Placed {
  item: Item;
  /** Top of the item from the top of the text block. */
  y: number;
  /** Space actually left above it (0 at the top of a page). */
  gap: number;
}

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

export interface PaginateOptions {
  areaHeight: number;
  firstNumber?: number;
  startHead?: string;
  /** Drawn above the first footnote of a page. */
  noteSeparator?: Item;
  /** Called with each finished page (streaming); pages are still returned unless `keep` is false. */
  onPage?: (page: Page) => void;
  keep?: boolean;
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
  private readonly area: number;
  private count = 0;

  constructor(private readonly options: PaginateOptions) {
    this.head = options.startHead ?? '';
    this.area = options.areaHeight;
  }

  private finishPage(): void {
    if (!this.page) return;
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
    for (const item of floats) this.place(page, item, 0);
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

  /** Height of `items[i]` and the items kept with it. */
  private chainHeight(items: readonly Item[], i: number): number {
    let j = i;
    let height = items[i]?.height ?? 0;
    while (height <= this.area && items[j]?.keepWithNext) {
      const next = items[j + 1];
      if (!next || next.breakBefore) break;
      height += next.spaceBefore + next.height;
      j++;
    }
    return height;
  }

  add(items: readonly Item[]): void {
    items.forEach((item, index) => this.addItem(items, item, index));
  }

  private addItem(items: readonly Item[], item: Item, index: number): void {
    let current = this.page ?? this.newPage();
    if (this.deferred.length > 0 && (item.line === undefined || item.breakBefore || item.float)) current = this.newPage();
    if (item.breakBefore && current.placed.length > 0) current = this.newPage();
    if (item.runningHead !== undefined) {
      this.head = item.runningHead;
      if (current.placed.length === 0) current.runningHead = this.head;
    }
    if (item.opener && current.placed.length === 0) current.opener = true;
    if (item.plain && current.placed.length === 0) current.plain = true;
    let gap = current.placed.length > 0 ? item.spaceBefore : 0;
    const notes = this.noteNeeds(item);
    if (current.placed.length > 0) {
      const bottom = this.area - this.notesHeight;
      const chain = this.chainHeight(items, index);
      const fitsAlone = this.y + gap + item.height + notes.min <= bottom + EPSILON;
      const chainFits = this.y + gap + chain + notes.min <= bottom + EPSILON;
      if (!fitsAlone || (!chainFits && chain <= this.area)) {
        // A figure lets the text that follows fill the page when the gap would be large.
        if (item.float && !fitsAlone && bottom - this.y > this.area * 0.15 && items[index + 1]?.line !== undefined) {
          this.deferred.push(item);
          return;
        }
        current = this.newPage();
        gap = 0;
        if (item.repeat) {
          current.placed.push({ item: item.repeat, y: this.y, gap: 0 });
          this.y += item.repeat.height;
        }
      }
    }
    this.place(current, item, gap);
    if (item.notes) {
      const room = this.area - this.y;
      for (const note of item.notes) this.addNotes(note, room);
    }
  }

  /** Ends the current page (the next item opens a new one). */
  endPage(): void {
    while (this.deferred.length > 0 || this.carry.length > 0) this.newPage();
    this.finishPage();
  }

  /** Ends the last page; returns every page kept. */
  finish(): Page[] {
    while (this.deferred.length > 0 || this.carry.length > 0) this.newPage();
    this.finishPage();
    return this.pages;
  }
}

export function paginate(items: readonly Item[], areaHeight: number, firstNumber = 1, startHead = '', noteSeparator?: Item): Page[] {
  const paginator = new Paginator({ areaHeight, firstNumber, startHead, ...(noteSeparator ? { noteSeparator } : {}) });
  paginator.add(items);
  return paginator.finish();
}
