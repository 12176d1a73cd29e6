import type { Image, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import { uniqueId, type TransformContext } from '../context.js';
import type { Credit, Figure, FigureCaption, ImageSize } from '../nodes.js';
import { isMadeId, validId } from './attributes.js';
import { parseLength } from './image-attributes.js';
import { attribute, childrenOf } from './util.js';

export interface FigureSpec {
  url: string;
  alt: string | undefined;
  caption?: PhrasingContent[];
  credit?: Credit;
  position?: Position;
  role?: 'hero';
  /** An id the manuscript gives it (`{#map}`), instead of `fig-<n>`. */
  id?: string;
  size?: ImageSize;
}

/**
 * Builds a figure node, loading its image through the asset resolver (errors are reported there).
 * An empty `url` makes a figure with no image yet (only its credit and caption).
 */
export function makeFigure(spec: FigureSpec, ctx: TransformContext): Figure {
  ctx.counters.figure++;
  const figure: Figure = { type: 'figure', id: figureId(spec, ctx), url: spec.url, alt: spec.alt ?? '', children: [], position: spec.position };
  if (spec.role) figure.role = spec.role;
  if (spec.size) figure.size = spec.size;
  const pending = spec.url === '';
  if (!pending && (spec.alt === undefined || spec.alt.trim() === '')) {
    report(ctx.file, 'figure-alt', `image "${spec.url}" has no alt text: describe what it shows, for readers who cannot see it`, spec.position);
  }
  const asset = pending ? undefined : ctx.resolver.resolve(spec.url, ctx.baseDir, ctx.file, spec.position);
  if (asset) {
    ctx.assets.set(asset.id, asset);
    figure.assetId = asset.id;
    figure.width = asset.width;
    figure.height = asset.height;
  }
  if (spec.caption && spec.caption.length > 0) {
    const caption: FigureCaption = { type: 'figureCaption', children: spec.caption };
    figure.children.push(caption);
  }
  if (spec.credit) figure.children.push(spec.credit);
  return figure;
}

/** `fig-<n>`, or the id the manuscript gives the figure when it is free and not of that form (else reported). */
function figureId(spec: FigureSpec, ctx: TransformContext): string {
  const made = `fig-${ctx.counters.figure}`;
  const given = spec.id;
  if (given === undefined) return uniqueId(ctx, made);
  if (!validId.test(given) || isMadeId(given) || ctx.ids.has(given)) {
    const id = uniqueId(ctx, made);
    const why = !validId.test(given)
      ? 'cannot be an id (it must start with a letter and hold only letters, digits, "-", "_" and ".")'
      : isMadeId(given)
        ? 'has the form of the ids Folio gives pages, chapters, figures and credits'
        : 'is taken by an earlier heading or figure';
    report(ctx.file, 'image-attribute', `the id "${given}" ${why}: this figure gets "${id}"; give it another id`, spec.position);
    return id;
  }
  return uniqueId(ctx, given);
}

/** Builds a credit node from plain text (front matter, directive attribute). */
export function makeCredit(text: string, ctx: TransformContext, position?: Position, extra: { license?: string; url?: string } = {}): Credit {
  return makeCreditFromPhrasing([{ type: 'text', value: text }], ctx, position, extra);
}

export function makeCreditFromPhrasing(children: PhrasingContent[], ctx: TransformContext, position?: Position, extra: { license?: string; url?: string } = {}): Credit {
  ctx.counters.credit++;
  const credit: Credit = { type: 'credit', id: uniqueId(ctx, `credit-${ctx.counters.credit}`), children, position };
  if (extra.license) credit.license = extra.license;
  if (extra.url) credit.url = extra.url;
  return credit;
}

/**
 * How a credit line starts, in the languages Folio hyphenates: `©` or `(c)`; a label and
 * a colon (a space before it, as French sets it, or not), `Photo:`, `Crédit :`, `Foto:`,
 * `Bildnachweis:`, `Fuente:`…; or English's `Photo by`, `Courtesy of`. Only the
 * paragraph right after a figure is asked.
 */
const creditLabels = [
  'credits?', 'crédits?', 'créditos?', 'crediti', 'photos?', 'photographs?', 'photography', 'pictures?', 'images?', 'illustrations?', 'source',
  'fotos?', 'fotografías?', 'fotografias?', 'fotografie', 'bild', 'bilder', 'bildnachweis', 'bildquelle', 'quelle', 'grafik', 'illustrationen',
  'imagen', 'imágenes', 'fuente', 'ilustración', 'immagine', 'immagini', 'fonte', 'illustrazione', 'imagem', 'imagens', 'ilustração',
  'beeld', 'bron', 'illustratie',
];
const creditStart = new RegExp(`^\\s*(?:©|\\(c\\)\\s|(?:${creditLabels.join('|')})\\s*:|(?:photo(?:graph)?|image|illustration|picture)s?\\s+by\\s|courtesy\\s+of\\s)`, 'iu');

function isCreditParagraph(node: RootContent | undefined): node is Paragraph {
  if (!node || node.type !== 'paragraph') return false;
  const first = node.children[0];
  return first !== undefined && first.type === 'text' && creditStart.test(first.value);
}

function loneImage(node: RootContent): Image | undefined {
  if (node.type !== 'paragraph') return undefined;
  const meaningful = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = meaningful[0];
  return meaningful.length === 1 && only && only.type === 'image' ? only : undefined;
}

/**
 * An image alone in its paragraph, or `::figure[caption]{src alt credit}`, becomes
 * a `figure`; a paragraph right after it that starts like a credit becomes its
 * `credit`. Other images stay inline, with their asset resolved.
 */
export function figures(tree: Root, ctx: TransformContext): void {
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined || node.type === 'root') return;
    const siblings = childrenOf(parent);
    let figure: Figure | undefined;
    const image = loneImage(node);
    if (image) {
      const caption: PhrasingContent[] | undefined = image.title ? [{ type: 'text', value: image.title }] : undefined;
      const { id, size } = image.data ?? {};
      figure = makeFigure({ url: image.url, alt: image.alt ?? undefined, caption, position: node.position, ...(id !== undefined ? { id } : {}), ...(size ? { size } : {}) }, ctx);
    } else if (node.type === 'leafDirective' && node.name === 'figure') {
      figure = fromDirective(node, ctx);
      if (!figure) {
        // Reported already: keep the caption text, so nothing the author wrote is lost.
        siblings.splice(index, 1, ...(node.children.length > 0 ? [{ type: 'paragraph' as const, children: node.children, position: node.position }] : []));
        return index;
      }
    }
    if (!figure) return;
    siblings.splice(index, 1, figure);
    const next = siblings[index + 1];
    if (isCreditParagraph(next) && !figure.children.some((c) => c.type === 'credit')) {
      figure.children.push(makeCreditFromPhrasing(next.children, ctx, next.position));
      siblings.splice(index + 1, 1);
    }
    return index + 1;
  });
  visit(tree, 'image', (image) => {
    if (image.data?.id !== undefined) {
      report(ctx.file, 'image-attribute', `an image inside a line of text has no id of its own: {#${image.data.id}} is not used (an image alone in its paragraph is a figure, and takes one)`, image);
    }
    if (image.data?.size?.height?.unit === '%') {
      report(ctx.file, 'image-attribute', 'an image inside a line of text is set at most 1.2 em tall: a height in per cent is not used (give one in em or pt)', image);
    }
    if (image.alt === null || image.alt === undefined || image.alt.trim() === '') {
      report(ctx.file, 'figure-alt', `image "${image.url}" has no alt text: describe what it shows`, image);
    }
    const asset = ctx.resolver.resolve(image.url, ctx.baseDir, ctx.file, image);
    if (asset) {
      ctx.assets.set(asset.id, asset);
      image.data = { ...image.data, assetId: asset.id };
    }
  });
}

