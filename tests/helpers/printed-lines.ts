import type { Page } from '../../src/render/pdf/layout/paginate.js';

/** A line as printed: the text boxes of one page that share a baseline. */
export interface PrintedLine {
  page: number;
  y: number;
  left: number;
  /** An estimate (half an em a character): enough to tell a short line from a long one. */
  right: number;
  text: string;
  /** The fonts of its boxes (`text-bold`…), in order. */
  fonts: string[];
}

/** The printed lines of laid-out pages (not their furniture), top to bottom, page after page. */
export function printedLines(pages: readonly Page[]): PrintedLine[] {
  const lines = new Map<string, PrintedLine>();
  for (const page of pages) {
    for (const placed of page.placed) {
      for (const box of placed.item.boxes) {
        if (box.kind !== 'text' || box.artifact) continue;
        const y = Math.round((placed.y + box.y) * 10) / 10;
        const key = `${page.number}:${y}`;
        const width = box.text.length * box.size * 0.5;
        const line = lines.get(key) ?? { page: page.number, y, left: box.x, right: box.x + width, text: '', fonts: [] };
        line.left = Math.min(line.left, box.x);
        line.right = Math.max(line.right, box.x + width);
        line.text = line.text ? `${line.text} ${box.text}` : box.text;
        line.fonts.push(box.font);
        lines.set(key, line);
      }
    }
  }
  return [...lines.values()].sort((a, b) => a.page - b.page || a.y - b.y);
}
