/**
 * The rehype-sanitize schema for raw HTML in manuscripts: semantic HTML stays
 * (phrasing markup, lists, tables, quotes, details, sections); scripts, styles,
 * embedded content, forms and anything interactive go with their content; obsolete
 * or unknown elements are unwrapped (content kept); event handlers, `role`,
 * `aria-hidden`, `hidden` and unsafe URLs (`javascript:`, `data:`…) are dropped.
 * `style` is filtered separately (see `filterStyle`): only declarations that cannot
 * hide, move or overlay content survive.
 */
import type { Options as Schema } from 'rehype-sanitize';

/** Elements removed together with their content. */
export const droppedWithContent = [
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param',
  'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'label', 'fieldset', 'legend', 'datalist',
  'output', 'meter', 'progress', 'dialog', 'canvas', 'video', 'audio', 'source', 'track', 'picture', 'map', 'area',
  'svg', 'math', 'link', 'meta', 'base', 'title', 'head', 'slot', 'portal',
];

/** Elements that fit where phrasing content is expected (inside a paragraph). */
export const phrasingTags = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 'ruby', 'rp',
  'rt', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'img',
]);

const flowTags = [
  'address', 'article', 'aside', 'blockquote', 'caption', 'col', 'colgroup', 'dd', 'details', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
];

/** `img` is not in the list: raw `<img>` cannot reach the book's images; the handler shows its alt text. */
export const keptTags = [...[...phrasingTags].filter((tag) => tag !== 'img'), ...flowTags];

export const safeProtocols = ['http', 'https', 'mailto', 'tel', 'ftp'];

export const schema: Schema = {
  tagNames: keptTags,
  strip: droppedWithContent,
  // Ids keep the author's spelling (links point at them); uniqueness and XML validity are checked in finalize.
  clobber: [],
  clobberPrefix: '',
  attributes: {
    '*': ['className', 'id', 'title', 'lang', 'dir', 'ariaLabel', 'data*', 'style'],
    a: ['href', 'hrefLang'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'dateTime'],
    ins: ['cite', 'dateTime'],
    time: ['dateTime'],
    ol: ['start', 'type'],
    li: ['value'],
    td: ['colSpan', 'rowSpan', 'headers'],
    th: ['colSpan', 'rowSpan', 'headers', 'scope', 'abbr'],
    col: ['span'],
    colgroup: ['span'],
  },
  protocols: { href: safeProtocols, cite: ['http', 'https'] },
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], caption: ['table'], col: ['table'], colgroup: ['table'] },
  required: {},
};

/** CSS properties kept in a `style` attribute: typographic only, none can hide or overlay content. */
const safeStyle = new Set([
  'font-style', 'font-weight', 'font-variant', 'text-decoration', 'text-decoration-line', 'text-decoration-style',
  'text-transform', 'text-align', 'vertical-align', 'letter-spacing', 'word-spacing', 'white-space', 'list-style-type',
  'font-variant-numeric', 'font-variant-caps', 'text-indent',
]);

/** Keeps the safe declarations of a style attribute; returns what was dropped. */
export function filterStyle(style: string): { kept: string; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const declaration of style.split(';')) {
    const trimmed = declaration.trim();
    if (trimmed === '') continue;
    const colon = trimmed.indexOf(':');
    const name = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase();
    const value = colon === -1 ? '' : trimmed.slice(colon + 1).trim();
    const unsafeValue = /url\(|expression\(|javascript:|\\|@import|[<>]/i.test(value);
    if (safeStyle.has(name) && value !== '' && !unsafeValue && !/^-/.test(value)) kept.push(`${name}: ${value}`);
    else dropped.push(name || trimmed);
  }
  return { kept: kept.join('; '), dropped };
}
