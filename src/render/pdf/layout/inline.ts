/**
 * Phrasing content → styled runs. One handler per phrasing node type, in a map
 * typed so that the compiler flags a node type without a handler.
 */
import type { Definition, PhrasingContent, PhrasingContentMap } from 'mdast';
import type {} from 'mdast-util-directive';
import type { Node } from 'unist';
import { decodeFragment, safeSchemes, schemeOf } from '../../../ast/links.js';
import { imageProblem, inlineImageSize } from './image-data.js';
import { attribute, decodeEntities, inlineTagEffect, parseInlineTag, type OpenElements } from './inline-html.js';
import type { MissingGlyph } from './lines.js';
import type { BlockStyle, LayoutEnv, Run, RunStyle } from './types.js';

/** Footnote numbers in order of first call, per chapter. */
export class NoteNumbers {
  readonly order: string[] = [];
  /** `chapter` makes note keys and destination names unique in the publication. */
  constructor(readonly chapter = '') {}
  /** Destination of note `n` (the note) and of its first call. */
  noteDest(n: number): string {
    return `fn-${this.chapter}-${n}`;
  }
  callDest(n: number): string {
    return `fnref-${this.chapter}-${n}`;
  }
  private readonly numbers = new Map<string, number>();
  number(identifier: string): number {
    let n = this.numbers.get(identifier);
    if (n === undefined) {
      n = this.order.length + 1;
      this.order.push(identifier);
      this.numbers.set(identifier, n);
    }
    return n;
  }
  has(identifier: string): boolean {
    return this.numbers.has(identifier);
  }
}

/** What inline layout needs besides the environment. */
export interface InlineScope {
  env: LayoutEnv;
  notes: NoteNumbers;
  definitions: Map<string, Definition>;
  missing: MissingGlyph;
}

type InlineHandler<N> = (node: N, style: RunStyle, scope: InlineScope, out: Run[]) => void;
type InlineHandlers = { [K in keyof PhrasingContentMap]: InlineHandler<PhrasingContentMap[K]> };

export function baseStyle(block: BlockStyle): RunStyle {
  return { family: block.family, bold: false, italic: block.italic, size: block.size, color: block.color };
}

const phrasingTypes = new Set<string>([
  'break', 'delete', 'emphasis', 'footnoteReference', 'html', 'image', 'imageReference',
  'inlineCode', 'link', 'linkReference', 'strong', 'text', 'textDirective',
] satisfies Array<keyof PhrasingContentMap>);

export function isPhrasing(node: Node): node is PhrasingContent {
  return phrasingTypes.has(node.type);
}

/** Sibling nodes in order; inline HTML tags among them change the style of those that follow (inline-html.ts). */
function children(nodes: PhrasingContent[], style: RunStyle, scope: InlineScope, out: Run[]): void {
  let current = style;
  let open: OpenElements | undefined;
  for (const node of nodes) {
    if (node.type !== 'html') {
      inlineNode(node, current, scope, out);
      continue;
    }
    const effect = inlineTagEffect(node, current, (open ??= []), (href, inside) => linked(href, node, inside, scope));
    if (effect.kind === 'style') current = effect.style;
    else if (effect.kind === 'break') out.push({ kind: 'break' });
    else if (effect.kind === 'unsupported') inlineNode(node, current, scope, out);
  }
}

/** The text content of raw HTML: tags dropped, common entities decoded. */
export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}

function altText(alt: string | null | undefined, style: RunStyle, out: Run[], node: Node): void {
  out.push({ kind: 'text', text: `[${alt || 'image'}]`, style: { ...style, italic: !style.italic }, node });
}

/**
 * The style of a link's text, by the rules the EPUB follows (ast/links.ts). A link that
 * cannot work is reported and set as plain text: a `#name` that reaches nothing in the
 * book (no chapter, section or figure of that id: targets.ts) would be a dead click, a
 * relative address has nothing to be relative to in a PDF, and a `javascript:`, `file:`
 * or `data:` action is not for a book to carry.
 */
function linked(url: string, node: Node, style: RunStyle, scope: InlineScope): RunStyle {
  const problem = linkProblem(url, scope.env.targets);
  if (problem) {
    scope.env.warn('pdf-link', `link set as plain text in the PDF: ${problem}`, node);
    return style;
  }
  return { ...style, link: url, color: scope.env.theme.colors.accent };
}

function linkProblem(url: string, targets: ReadonlySet<string> | undefined): string | undefined {
  if (url.startsWith('#')) {
    return targets && !targets.has(decodeFragment(url.slice(1))) ? `no chapter, section or figure of the book has the id "${url.slice(1)}"` : undefined;
  }
  const scheme = schemeOf(url);
  if (scheme === undefined) return `"${url}" is a relative address, which a PDF has nothing to resolve against: write the full address (https://…)`;
  return safeSchemes.has(scheme) ? undefined : `"${scheme}:" links are not allowed (only web, mail, telephone and FTP addresses)`;
}