function fromDirective(node: LeafDirective, ctx: TransformContext): Figure | undefined {
  const src = attribute(node, 'src');
  if (!src) {
    report(ctx.file, 'directive-attribute', '::figure needs a src attribute: ::figure[Caption]{src="images/photo.jpg" alt="…"}', node);
    return undefined;
  }
  const creditText = attribute(node, 'credit');
  const license = attribute(node, 'license');
  const url = attribute(node, 'credit-url') ?? attribute(node, 'creditUrl');
  const credit = creditText ? makeCredit(creditText, ctx, node.position, { ...(license ? { license } : {}), ...(url ? { url } : {}) }) : undefined;
  const size = directiveSize(node, ctx);
  const id = attribute(node, 'id');
  return makeFigure({ url: src, alt: attribute(node, 'alt'), caption: node.children, ...(credit ? { credit } : {}), position: node.position, ...(id !== undefined ? { id } : {}), ...(size ? { size } : {}) }, ctx);
}

/** `::figure{width=… height=…}`, read as an image's `{width=…}` is. */
function directiveSize(node: LeafDirective, ctx: TransformContext): ImageSize | undefined {
  let size: ImageSize | undefined;
  for (const key of ['width', 'height'] as const) {
    const value = attribute(node, key);
    if (value === undefined) continue;
    const length = parseLength(value);
    if (length) (size ??= {})[key] = length;
    else report(ctx.file, 'directive-attribute', `${key}="${value}" is not a size Folio reads: write a percentage of the text's width (50%), or a length in px, pt, in, cm, mm or em`, node);
  }
  return size;
}
