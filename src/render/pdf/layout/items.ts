/** Lines → boxes → items: the shared helpers of every block layout. */
import type { Node } from 'unist';
import type { FontKey } from '../fonts.js';
import type { Box, Fragment, Item, Line, StructNode } from './types.js';

/** Baseline of a line of `size`-point text in a line box of `leading` points, from its top. */
export function baselineIn(size: number, leading: number): number {
  return (leading - size) / 2 + size * 0.8;
}

/**
 * The whole text of each link that runs over more than one line of `lines`, by its
 * fragments: each line's link area gets it as its annotation's /Contents, where the
 * painter alone sees only the text up to that line. Words are spaced where the line
 * leaves a gap; a word hyphenated at the end of a line is joined again, without its
 * hyphen (a fragment of its own: the hyphen belongs to no link).
 */
export function linkLabels(lines: readonly Line[]): Map<Fragment, string> | undefined {
  let labels: Map<Fragment, string> | undefined;
  let current: { url: string; parts: Fragment[]; text: string; line: number; lines: number; end: number | undefined } | undefined;
  const flush = () => {
    if (current && current.lines > 1) {
      labels ??= new Map();
      const label = current.text.replace(/\s+/g, ' ').trim();
      for (const part of current.parts) labels.set(part, label);
    }
    current = undefined;
  };
  lines.forEach((line, index) => {
    const hyphenated = line.info?.hyphenated === true;
    line.fragments.forEach((fragment, at) => {
      if (fragment.link === undefined) {
        if (!(hyphenated && at === line.fragments.length - 1 && current?.line === index)) flush();
        return;
      }
      if (!current || current.url !== fragment.link) {
        flush();
        current = { url: fragment.link, parts: [], text: '', line: index, lines: 1, end: undefined };
      } else if (current.line !== index) {
        const joined = lines[current.line]?.info?.hyphenated === true || current.text.endsWith('-');
        if (!joined) current.text += ' ';
        current.line = index;
        current.lines++;
        current.end = undefined;
      }
      if (current.end !== undefined && fragment.x > current.end + fragment.size * 0.1) current.text += ' ';
      current.text += fragment.text;
      current.end = fragment.x + fragment.width;
      current.parts.push(fragment);
    });
  });
  flush();
  return labels;
}

type TextBox = Extract<Box, { kind: 'text' }>;

/**
 * A text box with every field present, in one order (absent ones undefined): the boxes
 * of a book share one hidden class, so the painter's reads of them stay monomorphic.
 */
export function textBox(x: number, y: number, text: string, font: FontKey, size: number, color: string, tag?: StructNode, artifact?: boolean, tracking?: number, link?: string): TextBox {
  // Positional, not an options object: objects of several shapes made its reads megamorphic.
  return { kind: 'text', x, y, text, font, size, color, tag, artifact, tracking, link };
}

/** Centre of an image inside a line above the baseline, in ems: half the x-height, as CSS's `vertical-align: middle`. */
const INLINE_IMAGE_MIDDLE = 0.24;

/**
 * Boxes of one line: text, images, link areas and strike-through rules. `labels`: whole
 * texts of links over several lines (`linkLabels`). `parent`: the structure element the
 * line's images (Figure, with their alt text) go into.
 */
export function lineBoxes(line: Line, x: number, baseline: number, labels?: Map<Fragment, string>, parent?: StructNode): Box[] {
  const boxes: Box[] = [];
  const links: Array<Extract<Box, { kind: 'link' }>> = [];
  for (const fragment of line.fragments) {
    const left = x + fragment.x;
    const y = baseline - fragment.rise;
    const { image } = fragment;
    if (image) {
      const top = y - fragment.size * INLINE_IMAGE_MIDDLE - image.height / 2;
      const tag: StructNode = { role: 'Figure', alt: image.alt, parent };
      boxes.push({ kind: 'image', x: left, y: top, width: image.width, height: image.height, data: image.data, alt: image.alt, assetId: image.assetId, tag });
    } else boxes.push(textBox(left, y, fragment.text, fragment.font, fragment.size, fragment.color, undefined, undefined, fragment.tracking || undefined, fragment.link));
    if (fragment.note !== undefined && fragment.link?.startsWith('#fn-')) {
      // The first call of a note: the note links back here.
      boxes.push({ kind: 'dest', x: left, y: y - fragment.size * 1.6, name: `fnref-${fragment.link.slice(4)}` });
    }
    if (fragment.link !== undefined) {
      const top = y - fragment.size * 0.8;
      const height = fragment.size * 1.05;
      const last = links[links.length - 1];
      // One clickable area per link and line, across its words and fonts.
      if (last && last.url === fragment.link && left - (last.x + last.width) < fragment.size) {
        last.width = left + fragment.width - last.x;
        last.height = Math.max(last.height, height);
      } else {
        // A link that is an image says what the image shows.
        const label = labels?.get(fragment) ?? fragment.image?.alt;
        links.push({ kind: 'link', x: left, y: top, width: fragment.width, height, url: fragment.link, ...(label === undefined ? {} : { label }) });
      }
    }
    if (fragment.strike) {
      boxes.push({ kind: 'rule', x: left, y: y - fragment.size * 0.27, width: fragment.width, thickness: Math.max(0.4, fragment.size / 20), color: fragment.color });
    }
  }
  for (const link of links) boxes.push(link);
  return boxes;
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
  /** Structure element of the lines. */
  tag?: StructNode | undefined;
  /** The block the lines come from (page map). */
  node?: Node | undefined;
}