const handlers: InlineHandlers = {
  text: (node, style, _scope, out) => out.push({ kind: 'text', text: node.value, style, node }),
  emphasis: (node, style, scope, out) => children(node.children, { ...style, italic: !style.italic }, scope, out),
  strong: (node, style, scope, out) => children(node.children, { ...style, bold: true }, scope, out),
  delete: (node, style, scope, out) => children(node.children, { ...style, strike: true }, scope, out),
  // Language spans and typography opt-outs changed the characters already; here they are their text.
  langSpan: (node, style, scope, out) => children(node.children, style, scope, out),
  noTypography: (node, style, scope, out) => children(node.children, style, scope, out),
  inlineCode: (node, style, _scope, out) =>
    out.push({ kind: 'text', text: node.value, style: { ...style, family: 'mono', bold: false, italic: false, size: style.size * 0.86 }, node }),
  break: (_node, _style, _scope, out) => out.push({ kind: 'break' }),
  link: (node, style, scope, out) => children(node.children, linked(node.url, node, style, scope), scope, out),
  linkReference: (node, style, scope, out) => {
    const definition = scope.definitions.get(node.identifier.toLowerCase());
    children(node.children, definition ? linked(definition.url, node, style, scope) : style, scope, out);
  },
  footnoteReference: (node, style, scope, out) => {
    const first = !scope.notes.has(node.identifier.toLowerCase());
    const n = scope.notes.number(node.identifier.toLowerCase());
    // The first call carries the note (set at the foot of its page) and the back-link target.
    const call: RunStyle = { ...style, size: style.size * 0.62, rise: style.size * 0.36, color: scope.env.theme.colors.accent, link: `#${scope.notes.noteDest(n)}`, ...(first ? { note: String(n) } : {}) };
    out.push({ kind: 'text', text: String(n), style: call, node });
  },
  html: (node, style, scope, out) => {
    if (/^\s*(<!--[\s\S]*?-->\s*)*$/.test(node.value)) return; // comments are not content
    const tag = parseInlineTag(node.value);
    if (tag.kind === 'open' && tag.name === 'img') {
      scope.env.warn('pdf-unsupported-node', 'an image in raw HTML is not drawn in the PDF (it cannot reach the book’s images); its alt text is set instead', node);
      altText(attribute(tag.attributes, 'alt'), style, out, node);
      return;
    }
    const text = htmlText(node.value);
    scope.env.warn('pdf-unsupported-node', 'inline HTML is not rendered in the PDF; its text is set as plain text', node);
    const parts = text.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) out.push({ kind: 'break' });
      if (part) out.push({ kind: 'text', text: part, style, node });
    });
  },
  image: (node, style, scope, out) => {
    const assetId = node.data?.assetId;
    const asset = assetId === undefined ? undefined : scope.env.assets.get(assetId);
    const problem = imageProblem(asset);
    if (!asset || problem !== undefined) {
      // A missing file was reported when the manuscript was read; a format pdfkit cannot draw is said here.
      if (asset) scope.env.warn('pdf-image', `cannot draw image "${node.url}": ${problem ?? 'not loaded'}; its alt text is set instead`, node);
      altText(node.alt, style, out, node);
      return;
    }
    const size = inlineImageSize(asset, style.size, scope.env.measure, node.data?.size);
    out.push({ kind: 'image', image: { data: asset.data, alt: node.alt || 'image', assetId: asset.id, ...size }, style, node });
  },
  imageReference: (node, style, scope, out) => {
    scope.env.warn('pdf-unsupported-node', 'an image inside a line of text is not drawn in the PDF; its alt text is set instead', node);
    altText(node.alt, style, out, node);
  },
  textDirective: (node, style, scope, out) => children(node.children, style, scope, out),
};

function isKnown(type: string): type is keyof PhrasingContentMap {
  return Object.hasOwn(handlers, type);
}

/** Dispatches one phrasing node; an unknown type is reported and its text kept. */
export function inlineNode(node: PhrasingContent, style: RunStyle, scope: InlineScope, out: Run[]): void {
  const type: string = node.type;
  if (!isKnown(type)) {
    scope.env.warn('pdf-unsupported-node', `the PDF renderer does not know inline node "${type}"; its text is kept`, node);
    out.push({ kind: 'text', text: plainText(node), style, node });
    return;
  }
  // The map is keyed by node type, so the handler for `node.type` takes that node;
  // TypeScript cannot correlate the two through the union, hence the widening here.
  const handler = handlers[node.type] as InlineHandler<PhrasingContent>;
  handler(node, style, scope, out);
}

/** What a node adds to its block's text content (mdast-util-to-string), for the page map. */
function textLength(node: Node | undefined): number {
  if (!node) return 0;
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') return 'value' in node && typeof node.value === 'string' ? node.value.length : 0;
  if (node.type === 'image' || node.type === 'imageReference') return 'alt' in node && typeof node.alt === 'string' ? node.alt.length : 0;
  return 0;
}

/** Phrasing content → runs in the given block style, each with its offset in the block's text. */
export function inlineRuns(nodes: PhrasingContent[], style: RunStyle, scope: InlineScope): Run[] {
  const out: Run[] = [];
  children(nodes, style, scope, out);
  let base = 0;
  let last: Node | undefined;
  for (const run of out) {
    if (run.kind === 'break') continue;
    if (run.node !== last) {
      base += textLength(last);
      last = run.node;
    }
    run.offset = base;
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

/** Children of any node, whatever its type. */
export function childrenOf(node: Node): Node[] {
  if (!('children' in node) || !Array.isArray(node.children)) return [];
  const children: unknown[] = node.children;
  return children.filter(isNode);
}

/** Text content of any node (for outlines, alt text and fallbacks). */
export function plainText(node: Node): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return childrenOf(node).map(plainText).join('');
}
