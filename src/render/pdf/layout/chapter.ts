/** A chapter as items: title block (title, standfirst, byline, hero), body, notes; plus title and credits pages. */
import type { Definition, FootnoteDefinition, PhrasingContent } from 'mdast';
import type { Node } from 'unist';
import type { Chapter, Publication } from '../../../ast/publication.js';
import { charPoint } from '../../../ast/source-point.js';
import { isRightToLeft } from '../../../typography/languages.js';
import { DEFAULT_CJK_PACKAGE } from '../../../config/theme.js';
import { isCjk } from '../cjk.js';
import { fill, formatDate, joinNames, labelsFor } from '../../../typography/labels.js';
import { addMarker, layoutBlocks, NARROW_MEASURE_EMS, runsItems } from './blocks.js';
import { columnGeometry } from './columns.js';
import { coverItem } from './cover.js';
import { figureItem } from './figures.js';
import { baseStyle, childrenOf, inlineRuns, NoteNumbers, type InlineScope } from './inline.js';
import { paragraphItems } from './items.js';
import { balancedLines, layoutLines, type MissingGlyph } from './lines.js';
import type { Align, BlockCtx, BlockStyle, Item, LayoutEnv, Run, RunStyle, StructNode } from './types.js';

export function bodyStyle(env: LayoutEnv): BlockStyle {
  const { theme } = env;
  return { family: 'text', size: theme.fontSize, leading: theme.lineHeight, color: theme.colors.text, italic: false, align: theme.textAlign };
}

/** What a Korean text needs (the default CJK face has no Hangul). */
const KOREAN_PACKAGE = '@expo-google-fonts/noto-sans-kr';