/** Note numbers first called on a line. */
export function callsOf(line: Line): string[] | undefined {
  let calls: string[] | undefined;
  for (const fragment of line.fragments) if (fragment.note !== undefined) (calls ??= []).push(fragment.note);
  return calls;
}

/**
 * One item per line. Orphan and widow control: the first line is kept with the
 * second, and the last but one with the last.
 */
export function paragraphItems(lines: Line[], spec: ParagraphSpec): Item[] {
  const baseline = baselineIn(spec.size, spec.leading);
  const count = lines.length;
  const labels = linkLabels(lines);
  return lines.map((line, index) => {
    let boxes: Box[] | undefined;
    const item: Item = {
      height: spec.leading,
      spaceBefore: index === 0 ? spec.spaceBefore : 0,
      // Made when first asked for: a page map without a PDF (pageMapOf) only counts pages.
      get boxes(): Box[] {
        return (boxes ??= lineBoxes(line, spec.x, baseline, labels, spec.tag));
      },
      set boxes(value: Box[]) {
        boxes = value;
      },
      firstBaseline: baseline,
    };
    const keep = spec.together === true ? index < count - 1 : count >= 2 && (index === 0 || index === count - 2);
    if (keep || (index === count - 1 && spec.keepWithNext)) item.keepWithNext = true;
    const calls = callsOf(line);
    if (calls) item.calls = calls;
    if (spec.tag) item.tag = spec.tag;
    if (spec.node) item.source = { node: spec.node, offset: index === 0 ? 0 : (line.offset ?? 0) };
    if (line.info) item.line = { info: line.info, index, count };
    return item;
  });
}

/** The box with `tag` as its structure element unless it has one (text and images only). */
export function tagged(box: Box, tag: StructNode | undefined): Box {
  if (!tag || ((box.kind === 'text' || box.kind === 'image') && box.tag)) return box;
  if (box.kind === 'text' || box.kind === 'image') return { ...box, tag };
  return box;
}

/** Stacks items into one unbreakable item (pull quotes, figures), honouring their spacing. */
export function stack(items: Item[], spaceBefore: number): Item {
  const boxes: Box[] = [];
  let y = 0;
  let firstBaseline: number | undefined;
  const marks: string[] = [];
  const calls: string[] = [];
  items.forEach((item, index) => {
    if (item.calls) calls.push(...item.calls);
    if (index > 0) y += item.spaceBefore;
    if (firstBaseline === undefined && item.firstBaseline !== undefined) firstBaseline = y + item.firstBaseline;
    for (const box of item.boxes) boxes.push(tagged({ ...box, y: box.y + y }, item.tag));
    if (item.marks) marks.push(...item.marks);
    y += item.height;
  });
  return {
    height: y,
    spaceBefore,
    boxes,
    ...(firstBaseline === undefined ? {} : { firstBaseline }),
    ...(marks.length > 0 ? { marks } : {}),
    ...(calls.length > 0 ? { calls } : {}),
  };
}

/** Moves items right by `dx` (nested blocks). */
export function shift(items: Item[], dx: number): Item[] {
  if (dx === 0) return items;
  return items.map((item) => ({ ...item, boxes: item.boxes.map((box) => ({ ...box, x: box.x + dx })) }));
}
