/**
 * The mdast → hast handler map of one chapter. Folio's own node types are listed in
 * a map typed by `FolioNodeType`, so adding a node type without an EPUB handler is a
 * compile error; standard mdast types the EPUB renders its own way follow.
 */
import type { Nodes as MdastNodes, Parents as MdastParents } from 'mdast';
import { report } from '../../../diagnostics/report.js';
import type { ChapterContext, FolioHandlers, HandlerResult, Handlers, State } from '../context.js';
import { h, phrasingParents } from '../hast.js';
import { captionedTable } from './captioned-table.js';
import { defList, defListDescription, defListTerm } from './definition-list.js';
import { credit, figure, figureCaption } from './figure.js';
import { footnoteReference } from './footnotes.js';
import { html } from './html.js';
import { image, imageReference } from './image.js';
import { langSpan, noTypography } from './lang-span.js';
import { pullQuote } from './pull-quote.js';
import { section } from './section.js';
import { verse } from './verse.js';

export function folioHandlers(ctx: ChapterContext): FolioHandlers {
  return {
    credit: credit(ctx),
    figureCaption,
    figure: figure(ctx),
    pullQuote: pullQuote(ctx),
    section,
    verse,
    langSpan,
    noTypography,
    defList,
    defListTerm,
    defListDescription,
    captionedTable,
  };
}

export function standardHandlers(ctx: ChapterContext): Handlers {
  return {
    footnoteReference: footnoteReference(ctx),
    html: html(ctx),
    image: image(ctx),
    imageReference: imageReference(ctx),
  };
}

/** A node no handler knows (an unhandled directive, a plugin's node): reported, its content kept. */

export function unknownHandler(ctx: ChapterContext): (state: State, node: MdastNodes, parent: MdastParents | undefined) => HandlerResult {
  return (state, node, parent) => {
    report(ctx.file, 'epub-unsupported-node', `the EPUB renderer does not know "${node.type}" nodes; their content is kept`, node);
    if ('children' in node) {
      const inline = parent !== undefined && phrasingParents.has(parent.type);
      const element = inline
        ? h('span', { className: ['unknown'] }, state.all(node))
        : h('div', { className: ['unknown'] }, state.wrap(state.all(node), true));
      state.patch(node, element);
      return element;
    }
    if ('value' in node && typeof node.value === 'string') return { type: 'text', value: node.value };
    return undefined;
  };
}
