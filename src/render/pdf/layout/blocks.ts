/**
 * Block content → items. One handler per node type in a map typed over every mdast
 * node type Folio knows (ours, GFM, directives), so that the compiler flags a type
 * without a handler; a type unknown at run time is reported, its text kept.
 */
import type {
  BlockContentMap,
  Code,
  DefinitionContentMap,
  FrontmatterContentMap,
  List,
  ListContentMap,
  ListItem,
  Paragraph,
  PhrasingContent,
  PhrasingContentMap,
  RootContentMap,
  RowContentMap,
  TableContentMap,
} from 'mdast';
import type {} from 'mdast-util-directive';
import type { Node } from 'unist';
import { defaultParseLimits } from '../../../ast/limits.js';
import type { Figure, PullQuote, Verse } from '../../../ast/nodes.js';
import { everyParagraphIndent } from '../../../typography/languages.js';
import { definitionListItems } from './definition-list.js';
import { attributionItems, captionItems, creditItems, figureItem, pullQuoteItems } from './figures.js';
import { htmlBlockContent } from './html-blocks.js';
import { baseStyle, htmlText, inlineRuns, isPhrasing, plainText } from './inline.js';
import { baselineIn, paragraphItems, textBox } from './items.js';
import { balancedLines, layoutLines } from './lines.js';
import { layoutPre } from './pre.js';
import { tableItems } from './table.js';
import { stanzaItems } from './verse.js';
import { structIn, type BlockCtx, type Box, type Item, type Run, type StructNode } from './types.js';

type NodeMap = RootContentMap &
  BlockContentMap &
  PhrasingContentMap &
  ListContentMap &
  TableContentMap &
  RowContentMap &
  DefinitionContentMap &
  FrontmatterContentMap;
type BlockType = Exclude<keyof NodeMap, keyof PhrasingContentMap>;
type BlockHandler<N> = (node: N, ctx: BlockCtx) => Item[];
type BlockHandlers = { [K in BlockType]: BlockHandler<NodeMap[K]> };

const CODE_BACKGROUND = '#f2efea';

export function paragraphGap(ctx: BlockCtx): number {
  return ctx.style.leading * 0.5;
}

/** Runs → lines → one item per line, in the context's style and measure (`indent`: of the first line). */
export function runsItems(runs: Run[], ctx: BlockCtx, spaceBefore: number, node?: Node, tag: StructNode = structIn(ctx, 'P'), indent = 0): Item[] {
  const lines = layoutLines(runs, ctx.width, ctx.style.align, ctx.scope.env.metrics, ctx.scope.missing, { hyphenate: ctx.scope.env.hyphenate, indent });
  return paragraphItems(lines, { x: ctx.x, size: ctx.style.size, leading: ctx.style.leading, spaceBefore, tag, node });
}

/** Fewer ems to a measure than this (a column, a deeply nested block): set ragged right, not justified (no rivers). */
export const NARROW_MEASURE_EMS = 18;

/**
 * The context of a nested block, `indent` points further right. Deep nesting stops
 * indenting once the measure would get too narrow to set text in; a narrow measure is
 * set ragged right.
 */
export function indented(ctx: BlockCtx, indent: number): BlockCtx {
  const shift = ctx.width - indent >= ctx.style.size * 10 ? indent : 0;
  const width = ctx.width - shift;
  const style = width < ctx.style.size * NARROW_MEASURE_EMS && ctx.style.align === 'justify' ? { ...ctx.style, align: 'left' as const } : ctx.style;
  // Right to left: the indent is on the right, the block keeps its left edge.
  return { ...ctx, x: ctx.rtl ? ctx.x : ctx.x + shift, width, style };
}

/** A paragraph's lines: half a line of space above them, or (`indent`) a first-line indent and none (unless `spaceBefore` says). */
function phrasingItems(nodes: PhrasingContent[], ctx: BlockCtx, node?: Node, indent = 0, spaceBefore = indent > 0 ? 0 : paragraphGap(ctx)): Item[] {
  return runsItems(inlineRuns(nodes, baseStyle(ctx.style), ctx.scope), ctx, spaceBefore, node, structIn(ctx, 'P'), indent);
}

const headingRoles = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'] as const;

