/**
 * Raw HTML split across several mdast `html` nodes: `<span class="x">`, some
 * Markdown, `</span>` (inline), or `<div class="note">`, blank line, paragraphs,
 * `</div>` (block). The html handler turns a lone start tag into an "open" marker and
 * a lone end tag into a "close" marker; this pass, run on the chapter's hast, pairs
 * them among siblings and moves what lies between into the opened element. An end
 * tag without its start is removed; a start tag never closed runs to the end of its
 * parent, as in HTML.
 */
import type { Element, ElementContent } from 'hast';
import { h } from '../hast.js';
import { isPhrasingElement } from './sanitize.js';

type Opening =
  /** Wrap what follows in this (sanitised) element. */
  | { kind: 'element'; tag: string; element: Element }
  /** The tag is not allowed: keep what follows as it is. */
  | { kind: 'unwrap'; tag: string }
  /** The tag is dropped with its content (script, iframe…): drop what follows up to its end tag. */
  | { kind: 'drop'; tag: string };

const openings = new WeakMap<Element, Opening>();
const closings = new WeakMap<Element, string>();

export function openMarker(opening: Opening): Element {
  const marker = h('folio-raw-open');
  openings.set(marker, opening);
  return marker;
}

export function closeMarker(tag: string): Element {
  const marker = h('folio-raw-close');
  closings.set(marker, tag);
  return marker;
}

const blockTags = new Set(['p', 'div', 'section', 'figure', 'aside', 'blockquote', 'ol', 'ul', 'table', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'header', 'footer', 'details', 'dl', 'nav', 'article', 'address']);

/** Containers whose content model admits only some children. */
const allowedChildren: Record<string, Set<string>> = {
  table: new Set(['caption', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr']),
  thead: new Set(['tr']),
  tbody: new Set(['tr']),
  tfoot: new Set(['tr']),
  tr: new Set(['td', 'th']),
  ul: new Set(['li']),
  ol: new Set(['li']),
  dl: new Set(['dt', 'dd', 'div']),
  colgroup: new Set(['col']),
};

function fits(element: Element, inner: ElementContent[]): boolean {
  const allowed = allowedChildren[element.tagName];
  if (!allowed) return true;
  return inner.every((node) => (node.type === 'text' ? node.value.trim() === '' : node.type !== 'element' || allowed.has(node.tagName)));
}

function pairChildren(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (let i = 0; i < children.length; i += 1) {
    const child = children[i];
    if (!child) continue;
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    if (closings.has(child)) continue; // unmatched end tag
    const opening = openings.get(child);
    if (!opening) {
      child.children = pairChildren(child.children);
      out.push(child);
      continue;
    }
    // Find the matching end tag among the following siblings (same tag, nesting counted).
    let depth = 0;
    let end = -1;
    for (let j = i + 1; j < children.length; j += 1) {
      const next = children[j];
      if (!next || next.type !== 'element') continue;
      if (openings.get(next)?.tag === opening.tag) depth += 1;
      if (closings.get(next) === opening.tag) {
        if (depth === 0) {
          end = j;
          break;
        }
        depth -= 1;
      }
    }
    if (end === -1) {
      // Never closed: like an HTML parser, the element runs to the end of its parent.
      if (opening.kind !== 'element') continue;
      end = children.length;
    }
    const inner = pairChildren(children.slice(i + 1, end));
    i = end;
    if (opening.kind === 'drop') continue;
    // A table or list opened around Markdown cannot hold it: keep the content, drop the container.
    if (opening.kind === 'unwrap' || !fits(opening.element, inner)) {
      out.push(...(opening.kind === 'element' ? opening.element.children : []), ...inner);
      continue;
    }
    const element = opening.element;
    // An inline element opened at block level around block content becomes a div.
    if (isPhrasingElement(element) && inner.some((node) => node.type === 'element' && blockTags.has(node.tagName))) {
      element.tagName = 'div';
      // Only global attributes stay: `href`, `src`, `alt`… are not allowed on a div.
      const { id, className, lang, dir, title } = element.properties;
      element.properties = Object.fromEntries(Object.entries({ id, className, lang, dir, title }).filter(([, value]) => value !== undefined));
    }
    element.children = [...element.children, ...inner];
    out.push(element);
  }
  return out;
}

export function pairRawHtml(body: ElementContent[]): ElementContent[] {
  return pairChildren(body);
}
