/**
 * Parses a long manuscript in pieces, to keep the parser's peak memory down: micromark
 * holds every event of the document until it is done, several hundred megabytes for a
 * 2.7 MB novel, where the finished tree is a tenth of that. The text is cut before
 * top-level `#`/`##` headings that follow a blank line outside any fenced code, HTML
 * block or directive container, where a heading closes every open block anyway; each
 * piece is parsed alone and the trees are joined with their positions shifted.
 *
 * Link and footnote references need their definitions known to the parser, wherever
 * they are: each piece is parsed with stub definitions of every label of the document
 * after it, and the stubs' nodes are dropped. Anything a piece leaves open at its end
 * (a node reaching past it) means the cut was wrong: the caller parses the whole text.
 */
import type { Root, RootContent } from 'mdast';
import type { Node } from 'unist';
import { directiveStep, fenceClosed, fenceOpened, frontMatterBlock } from './line-scan.js';

/** Pieces are made only for texts longer than this (characters). */
export const chunkAbove = 512 * 1024;
/** A piece is at least this long: short chapters are parsed together. */
const minPiece = 64 * 1024;

const heading = /^#{1,2}[ \t]/;
/** CommonMark HTML blocks of kinds 1–5 run across blank lines until their end marker. */
const htmlOpeners: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** A link or footnote definition's label, loosely: extra labels only add unused stubs. */
const definitionLabel = /^[ \t>*+\-\d.)]*\[(\^?)((?:[^[\]\\\n]|\\.){1,999})\]:/;

export interface Pieces {
  /** Start offsets of the pieces (the first is 0). */
  starts: number[];
  /** Definition labels of the whole text, as a loose scan finds them (footnotes with a leading ^). */
  labels: Set<string>;
}

/** A definition list's description line, at the top level (`: …`). */
const description = /^:[ \t]/;
/** A line that starts a block at the top level (not indented, not a quote, not a description). */
const topLevel = /^[^\s>:]/;

/**
 * Where the text can be cut, or undefined when it should be parsed whole. With `terms`,
 * it is also cut before a definition list's entry (a top-level line after a blank line,
 * followed by a `: ` description): the extension that parses definition lists slows
 * down with the square of their entries (ast/definition-list.ts), and each piece's list
 * is joined to the next one's again (transforms/definition-list.ts).
 */
export function cutPoints(text: string, minimum = minPiece, terms = false): Pieces | undefined {
  if (text.includes('\r')) return undefined;
  const starts = [0];
  const labels = new Set<string>();
  let inFence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let directives = 0;
  let blankBefore = false;
  // Front matter is YAML, where `# ` starts a comment: the scan starts after it.
  const frontMatter = frontMatterBlock.exec(text);
  let pos = frontMatter ? frontMatter[0].length : 0;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(pos, end);
    const lineStart = pos;
    pos = end + 1;
    const blank = line.trim() === '';
    if (inFence !== undefined) {
      if (fenceClosed(line, inFence)) inFence = undefined;
      blankBefore = false;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
      blankBefore = false;
      continue;
    }
    const opened = fenceOpened(line);
    if (opened !== undefined) {
      inFence = opened;
      blankBefore = false;
      continue;
    }
    const opener = htmlOpeners.find(([open]) => open.test(line));
    if (opener && !opener[1].test(line.replace(opener[0], ''))) {
      htmlEnd = opener[1];
      blankBefore = false;
      continue;
    }
    directives = Math.max(0, directives + directiveStep(line));
    const label = definitionLabel.exec(line);
    if (label) labels.add(`${label[1] ?? ''}${label[2] ?? ''}`);
    if (blankBefore && directives === 0 && lineStart - (starts[starts.length - 1] ?? 0) >= minimum) {
      if (heading.test(line) || (terms && topLevel.test(line) && description.test(text.slice(pos, pos + 2)))) starts.push(lineStart);
    }
    blankBefore = blank;
  }
  if (inFence !== undefined || htmlEnd || starts.length < 2) return undefined;
  return { starts, labels };
}

interface Shift {
  line: number;
  offset: number;
}

/** Moves every position of `node`'s subtree by `shift` (pieces start at a line start, so columns stay). */
function shiftPositions(node: Node, shift: Shift): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    const position = current.position;
    if (position) {
      position.start.line += shift.line;
      position.end.line += shift.line;
      if (position.start.offset !== undefined) position.start.offset += shift.offset;
      if (position.end.offset !== undefined) position.end.offset += shift.offset;
    }
    if ('children' in current && Array.isArray(current.children)) {
      for (const child of current.children) stack.push(child);
    }
  }
}

/** The labels the pieces really define (definitions and footnote definitions at any depth). */
function definedLabels(children: RootContent[]): Set<string> {
  const labels = new Set<string>();
  const stack: Node[] = [...children];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if ((node.type === 'definition' || node.type === 'footnoteDefinition') && 'label' in node && typeof node.label === 'string') {
      labels.add(`${node.type === 'footnoteDefinition' ? '^' : ''}${node.label}`);
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children) stack.push(child);
  }
  return labels;
}

function stubsOf(labels: Iterable<string>): string {
  return [...labels].map((label) => `[${label}]: ${label.startsWith('^') ? 'x' : '#'}`).join('\n\n');
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((label) => b.has(label));
}

/** Parses each piece with `stubs` after it; undefined when a piece's last block runs into them. */
function parsePieces(text: string, starts: number[], stubs: string, parse: (text: string) => Root): RootContent[] | undefined {
  const children: RootContent[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    const end = starts[i + 1] ?? text.length;
    const piece = text.slice(start, end);
    const tree = parse(stubs ? `${piece}\n\n${stubs}\n` : piece);
    for (const child of tree.children) {
      const from = child.position?.start.offset ?? 0;
      const to = child.position?.end.offset ?? 0;
      if (from >= piece.length) continue; // a stub definition
      if (to > piece.length) return undefined; // the piece's last block ran into the stubs
      shiftPositions(child, { line, offset: start });
      children.push(child);
    }
    for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', at + 1)) line++;
  }
  return children;
}

/**
 * Parses `text` piece by piece with `parse`; undefined when the text should be parsed
 * whole (short, no safe cut, or a piece left a block open at its end). The labels a
 * loose scan guessed are checked against the definitions the pieces really hold; when
 * they differ, the pieces are parsed again with the real ones, so the tree is exact.
 */
export function parseInPieces(text: string, parse: (text: string) => Root, minimum?: number, terms = false): Root | undefined {
  const pieces = cutPoints(text, minimum, terms);
  if (!pieces) return undefined;
  let children = parsePieces(text, pieces.starts, stubsOf(pieces.labels), parse);
  if (!children) return undefined;
  const real = definedLabels(children);
  if (!sameSet(real, pieces.labels)) children = parsePieces(text, pieces.starts, stubsOf(real), parse);
  if (!children) return undefined;
  let lines = 1;
  let lastLine = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    lines++;
    lastLine = at + 1;
  }
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines, column: text.length - lastLine + 1, offset: text.length } },
  };
}

/** Definition-list descriptions from which a text is parsed in pieces at its entries, whatever its length. */
export const manyDescriptions = 300;
/** A piece of such a text holds at least this many characters (a few hundred entries). */
export const termPiece = 16 * 1024;

/** How many top-level definition-list descriptions (`: …` lines) `text` has, counting up to `limit`. */
export function descriptionCount(text: string, limit: number): number {
  let count = 0;
  const lines = new RegExp(description.source, 'gm');
  while (count < limit && lines.exec(text)) count++;
  return count;
}
