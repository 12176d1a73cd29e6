import type { Paragraph, PhrasingContent, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import type { Verse } from '../nodes.js';
import { attribute, containerLabel } from './util.js';

const name = 'verse';

/**
 * `:::verse{attribution="…"}` becomes a `verse`: in a poem, the end of a line in the
 * manuscript is the end of a line of verse, so each stanza (paragraph) has its line
 * endings turned into `break` nodes. Breaks are lifted out of emphasis, links and spans
 * (which are cut in two around them), so that every break is a child of its stanza.
 */
export function verses(tree: Root, ctx: TransformContext): void {
  visit(tree, 'containerDirective', (node, index, parent) => {
    if (node.name !== name || !parent || index === undefined) return undefined;
    parent.children.splice(index, 1, verse(node, ctx));
    return index + 1;
  });
}

function verse(node: ContainerDirective, ctx: TransformContext): Verse {
  const { label, body } = containerLabel(node);
  if (label) {
    report(ctx.file, 'directive-attribute', 'the [label] of :::verse is set as the poem’s first stanza: for a title, write a heading above :::verse', label);
    delete label.data;
  }
  const blocks = (label ? [label, ...body] : body).map((child) => (child.type === 'paragraph' ? stanza(child) : child));
  if (!blocks.some((block) => block.type === 'paragraph')) report(ctx.file, 'directive-attribute', 'this :::verse holds no lines: put the poem’s lines inside it, one per line, stanzas separated by a blank line', node);
  const result: Verse = { type: 'verse', children: blocks, position: node.position };
  const attribution = attribute(node, 'attribution');
  if (attribution) result.attribution = attribution;
  return result;
}

/** A stanza: its lines, separated by breaks at its top level. */
function stanza(paragraph: Paragraph): Paragraph {
  const lines = splitLines(paragraph.children);
  const children: PhrasingContent[] = [];
  lines.forEach((line, index) => {
    if (index > 0) children.push({ type: 'break' });
    children.push(...line);
  });
  return { ...paragraph, children };
}

/** Phrasing content cut at line endings and breaks, at any depth; an inline parent cut in two is repeated on both sides. */
export function splitLines(nodes: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  const current = (): PhrasingContent[] => lines[lines.length - 1] ?? [];
  for (const node of nodes) {
    if (node.type === 'break') {
      lines.push([]);
    } else if (node.type === 'text') {
      node.value.split(/[ \t]*\r?\n[ \t]*/).forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part !== '') current().push({ ...node, value: part });
      });
    } else if ('children' in node) {
      splitLines(node.children).forEach((part, index) => {
        if (index > 0) lines.push([]);
        // The same inline parent around each part of its children (emphasis, strong, link…). Each
        // part is a piece of that parent's own children, but TS cannot tie the union's members together.
        if (part.length > 0) current().push({ ...node, children: part } as PhrasingContent);
      });
    } else {
      current().push(node);
    }
  }
  return lines;
}
