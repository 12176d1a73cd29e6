/**
 * Multi-column pages. Body text of a two-column chapter flows down the first column,
 * then the next, inside a *region*: a horizontal band of the page that starts below
 * the last full-width item (opener, pull quote band, table, wide figure) and ends at
 * the next one or at the foot of the page. A region closed by a full-width item or by
 * the end of the chapter is balanced, so that its columns end (nearly) level and the
 * text reads on below the band; a region closed by the foot of the page stays full.
 *
 * Lines of body text sit on a baseline grid: the top of such a line (`grid`) is moved
 * down to the next multiple of the body leading from the region's top, so that after
 * a heading, a list or a figure the text of one column goes on level with the lines
 * of the column beside it, as in a magazine (without it, adjacent lines were up to
 * two thirds of a line apart). Other items (headings, figures, code) keep their own
 * spacing; the line after them takes the grid again.
 *
 * Placed items of a column are copies of the items moved right to their column, so
 * the painter and the tests see final coordinates; the page lists them column by
 * column, which is the reading order of the tagged PDF.
 */
import type { PdfTheme } from '../../../config/options.js';
import { shift } from './items.js';
import type { Item } from './types.js';

/** Space between columns when the theme does not say (points). */
export const DEFAULT_COLUMN_GAP = 16;

export interface ColumnGeometry {
  count: number;
  /** Width of one column (the measure its lines are broken to). */
  width: number;
  /** Space between two columns. */
  gap: number;
  /** Pitch of the baseline grid of body lines (the body leading). */
  grid: number;
}

/** Columns of the text block of width `measure`; undefined for one column. */
export function columnGeometry(measure: number, count: number | undefined, theme: Pick<PdfTheme, 'columnGap' | 'lineHeight'>): ColumnGeometry | undefined {
  if (count === undefined || count < 2) return undefined;
  const gap = theme.columnGap ?? DEFAULT_COLUMN_GAP;
  return { count, width: (measure - gap * (count - 1)) / count, gap, grid: theme.lineHeight };
}

/**
 * Space above `item` set under `height` points of a column (`first`: nothing yet, where
 * its own space is dropped): its space before; for a body line, the space that puts its
 * top on the grid line nearest to where that space would, never above `height` (a tight
 * list's items touch, half a line or more becomes a whole line).
 */
function gapAt(height: number, first: boolean, item: Item, pitch: number): number {
  const gap = first ? 0 : item.spaceBefore;
  if (!item.grid || !(pitch > 0)) return gap;
  const top = height + gap;
  const below = Math.floor(top / pitch + 1e-6) * pitch;
  const snapped = below >= height - 1e-6 && top - below < pitch / 2 - 1e-6 ? below : below + pitch;
  return Math.max(0, snapped - height);
}

/** Height of a column after `block` is stacked under `height` points of it. */
function stacked(height: number, first: boolean, block: readonly Item[], pitch: number): number {
  let bottom = height;
  let empty = first;
  for (const item of block) {
    bottom += gapAt(bottom, empty, item, pitch) + item.height;
    empty = false;
  }
  return bottom;
}

/** Left edge of column `index` from the left of the text block. */
export function columnX(geometry: ColumnGeometry, index: number): number {
  return index * (geometry.width + geometry.gap);
}

interface Entry {
  item: Item;
  /** Space above the item in its column (0 at the top of a column). */
  gap: number;
}

/** Where an item goes on its page: top from the text block, space kept above it. */
export interface RegionPlacement {
  item: Item;
  y: number;
  gap: number;
}

/**
 * Splits `items` into at most `count` columns no taller than `limit`, breaking only
 * after an item that does not keep with the next (orphans, widows, headings);
 * undefined when they do not fit. Greedy filling is optimal for a fixed order.
 */
function fill(items: readonly Item[], count: number, limit: number, pitch: number): Item[][] | undefined {
  const columns: Item[][] = [[]];
  let height = 0;
  let start = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!item || (item.keepWithNext && index < items.length - 1)) continue;
    // items[start..index] cannot be split: the block goes in this column or the next.
    const block = items.slice(start, index + 1);
    const column = columns[columns.length - 1] ?? [];
    const here = stacked(height, column.length === 0, block, pitch);
    if (column.length > 0 && here > limit + 0.01) {
      if (columns.length === count) return undefined;
      columns.push(block);
      height = stacked(0, true, block, pitch);
    } else {
      height = here;
      column.push(...block);
    }
    if (height > limit + 0.01) return undefined;
    start = index + 1;
  }
  return columns;
}

