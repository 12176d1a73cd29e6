import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { report, type Place } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import { alongLine } from '../source-point.js';
import type { ImageSize, Length } from '../nodes.js';
import { parseAttributeList, validId } from './attributes.js';

/** `{…}` right at the start of the text after an image (Pandoc's link attributes). */
const leading = /^\{([^{}\n]*)\}/;

/** Points per unit (CSS's: 96 px to the inch). */
const points: Record<string, number> = { pt: 1, px: 0.75, in: 72, cm: 72 / 2.54, mm: 72 / 25.4, pc: 12 };

/** A width or height as Pandoc writes it: `50%`, `300px`, `300` (pixels), `2.5in`, `6cm`, `12em`. */
export function parseLength(text: string): Length | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(%|pt|px|in|cm|mm|pc|em)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 'px';
  if (!(value > 0)) return undefined;
  if (unit === '%') return value <= 100 ? { value, unit: '%' } : undefined;
  if (unit === 'em') return { value, unit: 'em' };
  return { value: value * (points[unit] ?? 1), unit: 'pt' };
}

/** What an image's `{…}` gives it: an id and a size; the rest is reported (`place`: where it was written). */
export function imageAttributes(inside: string, ctx: TransformContext, place: Place): { id?: string; size?: ImageSize } | undefined {
  const list = parseAttributeList(inside);
  if (!list) return undefined;
  const result: { id?: string; size?: ImageSize } = {};
  const unused = list.classes.map((name) => `.${name}`);
  if (list.id !== undefined) {
    if (validId.test(list.id)) result.id = list.id;
    else report(ctx.file, 'image-attribute', `"#${list.id}" cannot be an id (it must start with a letter and hold only letters, digits, "-", "_" and "."): the image keeps the id Folio gives it`, place);
  }
  for (const [key, value] of list.pairs) {
    if (key !== 'width' && key !== 'height') {
      unused.push(`${key}=${value}`);
      continue;
    }
    const length = parseLength(value);
    if (length) (result.size ??= {})[key] = length;
    else report(ctx.file, 'image-attribute', `${key}=${value} is not a size Folio reads: write a percentage of the text's width (50%), or a length in px, pt, in, cm, mm or em`, place);
  }
  if (unused.length > 0) report(ctx.file, 'image-attribute', `${unused.join(', ')}: Folio uses only an id, a width and a height from an image's attributes; the rest is removed`, place);
  return result;
}

/**
 * Pandoc's link attributes on images: `![alt](src){#id width=50%}`. The `{…}` written
 * right after an image is taken out of the text that follows it and kept on the image
 * (`data.id`, `data.size`), so that an image with attributes alone in its paragraph is
 * still a figure (figure.ts) and no `{width=50%}` is printed. It is read from the
 * manuscript's text, since the parser may have cut it up (`{#fig:map}` holds what
 * reads as a directive, `:map`). Text in braces after a space, or that is not an
 * attribute list, is left as written.
 */
export function imageAttributesOf(tree: Root, ctx: TransformContext): void {
  const source = String(ctx.file.value);
  visit(tree, 'image', (image, index, parent) => {
    const end = image.position?.end.offset;
    if (!parent || index === undefined || end === undefined || source.charCodeAt(end) !== 0x7b /* { */) return;
    const match = leading.exec(source.slice(end, end + 1000));
    if (!match) return;
    const stop = end + match[0].length;
    // The siblings the `{…}` spans: whole ones, and the start of the last (a text: its characters are the source's).
    let count = 0;
    let cut = 0;
    for (let k = index + 1; k < parent.children.length; k++) {
      const node = parent.children[k];
      const start = node?.position?.start.offset;
      const until = node?.position?.end.offset;
      if (!node || start === undefined || until === undefined || start >= stop) break;
      if (until <= stop) {
        count++;
        continue;
      }
      if (node.type !== 'text' || node.value !== source.slice(start, until)) return;
      cut = stop - start;
      break;
    }
    if (count === 0 && cut === 0) return;
    // Reported at the `{`.
    const attributes = imageAttributes(match[1] ?? '', ctx, image.position?.end);
    if (!attributes) return;
    parent.children.splice(index + 1, count);
    const rest = parent.children[index + 1];
    if (cut > 0 && rest?.type === 'text') {
      rest.value = rest.value.slice(cut);
      if (rest.position && rest.position.start.offset !== undefined) rest.position.start = alongLine(rest.position.start, cut);
    }
    if (attributes.id !== undefined || attributes.size !== undefined) image.data = { ...image.data, ...attributes };
  });
}
