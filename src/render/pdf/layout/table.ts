/** GFM tables: column widths from content, one unbreakable item per row, header repeated; a table too wide for the page is set smaller. */
import type { AlignType, Table } from 'mdast';
import type { FigureCaption } from '../../../ast/nodes.js';
import { captionItems } from './figures.js';
import { baseStyle, inlineRuns } from './inline.js';
import { baselineIn, callsOf, lineBoxes, linkLabels } from './items.js';
import { layoutLines, runWidths, type Hyphenate } from './lines.js';
import { tagged } from './items.js';
import { structIn, type Align, type BlockCtx, type Box, type Item, type Run, type StructNode } from './types.js';

const PAD_X = 4;
const PAD_Y = 3;
/** A table's type, as a share of the body size; one too wide for the measure may shrink to MIN_SCALE. */
const TABLE_SCALE = 0.88;
const MIN_SCALE = 0.7;
const EPSILON = 0.01;

function alignOf(align: AlignType | undefined): Align {
  return align === 'center' ? 'center' : align === 'right' ? 'right' : 'left';
}

/**
 * Column widths: each column gets at least its longest word, the rest of the width is
 * shared in proportion to what each column would need to fit on one line.
 */
function columnWidths(cells: Run[][][], columns: number, ctx: BlockCtx, hyphenate?: Hyphenate): { widths: number[]; sumMin: number } {
  const min = new Array<number>(columns).fill(2 * PAD_X + 8);
  const max = new Array<number>(columns).fill(2 * PAD_X + 8);
  for (const row of cells) {
    row.forEach((runs, index) => {
      const widths = runWidths(runs, ctx.scope.env.metrics, hyphenate);
      min[index] = Math.max(min[index] ?? 0, widths.min + 2 * PAD_X);
      max[index] = Math.max(max[index] ?? 0, widths.max + 2 * PAD_X);
    });
  }
  const total = ctx.width;
  const sumMax = max.reduce((a, b) => a + b, 0);
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMax <= total) return { widths: max.map((w) => (w * total) / sumMax), sumMin };
  if (sumMin >= total) return { widths: min.map((w) => (w * total) / sumMin), sumMin };
  const room = total - sumMin;
  const want = max.map((w, i) => w - (min[i] ?? 0));
  const sumWant = want.reduce((a, b) => a + b, 0) || 1;
  return { widths: min.map((w, i) => w + (room * (want[i] ?? 0)) / sumWant), sumMin };
}

function cellRuns(node: Table, size: number, ctx: BlockCtx): Run[][][] {
  return node.children.map((row, rowIndex) =>
    row.children.map((cell) => {
      const style = { ...baseStyle(ctx.style), italic: false, size, bold: rowIndex === 0 };
      return inlineRuns(cell.children, style, ctx.scope);
    }),
  );
}

interface TableFit {
  size: number;
  cells: Run[][][];
  widths: number[];
  /** Cells break words at the language's hyphenation points: their longest words do not fit even at the smallest size. */
  hyphenate: boolean;
}

/**
 * The size a table is set in and its column widths. A table whose longest words do not
 * fit the measure side by side is set smaller, down to MIN_SCALE of the body size; if
 * they still do not fit, its cells are hyphenated (words are cut only where a syllable
 * is wider than its column) and a warning says so.
 */
function fitTable(node: Table, columns: number, ctx: BlockCtx): TableFit {
  const base = ctx.style.size * TABLE_SCALE;
  let size = base;
  let cells = cellRuns(node, size, ctx);
  let { widths, sumMin } = columnWidths(cells, columns, ctx);
  if (sumMin <= ctx.width + EPSILON) return { size, cells, widths, hyphenate: false };
  // Words scale with the type; the cells' padding does not.
  const padding = columns * 2 * PAD_X;
  const scale = (ctx.width - padding) / Math.max(EPSILON, sumMin - padding);
  size = Math.max(ctx.style.size * MIN_SCALE, Math.floor(base * scale * 10) / 10);
  cells = cellRuns(node, size, ctx);
  ({ widths, sumMin } = columnWidths(cells, columns, ctx));
  if (sumMin <= ctx.width + EPSILON) return { size, cells, widths, hyphenate: false };
  ctx.scope.env.warn(
    'pdf-table-width',
    `this table's ${columns} columns are too wide for the page: their longest words need ${Math.round(sumMin)} pt side by side at ${size.toFixed(1)} pt, the text block is ${Math.round(ctx.width)} pt wide; words in its cells are hyphenated, or cut where they cannot be. Split the table, shorten its longest words, or use a wider page (--page-size A4)`,
    node,
  );
  // Hyphenated, a column needs only its widest syllable: share the width out from those, so
  // that a column of names is not cut into letters to leave room for a column of digits.
  const hyphenate = ctx.scope.env.hyphenate;
  if (hyphenate) ({ widths } = columnWidths(cells, columns, ctx, hyphenate));
  return { size, cells, widths, hyphenate: true };
}

