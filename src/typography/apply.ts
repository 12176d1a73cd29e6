/**
 * Applies the language rules to a tree: each phrasing container (paragraph, heading,
 * table cell, caption, credit, pull quote…) is one run, so rules see across emphasis,
 * links and spans. Code, HTML markup, math, URLs and opted-out spans are context only;
 * the text of a raw HTML block is prose (html.ts).
 */
import type { Node, Parent } from 'unist';
import { normalizeLang, rulesFor } from './languages.js';
import { typographizeHtml } from './html.js';
import { isLangSpan, isNoTypography } from './nodes.js';
import { convertQuotes } from './quotes.js';
import { PLACEHOLDER, TextRun, type Segment } from './run.js';

/** Blocks whose content is never set: code, raw HTML, math, front matter, link definitions. */
const SKIPPED = new Set(['code', 'html', 'math', 'inlineMath', 'yaml', 'toml', 'definition', 'inlineCode']);
/** Inline nodes that are one opaque "word" in their run. */
const ATOMS = new Set(['inlineCode', 'inlineMath', 'image', 'imageReference', 'footnoteReference', 'html']);
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference', 'textDirective', 'langSpan', 'noTypography']);

/** URLs, e-mail addresses and template tags (`{{ … }}`, `{% … %}`) written as text: never touched. */
const PROTECTED: Array<{ pattern: RegExp; needs: RegExp }> = [
  { pattern: /\{\{[^{}]*\}\}|\{%[^%]*%\}/g, needs: /\{[{%]/ },
  { pattern: /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>«»"“”]+/giu, needs: /:\/\/|www\.|mailto:/i },
  { pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, needs: /@/ },
];

interface TextNode extends Node {
  type: 'text';
  value: string;
}

function isText(node: Node): node is TextNode {
  return node.type === 'text' && 'value' in node && typeof node.value === 'string';
}

function isParent(node: Node): node is Parent {
  return 'children' in node && Array.isArray(node.children);
}

function isPhrasing(node: Node): boolean {
  return node.type === 'text' || node.type === 'break' || ATOMS.has(node.type) || INLINE_PARENTS.has(node.type);
}

/** A link whose visible text is its address (autolinks): the text is a URL, left alone. */
function showsUrl(node: Node): boolean {
  if (node.type !== 'link' || !isParent(node)) return false;
  const text = node.children.map((c) => (isText(c) ? c.value : '')).join('');
  const url = 'url' in node && typeof node.url === 'string' ? node.url : '';
  return text === url || text === url.replace(/^mailto:/, '') || /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$/i.test(text);
}

interface Collected {
  segments: Segment[];
  /** The text node of each segment, or undefined for context only. */
  targets: Array<TextNode | undefined>;
}

function collect(nodes: readonly Node[], lang: string, locked: boolean, into: Collected): void {
  for (const node of nodes) {
    if (isText(node)) {
      into.segments.push({ text: node.value, editable: !locked, lang });
      into.targets.push(node);
    } else if (node.type === 'break') {
      into.segments.push({ text: '\n', editable: false, lang });
      into.targets.push(undefined);
    } else if (ATOMS.has(node.type) || !isParent(node)) {
      into.segments.push({ text: PLACEHOLDER, editable: false, lang });
      into.targets.push(undefined);
    } else if (isLangSpan(node)) {
      collect(node.children, normalizeLang(node.lang), locked, into);
    } else {
      collect(node.children, lang, locked || isNoTypography(node) || showsUrl(node), into);
    }
  }
}

/** Runs every language's rules over one run; returns the new text of each segment. */
function processRun(segments: Segment[]): string[] {
  const run = new TextRun(segments);
  // Each pattern only runs where it can match: the e-mail one backtracks over every word of a long paragraph.
  for (const { pattern, needs } of PROTECTED) if (needs.test(run.text)) run.protect(pattern);
  const langs = [...new Set(segments.filter((s) => s.editable).map((s) => s.lang))];
  for (const lang of langs) {
    const rules = rulesFor(lang);
    if (!rules) continue;
    for (const rule of rules.before) run.apply(rule, lang);
    convertQuotes(run, rules, lang);
    for (const rule of rules.after) run.apply(rule, lang);
  }
  return run.results();
}

/** Applies the rules to a sequence of phrasing nodes as one run (a title, a paragraph's children). */
export function typographizePhrasing(nodes: readonly Node[], lang: string): void {
  const into: Collected = { segments: [], targets: [] };
  collect(nodes, normalizeLang(lang), false, into);
  if (!into.targets.some((t) => t !== undefined)) return;
  const results = processRun(into.segments);
  into.targets.forEach((target, i) => {
    const value = results[i];
    if (target && value !== undefined && target.value !== value) target.value = value;
  });
}

/** Applies the rules of `lang` to a plain string (front matter values, alt text). */
export function typographizeText(text: string, lang: string): string {
  if (text === '') return text;
  return processRun([{ text, editable: true, lang: normalizeLang(lang) }])[0] ?? text;
}

function proseFields(node: Node, lang: string): void {
  if ('alt' in node && typeof node.alt === 'string') node.alt = typographizeText(node.alt, lang);
  if ('attribution' in node && typeof node.attribution === 'string') node.attribution = typographizeText(node.attribution, lang);
}

/**
 * Applies the rules to every prose text of `tree` (a root, a block, a figure…), in
 * language `lang` unless a `langSpan` says otherwise.
 */
export function typographizeTree(tree: Node, lang: string): void {
  const code = normalizeLang(lang);
  const walk = (node: Node, current: string): void => {
    // A raw HTML block (an inline one is a tag: an atom of its paragraph's run).
    if (node.type === 'html' && 'value' in node && typeof node.value === 'string') {
      node.value = typographizeHtml(node.value, current, processRun);
      return;
    }
    if (SKIPPED.has(node.type) || isNoTypography(node)) return;
    proseFields(node, current);
    if (!isParent(node)) return;
    const here = isLangSpan(node) ? normalizeLang(node.lang) : current;
    // Children all phrasing make one run; all raw HTML (a block of HTML alone in a quote) are blocks.
    if (node.children.length > 0 && node.children.every(isPhrasing) && !node.children.every((child) => child.type === 'html')) {
      typographizePhrasing(node.children, here);
      node.children.forEach((child) => visitAtoms(child, here));
      return;
    }
    for (const child of node.children) walk(child, here);
  };
  walk(tree, code);
}

/** Alt text of images inside a run (the run itself treats them as opaque). */
function visitAtoms(node: Node, lang: string): void {
  if (node.type === 'image' || node.type === 'imageReference') proseFields(node, lang);
  if (isNoTypography(node) || !isParent(node)) return;
  const here = isLangSpan(node) ? normalizeLang(node.lang) : lang;
  for (const child of node.children) visitAtoms(child, here);
}
