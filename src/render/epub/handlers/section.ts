import { h } from '../hast.js';
import type { TypedHandler } from '../context.js';

/** `section` → `<section id>` holding its heading (rendered `<h2>`…`<h6>` by the default handler). */
export const section: TypedHandler<'section'> = (state, node) => {
  const element = h('section', { id: node.id, className: [`level-${node.depth}`] }, state.wrap(state.all(node), true));
  state.patch(node, element);
  return state.applyData(node, element);
};
