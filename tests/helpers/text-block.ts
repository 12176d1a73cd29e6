/**
 * Where words may be on a page: inside the text block (page size minus margins; the
 * inner margin on the left of odd pages), or, for the page furniture, in the running
 * head's zone (top margin) and the folio's zone (bottom margin), centred on the block.
 * Works on `pdftotext -bbox` word boxes (wordBoxes in pdf-tools.ts).
 */
import type { Margins, PageSize } from '../../src/config/options.js';
import type { WordBox } from './pdf-tools.js';

export interface Geometry {
  pageSize: PageSize;
  margins: Margins;
}

/**
 * pdftotext's word boxes span the font's whole ascent and descent, which reach past the
 * line box of tightly led large type (headings set at 1.2): a fifth of the box's height.
 */
const SLACK = 0.2;

export interface Stray {
  page: number;
  text: string;
  why: string;
}

function block(page: number, { pageSize, margins }: Geometry): { left: number; right: number; top: number; bottom: number } {
  const left = page % 2 === 1 ? margins.inner : margins.outer;
  return { left, right: left + pageSize.width - margins.inner - margins.outer, top: margins.top, bottom: pageSize.height - margins.bottom };
}

/** Words outside the text block, and furniture lines that are not centred in their zones. */
export function strayWords(words: WordBox[], geometry: Geometry): Stray[] {
  const strays: Stray[] = [];
  const furniture = new Map<string, WordBox[]>();
  for (const word of words) {
    const b = block(word.page, geometry);
    const where = `${word.xMin.toFixed(1)}–${word.xMax.toFixed(1)} × ${word.yMin.toFixed(1)}–${word.yMax.toFixed(1)}`;
    if (word.xMin < b.left - 0.5 || word.xMax > b.right + 0.5) {
      strays.push({ page: word.page, text: word.text, why: `outside the measure ${b.left}–${b.right}: ${where}` });
      continue;
    }
    const slack = (word.yMax - word.yMin) * SLACK;
    if (word.yMin >= b.top - slack && word.yMax <= b.bottom + slack) continue;
    // Running head: wholly in the top margin; folio: wholly in the bottom margin, not in the trim.
    const zone = word.yMax <= b.top && word.yMin >= geometry.margins.top * 0.15 ? 'head' : word.yMin >= b.bottom && word.yMax <= geometry.pageSize.height - geometry.margins.bottom * 0.15 ? 'folio' : undefined;
    if (!zone) {
      strays.push({ page: word.page, text: word.text, why: `outside the text block ${b.top}–${b.bottom} and the furniture zones: ${where}` });
      continue;
    }
    const key = `${word.page}:${zone}`;
    furniture.set(key, [...(furniture.get(key) ?? []), word]);
  }
  for (const [key, line] of furniture) {
    const page = line[0]?.page ?? 0;
    const b = block(page, geometry);
    const from = Math.min(...line.map((w) => w.xMin));
    const to = Math.max(...line.map((w) => w.xMax));
    const offset = (from + to) / 2 - (b.left + b.right) / 2;
    // Furniture is one centred line (glyph boxes make it off by a hair at most).
    const rows = new Set(line.map((w) => Math.round(w.yMax)));
    if (Math.abs(offset) > 1.5 || rows.size > 1) {
      strays.push({ page, text: line.map((w) => w.text).join(' '), why: `${key.split(':')[1] ?? ''} zone holds more than one centred line (off centre by ${offset.toFixed(1)}, ${rows.size} rows)` });
    }
  }
  return strays;
}
