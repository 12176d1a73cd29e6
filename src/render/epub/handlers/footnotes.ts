import type { Element, ElementContent } from 'hast';
import { h, text } from '../hast.js';
import type { ChapterContext, State, TypedHandler } from '../context.js';
import { fill } from '../../../typography/labels.js';

function noteId(ctx: ChapterContext, n: number): string {
  return `${ctx.idPrefix}fn-${n}`;
}

/**
 * `footnoteReference` → `<sup><a epub:type="noteref" role="doc-noteref"></a></sup>`.
 * Numbers follow the order of first reference in the chapter. Inside a repeated
 * (hidden) pull quote the reference is not repeated.
 */
export function footnoteReference(ctx: ChapterContext): TypedHandler<'footnoteReference'> {
  return (state, node) => {
    if (ctx.hiddenDepth > 0) return undefined;
    const id = node.identifier.toUpperCase();
    if (!state.footnoteById.has(id)) return text(`[^${node.label ?? node.identifier}]`);
    let index = ctx.footnotes.order.indexOf(id);
    if (index === -1) index = ctx.footnotes.order.push(id) - 1;
    const n = index + 1;
    const references = ctx.footnotes.references.get(id) ?? [];
    const refId = `${ctx.idPrefix}fnref-${n}${references.length > 0 ? `-${references.length + 1}` : ''}`;
    references.push(refId);
    ctx.footnotes.references.set(id, references);
    const link = h('a', { href: `#${noteId(ctx, n)}`, id: refId, className: ['noteref'], 'epub:type': 'noteref', role: 'doc-noteref' }, [text(String(n))]);
    state.patch(node, link);
    const sup = h('sup', {}, [link]);
    state.patch(node, sup);
    return state.applyData(node, sup);
  };
}

/**
 * The chapter's notes, as EPUB 3 pop-up footnotes: one
 * `<aside epub:type="footnote" role="doc-footnote">` per note, in reference order,
 * each opening with its number as a `doc-backlink` to the (first) reference.
 */
export function footnotesSection(state: State, ctx: ChapterContext): Element | undefined {
  const asides: ElementContent[] = [];
  // `order` may grow while notes render (a note that references another note).
  for (let index = 0; index < ctx.footnotes.order.length; index += 1) {
    const id = ctx.footnotes.order[index];
    const definition = id === undefined ? undefined : state.footnoteById.get(id);
    if (id === undefined || !definition) continue;
    const n = index + 1;
    const content = state.all(definition);
    const references = ctx.footnotes.references.get(id) ?? [];
    const backlinks: ElementContent[] = references.map((refId, k) =>
      h(
        'a',
        { href: `#${refId}`, className: ['backlink'], role: 'doc-backlink', ariaLabel: fill(ctx.strings.backToText, { n: k === 0 ? n : `${n}.${k + 1}` }) },
        [text(k === 0 ? String(n) : `↑${k + 1}`)],
      ),
    );
    const marker: ElementContent[] = [];
    backlinks.forEach((link, k) => marker.push(...(k > 0 ? [text(' ')] : []), link));
    marker.push(text(' '));
    const first = content[0];
    if (first && first.type === 'element' && first.tagName === 'p') first.children.unshift(...marker);
    else content.unshift(h('p', {}, marker));
    const aside = h('aside', { id: `${ctx.idPrefix}fn-${n}`, className: ['footnote'], 'epub:type': 'footnote', role: 'doc-footnote' }, state.wrap(content, true));
    state.patch(definition, aside);
    asides.push(aside);
  }
  if (asides.length === 0) return undefined;
  return h('section', { className: ['footnotes'], ariaLabel: ctx.strings.notes }, state.wrap(asides, true));
}