/** Scripts whose missing glyphs are reported once a chapter, as one message (a line of them would make one message a letter). */
const GROUPED_SCRIPTS = ['Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Ethiopic', 'Mongolian', 'Cherokee', 'Syriac', 'Thaana', 'Nko', 'Tifinagh', 'Javanese', 'Balinese', 'Canadian_Aboriginal', 'Georgian', 'Armenian', 'Hebrew', 'Arabic'].map((name) => ({ name: name.replace('_', ' '), pattern: new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u') }));

/** The script of a character among GROUPED_SCRIPTS, if it is one of them. */
function groupedScript(char: string): string | undefined {
  return GROUPED_SCRIPTS.find((script) => script.pattern.test(char))?.name;
}

/**
 * Reports each character no font can draw once per chapter, at its first position; and
 * the characters of a script no face has (Chinese, Japanese, Korean, Devanagari, Thai…)
 * once a chapter in all: a page of them would make hundreds of messages that all say
 * the same, that the theme has no face for them.
 */
function missingReporter(env: LayoutEnv): MissingGlyph {
  const seen = new Set<number>();
  const scripts = new Set<string>();
  return (codePoint, node) => {
    if (seen.has(codePoint)) return;
    seen.add(codePoint);
    const char = String.fromCodePoint(codePoint);
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    const place = charPoint(env.source, node, char) ?? node;
    const cjk = isCjk(codePoint);
    const script = cjk ? 'Chinese, Japanese or Korean' : groupedScript(char);
    if (script !== undefined) {
      if (scripts.has(script)) return;
      scripts.add(script);
      let advice: string;
      if (cjk) {
        advice = env.metrics.hasCjk
          ? `the theme's CJK face lacks them (Noto Sans SC has no Hangul): name one that has them in the theme's pdf.fonts.cjk (Korean: ${KOREAN_PACKAGE})`
          : `install Folio's optional font package (npm install ${DEFAULT_CJK_PACKAGE}), or name a face that has them in the theme's pdf.fonts.cjk (Korean: ${KOREAN_PACKAGE})`;
      } else {
        advice = `name a face that has them in the theme's pdf.fonts.scripts, for example Noto Sans ${script} (npm: @expo-google-fonts/noto-sans-${script.toLowerCase().replace(' ', '-')})`;
      }
      env.warn('pdf-missing-glyph', `no embedded font has a glyph for "${char}" (U+${hex}), nor (most likely) for the other ${script} characters of this chapter; they print as empty boxes: ${advice}`, place);
      return;
    }
    env.warn('pdf-missing-glyph', `no embedded font has a glyph for "${char}" (U+${hex}); it prints as an empty box: use a theme font (or fallback font) that has it, or leave the character out`, place);
  };
}

function isDefinition(node: Node): node is Definition {
  return node.type === 'definition';
}

function isFootnoteDefinition(node: Node): node is FootnoteDefinition {
  return node.type === 'footnoteDefinition';
}

function collect(node: Node, definitions: Map<string, Definition>, notes: Map<string, FootnoteDefinition>): void {
  if (isDefinition(node)) definitions.set(node.identifier.toLowerCase(), node);
  else if (isFootnoteDefinition(node)) notes.set(node.identifier.toLowerCase(), node);
  for (const child of childrenOf(node)) collect(child, definitions, notes);
}

export function newScope(env: LayoutEnv, root?: Node, chapterId = ''): { scope: InlineScope; notes: Map<string, FootnoteDefinition> } {
  const definitions = new Map<string, Definition>();
  const notes = new Map<string, FootnoteDefinition>();
  if (root) collect(root, definitions, notes);
  return { scope: { env, notes: new NoteNumbers(chapterId), definitions, missing: missingReporter(env) }, notes };
}

/** `balance`: a left-aligned title set in balanced lines (lines.ts, balancedLines). */
export function textItems(runs: Run[], ctx: BlockCtx, size: number, leading: number, align: Align, spaceBefore: number, tag: StructNode | undefined = { role: 'P', parent: ctx.parent }, balance = false): Item[] {
  const lines = balance && align === 'left' ? balancedLines(runs, ctx.width, ctx.scope.env.metrics, ctx.scope.missing) : layoutLines(runs, ctx.width, align, ctx.scope.env.metrics, ctx.scope.missing);
  return paragraphItems(lines, { x: ctx.x, size, leading, spaceBefore, together: true, keepWithNext: true, tag });
}

function styled(ctx: BlockCtx, patch: Partial<RunStyle>): RunStyle {
  return { ...baseStyle(ctx.style), ...patch };
}

function titleBlock(chapter: Chapter, ctx: BlockCtx, book: boolean): Item[] {
  const { env } = ctx.scope;
  const size = ctx.style.size;
  const items: Item[] = [];
  if (book) items.push({ height: env.areaHeight * 0.12, spaceBefore: 0, boxes: [], keepWithNext: true });
  const titleSize = size * 2;
  const title: PhrasingContent[] = chapter.title.length > 0 ? chapter.title : [{ type: 'text', value: chapter.titleText }];
  items.push(...textItems(inlineRuns(title, styled(ctx, { bold: true, size: titleSize }), ctx.scope), ctx, titleSize, titleSize * 1.15, 'left', 0, { role: 'H1', parent: ctx.parent }, true));
  if (chapter.subtitle) {
    const s = size * 1.2;
    const runs: Run[] = [{ kind: 'text', text: chapter.subtitle, style: styled(ctx, { italic: true, size: s, color: env.theme.colors.muted }) }];
    items.push(...textItems(runs, ctx, s, s * 1.3, 'left', size * 0.6));
  }
  if (chapter.authors.length > 0 || chapter.date) {
    // The byline: names, then the date after a middle dot ("Claire Donnadieu · 14 mars 2026").
    const s = size * 0.92;
    const runs: Run[] = [];
    if (chapter.authors.length > 0) runs.push({ kind: 'text', text: joinNames(chapter.authors, labelsFor(chapter.lang)), style: styled(ctx, { bold: true, size: s, color: env.theme.colors.accent }) });
    if (chapter.date) runs.push({ kind: 'text', text: `${runs.length > 0 ? ' \u00b7 ' : ''}${formatDate(chapter.date, chapter.lang)}`, style: styled(ctx, { size: s, color: env.theme.colors.muted }) });
    items.push(...textItems(runs, ctx, s, s * 1.3, 'left', size * 0.7));
  }
  if (chapter.hero) {
    // The opener (title block, hero with its credit, the first two lines of text) is kept on one page: a long title shrinks the hero.
    const used = items.reduce((sum, item) => sum + item.spaceBefore + item.height, 0);
    const room = env.areaHeight - used - size * 5 - ctx.style.leading * 3;
    items.push({ ...figureItem(chapter.hero, ctx, Math.min(env.areaHeight * 0.45, room), size), keepWithNext: true });
  }
  const first = items[0];
  if (first) {
    first.breakBefore = true;
    first.opener = true;
    first.runningHead = chapter.titleText;
    first.outline = { title: chapter.titleText, level: 0 };
    first.boxes.push({ kind: 'dest', x: 0, y: 0, name: chapterDest(chapter.id) });
    // The targets of the manuscript's links to the chapter: its anchor ({#id} or its title's) and its id, as in the EPUB.
    first.boxes.push({ kind: 'dest', x: 0, y: 0, name: chapter.anchor }, { kind: 'dest', x: 0, y: 0, name: chapter.id });
    first.source = { offset: 0 };
  }
  const last = items[items.length - 1];
  if (last) last.keepWithNext = true;
  return items;
}

/** Destination of a chapter's opener (TOC links). */
export function chapterDest(chapterId: string): string {
  return `chapter-${chapterId}`;
}

/** Each note as the items of its lines, by number; notes that call further notes grow the list. */
function noteBodies(scope: InlineScope, notes: Map<string, FootnoteDefinition>, ctx: BlockCtx): Map<string, Item[]> {
  for (const id of notes.keys()) if (!scope.notes.has(id)) scope.notes.number(id);
  const bodies = new Map<string, Item[]>();
  const size = ctx.style.size * 0.86;
  const style: BlockStyle = { ...ctx.style, size, leading: size * 1.28 };
  const indent = size * 1.6;
  for (let index = 0; index < scope.notes.order.length; index++) {
    const id = scope.notes.order[index] ?? '';
    const n = index + 1;
    const note: StructNode = { role: 'Note', parent: ctx.parent };
    const inner: BlockCtx = { ...ctx, style, x: ctx.rtl ? ctx.x : ctx.x + indent, width: ctx.width - indent, parent: note };
    const definition = notes.get(id);
    const body = definition ? layoutBlocks(definition.children, inner) : [];
    const first = body[0];
    if (!first) continue;
    first.spaceBefore = size * 0.3;
    // The note's number is its label and the link back to its call: Lbl > Link.
    const back: StructNode = { role: 'Link', parent: { role: 'Lbl', parent: note } };
    addMarker(first, `${n}.`, { ...inner, x: ctx.x, width: ctx.width }, indent, ctx.scope.env.theme.colors.accent, back);
    // The number (on the right of a right-to-left note) links back to the call.
    const numberX = ctx.rtl ? ctx.x + ctx.width - indent * 0.8 : ctx.x;
    first.boxes.push(
      { kind: 'dest', x: numberX, y: 0, name: scope.notes.noteDest(n) },
      { kind: 'link', x: numberX, y: 0, width: indent * 0.8, height: first.height, url: `#${scope.notes.callDest(n)}`, tag: back },
    );
    for (const item of body) delete item.keepWithNext;
    bodies.set(String(n), body);
  }
  return bodies;
}

/** The rule above the footnotes of a page: a quarter of the measure, from where lines start (the right, in a right-to-left language). */
export function noteSeparator(env: LayoutEnv): Item {
  const width = env.measure / 4;
  const x = isRightToLeft(env.lang) ? env.measure - width : 0;
  return { height: env.theme.lineHeight * 0.6, spaceBefore: 0, boxes: [{ kind: 'rule', x, y: env.theme.lineHeight * 0.2, width, thickness: 0.5, color: env.theme.colors.muted }] };
}

/** The body context of a column `width` wide; blocks that span the columns get the full width. */
function columnCtx(ctx: BlockCtx, width: number): BlockCtx {
  const style: BlockStyle = width < ctx.style.size * NARROW_MEASURE_EMS ? { ...ctx.style, align: 'left' } : ctx.style;
  return { ...ctx, width, style, span: { x: ctx.x, width: ctx.width } };
}

/** Items of one chapter, from its opener to its last block; footnotes ride with their calls. */
export function chapterItems(chapter: Chapter, env: LayoutEnv, book: boolean): Item[] {
  const { scope, notes } = newScope(env, chapter.tree, chapter.id);
  const sect: StructNode = { role: 'Sect', lang: chapter.lang };
  const ctx: BlockCtx = { scope, x: 0, width: env.measure, style: bodyStyle(env), listDepth: 0, parent: sect, ...(isRightToLeft(chapter.lang) ? { rtl: true } : {}) };
  const items = titleBlock(chapter, ctx, book);
  // In two columns the title block and the notes keep the full width; the body is set
  // to the column's measure, and what spans the columns says so (`span`).
  const columns = columnGeometry(env.measure, env.columns, env.theme);
  const body = layoutBlocks(chapter.tree.children, columns ? columnCtx(ctx, columns.width) : ctx);
  if (columns) {
    for (const item of body) {
      if (item.span) continue;
      item.column = true;
      // A line of body text (its height the body leading) goes on the columns' baseline grid.
      if (Math.abs(item.height - ctx.style.leading) < 0.01) item.grid = true;
    }
  }
  const first = body[0];
  if (first) first.spaceBefore = Math.max(first.spaceBefore, ctx.style.leading);
  items.push(...body);
  const bodies = noteBodies(scope, notes, ctx);
  for (const item of items) {
    if (item.source) item.source.chapterId = chapter.id;
    if (!item.calls) continue;
    const attached = item.calls.map((n) => bodies.get(n)).filter((lines): lines is Item[] => lines !== undefined);
    for (const n of item.calls) bodies.delete(n);
    if (attached.length > 0) item.notes = attached;
  }
  // Notes no line calls (defined but never referenced) close the chapter.
  const rest = [...bodies.values()].flat();
  if (rest.length > 0) {
    const separator = noteSeparator(env);
    items.push({ ...separator, spaceBefore: ctx.style.leading, keepWithNext: true }, ...rest);
  }
  return items;
}

/** The publication's title page (books of several chapters), under its cover image if it has one. */
export function titlePageItems(pub: Publication, env: LayoutEnv): Item[] {
  const { scope } = newScope(env);
  const sect: StructNode = { role: 'Sect' };
  const ctx: BlockCtx = { scope, x: 0, width: env.measure, style: bodyStyle(env), listDepth: 0, parent: sect };
  const size = ctx.style.size;
  const text: Item[] = [];
  const t = size * 2.3;
  text.push(...textItems([{ kind: 'text', text: pub.meta.title, style: styled(ctx, { bold: true, size: t }) }], ctx, t, t * 1.15, 'center', 0));
  if (pub.meta.subtitle) {
    const s = size * 1.25;
    text.push(...textItems([{ kind: 'text', text: pub.meta.subtitle, style: styled(ctx, { italic: true, size: s, color: env.theme.colors.muted }) }], ctx, s, s * 1.3, 'center', size));
  }
  if (pub.meta.authors.length > 0) {
    const s = size * 1.1;
    text.push(...textItems([{ kind: 'text', text: joinNames(pub.meta.authors, labelsFor(pub.meta.lang)), style: styled(ctx, { size: s, color: env.theme.colors.accent }) }], ctx, s, s * 1.3, 'center', size * 2.5));
  }
  // A book gives its year; an issue of dated articles (a digest, a weekly) its whole date, as its language writes it.
  const date = pub.meta.date && pub.meta.date.length >= 10 && pub.chapters.some((chapter) => chapter.date) ? formatDate(pub.meta.date, pub.meta.lang) : pub.meta.date?.slice(0, 4);
  const imprint = [pub.meta.publisher, date].filter((part): part is string => Boolean(part)).join(' \u00b7 ');
  if (imprint) {
    const s = size * 0.9;
    text.push(...textItems([{ kind: 'text', text: imprint, style: styled(ctx, { size: s, color: env.theme.colors.muted }) }], ctx, s, s * 1.3, 'center', size * 3));
  }
  // The cover takes the room the text leaves (the page must not overflow), up to half the block.
  const top = env.areaHeight * 0.03;
  const gap = size * 2.2;
  const textHeight = text.reduce((sum, item) => sum + item.height + item.spaceBefore, 0);
  const cover = coverItem(pub, env, sect, env.areaHeight - top - gap - textHeight - size);
  const first = text[0];
  if (cover && first) first.spaceBefore = gap;
  const opening: Item = { height: cover ? top : env.areaHeight * 0.22, spaceBefore: 0, boxes: [], breakBefore: true, opener: true, plain: true, runningHead: '', keepWithNext: true };
  return [opening, ...(cover ? [cover] : []), ...text];
}

/** The credits page: every image credit, with its chapter and page. */
export function creditsItems(pub: Publication, pages: Map<string, number>, envFor: (chapterId: string) => LayoutEnv, env: LayoutEnv): Item[] {
  const labels = labelsFor(pub.meta.lang);
  const label = labels.credits;
  const pageLabel = labels.pageRef;
  const { scope } = newScope(env);
  const ctx: BlockCtx = { scope, x: 0, width: env.measure, style: bodyStyle(env), listDepth: 0 };
  const size = ctx.style.size * 1.6;
  const items = textItems([{ kind: 'text', text: label, style: styled(ctx, { bold: true, size }) }], ctx, size, size * 1.2, 'left', 0);
  const head = items[0];
  if (head) Object.assign(head, { breakBefore: true, opener: true, runningHead: label, outline: { title: label, level: 0 } });
  const chapters = new Map(pub.chapters.map((chapter) => [chapter.id, chapter]));
  const entrySize = ctx.style.size * 0.92;
  pub.credits.forEach((entry, index) => {
    const local = newScope(envFor(entry.chapterId)).scope;
    const entryCtx: BlockCtx = { ...ctx, scope: local, style: { ...ctx.style, size: entrySize, leading: entrySize * 1.35, align: 'left' } };
    const style = baseStyle(entryCtx.style);
    const runs = inlineRuns(entry.credit.children, entry.credit.url ? { ...style, link: entry.credit.url } : style, local);
    if (entry.credit.license) runs.push({ kind: 'text', text: ` (${entry.credit.license})`, style });
    const chapter = chapters.get(entry.chapterId);
    const page = pages.get(entry.figure.id);
    const muted = { ...style, color: env.theme.colors.muted };
    if (chapter) {
      runs.push({ kind: 'text', text: ' \u2014 ', style: muted }, { kind: 'text', text: chapter.titleText, style: { ...muted, italic: true } });
    }
    if (page !== undefined) runs.push({ kind: 'text', text: `, ${fill(pageLabel, { n: page })}`, style: muted });
    items.push(...runsItems(runs, entryCtx, index === 0 ? ctx.style.leading : entrySize * 0.5));
  });
  return items;
}
