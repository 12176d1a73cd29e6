/**
 * XHTML content documents: a hast tree wrapped in html/head/body, serialised by
 * hast-util-to-html with XML-compatible settings, then made XML-safe where the HTML
 * serialiser is lenient (see `xmlSafe`).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { isRightToLeft } from '../../typography/languages.js';
import { h, text, visitElements } from './hast.js';
import { STYLESHEET } from './paths.js';

export interface XhtmlDocument {
  lang: string;
  title: string;
  body: ElementContent[];
  /** Class of the `body` element (e.g. `chapter`, `nav`, `credits`). */
  bodyClass?: string;
}

/**
 * hast-util-to-html writes HTML: inside double-quoted attribute values it leaves
 * `<` and `>` as they are (not allowed / risky in XML), and it never escapes `>` in
 * text (so `]]>` could appear). This pass rewrites them as character references.
 * It relies on the serialiser's own guarantees: text `<` and `&` are escaped, every
 * attribute value is double-quoted with `"` escaped, and no comments, CDATA or raw
 * nodes are emitted.
 */
export function xmlSafe(markup: string): string {
  let out = '';
  let state: 'text' | 'tag' | 'value' = 'text';
  for (const char of markup) {
    if (state === 'text') {
      if (char === '<') state = 'tag';
      out += char === '>' ? '&gt;' : char;
    } else if (state === 'tag') {
      if (char === '"') state = 'value';
      else if (char === '>') state = 'text';
      out += char;
    } else {
      if (char === '"') state = 'tag';
      out += char === '<' ? '&lt;' : char === '>' ? '&gt;' : char;
    }
  }
  return out;
}

/**
 * XML has no bare boolean attributes; HTML's boolean attributes (checked, hidden…)
 * would serialise as `checked` without a value. The renderer never emits them; this
 * guard drops any that slip through rather than write malformed XML.
 */
function dropBooleanProperties(root: Element): void {
  visitElements(root, (element) => {
    for (const [key, value] of Object.entries(element.properties)) {
      if (value === true || value === false) delete element.properties[key];
    }
  });
}

/** Code reads left to right in a right-to-left document (EPUB's CSS may not set `direction`: the attribute does). */
function codeLeftToRight(body: ElementContent[]): void {
  for (const node of body) {
    if (node.type !== 'element') continue;
    visitElements(node, (element) => {
      if (element.tagName === 'pre' || element.tagName === 'code') element.properties.dir = 'ltr';
    });
  }
}

export function serializeXhtml(doc: XhtmlDocument): string {
  if (isRightToLeft(doc.lang)) codeLeftToRight(doc.body);
  const html = h(
    'html',
    // A right-to-left language says so: reading systems do not infer the direction from `lang`.
    { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang: doc.lang, xmlLang: doc.lang, ...(isRightToLeft(doc.lang) ? { dir: 'rtl' } : {}) },
    [
      text('\n'),
      h('head', {}, [
        text('\n'),
        h('meta', { charSet: 'utf-8' }),
        text('\n'),
        h('title', {}, [text(doc.title)]),
        text('\n'),
        h('link', { rel: ['stylesheet'], type: 'text/css', href: STYLESHEET }),
        text('\n'),
      ]),
      text('\n'),
      h('body', doc.bodyClass ? { className: [doc.bodyClass] } : {}, [text('\n'), ...doc.body, text('\n')]),
      text('\n'),
    ],
  );
  dropBooleanProperties(html);
  const root: Root = { type: 'root', children: [html] };
  const markup = toHtml(root, {
    closeSelfClosing: true,
    closeEmptyElements: false,
    allowDangerousHtml: false,
    characterReferences: { useNamedReferences: false, useShortestReferences: false },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${xmlSafe(markup)}\n`;
}
