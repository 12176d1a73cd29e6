/** Figures (hero images included), captions, credits, pull quotes and attributions. */
import type { Node } from 'unist';
import type { Credit, Figure, FigureCaption, PullQuote } from '../../../ast/nodes.js';
import { imageProblem, lengthInPoints } from './image-data.js';
import { baseStyle, inlineRuns } from './inline.js';
import { paragraphItems, stack } from './items.js';
import { layoutLines } from './lines.js';
import { structIn, type Align, type BlockCtx, type Box, type Item, type Run, type RunStyle, type StructNode } from './types.js';

/** Lays out a small block of phrasing content (captions, credits, attributions). */
export function smallText(runs: Run[], ctx: BlockCtx, size: number, align: Align, spaceBefore: number, tag?: StructNode): Item[] {
  const leading = size * 1.3;
  const lines = layoutLines(runs, ctx.width, align, ctx.scope.env.metrics, ctx.scope.missing);
  return paragraphItems(lines, { x: ctx.x, size, leading, spaceBefore, together: true, tag });
}

function captionStyle(ctx: BlockCtx): RunStyle {
  return { ...baseStyle(ctx.style), italic: true, size: ctx.style.size * 0.86 };
}

function creditStyle(ctx: BlockCtx): RunStyle {
  return { ...baseStyle(ctx.style), italic: false, size: ctx.style.size * 0.72, color: ctx.scope.env.theme.colors.muted };
}

export function captionItems(node: FigureCaption, ctx: BlockCtx, spaceBefore: number): Item[] {
  const style = captionStyle(ctx);
  return smallText(inlineRuns(node.children, style, ctx.scope), ctx, style.size, 'left', spaceBefore, structIn(ctx, 'Caption'));
}

export function creditItems(node: Credit, ctx: BlockCtx, spaceBefore: number, align: Align = 'right'): Item[] {
  const style = creditStyle(ctx);
  const linked = node.url ? { ...style, link: node.url } : style;
  const runs = inlineRuns(node.children, linked, ctx.scope);
  if (node.license) runs.push({ kind: 'text', text: ` (${node.license})`, style });
  return smallText(runs, ctx, style.size, align, spaceBefore, structIn(ctx, 'Caption'));
}

function placeholder(node: Figure, ctx: BlockCtx, height: number): Item {
  const size = ctx.style.size * 0.8;
  const style: RunStyle = { family: 'text', bold: false, italic: true, size, color: ctx.scope.env.theme.colors.muted };
  const lines = layoutLines([{ kind: 'text', text: `[${node.alt || 'image'}]`, style, node }], ctx.width - 24, 'center', ctx.scope.env.metrics, ctx.scope.missing);
  const text = paragraphItems(lines, { x: ctx.x + 12, size, leading: size * 1.3, spaceBefore: 0, together: true });
  const textHeight = text.length * size * 1.3;
  const boxes: Box[] = [{ kind: 'rect', x: ctx.x, y: 0, width: ctx.width, height, color: '#ebe8e3' }];
  text.forEach((item, index) => {
    for (const box of item.boxes) boxes.push({ ...box, y: box.y + (height - textHeight) / 2 + index * size * 1.3 });
  });
  return { height, spaceBefore: 0, boxes };
}

/**
 * A figure as one unbreakable item: the image scaled to the text width (never taller
 * than `maxHeight` nor than the page area with its caption), caption, then credit.
 */
