/**
 * Page-break markers from the PDF's page map, so the EPUB's page list matches the PDF.
 *
 * Each `PageStart` names the block node a printed page starts in (the very node
 * object of the chapter tree) and a text offset inside it. The chapter's handlers
 * are wrapped: when a node with page starts is rendered, a
 * `<span epub:type="pagebreak" role="doc-pagebreak" id="page-N" aria-label="N">`
 * goes before its element (offset 0) or inside its text at the offset. Pages that
 * start in front matter (PDF title page, table of contents) are marked on the cover
 * page; pages after the last chapter (credits) at the start of the credits page.
 */
import type { Element, ElementContent, Text } from 'hast';
import type { Nodes as MdastNodes, Parents as MdastParents } from 'mdast';
import { defaultHandlers } from 'remark-rehype';
import type { Node } from 'unist';
import type { PageMap, PageStart } from '../../ast/page-map.js';
import type { Publication } from '../../ast/publication.js';
import type { Handler, HandlerResult, Handlers, State } from './context.js';
import { asArray, h, text } from './hast.js';

export interface ChapterPageBreaks {
  /** Pages that start at the chapter's title block. */
  title: PageStart[];
  /** Pages that start inside a block node of the chapter (or its hero figure). */
  byNode: Map<Node, PageStart[]>;
}

export interface PagePlan {
  /** Pages before the first chapter's content (title page, contents…). */
  front: PageStart[];
  /** Pages after the last chapter (credits…). */
  back: PageStart[];
  chapters: Map<string, ChapterPageBreaks>;
}

export function pageId(page: number): string {
  return `page-${page}`;
}

export function pageMarker(start: PageStart): Element {
  const n = String(start.page);
  return h('span', { id: pageId(start.page), className: ['pagebreak'], 'epub:type': 'pagebreak', role: 'doc-pagebreak', ariaLabel: n }, []);
}

export function planPages(pub: Publication, map: PageMap | undefined): PagePlan | undefined {
  if (!map || map.length === 0) return undefined;
  const plan: PagePlan = { front: [], back: [], chapters: new Map() };
  const seen = new Set<number>();
  let inBody = false;
  for (const start of map) {
    if (!Number.isInteger(start.page) || seen.has(start.page)) continue; // ids must be unique
    seen.add(start.page);
    const chapterId = start.chapterId;
    if (chapterId === undefined || !pub.chapters.some((chapter) => chapter.id === chapterId)) {
      (inBody ? plan.back : plan.front).push(start);
      continue;
    }
    inBody = true;
    let entry = plan.chapters.get(chapterId);
    if (!entry) plan.chapters.set(chapterId, (entry = { title: [], byNode: new Map() }));
    if (start.node === undefined) entry.title.push(start);
    else entry.byNode.set(start.node, [...(entry.byNode.get(start.node) ?? []), start]);
  }
  return plan;
}

/** mdast types whose element cannot hold a marker before it (inside a list, a table). */
const insideOnly = new Set(['listItem', 'tableRow', 'tableCell', 'defListTerm', 'defListDescription']);
/** Elements whose whitespace-only text children are formatting, not content. */
const blockContainers = new Set(['section', 'div', 'ol', 'ul', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'blockquote', 'figure', 'aside', 'header', 'li', 'dl', 'details']);

/** Inserts `marker` before the `offset`-th character of `element`'s text; false when the text is shorter. */
function insertAtOffset(element: Element, offset: number, marker: Element): boolean {
  let remaining = offset;
  const walk = (parent: Element): boolean => {
    for (let i = 0; i < parent.children.length; i += 1) {
      const child = parent.children[i];
      if (!child) continue;
      if (child.type === 'text') {
        if (blockContainers.has(parent.tagName) && child.value.trim() === '') continue;
        const chars = [...child.value];
        if (remaining < chars.length) {
          const before: Text = text(chars.slice(0, remaining).join(''));
          const after: Text = text(chars.slice(remaining).join(''));
          parent.children.splice(i, 1, ...(before.value ? [before] : []), marker, after);
          return true;
        }
        remaining -= chars.length;
      } else if (child.type === 'element' && child.properties.ariaHidden !== 'true' && walk(child)) return true;
    }
    return false;
  };
  return walk(element);
}

/** The first element to hold a marker "inside": the row's first cell, else the element itself. */
function innerTarget(element: Element): Element {
  if (element.tagName !== 'tr') return element;
  return element.children.find((child): child is Element => child.type === 'element') ?? element;
}

function place(result: HandlerResult, node: MdastNodes, starts: readonly PageStart[]): HandlerResult {
  const nodes = asArray(result);
  const main = nodes.find((child): child is Element => child.type === 'element');
  const hidden = node.type === 'pullQuote' && node.repeated;
  const before: Element[] = [];
  // Markers hold no text, so inserting one never shifts the offsets of the next: page order is enough.
  for (const start of [...starts].sort((a, b) => a.page - b.page)) {
    const marker = pageMarker(start);
    if (main && start.offset > 0 && !hidden && insertAtOffset(main, start.offset, marker)) continue;
    if (main && insideOnly.has(node.type)) innerTarget(main).children.unshift(marker);
    else before.push(marker);
  }
  return before.length === 0 ? nodes : [...before, ...nodes];
}

function isHandler(value: unknown): value is Handler {
  return typeof value === 'function';
}

/** Wraps the handler of every node type that starts a page, so its element gets the markers. */
export function withPageBreaks(handlers: Handlers, breaks: ChapterPageBreaks | undefined): Handlers {
  if (!breaks || breaks.byNode.size === 0) return handlers;
  const wrapped: Handlers = { ...handlers };
  // Indexed by the node's type string: the same object, seen as a plain table.
  const table: Record<string, unknown> = wrapped;
  const defaults: Record<string, unknown> = defaultHandlers;
  const done = new Set<string>();
  for (const node of breaks.byNode.keys()) {
    const type = node.type;
    const original: unknown = table[type] ?? defaults[type];
    if (!isHandler(original) || done.has(type)) continue;
    done.add(type);
    const handler = (state: State, mdast: MdastNodes, parent: MdastParents | undefined): HandlerResult => {
      // Handler types are per node type; the original was registered for this very type.
      const result = (original as (s: State, n: MdastNodes, p: MdastParents | undefined) => HandlerResult)(state, mdast, parent);
      const starts = breaks.byNode.get(mdast);
      return starts ? place(result, mdast, starts) : result;
    };
    table[type] = handler;
  }
  return wrapped;
}
