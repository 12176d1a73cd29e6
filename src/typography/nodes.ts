/**
 * Inline overrides of the typography (`:lang[…]{lang=de}`, `:notypo[…]`); the node
 * types are declared with the others in src/ast/nodes.ts.
 */
import type { Node } from 'unist';

export type { LangSpan, NoTypography } from '../ast/nodes.js';
import type { LangSpan, NoTypography } from '../ast/nodes.js';

export function isLangSpan(node: Node): node is LangSpan {
  return node.type === 'langSpan' && 'lang' in node && typeof node.lang === 'string' && 'children' in node && Array.isArray(node.children);
}

export function isNoTypography(node: Node): node is NoTypography {
  return node.type === 'noTypography' && 'children' in node && Array.isArray(node.children);
}
