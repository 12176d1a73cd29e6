import type { Image, ImageReference } from 'mdast';
import type { ElementContent } from 'hast';
import { report } from '../../../diagnostics/report.js';
import { h, text } from '../hast.js';
import type { ChapterContext, State, TypedHandler } from '../context.js';
import { sizeStyle } from './figure.js';

function normalise(url: string): string {
  let path = url.split(/[?#]/)[0] ?? '';
  try {
    path = decodeURI(path);
  } catch {
    // keep the raw path
  }
  return path.replace(/^\.\//, '').replace(/\\/g, '/');
}

/** An inline image (not a figure): its asset is found by path; else its alt text is shown. */
function render(state: State, node: Image | ImageReference, url: string | undefined, ctx: ChapterContext): ElementContent {
  const alt = node.alt ?? '';
  const wanted = url === undefined ? undefined : normalise(url);
  const asset = wanted === undefined ? undefined : [...ctx.pub.assets.values()].find((a) => normalise(a.href) === wanted);
  const entry = asset ? ctx.paths.images.get(asset.id) : undefined;
  if (!asset || !entry) {
    report(ctx.file, 'epub-unsupported-node', `inline image "${url ?? node.type}" is not a local image of this book; its alt text is shown instead`, node);
    return text(alt);
  }
  // The size the manuscript gives it (`{height=1em}`); the style sheet keeps it within the line (img.inline's max-height).
  const style = node.type === 'image' ? sizeStyle(node.data?.size) : undefined;
  const element = h('img', { src: entry.href, alt, width: asset.width, height: asset.height, className: ['inline'], ...(style ? { style } : {}) });
  state.patch(node, element);
  return state.applyData(node, element);
}

export function image(ctx: ChapterContext): TypedHandler<'image'> {
  return (state, node) => render(state, node, node.url, ctx);
}

export function imageReference(ctx: ChapterContext): TypedHandler<'imageReference'> {
  return (state, node) => render(state, node, state.definitionById.get(node.identifier.toUpperCase())?.url, ctx);
}