/** One band of columns on a page. */
export class ColumnRegion {
  private readonly columns: Entry[][];
  private current = 0;

  /** `top`: where the columns start, from the top of the text block. */
  constructor(readonly top: number, private readonly geometry: ColumnGeometry) {
    this.columns = Array.from({ length: geometry.count }, () => []);
  }

  get index(): number {
    return this.current;
  }

  /** Nothing set yet in the current column. */
  get columnEmpty(): boolean {
    return (this.columns[this.current]?.length ?? 0) === 0;
  }

  get empty(): boolean {
    return this.columns.every((column) => column.length === 0);
  }

  /** Space an item gets above it in the current column (on the grid, for a body line). */
  gapFor(item: Item): number {
    return gapAt(this.heightOf(this.current), this.columnEmpty, item, this.geometry.grid);
  }

  private heightOf(index: number): number {
    return (this.columns[index] ?? []).reduce((sum, entry) => sum + entry.gap + entry.item.height, 0);
  }

  /** Bottom of the current column, from the top of the text block. */
  columnBottom(): number {
    return this.top + this.heightOf(this.current);
  }

  /** Bottom of the longest column. */
  bottom(): number {
    return this.top + Math.max(0, ...this.columns.map((_, index) => this.heightOf(index)));
  }

  /** Moves on to the next column; false when this was the last. */
  advance(): boolean {
    if (this.current >= this.geometry.count - 1) return false;
    this.current++;
    return true;
  }

  add(item: Item): void {
    this.columns[this.current]?.push({ item, gap: this.gapFor(item) });
  }

  /**
   * Takes back the last items of the current column that keep with what follows (the
   * line before a widow, a heading), so that they move on with it; never the column's
   * first item (unless `all`: the column holds only what was taken back before), nor
   * one that brought footnotes or figures to this page.
   */
  takeBack(all: boolean): Item[] {
    const column = this.columns[this.current] ?? [];
    const back: Item[] = [];
    while (column.length > (all ? 0 : 1)) {
      const last = column[column.length - 1];
      if (!last || !last.item.keepWithNext || last.item.notes || last.item.marks) break;
      column.pop();
      back.unshift(last.item);
    }
    return back;
  }

  /**
   * Adds `item` by re-flowing the region into columns no taller than `limit` (room for
   * the footnotes it calls under every column); false, and nothing changed, when the
   * items do not fit so.
   */
  addWithin(item: Item, limit: number): boolean {
    const columns = fill([...this.all(), item], this.geometry.count, limit, this.geometry.grid);
    if (!columns) return false;
    this.assign(columns);
    return true;
  }

  private assign(columns: Item[][]): void {
    this.columns.forEach((column, index) => {
      column.length = 0;
      let height = 0;
      for (const item of columns[index] ?? []) {
        const gap = gapAt(height, column.length === 0, item, this.geometry.grid);
        column.push({ item, gap });
        height += gap + item.height;
      }
    });
    this.current = Math.max(0, columns.length - 1);
  }

  private all(): Item[] {
    return this.columns.flatMap((column) => column.map((entry) => entry.item));
  }

  /** The smallest column height that holds every item (not above the present one). */
  balancedHeight(): number {
    const items = this.all();
    const present = this.bottom() - this.top;
    if (items.length === 0 || !fill(items, this.geometry.count, present, this.geometry.grid)) return present;
    let low = 0;
    let high = present;
    while (high - low > 0.25) {
      const mid = (low + high) / 2;
      if (fill(items, this.geometry.count, mid, this.geometry.grid)) high = mid;
      else low = mid;
    }
    return high;
  }

  /** Re-flows the items so that the columns end as level as the keeps allow. */
  balance(): void {
    const items = this.all();
    if (items.length === 0) return;
    const columns = fill(items, this.geometry.count, this.balancedHeight(), this.geometry.grid);
    if (columns) this.assign(columns);
  }

  /** The region's items at their page positions, column after column (reading order). */
  placements(): RegionPlacement[] {
    const out: RegionPlacement[] = [];
    this.columns.forEach((column, index) => {
      const dx = columnX(this.geometry, index);
      let y = this.top;
      for (const entry of column) {
        const [moved] = shift([entry.item], dx);
        out.push({ item: moved ?? entry.item, y: y + entry.gap, gap: entry.gap });
        y += entry.gap + entry.item.height;
      }
    });
    return out;
  }
}
