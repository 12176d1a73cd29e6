/**
 * The printed table of contents: one entry per chapter (a collection's entries carry
 * the article's byline), optionally one per `##` section under its chapter, with dot
 * leaders and page numbers. A title too long for one line wraps with a hanging indent;
 * its page number stays on its last line. Every entry is a link to its destination,
 * tagged TOCI > Link (text, number and annotations), sections in a nested TOC.
 *
 * Set twice (passes.ts): first with placeholder numbers, before the chapters, then with
 * the real ones once the chapters are set. Numbers sit in a fixed-width column, so both
 * settings give the same lines and the same page count.
 */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Chapter, Publication } from '../../../ast/publication.js';
import { fill, joinNames, labelsFor } from '../../../typography/labels.js';
import { bodyStyle, chapterDest, newScope, textItems } from './chapter.js';
import { baselineIn, textBox } from './items.js';
import { layoutLines } from './lines.js';
import type { BlockCtx, Box, Item, LayoutEnv, RunStyle, StructNode } from './types.js';

export function tocLabel(lang: string): string {
  return labelsFor(lang).contents;
}

/** One line of the contents: a chapter (level 0) or one of its sections (level 1). */
interface Entry {
  level: 0 | 1;
  title: string;
  /** Named destination the entry links to. */
  dest: string;
  byline?: string;
}

/** A book lists its sections when that keeps the contents short (see `PdfOptions.tocDepth`). */
const AUTO_MAX_CHAPTERS = 12;
const AUTO_MAX_ENTRIES = 60;

/** The `##` sections of a chapter: the sections at the top of its tree. */
function sectionsOf(chapter: Chapter): Entry[] {
  const entries: Entry[] = [];
  for (const node of chapter.tree.children) {
    if (node.type !== 'section' || node.unlisted) continue;
    const heading: RootContent | undefined = node.children[0];
    const title = heading?.type === 'heading' ? toString(heading).trim() : '';
    if (title) entries.push({ level: 1, title, dest: node.id });
  }
  return entries;
}

/** Several manuscripts make a collection: its entries are articles, with their bylines. */
export function isCollection(pub: Publication): boolean {
  return new Set(pub.chapters.map((chapter) => chapter.file.path)).size > 1;
}

/** The entries of the contents, at `depth` levels (absent: chosen from the publication). */
export function tocEntries(pub: Publication, depth: 1 | 2 | undefined): Entry[] {
  const collection = isCollection(pub);
  const sections = new Map(pub.chapters.map((chapter) => [chapter.id, sectionsOf(chapter)]));
  const total = pub.chapters.length + [...sections.values()].reduce((sum, list) => sum + list.length, 0);
  const levels = depth ?? (!collection && pub.chapters.length <= AUTO_MAX_CHAPTERS && total <= AUTO_MAX_ENTRIES ? 2 : 1);
  const entries: Entry[] = [];
  for (const chapter of pub.chapters) {
    const byline = collection && chapter.authors.length > 0 ? joinNames(chapter.authors, labelsFor(chapter.lang)) : undefined;
    entries.push({ level: 0, title: chapter.titleText, dest: chapterDest(chapter.id), ...(byline ? { byline } : {}) });
    if (levels === 2) entries.push(...(sections.get(chapter.id) ?? []));
  }
  return entries;
}

/** TOC items; `pages` maps destination names to their first page (absent: placeholders). */
export function tocItems(pub: Publication, env: LayoutEnv, pages: Map<string, number> | undefined, depth?: 1 | 2): Item[] {
  const { scope } = newScope(env);
  const toc: StructNode = { role: 'TOC' };
  const ctx: BlockCtx = { scope, x: 0, width: env.measure, style: bodyStyle(env), listDepth: 0, parent: toc };
  const label = tocLabel(pub.meta.lang);
  const headSize = ctx.style.size * 1.6;
  const items = textItems([{ kind: 'text', text: label, style: { ...baseRun(ctx), bold: true, size: headSize } }], ctx, headSize, headSize * 1.2, 'left', 0, { role: 'H1', parent: toc });
  const head = items[0];
  if (head) Object.assign(head, { breakBefore: true, opener: true, runningHead: label, outline: { title: label, level: 0 } });
  const entries = tocEntries(pub, depth);
  const nested = entries.some((entry) => entry.level === 1);
  // Entries of several lines (sections, bylines) need air between them.
  const airy = nested || entries.some((entry) => entry.byline !== undefined);
  const pageWord = labelsFor(pub.meta.lang).page;
  let chapterItem: StructNode = toc;
  let sectionToc: StructNode | undefined;
  entries.forEach((entry, index) => {
    let parent = toc;
    if (entry.level === 1) {
      sectionToc ??= { role: 'TOC', parent: chapterItem };
      parent = sectionToc;
    }
    const toci: StructNode = { role: 'TOCI', parent };
    if (entry.level === 0) {
      chapterItem = toci;
      sectionToc = undefined;
    }
    const next = entries[index + 1];
    const spaceBefore = index === 0 ? ctx.style.leading : entry.level === 1 ? 0 : ctx.style.leading * (airy ? 0.7 : 0.3);
    const lines = entryItems(entry, toci, pages?.get(entry.dest), pageWord, ctx, nested && entry.level === 0);
    const first = lines[0];
    if (first) first.spaceBefore = spaceBefore;
    // A chapter's entry stays with its first section.
    const last = lines[lines.length - 1];
    if (last && entry.level === 0 && next?.level === 1) last.keepWithNext = true;
    items.push(...lines);
  });
  return items;
}