function headingItems(depth: number, nodes: PhrasingContent[], ctx: BlockCtx, title: string, node?: Node, listed = true): Item[] {
  const scale = depth <= 2 ? 1.3 : depth === 3 ? 1.12 : 1;
  const size = ctx.style.size * scale;
  const leading = Math.max(ctx.style.leading, size * 1.22);
  const style = { ...baseStyle(ctx.style), bold: true, italic: depth >= 5, size };
  const lines = balancedLines(inlineRuns(nodes, style, ctx.scope), ctx.width, ctx.scope.env.metrics, ctx.scope.missing);
  const tag = structIn(ctx, headingRoles[Math.min(5, Math.max(0, depth - 1))] ?? 'H6');
  const items = paragraphItems(lines, { x: ctx.x, size, leading, spaceBefore: ctx.style.leading * (depth <= 2 ? 1.3 : 1), together: true, keepWithNext: true, tag, node });
  const first = items[0];
  // A section left out of the contents (`{.unlisted}`) is left out of the outline too, as it is of the EPUB's navigation.
  if (first && listed) first.outline = { title, level: Math.max(1, depth - 1) };
  return items;
}

function codeItems(node: Code, ctx: BlockCtx): Item[] {
  const size = ctx.style.size * 0.84;
  const leading = size * 1.38;
  const pad = 6;
  const style = { family: 'mono' as const, bold: false, italic: false, size, color: ctx.scope.env.theme.colors.text };
  const lines = layoutPre(node.value, style, ctx.width - 2 * pad, ctx.scope.env.metrics, ctx.scope.missing, node);
  const baseline = baselineIn(size, leading);
  const tag = structIn(ctx, 'Code');
  return lines.map((line, index) => {
    const top = index === 0 ? pad : 0;
    const bottom = index === lines.length - 1 ? pad : 0;
    const height = top + leading + bottom;
    const boxes: Box[] = [{ kind: 'rect', x: ctx.x, y: 0, width: ctx.width, height, color: CODE_BACKGROUND, bleed: index > 0 }];
    for (const fragment of line.fragments) {
      boxes.push(textBox(ctx.x + pad + fragment.x, top + baseline, fragment.text, fragment.font, size, fragment.color));
    }
    // A wrapped line: a hook (↳) drawn in its hanging indent, not a character, so copied code stays as written.
    const indent = line.fragments[0]?.x;
    if (line.wrapped && indent !== undefined) {
      const muted = ctx.scope.env.theme.colors.muted;
      const hookX = ctx.x + pad + indent - size * 0.95;
      const thickness = Math.max(0.5, size / 14);
      boxes.push({ kind: 'rect', x: hookX, y: top + baseline - size * 0.7, width: thickness, height: size * 0.45, color: muted });
      boxes.push({ kind: 'rule', x: hookX, y: top + baseline - size * 0.25, width: size * 0.55, thickness, color: muted });
    }
    const keep = lines.length <= 4 ? index < lines.length - 1 : index === 0 || index === lines.length - 2;
    return { height, spaceBefore: index === 0 ? paragraphGap(ctx) : 0, boxes, tag, ...(index === 0 ? { source: { node, offset: 0 } } : {}), ...(keep ? { keepWithNext: true } : {}) };
  });
}

function bullet(depth: number): string {
  return ['\u2022', '\u2013', '\u25e6'][depth % 3] ?? '\u2022';
}

