/**
 * Last pass over a document's hast, once every chapter is rendered:
 * - links: `#fragment` resolved to the chapter file that holds it; links to files
 *   that are not in the book, or to unknown fragments, or with unsafe schemes, are
 *   reported and kept as plain text (EPUBCheck rejects dangling references);
 * - tables: `<th scope>` and alignment as a class (`align` is obsolete in XHTML5);
 *   their captions are the AST's (ast/transforms/table-caption.ts);
 * - task lists: the checkbox becomes a labelled marker (XML has no bare `checked`).
 */
import type { Element, ElementContent } from 'hast';
import type { VFile } from 'vfile';
import { decodeFragment, safeSchemes, schemeOf } from '../../ast/links.js';
import { report } from '../../diagnostics/report.js';
import { addClass, h, text, visitElements } from './hast.js';
import type { Labels } from '../../typography/labels.js';

export interface LinkTargets {
  /** The file this document is written to. */
  file: string;
  /** Every element id of the book → file holding it (first occurrence wins). */
  ids: Map<string, string>;
  /** Every content document of the book (links may point at a whole file). */
  files: Set<string>;
}

/** New href, or undefined when the link must be dropped (with the reason). */
function resolveHref(href: string, targets: LinkTargets): { href?: string; reason?: string } {
  if (href.startsWith('#')) {
    const id = decodeFragment(href.slice(1));
    if (id === '') return { reason: 'an empty fragment link' };
    const file = targets.ids.get(id);
    if (file === undefined) return { reason: `no element of the book has the id "${id}"` };
    return { href: file === targets.file ? `#${id}` : `${file}#${id}` };
  }
  const scheme = schemeOf(href);
  if (scheme === undefined) {
    // Links the renderer wrote itself (`ch-2.xhtml#fig-3`, `credits.xhtml#…`) or to a whole document.
    const [path = '', fragment] = href.split('#', 2);
    if (!targets.files.has(path)) return { reason: `"${href}" is not part of the book` };
    if (fragment === undefined || fragment === '') return { href };
    const id = decodeFragment(fragment);
    return targets.ids.get(id) === path ? { href } : { reason: `no element of ${path} has the id "${id}"` };
  }
  if (!safeSchemes.has(scheme)) return { reason: `"${scheme}:" links are not allowed in an EPUB` };
  if (scheme === 'http' || scheme === 'https' || scheme === 'ftp') {
    // Browsers forgive host names like `name-.github.io`; EPUB validators do not.
    const host = /^[a-z]+:\/\/(?:[^@/?#]*@)?([^:/?#]*)/i.exec(href)?.[1] ?? '';
    const label = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
    const ipv6 = /^\[[0-9a-f:.]+\]$/i;
    if (!ipv6.test(host) && !host.split('.').every((part) => label.test(part))) return { reason: `"${host}" is not a valid host name` };
  }
  return { href };
}

function rewriteChildren(children: ElementContent[], file: VFile, targets: LinkTargets): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    child.children = rewriteChildren(child.children, file, targets);
    const href = child.properties.href;
    if (child.tagName === 'a' && typeof href === 'string') {
      const resolved = resolveHref(href, targets);
      if (resolved.href === undefined) {
        report(file, 'epub-link', `link dropped from the EPUB: ${resolved.reason ?? href}`, child);
        out.push(...child.children);
        continue;
      }
      child.properties.href = resolved.href;
    }
    out.push(child);
  }
  return out;
}

function fixTable(table: Element): void {
  visitElements(table, (cell, parent) => {
    if (cell.tagName !== 'th' && cell.tagName !== 'td') return;
    if (cell.tagName === 'th') cell.properties.scope = parent && isInHead(table, parent) ? 'col' : 'row';
    const align = cell.properties.align;
    if (typeof align === 'string' && align !== '') addClass(cell, `align-${align}`);
    delete cell.properties.align;
  });
}

function isInHead(table: Element, row: Element): boolean {
  const head = table.children.find((c): c is Element => c.type === 'element' && c.tagName === 'thead');
  return head !== undefined && head.children.includes(row);
}

function fixTaskMarkers(root: Element, strings: Labels): void {
  visitElements(root, (element) => {
    element.children = element.children.map((child) => {
      if (child.type !== 'element' || child.tagName !== 'input' || child.properties.type !== 'checkbox') return child;
      const done = child.properties.checked === true;
      return h('span', { className: ['task-marker', done ? 'task-done' : 'task-open'], role: 'img', ariaLabel: done ? strings.taskDone : strings.taskOpen }, [
        text(done ? '☑' : '☐'),
      ]);
    });
  });
}

export function finalize(body: ElementContent[], file: VFile, targets: LinkTargets, strings: Labels): ElementContent[] {
  const root = h('div', {}, body);
  root.children = rewriteChildren(root.children, file, targets);
  visitElements(root, (element) => {
    if (element.tagName === 'table') fixTable(element);
  });
  fixTaskMarkers(root, strings);
  return root.children;
}

/** Every id in a document's body. */
export function collectIds(body: ElementContent[]): string[] {
  const ids: string[] = [];
  visitElements(h('div', {}, body), (element) => {
    if (typeof element.properties.id === 'string') ids.push(element.properties.id);
  });
  return ids;
}

/** An XML NCName (what EPUBCheck accepts as an id). */
const ncNamePattern = /^[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*$/u;

/**
 * Ids must be unique in a document and valid XML names. Generated ids always are;
 * ids written in raw HTML may not be: those are removed, with a warning.
 */
export function checkIds(body: ElementContent[], file: VFile): void {
  const seen = new Set<string>();
  visitElements(h('div', {}, body), (element) => {
    const id = element.properties.id;
    if (id === undefined || id === null) return;
    const value = String(id);
    if (ncNamePattern.test(value) && !seen.has(value)) {
      seen.add(value);
      return;
    }
    delete element.properties.id;
    const why = seen.has(value) ? 'is already used in this document' : 'is not a valid XML name';
    report(file, 'html-raw', `id "${value}" ${why}; it was removed`, element.position);
  });
  visitElements(h('div', {}, body), (element) => {
    if (element.tagName === 'table') checkHeaders(element, file);
  });
}

/** A cell's `headers` must name header cells (`th` ids) of its own table: other names are removed, with a warning. */
function checkHeaders(table: Element, file: VFile): void {
  const headerIds = new Set<string>();
  visitElements(table, (element) => {
    if (element.tagName === 'th' && typeof element.properties.id === 'string') headerIds.add(element.properties.id);
  });
  visitElements(table, (cell) => {
    if (cell.tagName !== 'td' && cell.tagName !== 'th') return;
    const headers = cell.properties.headers;
    if (headers === undefined || headers === null) return;
    const names = (Array.isArray(headers) ? headers.map(String) : String(headers).split(/\s+/)).filter((name) => name !== '');
    const kept = names.filter((name) => headerIds.has(name));
    if (kept.length === names.length && kept.length > 0) return;
    const dropped = names.filter((name) => !headerIds.has(name));
    if (kept.length > 0) cell.properties.headers = kept;
    else delete cell.properties.headers;
    if (dropped.length > 0) report(file, 'html-raw', `headers ${dropped.map((name) => `"${name}"`).join(', ')} of a table cell ${dropped.length === 1 ? 'names' : 'name'} no header cell of its table; removed`, cell.position);
  });
}
