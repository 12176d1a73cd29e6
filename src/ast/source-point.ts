/** Positions in the manuscript finer than a node's: for messages about one character. */
import type { Node, Point } from 'unist';

/**
 * Where `char` is written in the manuscript: its first occurrence in the source span of
 * `node` (the text node it was set from), or undefined when the source does not hold it
 * there (typography made it, or the text comes from front matter).
 */
export function charPoint(source: string | undefined, node: Node | undefined, char: string): Point | undefined {
  const start = node?.position?.start;
  const end = node?.position?.end;
  if (source === undefined || start?.offset === undefined || end?.offset === undefined) return undefined;
  const at = source.indexOf(char, start.offset);
  if (at < 0 || at + char.length > end.offset) return undefined;
  return pointAt(source, { ...start, offset: start.offset }, at);
}

/**
 * The point of `offset` in the manuscript, counted from a point known on either side of
 * it (`from`: a node's start or end). On `from`'s own line the column follows from
 * `from`'s; past a line end, from the start of the new line.
 */
export function pointAt(source: string, from: Point & { offset: number }, offset: number): Point {
  let line = from.line;
  let lineStart = from.offset - (from.column - 1);
  if (offset >= from.offset) {
    for (let i = source.indexOf('\n', from.offset); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
  } else {
    for (let i = source.lastIndexOf('\n', from.offset - 1); i >= offset; i = i > 0 ? source.lastIndexOf('\n', i - 1) : -1) line--;
    if (line < from.line) lineStart = offset === 0 ? 0 : source.lastIndexOf('\n', offset - 1) + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** `point` moved `by` characters along its line (text taken off, or put before, on that line). */
export function alongLine(point: Point, by: number): Point {
  return { line: point.line, column: point.column + by, ...(point.offset === undefined ? {} : { offset: point.offset + by }) };
}
