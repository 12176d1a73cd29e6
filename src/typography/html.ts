/**
 * The language rules inside a raw HTML block (`<div class="note">She said "yes" : …</div>`):
 * its text between tags is prose like any other, and set as one run; the markup is left
 * byte for byte as written (tags, attribute values, comments, character references),
 * and so is the text inside elements that hold code or raw text (`code`, `pre`, `kbd`,
 * `samp`, `var`, `tt`, `script`, `style`, `textarea`, `math`, `svg`).
 */
import type { Segment } from './run.js';
import { PLACEHOLDER } from './run.js';

/**
 * A comment, a doctype or processing instruction, a start or end tag (quoted attribute
 * values may hold `>`), or a character reference (`&quot;`: its `;` is not punctuation).
 */
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*(>|$)|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/g;
const LITERAL = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'tt', 'script', 'style', 'textarea', 'math', 'svg']);

interface Piece {
  text: string;
  /** Prose (not markup, not inside a literal element). */
  prose: boolean;
}

function pieces(html: string): Piece[] {
  const out: Piece[] = [];
  const literal: string[] = [];
  let at = 0;
  for (const match of html.matchAll(MARKUP)) {
    const index = match.index;
    if (index > at) out.push({ text: html.slice(at, index), prose: literal.length === 0 });
    out.push({ text: match[0], prose: false });
    at = index + match[0].length;
    const name = match[2]?.toLowerCase();
    if (name === undefined || !LITERAL.has(name)) continue;
    if (match[1] === '/') {
      const open = literal.lastIndexOf(name);
      if (open >= 0) literal.length = open;
    } else if (!/\/\s*>$/.test(match[0])) literal.push(name);
  }
  if (at < html.length) out.push({ text: html.slice(at), prose: literal.length === 0 });
  return out;
}

/**
 * `html` with `run` (the rules of `lang` over segments, as for a paragraph) applied to its
 * prose; unchanged when it has none.
 */
export function typographizeHtml(html: string, lang: string, run: (segments: Segment[]) => string[]): string {
  const parts = pieces(html);
  if (!parts.some((part) => part.prose && /\S/.test(part.text))) return html;
  // Markup is one opaque atom in the run, as an inline HTML tag is in a paragraph's.
  const results = run(parts.map((part) => (part.prose ? { text: part.text, editable: true, lang } : { text: PLACEHOLDER, editable: false, lang })));
  return parts.map((part, index) => (part.prose ? (results[index] ?? part.text) : part.text)).join('');
}
