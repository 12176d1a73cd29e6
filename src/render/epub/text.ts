/**
 * Text passes on finished content documents, behind the EPUB options:
 * - `softHyphens`: soft hyphens (U+00AD) at the language's break points, so reading
 *   systems without CSS hyphenation still break long words (never in code);
 * - `nbspFallback`: U+202F (narrow no-break space, French typography) becomes U+00A0
 *   for reading systems whose fonts lack it (applied to the serialised documents).
 */
import type { ElementContent } from 'hast';
import { softHyphenate } from '../../typography/hyphenation.js';

const verbatim = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style']);

function walk(nodes: ElementContent[], lang: string): void {
  for (const node of nodes) {
    if (node.type === 'text') node.value = softHyphenate(node.value, lang);
    else if (node.type === 'element' && !verbatim.has(node.tagName) && node.properties.ariaHidden !== 'true') {
      const own = node.properties.lang;
      walk(node.children, typeof own === 'string' && own !== '' ? own : lang);
    }
  }
}

export function addSoftHyphens(body: ElementContent[], lang: string): void {
  walk(body, lang);
}

/** U+202F → U+00A0 everywhere in a serialised document (the character is never markup). */
export function narrowNbspFallback(document: string): string {
  return document.replace(/\u202F/g, '\u00A0');
}
