/**
 * Typography: the rules of each language (quotes, spaces, dashes, numbers), applied
 * once to the Publication so that the EPUB and the PDF carry the same characters, and
 * the hyphenation service both renderers share.
 */
import type { Publication } from '../ast/publication.js';
import { typographizePhrasing, typographizeText, typographizeTree } from './apply.js';

export { typographizePhrasing, typographizeText, typographizeTree } from './apply.js';
export { rulesFor, normalizeLang } from './languages.js';
export { isLangSpan, isNoTypography, type LangSpan, type NoTypography } from './nodes.js';
export type { LanguageRules, QuotePair } from './rules/types.js';
export {
  getHyphenator,
  hyphenationPoints,
  softHyphenate,
  type Hyphenator,
  type HyphenationOptions,
} from './hyphenation.js';

export interface TypographyOptions {
  /** Per publication switch (front matter / config `typography: false`). */
  enabled: boolean;
}

/**
 * Rewrites, in place, every prose text of `pub` by the rules of its language: chapter
 * trees (footnotes, captions, credits, pull quotes included), chapter titles, hero
 * figures, and the metadata strings. Code, HTML markup, math and URLs are never
 * touched; the text of a raw HTML block is set like a paragraph's.
 * Idempotent: applying it twice gives what applying it once gives.
 */
export function applyTypography(pub: Publication, options: TypographyOptions = { enabled: true }): void {
  if (!options.enabled) return;
  const { meta } = pub;
  meta.title = typographizeText(meta.title, meta.lang);
  if (meta.subtitle !== undefined) meta.subtitle = typographizeText(meta.subtitle, meta.lang);
  if (meta.description !== undefined) meta.description = typographizeText(meta.description, meta.lang);
  for (const chapter of pub.chapters) {
    typographizePhrasing(chapter.title, chapter.lang);
    chapter.titleText = typographizeText(chapter.titleText, chapter.lang);
    if (chapter.subtitle !== undefined) chapter.subtitle = typographizeText(chapter.subtitle, chapter.lang);
    if (chapter.hero) typographizeTree(chapter.hero, chapter.lang);
    typographizeTree(chapter.tree, chapter.lang);
  }
}

/**
 * For EPUB readers whose fonts lack U+202F (some Apple readers): the theme switch
 * `nbspFallback` writes U+00A0 instead. Apply to the EPUB's text only; the PDF keeps
 * U+202F (its embedded fonts have the glyph).
 */
export function narrowNbspFallback(text: string): string {
  return text.replace(/\u202F/g, '\u00A0');
}
