import type { Root } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import { alongLine, pointAt } from '../source-point.js';
import { parseAttributeList, trailingBraces } from './attributes.js';

/** `{.a .b}` or kramdown's `{: .a .b}` as the whole text (else at its end after a space or on a line of its own: trailingBraces). */
const whole = /^\{:?([^{}\n]*)\}$/;

/** Whether `inside` lists classes only (`.a .b`): styling hooks of the site a text comes from. */
function classesOnly(inside: string): boolean {
  const list = parseAttributeList(inside);
  return list !== undefined && list.classes.length > 0 && list.id === undefined && list.pairs.length === 0;
}

/**
 * Class lists that blog engines put on blocks (kramdown's `{: .lead}`, `{.font-alt-xs}`
 * after a paragraph, `{.table .table-striped}` on the line after a table) are styling
 * hooks of the site the text comes from: they are removed, with an info message, instead
 * of being printed. A list that holds an id or a `key=value` is left as written.
 */
export function classAttributes(tree: Root, ctx: TransformContext): void {
  visit(tree, (node, index, parent) => {
    if (node.type !== 'paragraph') return undefined;
    const last = node.children[node.children.length - 1];
    // Most paragraphs end otherwise: no pattern to try.
    if (last?.type !== 'text' || !last.value.trimEnd().endsWith('}')) return SKIP;
    const alone = node.children.length === 1 ? whole.exec(last.value.trim()) : null;
    if (alone && classesOnly(alone[1] ?? '') && parent && index !== undefined) {
      report(ctx.file, 'attribute-ignored', `${last.value.trim()}: class attributes style a web page; Folio sets its own and removes them`, node);
      parent.children.splice(index, 1);
      return index;
    }
    const end = trailingBraces(last.value, ' \t\n');
    const inside = end?.inside.replace(/^:/, '');
    if (end && inside !== undefined && classesOnly(inside)) {
      const braces = last.value.slice(end.index).trim();
      const after = last.position?.end;
      // At the `{`: the list is on the text's last line.
      report(ctx.file, 'attribute-ignored', `${braces}: class attributes style a web page; Folio sets its own and removes them`, after ? alongLine(after, -braces.length) : node);
      last.value = last.value.slice(0, end.index);
      const point = last.position?.end;
      const moved = point ? endBefore(String(ctx.file.value), point) : undefined;
      if (last.position && moved) last.position.end = moved;
    }
    return SKIP;
  });
}

/** Where the text ends once the `{…}` that ends at `point` is gone: before the `{` and the blanks and line ends before it (from the manuscript's text). */
function endBefore(source: string, point: Point): Point | undefined {
  if (point.offset === undefined) return undefined;
  let offset = source.lastIndexOf('{', point.offset);
  if (offset < 0) return undefined;
  while (offset > 0 && /[ \t\n]/.test(source[offset - 1] ?? '')) offset--;
  return pointAt(source, { ...point, offset: point.offset }, offset);
}
