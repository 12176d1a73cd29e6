/**
 * Inline overrides of the typography, as the parser is to produce them from
 * `:lang[…]{lang=de}` and `:notypo[…]`. They are plain unist parents whose children
 * are phrasing content; the typography walker recognises them by `type`.
 *
 * They are deliberately NOT yet added to mdast's `PhrasingContentMap`: the PDF inline
 * renderer keys an exhaustive handler map by that interface, so augmenting it breaks
 * the type check until both renderers handle the two types. When wiring the parser,
 * add (e.g. in src/ast/nodes.ts):
 *
 *     declare module 'mdast' {
 *       interface PhrasingContentMap { langSpan: LangSpan; noTypography: NoTypography }
 *       interface RootContentMap { langSpan: LangSpan; noTypography: NoTypography }
 *     }
 *
 * EPUB: `langSpan` → `<span lang="de" xml:lang="de">`, `noTypography` → its children.
 * PDF: both → their children (a `langSpan` also selects the hyphenation language).
 */
import type { PhrasingContent } from 'mdast';
import type { Node, Parent } from 'unist';

/** `:lang[Text]{lang=de}`: children set and hyphenated by the rules of `lang` (BCP 47). */
export interface LangSpan extends Parent {
  type: 'langSpan';
  lang: string;
  children: PhrasingContent[];
}

/** `:notypo[Text]`: children left exactly as typed (no quote, space or dash rules). */
export interface NoTypography extends Parent {
  type: 'noTypography';
  children: PhrasingContent[];
}

export function isLangSpan(node: Node): node is LangSpan {
  return node.type === 'langSpan' && 'lang' in node && typeof node.lang === 'string' && 'children' in node && Array.isArray(node.children);
}

export function isNoTypography(node: Node): node is NoTypography {
  return node.type === 'noTypography' && 'children' in node && Array.isArray(node.children);
}
