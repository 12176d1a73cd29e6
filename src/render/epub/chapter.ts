/** One chapter → hast: title block, body, notes, through remark-rehype with our handlers. */
import type { Element, ElementContent } from 'hast';
import type { Paragraph, Root as MdastRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Chapter, Publication } from '../../ast/publication.js';
import type { ChapterContext, HandlerResult, Handlers, State } from './context.js';
import { asArray, h, text } from './hast.js';
import { folioHandlers, standardHandlers, unknownHandler } from './handlers/index.js';
import { footnotesSection } from './handlers/footnotes.js';
import { checkIds } from './finalize.js';
import { pairRawHtml } from './html/pairs.js';
import { pageMarker, withPageBreaks, type ChapterPageBreaks } from './page-breaks.js';
import { ncName, type EpubPaths } from './paths.js';
import { bylineText, formatDate, labelsFor } from '../../typography/labels.js';

export function chapterContext(
  pub: Publication,
  chapter: Chapter,
  paths: EpubPaths,
  creditEntries: Map<string, string>,
  pageBreaks?: ChapterPageBreaks,
): ChapterContext {
  const lang = chapter.lang.trim() || pub.meta.lang;
  return {
    pub,
    chapter,
    file: chapter.file,
    lang,
    paths,
    strings: labelsFor(lang),
    idPrefix: `${ncName(chapter.id, 'chapter')}-`,
    creditEntries,
    footnotes: { order: [], references: new Map() },
    hiddenDepth: 0,
    ...(pageBreaks ? { pageBreaks } : {}),
  };
}

/** Title, standfirst, byline and hero image with its credit. */
function titleBlock(state: State, ctx: ChapterContext): Element {
  const { chapter, strings } = ctx;
  const title: Paragraph = { type: 'paragraph', children: chapter.title };
  const children: ElementContent[] = [h('h1', { id: chapter.anchor, className: ['title'] }, state.all(title))];
  if (chapter.subtitle) children.push(h('p', { className: ['standfirst'] }, [text(chapter.subtitle)]));
  if (chapter.authors.length > 0 || chapter.date) {
    // The byline: names, then the date after a middle dot ("Par Claire Donnadieu · 14 mars 2026").
    const parts: ElementContent[] = chapter.authors.length > 0 ? [text(bylineText(chapter.authors, strings))] : [];
    if (chapter.date) {
      if (parts.length > 0) parts.push(text(' \u00b7 '));
      parts.push(h('time', { dateTime: chapter.date }, [text(formatDate(chapter.date, chapter.lang))]));
    }
    children.push(h('p', { className: ['byline'] }, parts));
  }
  if (chapter.hero) children.push(...asArray(state.one(chapter.hero, undefined)));
  return h('header', { className: ['title-block'] }, state.wrap(children, true));
}

/**
 * The root handler returns the chapter's `<section epub:type="chapter">` as a
 * one-element array, so mdast-util-to-hast wraps it in a proper hast root (and, since
 * our footnote handler keeps its own order, adds no GitHub-style footer).
 */
function rootHandler(ctx: ChapterContext): (state: State, node: MdastRoot) => HandlerResult {
  return (state, node) => {
    const header = titleBlock(state, ctx);
    const body = state.all(node);
    const notes = footnotesSection(state, ctx);
    const content: ElementContent[] = [...(ctx.pageBreaks?.title ?? []).map(pageMarker), header, ...body];
    if (notes) content.push(notes);
    const chapterElement = h(
      'section',
      {
        id: ctx.chapter.id,
        className: ['chapter'],
        'epub:type': 'chapter',
        role: 'doc-chapter',
        ariaLabelledBy: [ctx.chapter.anchor],
      },
      state.wrap(content, true),
    );
    return [chapterElement];
  };
}

/** Runs remark-rehype on the chapter tree; returns the body content of its XHTML document. */
export function chapterToHast(ctx: ChapterContext): ElementContent[] {
  const handlers: Handlers = withPageBreaks({ ...standardHandlers(ctx), ...folioHandlers(ctx), root: rootHandler(ctx) }, ctx.pageBreaks);
  const processor = unified().use(remarkRehype, { handlers, unknownHandler: unknownHandler(ctx), allowDangerousHtml: false });
  const hast = processor.runSync(ctx.chapter.tree, ctx.file);
  const body = hast.children.filter((child): child is ElementContent => child.type === 'element' || child.type === 'text');
  const paired = pairRawHtml(body);
  checkIds(paired, ctx.file);
  return paired;
}