function listItems(node: List, ctx: BlockCtx): Item[] {
  const items: Item[] = [];
  const start = node.start ?? 1;
  const numbers = node.children.map((_, index) => `${start + index}.`);
  const widest = Math.max(...numbers.map((n) => ctx.scope.env.metrics.width(n, 'text-regular', ctx.style.size)));
  const indent = node.ordered ? Math.max(ctx.style.size * 1.6, widest + ctx.style.size * 0.6) : ctx.style.size * 1.4;
  const list = structIn(ctx, 'L');
  node.children.forEach((item, index) => {
    const li: StructNode = { role: 'LI', parent: list };
    const inner: BlockCtx = { ...indented(ctx, indent), listDepth: ctx.listDepth + 1, parent: { role: 'LBody', parent: li } };
    const marker = item.checked === true ? '\u2611' : item.checked === false ? '\u2610' : node.ordered ? (numbers[index] ?? '') : bullet(ctx.listDepth);
    const body = listItemBody(item, inner, node.spread === true || item.spread === true);
    // An empty item still shows its marker.
    if (body.length === 0) body.push({ height: ctx.style.leading, spaceBefore: 0, boxes: [], firstBaseline: baselineIn(ctx.style.size, ctx.style.leading) });
    const first = body[0];
    if (!first) return;
    first.spaceBefore = index === 0 ? paragraphGap(ctx) : node.spread ? paragraphGap(ctx) : ctx.style.leading * 0.15;
    first.source ??= { node: item, offset: 0 };
    // Nested too deep to indent further: the marker hangs in the indent before the item, not over its text.
    const nested = inner.width < ctx.width;
    const markerCtx = nested ? ctx : ctx.rtl ? { ...ctx, width: ctx.width + indent } : { ...ctx, x: Math.max(0, ctx.x - indent) };
    addMarker(first, marker, markerCtx, indent, ctx.scope.env.theme.colors.muted, { role: 'Lbl', parent: li });
    items.push(...body);
  });
  return items;
}

/** Sets a list marker or note number, right-aligned in the `indent` before the item's first line. */
export function addMarker(first: Item, marker: string, ctx: BlockCtx, indent: number, color = ctx.scope.env.theme.colors.muted, tag?: StructNode): void {
  const runs = inlineRuns([{ type: 'text', value: marker }], baseStyle(ctx.style), ctx.scope);
  const gap = ctx.style.size * 0.4;
  // Right to left: in the indent on the right of the item, from its left edge.
  const line = layoutLines(runs, Math.max(1, indent - gap), ctx.rtl ? 'left' : 'right', ctx.scope.env.metrics, ctx.scope.missing)[0];
  const left = ctx.rtl ? ctx.x + ctx.width - indent + gap : ctx.x;
  const baseline = first.firstBaseline ?? baselineIn(ctx.style.size, ctx.style.leading);
  for (const fragment of line?.fragments ?? []) {
    // Before the item's own boxes, so that the label is read first.
    first.boxes.unshift({ kind: 'text', x: left + fragment.x, y: baseline - fragment.rise, text: fragment.text, font: fragment.font, size: fragment.size, color, ...(tag ? { tag } : {}) });
  }
}

function listItemBody(item: ListItem, ctx: BlockCtx, spread: boolean): Item[] {
  const items: Item[] = [];
  item.children.forEach((child, index) => {
    const laidOut = layoutBlock(child, ctx);
    const first = laidOut[0];
    if (first && index > 0 && !spread) first.spaceBefore = Math.min(first.spaceBefore, ctx.style.leading * 0.2);
    items.push(...laidOut);
  });
  return items;
}

/** The context of a block set across every column, when `ctx` is a column's (else undefined). */
function acrossColumns(ctx: BlockCtx): BlockCtx | undefined {
  return ctx.span ? { ...ctx, x: ctx.span.x, width: ctx.span.width, span: undefined } : undefined;
}

/** Marks items as set across the columns; a single one may float to the next page. */
function spanning(items: Item[], float: boolean): Item[] {
  for (const item of items) {
    item.span = true;
    if (float && items.length === 1) item.float = true;
  }
  return items;
}

/** Landscape images (wider than 5:4) span the columns; others fit a column. */
const WIDE_FIGURE = 1.25;

function figureItems(node: Figure, ctx: BlockCtx): Item[] {
  const { env } = ctx.scope;
  const wide = acrossColumns(ctx);
  const asset = node.assetId === undefined ? undefined : env.assets.get(node.assetId);
  if (wide && asset && asset.height > 0 && asset.width / asset.height >= WIDE_FIGURE) {
    return spanning([figureItem(node, wide, env.areaHeight * 0.5, ctx.style.leading)], true);
  }
  return [figureItem(node, ctx, env.areaHeight * 0.7, ctx.style.leading)];
}

function pullQuoteBlock(node: PullQuote, ctx: BlockCtx): Item[] {
  const wide = ctx.scope.env.theme.pullQuoteSpan === false ? undefined : acrossColumns(ctx);
  return wide ? spanning(pullQuoteItems(node, wide), true) : pullQuoteItems(node, ctx);
}

