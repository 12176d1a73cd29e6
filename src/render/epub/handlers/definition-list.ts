import type { TypedHandler } from '../context.js';
import { h } from '../hast.js';

/** `defList` → `<dl>`: its terms and descriptions in order. */
export const defList: TypedHandler<'defList'> = (state, node) => {
  const element = h('dl', {}, state.wrap(state.all(node), true));
  state.patch(node, element);
  return state.applyData(node, element);
};

/** `defListTerm` → `<dt>`. */
export const defListTerm: TypedHandler<'defListTerm'> = (state, node) => {
  const element = h('dt', {}, state.all(node));
  state.patch(node, element);
  return state.applyData(node, element);
};

/** `defListDescription` → `<dd>` holding its blocks (paragraphs stay `<p>`, so the PDF's page markers find them). */
export const defListDescription: TypedHandler<'defListDescription'> = (state, node) => {
  const element = h('dd', {}, state.wrap(state.all(node), true));
  state.patch(node, element);
  return state.applyData(node, element);
};
