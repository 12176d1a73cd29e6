import type { Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import { childrenOf, containerLabel, isDirective } from './util.js';

/** Directives Folio knows; run this transform after the ones that handle them. */
export const knownDirectives = ['pullquote', 'figure', 'verse', 'lang', 'notypo'] as const;

/**
 * Any directive left in the tree is unknown: its content is kept (a warning says so),
 * and a bare `:word` that remark-directive took for a text directive (as in
 * "Note:this") goes back to being the text the author wrote.
 */
export function unknownDirectives(tree: Root, ctx: TransformContext): void {
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined || !isDirective(node)) return;
    const siblings = childrenOf(parent);
    const hasAttributes = node.attributes !== null && node.attributes !== undefined && Object.keys(node.attributes).length > 0;
    if (node.type === 'textDirective' && node.children.length === 0 && !hasAttributes) {
      const text: Text = { type: 'text', value: `:${node.name}`, position: node.position };
      siblings.splice(index, 1, text);
      return index + 1;
    }
    const known = (knownDirectives as readonly string[]).includes(node.name);
    const what = node.type === 'textDirective' ? `:${node.name}` : node.type === 'leafDirective' ? `::${node.name}` : `:::${node.name}`;
    report(
      ctx.file,
      known ? 'directive-attribute' : 'directive-unknown',
      known
        ? `${what} cannot be used here (${node.type === 'textDirective' ? 'inline' : 'as a block'}); its content is kept as plain text`
        : `unknown directive ${what}: its content is kept as plain text (known: ${knownDirectives.join(', ')})`,
      node,
    );
    let replacement: RootContent[];
    if (node.type === 'containerDirective') {
      const { label, body } = containerLabel(node);
      replacement = label ? [label, ...body] : body;
    } else if (node.type === 'leafDirective') {
      replacement = node.children.length > 0 ? [{ type: 'paragraph', children: node.children, position: node.position }] : [];
    } else {
      replacement = node.children;
    }
    siblings.splice(index, 1, ...replacement);
    return index;
  });
}
