import type { ElementContent, Element } from 'hast';
import type { Paragraph } from 'mdast';
import { splitLines } from '../../../ast/transforms/verse.js';
import type { State, TypedHandler } from '../context.js';
import { asArray, h, text } from '../hast.js';

/**
 * A stanza → `<p class="stanza">`, each line of verse a `<span class="line">` that the
 * style sheet sets as a block with a hanging indent (a long line turns over indented);
 * a `<br/>` between lines keeps them apart in a reading system without the style sheet.
 */
function stanza(state: State, paragraph: Paragraph): Element {
  const children: ElementContent[] = [];
  // The stanza's lines: its breaks are all at its top level (ast/transforms/verse.ts).
  splitLines(paragraph.children).forEach((line, index) => {
    if (index > 0) children.push(h('br'));
    children.push(h('span', { className: ['line'] }, state.all({ type: 'paragraph', children: line })));
  });
  const element = h('p', { className: ['stanza'] }, children);
  state.patch(paragraph, element);
  return element;
}

/** `verse` → `<div class="verse">`: its stanzas, other blocks as usual, then the attribution. */
export const verse: TypedHandler<'verse'> = (state, node) => {
  const children: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type === 'paragraph') children.push(stanza(state, child));
    else children.push(...asArray(state.one(child, node)));
  }
  if (node.attribution) children.push(h('p', { className: ['attribution'] }, [text(node.attribution)]));
  const element = h('div', { className: ['verse'] }, state.wrap(children, true));
  state.patch(node, element);
  return state.applyData(node, element);
};
