import type { Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import type { PullQuote } from '../nodes.js';
import { attribute, blocksToPhrasing, childrenOf, containerLabel } from './util.js';

const name = 'pullquote';

/**
 * `:::pullquote{attribution="…"}` (container) and `::pullquote[…]` (leaf) become a
 * standalone `pullQuote`. Inline `:pullquote[…]` keeps its text in the paragraph
 * and is also lifted out as a `pullQuote` with `repeated: true` right after the
 * block that holds it.
 */
export function pullQuotes(tree: Root, ctx: TransformContext): void {
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if ((node.type === 'containerDirective' || node.type === 'leafDirective') && node.name === name) {
      parent.children.splice(index, 1, standalone(node, ctx));
      return index + 1;
    }
    return undefined;
  });

  // Inline pull quotes: find the block-level ancestor (a paragraph's parent slot) to insert after.
  const inserts: Array<{ parent: Parents; after: RootContent; quote: PullQuote }> = [];
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    if (!parent || index === undefined) return;
    const found: PullQuote[] = [];
    visit(paragraph, 'textDirective', (node: TextDirective, i, p) => {
      if (node.name !== name || !p || i === undefined) return;
      const text: PhrasingContent[] = node.children;
      if (text.length === 0) {
        report(ctx.file, 'directive-attribute', 'inline pull quote is empty: write :pullquote[the sentence to repeat]', node);
      } else {
        const quote: PullQuote = { type: 'pullQuote', repeated: true, children: structuredClone(text), position: node.position };
        const attribution = attribute(node, 'attribution');
        if (attribution) quote.attribution = attribution;
        found.push(quote);
      }
      p.children.splice(i, 1, ...text);
      return i + text.length;
    });
    for (const quote of found) inserts.push({ parent, after: paragraph, quote });
  });
  for (const { parent, after, quote } of inserts.reverse()) {
    const siblings = childrenOf(parent);
    siblings.splice(siblings.indexOf(after) + 1, 0, quote);
  }
}

function standalone(node: ContainerDirective | LeafDirective, ctx: TransformContext): PullQuote {
  let children: PhrasingContent[];
  if (node.type === 'containerDirective') {
    const { label, body } = containerLabel(node);
    children = blocksToPhrasing(body);
    if (children.length === 0 && label) children = label.children;
  } else {
    children = node.children;
  }
  if (children.length === 0) report(ctx.file, 'directive-attribute', 'pull quote is empty: put its text inside :::pullquote … :::', node);
  const quote: PullQuote = { type: 'pullQuote', repeated: false, children, position: node.position };
  const attribution = attribute(node, 'attribution');
  if (attribution) quote.attribution = attribution;
  return quote;
}