export function figureItem(node: Figure, ctx: BlockCtx, maxHeight: number, spaceBefore: number): Item {
  const { env } = ctx.scope;
  const caption = node.children.find((child): child is FigureCaption => child.type === 'figureCaption');
  const credit = node.children.find((child): child is Credit => child.type === 'credit');
  const creditLines = credit ? creditItems(credit, ctx, 3) : [];
  const captionLines = caption ? captionItems(caption, ctx, credit ? 3 : 5) : [];
  const below = [...creditLines, ...captionLines].reduce((sum, item) => sum + item.height + item.spaceBefore, 0);
  const asset = node.assetId === undefined ? undefined : env.assets.get(node.assetId);
  const problem = imageProblem(asset);
  let image: Item;
  if (problem !== undefined || !asset) {
    env.warn('pdf-image', `cannot draw image "${node.url}": ${problem ?? 'not loaded'}; a placeholder is set instead`, node);
    image = placeholder(node, ctx, Math.min(ctx.width * 0.5, 120));
  } else {
    const ratio = asset.height > 0 && asset.width > 0 ? asset.height / asset.width : 0.66;
    const limit = Math.max(36, Math.min(maxHeight, env.areaHeight - below - spaceBefore));
    let width = sizedWidth(node, ctx, ratio);
    let height = width * ratio;
    if (height > limit) {
      height = limit;
      width = height / ratio;
    }
    const x = ctx.x + (ctx.width - width) / 2;
    const dpi = asset.width / (width / 72);
    if (asset.width > 0 && dpi < 150) {
      env.warn('pdf-image', `image "${node.url}" prints at ${dpi < 10 ? dpi.toFixed(1) : Math.round(dpi)} dpi (below 150 dpi): it may look blurred in print`, node);
    }
    image = { height, spaceBefore: 0, boxes: [{ kind: 'image', x, y: 0, width, height, data: asset.data, alt: node.alt, assetId: asset.id }] };
  }
  image.tag = structIn(ctx, 'Figure', { alt: node.alt || 'image' });
  // The target of links to the figure (`#fig-2`), as its element's id is in the EPUB.
  image.boxes.push({ kind: 'dest', x: ctx.x, y: 0, name: node.id });
  // A hero credit sits right under the image, the caption after it; in a body figure
  // the caption comes first and the credit closes the figure.
  const parts = node.role === 'hero' ? [image, ...creditLines, ...captionLines] : [image, ...captionLines, ...creditLines];
  // Room under a body figure, so that the text after it (half a line above a paragraph) is as far from it as the text before.
  if (node.role !== 'hero') parts.push({ height: ctx.style.leading * 0.5, spaceBefore: 0, boxes: [] });
  return { ...stack(parts, spaceBefore), marks: [node.id], float: node.role !== 'hero', source: { node, offset: 0 } };
}

/** The width the manuscript gives a figure's image (`{width=50%}`, or a height), within the measure; else the measure. */
function sizedWidth(node: Figure, ctx: BlockCtx, ratio: number): number {
  const { size } = node;
  if (size?.width) return Math.min(ctx.width, lengthInPoints(size.width, ctx.width, ctx.style.size));
  // A height in per cent is a share of the page's text area.
  if (size?.height && ratio > 0) return Math.min(ctx.width, lengthInPoints(size.height, ctx.scope.env.areaHeight, ctx.style.size) / ratio);
  return ctx.width;
}

/** Who said it, under a pull quote or a poem: "— Name", small, muted, flush with the measure's end. */
export function attributionItems(attribution: string, node: Node, ctx: BlockCtx, spaceBefore: number, tag?: StructNode): Item[] {
  const style: RunStyle = { family: 'text', bold: false, italic: false, size: ctx.style.size * 0.85, color: ctx.scope.env.theme.colors.muted };
  return smallText([{ kind: 'text', text: `\u2014\u00a0${attribution}`, style, node }], ctx, style.size, 'right', spaceBefore, tag);
}

/** A pull quote: larger italic between accent rules, never split (unless taller than a page). */
export function pullQuoteItems(node: PullQuote, ctx: BlockCtx): Item[] {
  const { theme } = ctx.scope.env;
  const size = ctx.style.size * 1.3;
  const leading = size * 1.3;
  const inset = ctx.style.size;
  const style: RunStyle = { family: 'text', bold: false, italic: true, size, color: theme.colors.accent };
  // A pull quote that repeats body text is an artifact: it is not read twice.
  const quote = node.repeated ? undefined : structIn(ctx, 'BlockQuote');
  const inner: BlockCtx = { ...ctx, x: ctx.x + inset, width: ctx.width - 2 * inset, parent: quote };
  const tag = quote ? { role: 'P' as const, parent: quote } : undefined;
  const lines = layoutLines(inlineRuns(node.children, style, ctx.scope), inner.width, 'left', ctx.scope.env.metrics, ctx.scope.missing);
  const parts: Item[] = [
    { height: 1, spaceBefore: 0, boxes: [{ kind: 'rule', x: ctx.x, y: 0.5, width: ctx.width, thickness: 1, color: theme.colors.accent }] },
    ...paragraphItems(lines, { x: inner.x, size, leading, spaceBefore: leading * 0.35, together: true, tag }),
  ];
  if (node.attribution) parts.push(...attributionItems(node.attribution, node, inner, 4, tag));
  // The closing rule, and room under it so that the next paragraph does not touch it.
  parts.push({ height: leading * 0.35 + 1 + ctx.style.leading * 0.4, spaceBefore: 0, boxes: [{ kind: 'rule', x: ctx.x, y: leading * 0.35 + 0.5, width: ctx.width, thickness: 1, color: theme.colors.accent }] });
  const whole: Item = { ...stack(parts, ctx.style.leading), source: { node, offset: 0 } };
  if (whole.height <= ctx.scope.env.areaHeight) return [whole];
  const first = parts[0];
  if (first) first.spaceBefore = ctx.style.leading;
  return parts;
}