/** The lines of one entry: title (hanging indent), leaders and number on its last line, byline. */
function entryItems(entry: Entry, toci: StructNode, page: number | undefined, pageWord: string, ctx: BlockCtx, strong: boolean): Item[] {
  const { env } = ctx.scope;
  const style: RunStyle = { ...baseRun(ctx), bold: strong };
  const size = style.size;
  const leading = ctx.style.leading;
  const numberWidth = env.metrics.width('0000', 'text-regular', size);
  const gap = size * 0.8;
  const indent = entry.level * size * 1.5;
  const hang = size * 1.5;
  const baseline = baselineIn(size, leading);
  const dot = env.metrics.width('.', 'text-regular', size);
  const pitch = dot + size * 0.45;
  const link: StructNode = { role: 'Link', parent: toci };
  const number = page === undefined ? '' : String(page);
  const alt = number ? `${entry.title}, ${fill(pageWord, { n: number })}` : entry.title;
  const lines = layoutLines([{ kind: 'text', text: entry.title, style }], env.measure - numberWidth - gap - indent - hang, 'left', env.metrics, ctx.scope.missing);
  const items: Item[] = lines.map((line, lineIndex) => {
    const x = indent + (lineIndex === 0 ? 0 : hang);
    const boxes: Box[] = line.fragments.map((f) => textBox(x + f.x, baseline - f.rise, f.text, f.font, f.size, f.color, link));
    if (lineIndex === lines.length - 1) {
      // Dot leaders on a fixed grid, so that the dots of every entry line up.
      const from = x + line.width + size * 0.6;
      const leaderStart = Math.ceil(from / pitch) * pitch;
      const count = Math.max(0, Math.floor((env.measure - numberWidth - size * 0.3 - dot - leaderStart) / pitch) + 1);
      boxes.push(...leaderBoxes(leaderStart, baseline, pitch, count, style, env.theme.colors.muted));
      if (number) boxes.push(textBox(env.measure - env.metrics.width(number, 'text-regular', size), baseline, number, 'text-regular', size, style.color, link));
    }
    boxes.push({ kind: 'link', x: indent, y: 0, width: env.measure - indent, height: leading, url: `#${entry.dest}`, tag: link, alt });
    return { height: leading, spaceBefore: 0, boxes, tag: toci, keepWithNext: true };
  });
  if (entry.byline) {
    const bylineSize = size * 0.88;
    const bylineStyle: RunStyle = { ...baseRun(ctx), italic: true, size: bylineSize, color: env.theme.colors.muted };
    const bylineLeading = bylineSize * 1.3;
    const tag: StructNode = { role: 'P', parent: toci };
    const bylineLines = layoutLines([{ kind: 'text', text: entry.byline, style: bylineStyle }], env.measure - numberWidth - gap - indent - hang, 'left', env.metrics, ctx.scope.missing);
    for (const line of bylineLines) {
      const x = indent;
      const y = baselineIn(bylineSize, bylineLeading);
      const boxes: Box[] = line.fragments.map((f) => textBox(x + f.x, y - f.rise, f.text, f.font, f.size, f.color, tag));
      items.push({ height: bylineLeading, spaceBefore: 0, boxes, tag, keepWithNext: true });
    }
  }
  const last = items[items.length - 1];
  if (last) delete last.keepWithNext;
  return items;
}

function baseRun(ctx: BlockCtx): RunStyle {
  return { family: 'text', bold: false, italic: false, size: ctx.style.size, color: ctx.style.color };
}

/** Leader dots: decoration, drawn as artifacts (untagged). */
function leaderBoxes(x: number, baseline: number, pitch: number, count: number, style: RunStyle, color: string): Box[] {
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) boxes.push(textBox(x + i * pitch, baseline, '.', 'text-regular', style.size, color, undefined, true));
  return boxes;
}
