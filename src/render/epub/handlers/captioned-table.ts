import type { Element, ElementContent } from 'hast';
import type { TypedHandler } from '../context.js';
import { asArray, h } from '../hast.js';

/**
 * `captionedTable` → the table, its caption as the `<caption>` that opens it (and what
 * the page-break wrapper put before the table, kept before it).
 */
export const captionedTable: TypedHandler<'captionedTable'> = (state, node) => {
  const [caption, table] = node.children;
  const rendered = asArray(state.one(table, node));
  const element = rendered.find((child): child is Element => child.type === 'element' && child.tagName === 'table');
  if (!element) return rendered;
  const content: ElementContent[] = state.all(caption);
  const captionElement = h('caption', {}, content);
  state.patch(caption, captionElement);
  element.children.unshift(captionElement);
  return rendered;
};
