/**
 * One raw HTML snippet (an mdast `html` node) → sanitised hast, with every removal
 * reported as an `html-raw` warning at its position in the manuscript.
 *
 * The snippet is parsed as an HTML fragment (parse5 through hast-util-from-html),
 * audited against the schema (what will be dropped, and why), then sanitised by
 * rehype-sanitize with that schema. The audit only explains; the sanitiser decides.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Html } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../../../diagnostics/report.js';
import { text, visitElements } from '../hast.js';
import { droppedWithContent, filterStyle, keptTags, phrasingTags, safeProtocols, schema } from './schema.js';

const dropped = new Set(droppedWithContent);
const kept = new Set(keptTags);

function attributeName(property: string): string {
  if (/^(aria|data)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (property === 'className') return 'class';
  return property.toLowerCase();
}

function allowedAttributes(tag: string): Set<string> {
  const attributes = schema.attributes ?? {};
  const names = [...(attributes['*'] ?? []), ...(attributes[tag] ?? [])].map((entry) => (Array.isArray(entry) ? String(entry[0]) : entry));
  return new Set(names);
}

/** Position of a fragment node in the manuscript (fragment positions start at the html node). */
function absolute(node: Html, inner: Position | undefined): Position | undefined {
  const start = node.position?.start;
  if (!start || !inner) return node.position;
  const shift = (point: Position['start']) => ({
    line: start.line + point.line - 1,
    column: point.line === 1 ? start.column + point.column - 1 : point.column,
  });
  return { start: shift(inner.start), end: shift(inner.end) };
}

function unsafeUrl(value: string): string | undefined {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  return scheme !== undefined && !safeProtocols.includes(scheme) ? scheme : undefined;
}

/**
 * Rewrites what the schema cannot express (old `<a name>` anchors become ids, unsafe
 * style declarations are removed) and reports everything the sanitiser will drop.
 */
function audit(root: Root, node: Html, file: VFile): void {
  const notes = new Map<string, Position | undefined>();
  const note = (reason: string, element: Element) => notes.has(reason) || notes.set(reason, absolute(node, element.position));
  const visit = (element: Element): void => {
    const tag = element.tagName;
    if (dropped.has(tag)) {
      note(`<${tag}> removed with its content`, element);
      return; // what is inside goes with it: no need to report it too
    }
    if (tag === 'img') {
      note('<img> in raw HTML cannot reach the book’s images: its alt text is shown instead', element);
      return;
    }
    if (!kept.has(tag)) note(`<${tag}> is not allowed in an EPUB: the element was removed, its content kept`, element);
    const props = element.properties;
    // Obsolete cell alignment becomes the same class GFM tables get.
    if ((tag === 'td' || tag === 'th') && typeof props.align === 'string') {
      props.className = [...(Array.isArray(props.className) ? props.className.map(String) : []), `align-${props.align.toLowerCase()}`];
      delete props.align;
    }
    if (tag === 'a' && typeof props.name === 'string' && props.id === undefined) {
      props.id = props.name;
      delete props.name;
    }
    if (typeof props.style === 'string') {
      const { kept: style, dropped: declarations } = filterStyle(props.style);
      if (declarations.length > 0) note(`style declarations that could hide or overlay content removed (${declarations.join(', ')})`, element);
      if (style === '') delete props.style;
      else props.style = style;
    }
    const allowed = allowedAttributes(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      if (!allowed.has(key) && !(key.startsWith('data') && allowed.has('data*'))) {
        note(/^on[A-Z]/.test(key) ? `event handler ${attributeName(key)} removed` : `attribute ${attributeName(key)} removed from <${tag}>`, element);
        continue;
      }
      if ((key === 'href' || key === 'cite') && typeof value === 'string') {
        const scheme = unsafeUrl(value);
        if (scheme) note(`${scheme}: URL removed from <${tag}>`, element);
      }
    }
    for (const child of element.children) if (child.type === 'element') visit(child);
  };
  for (const child of root.children) if (child.type === 'element') visit(child);
  for (const [reason, position] of notes) report(file, 'html-raw', `raw HTML sanitised: ${reason}`, position);
}

/** Raw `<img>` has no asset behind it: its alt text stands in. */
function replaceImages(root: Root): void {
  visitElements(root, (element) => {
    element.children = element.children.map((child) =>
      child.type === 'element' && child.tagName === 'img' ? text(String(child.properties.alt ?? '')) : child,
    );
  });
  root.children = root.children.map((child) => (child.type === 'element' && child.tagName === 'img' ? text(String(child.properties.alt ?? '')) : child));
}

/** Inside a paragraph only phrasing elements are valid: others become spans (class kept). */
export function toPhrasing(nodes: ElementContent[]): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (!phrasingTags.has(node.tagName)) {
      const className = node.properties.className;
      node.tagName = 'span';
      node.properties = { ...(className !== undefined ? { className } : {}), ...(node.properties.id !== undefined ? { id: node.properties.id } : {}) };
    }
    toPhrasing(node.children);
  }
}

/** Parses, audits and sanitises one snippet; positions are kept for later reports. */
export function sanitizeHtml(value: string, node: Html, file: VFile, phrasing: boolean): ElementContent[] {
  const parsed = fromHtml(value, { fragment: true });
  audit(parsed, node, file);
  replaceImages(parsed);
  const clean = unified().use(rehypeSanitize, schema).runSync(parsed);
  const out = clean.children.filter((child): child is ElementContent => child.type === 'element' || child.type === 'text');
  if (phrasing) toPhrasing(out);
  // Elements keep a manuscript position so that later passes (ids, links) report where they came from.
  for (const child of out) visitElements(child, (element) => (element.position = absolute(node, element.position)));
  return out;
}

export function isPhrasingElement(element: Element): boolean {
  return phrasingTags.has(element.tagName);
}

