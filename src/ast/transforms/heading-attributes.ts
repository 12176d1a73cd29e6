import type { Heading, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import { alongLine } from '../source-point.js';
import { parseAttributeList, trailingBraces, validId } from './attributes.js';

/** Classes that only say what Folio does anyway: headings are not numbered. */
const quietClasses = new Set(['unnumbered']);

/**
 * Pandoc's header attributes: `# Title {#id}` gives the chapter or section the id
 * `id`, the target of `[text](#id)` links in both formats; the `{…}` is removed from
 * the title (contents, running heads, outline). `{.unlisted}` leaves a section out of
 * the contents. `{-}` and `{.unnumbered}` are accepted and change nothing (Folio does
 * not number headings); other classes and key=value pairs are removed with a warning.
 * Text in braces that is not an attribute list (`{a, b}`) is left as written.
 */
export function headingAttributes(tree: Root, ctx: TransformContext): void {
  visit(tree, 'heading', (heading) => {
    take(heading, ctx);
  });
}

function take(heading: Heading, ctx: TransformContext): void {
  const last = heading.children[heading.children.length - 1];
  if (last?.type !== 'text') return;
  // `{…}` at the end of the heading's text, after a space (Pandoc's header attributes).
  const braces = trailingBraces(last.value, ' \t');
  if (!braces) return;
  const attributes = parseAttributeList(braces.inside);
  if (!attributes) return;
  const removed = last.value.length - braces.index;
  last.value = last.value.slice(0, braces.index);
  if (last.position && last.position.end.offset !== undefined) last.position.end = alongLine(last.position.end, -removed);
  if (last.value === '') heading.children.pop();
  if (attributes.id !== undefined) {
    if (validId.test(attributes.id)) (heading.data ??= {}).id = attributes.id;
    else report(ctx.file, 'heading-attribute', `"#${attributes.id}" cannot be an id (it must start with a letter and hold only letters, digits, "-", "_" and "."): the heading keeps an id made from its text`, heading);
  }
  const unlisted = attributes.classes.includes('unlisted');
  if (unlisted && heading.depth > 1) (heading.data ??= {}).unlisted = true;
  else if (unlisted) report(ctx.file, 'heading-attribute', '.unlisted: a chapter is always in the contents (its title opens its pages); only sections can be left out', heading);
  const unused = [...attributes.classes.filter((name) => !quietClasses.has(name) && name !== 'unlisted').map((name) => `.${name}`), ...attributes.pairs.map(([key, value]) => `${key}=${value}`)];
  if (unused.length > 0) {
    report(ctx.file, 'heading-attribute', `${unused.join(', ')}: Folio uses only an id ({#id}) and .unlisted from a heading's attributes; the rest is removed from the title`, heading);
  }
}
