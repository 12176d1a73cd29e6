/** Lines → boxes → items: the shared helpers of every block layout. */
import type { Box, Item, Line } from './types.js';

/** Baseline of a line of `size`-point text in a line box of `leading` points, from its top. */
export function baselineIn(size: number, leading: number): number {
  return (leading - size) / 2 + size * 0.8;
}

/** Boxes of one line: text, link areas and strike-through rules. */
export function lineBoxes(line: Line, x: number, baseline: number): Box[] {
  const boxes: Box[] = [];
  const links: Array<Extract<Box, { kind: 'link' }>> = [];
  for (const fragment of line.fragments) {
    const left = x + fragment.x;
    const y = baseline - fragment.rise;
    boxes.push({ kind: 'text', x: left, y, text: fragment.text, font: fragment.font, size: fragment.size, color: fragment.color });
    if (fragment.link !== undefined) {
      const top = y - fragment.size * 0.8;
      const height = fragment.size * 1.05;
      const last = links[links.length - 1];
      // One clickable area per link and line, across its words and fonts.
      if (last && last.url === fragment.link && left - (last.x + last.width) < fragment.size) {
        last.width = left + fragment.width - last.x;
        last.height = Math.max(last.height, height);
      } else links.push({ kind: 'link', x: left, y: top, width: fragment.width, height, url: fragment.link });
    }
    if (fragment.strike) {
      boxes.push({ kind: 'rule', x: left, y: y - fragment.size * 0.27, width: fragment.width, thickness: Math.max(0.4, fragment.size / 20), color: fragment.color });
    }
  }
  return [...boxes, ...links];
}

export interface ParagraphSpec {
  x: number;
  size: number;
  leading: number;
  spaceBefore: number;
  /** Keep every line together (short blocks, headings). */
  together?: boolean;
  /** Keep the last line with what follows (headings). */
  keepWithNext?: boolean;
}

/**
 * One item per line. Orphan and widow control: the first line is kept with the
 * second, and the last but one with the last.
 */
export function paragraphItems(lines: Line[], spec: ParagraphSpec): Item[] {
  const baseline = baselineIn(spec.size, spec.leading);
  const count = lines.length;
  return lines.map((line, index) => {
    const keep =
      spec.together === true ? index < count - 1 : count >= 2 && (index === 0 || index === count - 2);
    return {
      height: spec.leading,
      spaceBefore: index === 0 ? spec.spaceBefore : 0,
      boxes: lineBoxes(line, spec.x, baseline),
      firstBaseline: baseline,
      ...(keep || (index === count - 1 && spec.keepWithNext) ? { keepWithNext: true } : {}),
    };
  });
}

/** Stacks items into one unbreakable item (pull quotes, figures), honouring their spacing. */
export function stack(items: Item[], spaceBefore: number): Item {
  const boxes: Box[] = [];
  let y = 0;
  let firstBaseline: number | undefined;
  const marks: string[] = [];
  items.forEach((item, index) => {
    if (index > 0) y += item.spaceBefore;
    if (firstBaseline === undefined && item.firstBaseline !== undefined) firstBaseline = y + item.firstBaseline;
    for (const box of item.boxes) boxes.push({ ...box, y: box.y + y });
    if (item.marks) marks.push(...item.marks);
    y += item.height;
  });
  return {
    height: y,
    spaceBefore,
    boxes,
    ...(firstBaseline === undefined ? {} : { firstBaseline }),
    ...(marks.length > 0 ? { marks } : {}),
  };
}

/** Moves items right by `dx` (nested blocks). */
export function shift(items: Item[], dx: number): Item[] {
  if (dx === 0) return items;
  return items.map((item) => ({ ...item, boxes: item.boxes.map((box) => ({ ...box, x: box.x + dx })) }));
}