/** A poem: indented like a quotation, its stanzas set by verse.ts, other blocks as usual. */
function verseBlock(node: Verse, ctx: BlockCtx): Item[] {
  const inner = { ...indented(ctx, ctx.style.size * 1.5), parent: structIn(ctx, 'Div') };
  const items: Item[] = [];
  let offset = 0;
  for (const child of node.children) {
    const first = items.length === 0;
    if (child.type === 'paragraph') items.push(...stanzaItems(child, node, inner, first ? paragraphGap(ctx) : ctx.style.leading, offset, structIn(inner, 'P')));
    else items.push(...layoutBlock(child, inner));
    offset += plainText(child).length;
  }
  if (node.attribution) items.push(...attributionItems(node.attribution, node, inner, ctx.style.leading * 0.5, structIn(inner, 'P')));
  return items;
}

/** Draws a quote bar beside every item of a block quote (extending over the gaps). */
function barred(items: Item[], ctx: BlockCtx): Item[] {
  for (const item of items) {
    const x = ctx.rtl ? ctx.x + ctx.width - 2.6 : ctx.x + 1;
    item.boxes.unshift({ kind: 'rect', x, y: 0, width: 1.6, height: item.height, color: ctx.scope.env.theme.colors.muted, bleed: true });
  }
  return items;
}

const handlers: BlockHandlers = {
  paragraph: (node, ctx) => phrasingItems(node.children, ctx, node),
  heading: (node, ctx) => headingItems(node.depth, node.children, ctx, plainText(node), node, node.data?.unlisted !== true),
  section: (node, ctx) => {
    const items = layoutBlocks(node.children, { ...ctx, parent: structIn(ctx, 'Sect') });
    // Internal links to the section (#id) land on its first line.
    items[0]?.boxes.push({ kind: 'dest', x: ctx.x, y: 0, name: node.id });
    return items;
  },
  blockquote: (node, ctx) => {
    const inner = { ...indented(ctx, ctx.style.size * 1.2), parent: structIn(ctx, 'BlockQuote') };
    const items = layoutBlocks(node.children, inner);
    const first = items[0];
    if (first) first.spaceBefore = Math.max(first.spaceBefore, paragraphGap(ctx));
    // Nested too deep to indent further (indented keeps a readable measure), a quote has no room for a bar of its own: one would cross its text.
    return inner.width < ctx.width ? barred(items, ctx) : items;
  },
  list: listItems,
  listItem: (node, ctx) => listItems({ type: 'list', ordered: false, children: [node] }, ctx),
  code: codeItems,
  thematicBreak: (_node, ctx) => {
    const width = ctx.width / 4;
    const height = ctx.style.leading * 1.2;
    return [{ height, spaceBefore: paragraphGap(ctx), boxes: [{ kind: 'rule', x: ctx.x + (ctx.width - width) / 2, y: height / 2, width, thickness: 0.6, color: ctx.scope.env.theme.colors.muted }] }];
  },
  table: (node, ctx) => {
    const wide = acrossColumns(ctx);
    return wide ? spanning(tableItems(node, wide), false) : tableItems(node, ctx);
  },
  captionedTable: (node, ctx) => {
    const [caption, table] = node.children;
    const wide = acrossColumns(ctx);
    return wide ? spanning(tableItems(table, wide, caption), false) : tableItems(table, ctx, caption);
  },
  tableRow: (node, ctx) => tableItems({ type: 'table', children: [node] }, ctx),
  tableCell: (node, ctx) => phrasingItems(node.children, ctx, node),
  definition: () => [],
  // Footnote definitions are set at the end of their chapter (chapter.ts), not in place.
  footnoteDefinition: () => [],
  yaml: () => [],
  figure: figureItems,
  figureCaption: (node, ctx) => captionItems(node, ctx, paragraphGap(ctx)),
  credit: (node, ctx) => creditItems(node, ctx, 3),
  pullQuote: pullQuoteBlock,
  verse: verseBlock,
  defList: (node, ctx) => definitionListItems(node, ctx, indented, layoutBlock),
  // Terms and descriptions outside their list (a tree made by hand): a paragraph, and blocks.
  defListTerm: (node, ctx) => phrasingItems(node.children, ctx, node),
  defListDescription: (node, ctx) => layoutBlocks(node.children, ctx),
  containerDirective: (node, ctx) => layoutBlocks(node.children, { ...ctx, parent: structIn(ctx, 'Div') }),
  leafDirective: (node, ctx) => phrasingItems(node.children, ctx, node),
};