/** A table's rows, one item each (or one per line of a row taller than a page), after its `caption` when it has one. */
export function tableItems(node: Table, ctx: BlockCtx, caption?: FigureCaption): Item[] {
  const { env } = ctx.scope;
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  const { size, cells, widths, hyphenate } = fitTable(node, columns, ctx);
  const leading = size * 1.3;
  const lineOptions = hyphenate ? { hyphenate: env.hyphenate } : {};
  const baseline = baselineIn(size, leading);
  const items: Item[] = [];
  let header: Item | undefined;
  const table = structIn(ctx, 'Table');
  // The caption above the table (as books set it), kept with its first rows, inside the Table element.
  if (caption) {
    const lines = captionItems(caption, { ...ctx, parent: table }, ctx.style.leading * 0.6);
    for (const line of lines) line.keepWithNext = true;
    const first = lines[0];
    if (first) first.source = { node, offset: 0 };
    items.push(...lines);
  }
  cells.forEach((row, rowIndex) => {
    const tr: StructNode = { role: 'TR', parent: table };
    let x = ctx.x;
    const set = row.map((runs, column) => {
      const width = widths[column] ?? 0;
      const lines = layoutLines(runs, Math.max(1, width - 2 * PAD_X), alignOf(node.align?.[column]), env.metrics, ctx.scope.missing, lineOptions);
      const cell: StructNode = { role: rowIndex === 0 ? 'TH' : 'TD', parent: tr };
      // A right-to-left chapter's table reads from the right: its first column is the rightmost.
      const placed = { lines, x: ctx.rtl ? 2 * ctx.x + ctx.width - x - width : x, cell, labels: linkLabels(lines) };
      x += width;
      return placed;
    });
    const lineCount = Math.max(1, ...set.map((cell) => cell.lines.length));
    // A row is kept whole on its page, unless it is taller than a page (under the repeated
    // header): then it is set line by line, and pages break between its lines as in a
    // paragraph (never after its first line or before its last).
    const room = env.areaHeight - (header?.height ?? 0) - 2 * PAD_Y - 1;
    const perSlice = lineCount * leading <= room ? lineCount : 1;
    const last = rowIndex === cells.length - 1;
    const rule = (y: number, thickness: number, color: string): Box => ({ kind: 'rule', x: ctx.x, y, width: ctx.width, thickness, color });
    for (let from = 0; from < lineCount; from += perSlice) {
      const to = Math.min(lineCount, from + perSlice);
      const ends = to === lineCount;
      // The cell padding: above the row's first line, below its last.
      const top = from === 0 ? PAD_Y : 0;
      const boxes: Box[] = [];
      const calls: string[] = [];
      for (const { lines, x: left, cell, labels } of set) {
        for (let index = from; index < Math.min(to, lines.length); index++) {
          const line = lines[index];
          if (!line) continue;
          boxes.push(...lineBoxes(line, left + PAD_X, top + (index - from) * leading + baseline, labels, cell).map((box) => tagged(box, cell)));
          calls.push(...(callsOf(line) ?? []));
        }
      }
      const height = top + (to - from) * leading + (ends ? PAD_Y : 0);
      if (rowIndex === 0) {
        if (from === 0) boxes.push(rule(0.4, 0.8, env.theme.colors.text));
        if (ends) boxes.push(rule(height, 0.6, env.theme.colors.text));
      } else if (ends) {
        boxes.push(last ? rule(height, 0.8, env.theme.colors.text) : rule(height, 0.3, env.theme.colors.muted));
      }
      const item: Item = { height: height + (last && ends ? 0.4 : 0), spaceBefore: rowIndex === 0 && from === 0 ? (caption ? ctx.style.leading * 0.25 : ctx.style.leading * 0.6) : 0, boxes, tag: tr, source: { node: node.children[rowIndex] ?? node, offset: 0 } };
      // Notes called in the row's cells go at the foot of the page the row is on.
      if (calls.length > 0) item.calls = calls;
      if (rowIndex === 0) {
        item.keepWithNext = true;
        if (from === 0) {
          header = { ...item, spaceBefore: 0, keepWithNext: false };
          // A header repeated on a later page does not call its notes again.
          delete header.calls;
        }
      } else if (header) {
        // Repeated at the top of a page that a body row opens; the last row stays with the one before.
        item.repeat = { ...header, artifact: true, boxes: header.boxes.filter((box) => box.kind !== 'link' && box.kind !== 'dest') };
      }
      if (ends && !last && rowIndex === cells.length - 2 && rowIndex > 0) item.keepWithNext = true;
      if (perSlice === 1 && lineCount >= 2 && (from === 0 || from === lineCount - 2)) item.keepWithNext = true;
      items.push(item);
    }
  });
  return items;
}
