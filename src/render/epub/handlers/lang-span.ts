import { h } from '../hast.js';
import type { TypedHandler } from '../context.js';

/** `:lang[…]{lang=de}` → `<span lang xml:lang>`: readers and screen readers switch language. */
export const langSpan: TypedHandler<'langSpan'> = (state, node) => {
  const element = h('span', { lang: node.lang, 'xml:lang': node.lang }, state.all(node));
  state.patch(node, element);
  return state.applyData(node, element);
};

/** `:notypo[…]` only stopped the typography rules: its text goes through as it is. */
export const noTypography: TypedHandler<'noTypography'> = (state, node) => state.all(node);
