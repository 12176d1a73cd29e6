/**
 * Block-level raw HTML in the PDF: paragraphs, tables, lists, quotes and headings
 * written as HTML (blogs and CMS exports are full of them) are read into Markdown's
 * tree (hast-util-from-html, then hast-util-to-mdast) and set like the Markdown they
 * stand for, instead of as one paragraph of their bare text. What cannot be set is
 * said: embedded media and MathML are named, and images (raw HTML cannot reach the
 * book's images) give their alt text.
 */
import type { Root as HastRoot, RootContent as HastContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultHandlers, toMdast, type Handle } from 'hast-util-to-mdast';
import type { BlockContent, Nodes, Paragraph, PhrasingContent, RootContent, Strong } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import { defaultParseLimits } from '../../../ast/limits.js';
import type { DefList, DefListDescription, DefListTerm } from '../../../ast/nodes.js';
import { isPhrasing } from './inline.js';

/** Elements whose content the PDF does not show (scripts and styles are not content at all). */
const notRendered = new Set(['iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'svg', 'math', 'form', 'input', 'select', 'textarea', 'button', 'frame', 'frameset', 'applet']);

/** Deeper HTML is set as its text: Markdown's own block quotes and lists stop at this depth too (ast/limits.ts). */
const maxDepth = defaultParseLimits.maxDepth;

/** The element nesting depth of a tree, without recursion (the HTML may be hostile). */
function depthOf(root: HastRoot): number {
  let deepest = 0;
  const stack: Array<[HastContent, number]> = root.children.map((child) => [child, 1]);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (node.type !== 'element') continue;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

export interface HtmlBlockContent {
  /** The blocks, every node placed at the HTML block's position in the manuscript. */
  nodes: RootContent[];
  /** Names of the elements with content the PDF does not show, sorted. */
  notShown: string[];
  /** Images replaced by their alt text. */
  images: number;
}

function collectNotShown(nodes: HastContent[], found: Set<string>): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (notRendered.has(node.tagName)) found.add(node.tagName);
    else collectNotShown(node.children, found);
    if (node.tagName === 'template' && node.content) collectNotShown(node.content.children, found);
  }
}

/** A new node's position: the HTML block's, when it has one. */
function at(position: Position | undefined): { position?: Position } {
  return position ? { position } : {};
}

/** Images become their alt text; positions are the block's (a link that cannot work is reported where it is set: inline.ts). */
function rewrite(nodes: Nodes[], position: Position | undefined, counts: { images: number }): Nodes[] {
  const out: Nodes[] = [];
  for (const node of nodes) {
    if (node.type === 'image') {
      counts.images++;
      out.push({ type: 'emphasis', children: [{ type: 'text', value: `[${node.alt || 'image'}]` }], ...at(position) });
      continue;
    }
    if (position) node.position = position;
    else delete node.position;
    if ('children' in node) {
      // The rewritten children are of the same kinds as the originals (phrasing stays phrasing).
      (node as { children: Nodes[] }).children = rewrite(node.children, position, counts);
    }
    if (node.type === 'tableCell') node.children = cellPhrasing(node.children as Nodes[], position); // Cells of HTML tables may hold blocks: see cellPhrasing.
    out.push(node);
  }
  return out;
}

/**
 * A cell's content as one line of phrasing, as Markdown tables have it: the blocks an
 * HTML cell may hold (paragraphs, lists) are joined by line breaks.
 */
function cellPhrasing(nodes: Nodes[], position: Position | undefined): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const pushBreak = () => {
    if (out.length > 0) out.push({ type: 'break', ...at(position) });
  };
  for (const node of nodes) {
    if (isPhrasing(node)) out.push(node);
    else if (node.type === 'paragraph' || node.type === 'heading') {
      pushBreak();
      out.push(...node.children);
    } else {
      const text = toString(node);
      if (text.trim() === '') continue;
      pushBreak();
      out.push({ type: 'text', value: text, ...at(position) });
    }
  }
  return out;
}

/** Runs of phrasing at the top level (text beside blocks) made paragraphs; blank text between blocks dropped. */
function paragraphs(nodes: Nodes[], position: Position | undefined): RootContent[] {
  const out: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) {
      const paragraph: Paragraph = { type: 'paragraph', children: run, ...at(position) };
      out.push(paragraph);
    }
    run = [];
  };
  for (const node of nodes) {
    if (isPhrasing(node)) run.push(node);
    else {
      flush();
      // Only phrasing and block content come out of hast-util-to-mdast's root: what is not phrasing is a block.
      out.push(node as RootContent);
    }
  }
  flush();
  return out;
}

/**
 * A disclosure's `<summary>` labels what follows (the PDF shows it open): a paragraph in
 * bold, where hast-util-to-mdast makes it a plain paragraph like the text it labels.
 */
const summary: Handle = (state, element) => {
  const paragraph = defaultHandlers.p(state, element);
  if (!paragraph || Array.isArray(paragraph) || paragraph.type !== 'paragraph') return paragraph;
  const strong: Strong = { type: 'strong', children: paragraph.children };
  return { ...paragraph, children: [strong] };
};

/**
 * `<dl>`: a definition list, set as a Markdown one is (definition-list.ts), where
 * hast-util-to-mdast makes it a bulleted list of terms and definitions. `<div>` groups
 * are unwrapped; a term's blocks are joined by line breaks, as a table cell's.
 */
const dl: Handle = (state, element) => {
  const children: Array<DefListTerm | DefListDescription> = [];
  const items = element.children.flatMap((child) => (child.type === 'element' && child.tagName === 'div' ? child.children : [child]));
  for (const item of items) {
    if (item.type !== 'element' || (item.tagName !== 'dt' && item.tagName !== 'dd')) continue;
    const content = state.all(item);
    if (item.tagName === 'dt') children.push({ type: 'defListTerm', children: cellPhrasing(content, undefined) });
    else children.push({ type: 'defListDescription', spread: false, children: state.toFlow(content).filter((node): node is BlockContent => node.type !== 'definition' && node.type !== 'footnoteDefinition') });
  }
  if (children.length === 0) return undefined;
  const list: DefList = { type: 'defList', children };
  state.patch(element, list);
  return list;
};

/** The Markdown blocks a block of raw HTML stands for; undefined when it nests deeper than Markdown may. */
export function htmlBlockContent(value: string, position: Position | undefined): HtmlBlockContent | undefined {
  const hast: HastRoot = fromHtml(value, { fragment: true });
  if (depthOf(hast) > maxDepth) return undefined;
  const found = new Set<string>();
  collectNotShown(hast.children, found);
  const mdast = toMdast(hast, { handlers: { summary, dl } });
  const counts = { images: 0 };
  const nodes = 'children' in mdast ? paragraphs(rewrite(mdast.children, position, counts), position) : [];
  return { nodes, notShown: [...found].sort(), images: counts.images };
}
