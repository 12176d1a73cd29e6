import type { ElementContent, Properties } from 'hast';
import type { Figure, ImageSize, Length } from '../../../ast/nodes.js';
import { report } from '../../../diagnostics/report.js';
import { h, text, visitElements } from '../hast.js';
import type { ChapterContext, State, TypedHandler } from '../context.js';

function hasLink(nodes: ElementContent[]): boolean {
  let found = false;
  for (const node of nodes) visitElements(node, (element) => (found ||= element.tagName === 'a'));
  return found;
}

/**
 * `credit` → `<small class="credit" role="doc-credit" id>`. Its text links to the
 * credit's entry on the credits page (unless it holds a link of its own); a licence
 * links to `url` when both are given.
 */
export function credit(ctx: ChapterContext): TypedHandler<'credit'> {
  return (state, node) => {
    const content = state.all(node);
    const entry = ctx.creditEntries.get(node.id);
    const children: ElementContent[] =
      entry && ctx.hiddenDepth === 0 && !hasLink(content) ? [h('a', { href: entry, className: ['credit-link'] }, content)] : content;
    if (node.license) {
      const license = node.url ? h('a', { href: node.url, className: ['license'] }, [text(node.license)]) : text(node.license);
      children.push(text(' ('), license, text(')'));
    }
    const element = h('small', { className: ['credit'], id: node.id, role: 'doc-credit' }, children);
    state.patch(node, element);
    return state.applyData(node, element);
  };
}

/** A caption outside a figure (should not happen): a plain paragraph. */
export const figureCaption: TypedHandler<'figureCaption'> = (state, node) => {
  const element = h('p', { className: ['caption'] }, state.all(node));
  state.patch(node, element);
  return state.applyData(node, element);
};

/** The `<img>` of a figure, or its alt text when the image cannot be carried. */
function image(state: State, node: Figure, ctx: ChapterContext): ElementContent {
  const entry = node.assetId === undefined ? undefined : ctx.paths.images.get(node.assetId);
  if (!entry) {
    const asset = node.assetId === undefined ? undefined : ctx.pub.assets.get(node.assetId);
    // A figure without asset was already reported by the manuscript stage (missing or unreadable file).
    if (asset) report(ctx.file, 'epub-image-format', `image "${node.url}" (${asset.mediaType}) cannot be carried in an EPUB 3.2; its alt text is shown instead`, node);
    return h('span', { className: ['image-missing'] }, [text(node.alt)]);
  }
  const asset = ctx.pub.assets.get(entry.assetId);
  const properties: Properties = { src: entry.href, alt: node.alt };
  const width = node.width ?? asset?.width;
  const height = node.height ?? asset?.height;
  if (width !== undefined && height !== undefined) Object.assign(properties, { width, height });
  const style = sizeStyle(node.size);
  if (style) properties.style = style;
  const element = h('img', properties);
  state.patch(node, element);
  return element;
}

/** The size the manuscript gives an image, as CSS: a width in per cent of the text's, points or ems; a height in points or ems, or per cent of the screen's. */
export function sizeStyle(size: ImageSize | undefined): string | undefined {
  const css = (length: Length, percentUnit: string) => `${Number(length.value.toFixed(2))}${length.unit === '%' ? percentUnit : length.unit}`;
  if (size?.width) return `width: ${css(size.width, '%')}`;
  if (size?.height) return `height: ${css(size.height, 'vh')}; width: auto`;
  return undefined;
}

/**
 * `figure` → `<figure id>` with `<img>` and a `<figcaption>` holding the caption and
 * the credit in its own element. The hero figure gets class `hero`.
 */
export function figure(ctx: ChapterContext): TypedHandler<'figure'> {
  return (state, node) => {
    const caption: ElementContent[] = [];
    for (const child of node.children) {
      if (child.type === 'figureCaption') caption.push(h('span', { className: ['caption'] }, state.all(child)));
    }
    for (const child of node.children) {
      if (child.type === 'credit') {
        if (caption.length > 0) caption.push(text(' '));
        caption.push(...[state.one(child, node)].flat().filter((n): n is ElementContent => n !== undefined));
      }
    }
    const children: ElementContent[] = [image(state, node, ctx)];
    if (caption.length > 0) children.push(h('figcaption', {}, caption));
    const element = h('figure', { id: node.id, className: node.role === 'hero' ? ['hero'] : undefined }, state.wrap(children, true));
    state.patch(node, element);
    return state.applyData(node, element);
  };
}
