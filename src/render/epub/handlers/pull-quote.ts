import type { Element, ElementContent } from 'hast';
import { h, text } from '../hast.js';
import type { ChapterContext, TypedHandler } from '../context.js';

/** Links inside a hidden pull quote would stay focusable (axe: aria-hidden-focus): keep their text only. */
function unlink(nodes: ElementContent[]): ElementContent[] {
  return nodes.map((node) => {
    if (node.type !== 'element') return node;
    const children = unlink(node.children);
    if (node.tagName === 'a') return h('span', {}, children);
    const copy: Element = { ...node, children };
    return copy;
  });
}

/**
 * `pullQuote` → `<aside epub:type="pullquote" role="doc-pullquote">`. A repeated one
 * (its text stays in the body) is hidden from assistive technology so it is not read
 * twice; its footnote references are not repeated either.
 */
export function pullQuote(ctx: ChapterContext): TypedHandler<'pullQuote'> {
  return (state, node) => {
    if (node.repeated) ctx.hiddenDepth += 1;
    let content: ElementContent[];
    try {
      content = state.all(node);
    } finally {
      if (node.repeated) ctx.hiddenDepth -= 1;
    }
    if (node.repeated) content = unlink(content);
    const children: ElementContent[] = [h('p', {}, content)];
    if (node.attribution) children.push(h('p', { className: ['attribution'] }, [text(node.attribution)]));
    const element = h(
      'aside',
      {
        className: ['pull-quote'],
        'epub:type': 'pullquote',
        role: 'doc-pullquote',
        ariaHidden: node.repeated ? 'true' : undefined,
      },
      state.wrap(children, true),
    );
    state.patch(node, element);
    return state.applyData(node, element);
  };
}
