/**
 * The paginator: items → pages. Greedy, with keeps: an item that must stay with the
 * next ones (headings, first and last but one lines of paragraphs, table headers)
 * moves to a new page with them when they do not fit together.
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
  runningHead: string;
  /** Chapter opener: no running head. */
  opener: boolean;
  /** No running head and no folio (title page). */
  plain: boolean;
  /** Figure ids set on this page. */
  marks: string[];
}

const EPSILON = 0.01;

/** Height of `items[i]` and the items kept with it. */
function chainHeight(items: readonly Item[], i: number, limit: number): number {
  let j = i;
  let height = items[i]?.height ?? 0;
  while (height <= limit && items[j]?.keepWithNext) {
    const next = items[j + 1];
    if (!next || next.breakBefore) break;
    height += next.spaceBefore + next.height;
    j++;
  }
  return height;
}

export function paginate(items: readonly Item[], areaHeight: number, firstNumber = 1, startHead = ''): Page[] {
  const pages: Page[] = [];
  let page: Page | undefined;
  let y = 0;
  let head = startHead;
  const newPage = () => {
    page = { number: firstNumber + pages.length, placed: [], runningHead: head, opener: false, plain: false, marks: [] };
    pages.push(page);
    y = 0;
    return page;
  };
  items.forEach((item, index) => {
    let current = page ?? newPage();
    if (item.breakBefore && current.placed.length > 0) current = newPage();
    if (item.runningHead !== undefined) {
      head = item.runningHead;
      if (current.placed.length === 0) current.runningHead = head;
    }
    if (item.opener && current.placed.length === 0) current.opener = true;
    if (item.plain && current.placed.length === 0) current.plain = true;
    let gap = current.placed.length > 0 ? item.spaceBefore : 0;
    if (current.placed.length > 0) {
      const chain = chainHeight(items, index, areaHeight);
      const fitsAlone = y + gap + item.height <= areaHeight + EPSILON;
      const chainFits = y + gap + chain <= areaHeight + EPSILON;
      if (!fitsAlone || (!chainFits && chain <= areaHeight)) {
        current = newPage();
        gap = 0;
        if (item.repeat) {
          current.placed.push({ item: item.repeat, y: 0, gap: 0 });
          y = item.repeat.height;
        }
      }
    }
    current.placed.push({ item, y: y + gap, gap });
    if (item.marks) current.marks.push(...item.marks);
    y += gap + item.height;
  });
  return pages;
}
