/**
 * Bounds on the work one manuscript can ask of the Markdown parser. remark (micromark)
 * recurses once per nesting level (a few thousand nested block quotes or list items
 * overflow the stack) and takes time that grows faster than linearly with nesting and
 * with unmatched emphasis, link and HTML markers in one paragraph. A cheap scan of the
 * text refuses such input before parsing, with the position of the first offending
 * line; the parsed tree's depth is checked exactly afterwards.
 */
import type { Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { directiveStep, fenceClosed, fenceOpened } from './line-scan.js';

export interface ParseLimits {
  /** Deepest nesting of the syntax tree (block quotes, lists and items, emphasis, links…). */
  maxDepth: number;
  /** Most emphasis, link, code and HTML markers in one block of text (lines between blank lines). */
  maxInlineMarkers: number;
  /** Most link reference and footnote definitions: the parser matches each reference against them one by one. */
  maxDefinitions: number;
  /** Longest block of text (lines between blank lines or headings; fenced code excepted), in characters. */
  maxBlockChars: number;
}

/** A real book nests 10–20 levels, and has at most a few hundred markers and 60 kB of text in a paragraph. */
export const defaultParseLimits: ParseLimits = { maxDepth: 100, maxInlineMarkers: 5000, maxDefinitions: 10_000, maxBlockChars: 256 * 1024 };

export interface LimitProblem {
  reason: string;
  place: Point;
}

interface Block {
  /** Line it starts on. */
  start: number;
  chars: number;
  markers: number;
  brackets: number;
  emphasis: number;
  table: boolean;
}

function newBlock(start: number): Block {
  return { start, chars: 0, markers: 0, brackets: 0, emphasis: 0, table: false };
}

const definition = /^(?:[ \t]*>)*[ \t]{0,3}\[[^\]]{1,999}\]:/;
const tableDelimiter = /^(?:[ \t]*>)*[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const thematicBreak = /^[ \t>]*(?:[-*_][ \t]*){3,}$/;

/**
 * Scans the text line by line without parsing: container depth from line prefixes
 * (`>` and list markers, plus indentation before a marker), bracket depth and marker
 * count per block. Estimates err low, so the scan never refuses what the exact check
 * after parsing would accept by a wide margin. Fenced code is skipped.
 */
export function prescan(text: string, limits: ParseLimits): LimitProblem | undefined {
  let line = 0;
  let inFence: string | undefined;
  let block = newBlock(1);
  let definitions = 0;
  let directives = 0;
  let pos = 0;
  while (pos <= text.length) {
    const end = text.indexOf('\n', pos) === -1 ? text.length : text.indexOf('\n', pos);
    const content = text.slice(pos, end);
    line++;
    pos = end + 1;
    if (inFence !== undefined) {
      if (fenceClosed(content, inFence)) inFence = undefined;
      continue;
    }
    const opened = fenceOpened(content);
    if (opened !== undefined) {
      inFence = opened;
      block = newBlock(line + 1);
      continue;
    }
    if (content.trim() === '' || /^(?:[ \t]*>)+[ \t]*$/.test(content) || /^ {0,3}#{1,6}(?:[ \t]|$)/.test(content)) {
      block = newBlock(line + 1);
      continue;
    }
    if (definition.test(content) && ++definitions > limits.maxDefinitions) {
      return { reason: `more than ${limits.maxDefinitions} link or footnote definitions ([label]: …): matching references to them would take too long (limit: maxDefinitions)`, place: { line, column: 1 } };
    }
    // Table cells are parsed one by one: each row counts as a block of its own.
    if (block.table || (content.includes('|') && tableDelimiter.test(content))) block = { ...newBlock(block.start), table: true };
    block.chars += content.length + 1;
    if (block.chars > limits.maxBlockChars) {
      return { reason: `the paragraph starting on line ${block.start} is over ${limits.maxBlockChars} characters long: parsing it would take too long; split it with blank lines (limit: maxBlockChars)`, place: { line: block.start, column: 1 } };
    }
    // Container directives (`:::name` … `:::`) nest like block quotes, across lines.
    directives = Math.max(0, directives + directiveStep(content));
    const depth = (thematicBreak.test(content) ? 0 : prefixDepth(content)) + directives;
    if (depth > limits.maxDepth) {
      return { reason: `block quotes and lists nest more than ${limits.maxDepth} levels deep here: flatten them (limit: maxDepth)`, place: { line, column: 1 } };
    }
    for (let i = 0; i < content.length; i++) {
      const c = content.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 91 /* [ */) {
        block.brackets++;
        block.markers++;
        if (block.brackets > limits.maxDepth) return { reason: `brackets nest more than ${limits.maxDepth} deep here (limit: maxDepth)`, place: { line, column: i + 1 } };
      } else if (c === 93 /* ] */) {
        if (block.brackets > 0) block.brackets--;
        block.markers++;
      } else if (c === 60 /* < */) {
        block.markers++;
      } else if (c === 42 /* * */ || c === 95 /* _ */ || c === 96 /* ` */ || c === 126 /* ~ */) {
        block.markers++;
        const before = content[i - 1];
        const runStart = i;
        while (content.charCodeAt(i + 1) === c) i++;
        const after = content[i + 1];
        if (c === 42 || c === 95) {
          // Emphasis a run opens (space before, text after) or closes (text before, space after), one level per
          // character: its nesting, roughly.
          const run = i - runStart + 1;
          if (opensAfter(before) && !closesBefore(after)) block.emphasis += run;
          else if (!opensAfter(before) && closesBefore(after)) block.emphasis = Math.max(0, block.emphasis - run);
          if (block.emphasis > limits.maxDepth) return { reason: `emphasis opens more than ${limits.maxDepth} times here without closing: parsing it would take too long (limit: maxDepth)`, place: { line, column: i + 1 } };
        }
      } else continue;
      if (block.markers > limits.maxInlineMarkers) {
        return {
          reason: `the paragraph starting on line ${block.start} has more than ${limits.maxInlineMarkers} emphasis, link, code or HTML markers: parsing it would take too long; split it or put it in a code block (limit: maxInlineMarkers)`,
          place: { line: block.start, column: 1 },
        };
      }
    }
  }
  return undefined;
}

