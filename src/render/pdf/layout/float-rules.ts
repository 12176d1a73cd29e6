/**
 * When a float waits: the rules the paginator (paginate.ts) asks before it sets a figure
 * or a pull quote band somewhere else than its place in the text. Text may overtake a
 * float that does not fit where it stands, so that the page does not end on a gap.
 */
import type { ColumnGeometry, ColumnRegion } from './columns.js';
import type { Item } from './types.js';

const EPSILON = 0.01;
/** Room a page must have left for text to fill it rather than end there: a float waits only then. */
const MIN_ROOM = 0.15;

/**
 * Whether text in columns follows item `index` before the chapter ends, past floats only
 * (they wait too): a float waiting for the next page leaves its room to that text.
 */
export function textAhead(items: readonly Item[], index: number): boolean {
  for (let j = index + 1; j < items.length; j++) {
    const item = items[j];
    if (!item || item.breakBefore) return false;
    if (!item.float) return item.column === true;
  }
  return false;
}

/** Where the columns of the current page stand. */
export interface ColumnRoom {
  /** The open band of columns, if any. */
  region: ColumnRegion | undefined;
  /** Bottom of what is set above the columns (from the top of the text block). */
  y: number;
  pageEmpty: boolean;
  /** Foot of the room for text (above the page's notes). */
  bottom: number;
  /** Height of the text block. */
  area: number;
}

/**
 * Whether a column-wide float `need` points tall (its notes included) waits for the next
 * page: it fits neither under the current column nor at the top of a column still to
 * come, and the room those columns have left is worth filling with the text that follows.
 */
export function columnFloatWaits(item: Item, need: number, room: ColumnRoom, geometry: ColumnGeometry): boolean {
  const { region, bottom } = room;
  const top = region ? region.top : room.y + (room.pageEmpty ? 0 : Math.max(item.spaceBefore, item.height / 2));
  const here = region ? region.columnBottom() + region.gapFor(item) : top;
  if (here + need <= bottom + EPSILON) return false;
  const columnsLeft = geometry.count - 1 - (region?.index ?? 0);
  if (columnsLeft > 0 && top + need <= bottom + EPSILON) return false;
  return bottom - here + columnsLeft * (bottom - top) >= room.area * MIN_ROOM;
}