function isBlockType(type: string): type is BlockType {
  return Object.hasOwn(handlers, type);
}

/**
 * Raw HTML at block level, set as the Markdown it stands for (html-blocks.ts). Its
 * items point the page map at the HTML block itself: the EPUB has no other node to
 * put a page marker before.
 */
function htmlBlock(value: string, node: Node, ctx: BlockCtx): Item[] {
  if (/^\s*(<!--[\s\S]*?-->\s*)*$/.test(value)) return []; // comments are not content
  const content = htmlBlockContent(value, node.position);
  if (!content) {
    ctx.scope.env.warn('pdf-unsupported-node', `raw HTML nests more than ${defaultParseLimits.maxDepth} elements deep: it is set as its text`, node);
    const text = htmlText(value).trim();
    return text ? runsItems([{ kind: 'text', text: text.replace(/\s+/g, ' '), style: baseStyle(ctx.style), node }], ctx, paragraphGap(ctx), node) : [];
  }
  if (content.notShown.length > 0) {
    const names = content.notShown.map((name) => `<${name}>`).join(', ');
    ctx.scope.env.warn('pdf-unsupported-node', `raw HTML: ${names} ${content.notShown.length === 1 ? 'is' : 'are'} not rendered in the PDF`, node);
  }
  if (content.images > 0) ctx.scope.env.warn('pdf-unsupported-node', 'an image in raw HTML is not drawn in the PDF (it cannot reach the book’s images); its alt text is set instead', node);
  const items = layoutBlocks(content.nodes, ctx);
  for (const item of items) if (item.source) item.source = { ...item.source, node, offset: 0 };
  return items;
}

/** Lays out one node of block content (phrasing at block level becomes a paragraph). */
export function layoutBlock(node: Node, ctx: BlockCtx): Item[] {
  if (node.type === 'html' && 'value' in node && typeof node.value === 'string') return htmlBlock(node.value, node, ctx);
  if (isPhrasing(node)) return phrasingItems([node], ctx, node);
  const type = node.type;
  if (!isBlockType(type)) {
    ctx.scope.env.warn('pdf-unsupported-node', `the PDF renderer does not know node "${type}"; its text is set as a plain paragraph`, node);
    const text = plainText(node);
    return text ? runsItems([{ kind: 'text', text, style: baseStyle(ctx.style), node }], ctx, paragraphGap(ctx), node) : [];
  }
  // `type` is a key of the map and `node` is the node of that type; TypeScript cannot
  // correlate the two, so the handler is widened to take any node.
  const handler = handlers[type] as BlockHandler<Node>;
  return handler(node, ctx);
}

/**
 * A paragraph that follows a paragraph is marked by a first-line indent of one em instead
 * of half a line of space when the theme says `paragraphs: indented`, and always in a
 * column of a multi-column page, so that its lines keep to the columns' baseline grid
 * (columns.ts) and stay level with the column beside it.
 */
export function layoutBlocks(nodes: readonly Node[], ctx: BlockCtx): Item[] {
  const items: Item[] = [];
  const indenting = ctx.span !== undefined || ctx.scope.env.theme.paragraphs === 'indented';
  // Chinese and Japanese indent every paragraph of running text, the first after a heading too.
  const ems = indenting && ctx.parent?.role === 'Sect' ? everyParagraphIndent(ctx.scope.env.lang) : 0;
  let previous: Node | undefined;
  for (const node of nodes) {
    const follows = previous?.type === 'paragraph';
    const indented = indenting && isParagraph(node) && (follows || ems > 0);
    // The indent marks a paragraph that follows a paragraph; after anything else, the usual space stays too.
    items.push(...(indented ? phrasingItems(node.children, ctx, node, ctx.style.size * Math.max(1, ems), follows ? 0 : paragraphGap(ctx)) : layoutBlock(node, ctx)));
    previous = node;
  }
  return items;
}

function isParagraph(node: Node): node is Paragraph {
  return node.type === 'paragraph';
}