/** Whether a delimiter run after `c` can open emphasis (start, space or opening punctuation before it). */
function opensAfter(c: string | undefined): boolean {
  return c === undefined || /[\s([{"'“‘«]/.test(c);
}

/** Whether a delimiter run before `c` can close emphasis (end, space or closing punctuation after it). */
function closesBefore(c: string | undefined): boolean {
  return c === undefined || /[\s)\]}.,;:!?"'”’»]/.test(c);
}

/** Block quote, list and footnote levels opened by a line's prefix (indentation before a list marker counts as ≥ 1 level per 4 columns). */
function prefixDepth(line: string): number {
  let depth = 0;
  let i = 0;
  let indent = 0;
  for (;;) {
    const c = line[i];
    if (c === ' ') indent++;
    else if (c === '\t') indent += 4;
    else if (c === '>') {
      depth++;
      indent = 0;
    } else if ((c === '-' || c === '+' || c === '*') && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
      depth += 1 + Math.floor(indent / 4);
      indent = 0;
    } else if (c === '[' && line[i + 1] === '^') {
      // A footnote definition (`[^label]: `) opens a container too.
      const m = /^\[\^[^\]\s]{1,999}\]:[ \t]/.exec(line.slice(i));
      if (!m) break;
      depth += 1 + Math.floor(indent / 4);
      indent = 0;
      i += m[0].length - 2;
    } else if (c !== undefined && c >= '0' && c <= '9') {
      const m = /^\d{1,9}[.)][ \t]/.exec(line.slice(i));
      if (!m) break;
      depth += 1 + Math.floor(indent / 4);
      indent = 0;
      i += m[0].length - 2;
    } else break;
    i++;
  }
  return depth;
}

/** The first node nested deeper than `maxDepth`, found without recursion. */
export function tooDeep(tree: Root, maxDepth: number): Point | undefined {
  const stack: Array<{ node: Root | RootContent; depth: number }> = [{ node: tree, depth: 0 }];
  let last: Point | undefined;
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    if (top.node.position) last = top.node.position.start;
    if (top.depth > maxDepth) return last ?? { line: 1, column: 1 };
    if ('children' in top.node) for (const child of top.node.children) stack.push({ node: child, depth: top.depth + 1 });
  }
  return undefined;
}
