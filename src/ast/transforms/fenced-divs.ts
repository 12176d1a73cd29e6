import type { Paragraph, Root, Text } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { report, type Place } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import { pointAt } from '../source-point.js';

/**
 * A line of a Pandoc fenced div: three colons or more, then (opening) attributes or a
 * class word, `::: {.callout-note}`, `::: warning`, `:::: {#outer .columns} ::::`, or
 * (closing) nothing. remark-directive reads `:::name` (no space, no braces) as a
 * directive; these lines it leaves in the text.
 */
const fencePattern = /^:{3,}(?:[ \t]*(?:\{[^{}\n]*\}|[^\s{}:][^\s{}]*))?(?:[ \t]*:+)?$/;
/** Whether `line` is a fence line (trimmed first: blanks around it and inside it are never matched twice). */
const fence = { test: (line: string): boolean => fencePattern.test(line.trim()) };
const opening = /[^:\s]/;

/** The point `count` lines after `point`, at the first non-blank character (from the manuscript's text). */
function linesAfter(source: string, point: Point, count: number): Point | undefined {
  if (point.offset === undefined) return undefined;
  let offset = point.offset;
  for (let n = 0; n < count; n++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  while (source[offset] === ' ' || source[offset] === '\t' || source[offset] === '>') offset++;
  return pointAt(source, { ...point, offset: point.offset }, offset);
}

/**
 * Pandoc's fenced divs (`::: {.callout-note}` … `:::`, as Quarto writes callouts and
 * columns): the fence lines are taken out of the paragraphs the parser put them in, and
 * the content stays in place as text of the chapter, so that no `:::` is printed. Folio
 * does not style blocks by class: each opening fence gets an info message saying so.
 */
export function fencedDivs(tree: Root, ctx: TransformContext): void {
  const source = String(ctx.file.value);
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    const first = paragraph.children[0];
    const last = paragraph.children[paragraph.children.length - 1];
    // Cheap tests first: most paragraphs neither start nor end with a colon.
    const starts = first?.type === 'text' && /^[ \t]*:::/.test(first.value);
    const ends = last?.type === 'text' && last.value.includes(':::') && fence.test(last.value.slice(last.value.lastIndexOf('\n') + 1));
    if (!starts && !ends) return SKIP;
    if (starts && first.type === 'text') stripLeading(paragraph, first, source, ctx);
    const end = paragraph.children[paragraph.children.length - 1];
    if (end?.type === 'text') stripTrailing(paragraph, end, source, ctx);
    if (paragraph.children.length === 0 && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    return SKIP;
  });
}

/** The info message of an opening fence line (one with attributes or a class word); a closing one says nothing. */
function reportOpening(line: string, place: Place, ctx: TransformContext): void {
  if (!opening.test(line.replace(/:/g, ''))) return;
  report(ctx.file, 'fenced-div', `${line.trim()}: a Pandoc fenced div; Folio sets its content as the text around it (it does not style blocks by class)`, place);
}

function stripLeading(paragraph: Paragraph, text: Text, source: string, ctx: TransformContext): void {
  const lines = text.value.split('\n');
  let count = 0;
  while (count < lines.length && fence.test(lines[count] ?? '')) {
    const start = text.position?.start;
    reportOpening(lines[count] ?? '', start ? { line: start.line + count, column: 1 } : paragraph, ctx);
    count++;
  }
  if (count === 0) return;
  const rest = lines.slice(count).join('\n');
  if (rest === '') {
    paragraph.children.shift();
    return;
  }
  text.value = rest;
  const start = text.position?.start;
  const moved = start ? linesAfter(source, start, count) : undefined;
  if (text.position && moved) text.position.start = moved;
}

function stripTrailing(paragraph: Paragraph, text: Text, source: string, ctx: TransformContext): void {
  const lines = text.value.split('\n');
  let keep = lines.length;
  while (keep > 0 && fence.test(lines[keep - 1] ?? '')) {
    const end = text.position?.end;
    reportOpening(lines[keep - 1] ?? '', end ? { line: end.line - (lines.length - keep), column: 1 } : paragraph, ctx);
    keep--;
  }
  if (keep === lines.length) return;
  const rest = lines.slice(0, keep).join('\n').replace(/[ \t]+$/, '');
  if (rest === '') {
    paragraph.children.pop();
    return;
  }
  text.value = rest;
  const end = text.position?.end;
  const moved = end ? linesBefore(source, end, lines.length - keep) : undefined;
  if (text.position && moved) text.position.end = moved;
}

/** The end of the line `count` lines before `point`'s, trailing blanks left out (from the manuscript's text). */
function linesBefore(source: string, point: Point, count: number): Point | undefined {
  if (point.offset === undefined) return undefined;
  let offset = point.offset;
  for (let n = 0; n < count; n++) {
    const previous = source.lastIndexOf('\n', offset - 1);
    if (previous < 0) return undefined;
    offset = previous;
  }
  while (offset > 0 && (source[offset - 1] === ' ' || source[offset - 1] === '\t')) offset--;
  return pointAt(source, { ...point, offset: point.offset }, offset);
}
