import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';

/** More words than this in one term: most likely a line of running text, not a term. */
export const PROSE_TERM_WORDS = 10;

/**
 * Definition lists (parsed by ast/definition-list.ts) need no rewriting; this checks
 * their terms. Every line of a paragraph followed by a line that starts with `: ` is a
 * term, so hard-wrapped prose whose next line happens to start with a colon (French sets
 * a space before one) turns into a list of "terms": such a term is reported, with the way
 * to keep the colon as text.
 */
export function definitionLists(tree: Root, ctx: TransformContext): void {
  joinPieces(tree);
  visit(tree, (node) => {
    // Terms stand among blocks: the text inside paragraphs and headings need not be walked.
    if (node.type === 'paragraph' || node.type === 'heading') return SKIP;
    if (node.type !== 'defListTerm') return undefined;
    const words = toString(node).split(/\s+/).filter(Boolean).length;
    if (words <= PROSE_TERM_WORDS) return SKIP;
    report(
      ctx.file,
      'definition-term-prose',
      `this line of ${words} words is set as a definition-list term, because the line after it starts with ": ": if it is running text, move the colon to the end of this line or write it "\\:"`,
      node,
    );
    return SKIP;
  });
}

/**
 * A long definition list is parsed in pieces (ast/chunked-parse.ts): the lists of two
 * pieces side by side are one list, as the whole text makes it (the extension joins a
 * list's entries across blank lines).
 */
function joinPieces(tree: Root): void {
  const children: Root['children'] = [];
  for (const node of tree.children) {
    const previous = children[children.length - 1];
    if (node.type === 'defList' && previous?.type === 'defList') {
      previous.children.push(...node.children);
      if (previous.position && node.position) previous.position.end = node.position.end;
      continue;
    }
    children.push(node);
  }
  tree.children = children;
}
