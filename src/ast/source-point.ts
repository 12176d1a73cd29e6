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
  let line = start.line;
  let lineStart = start.offset - (start.column - 1);
  for (let i = source.indexOf('\n', start.offset); i >= 0 && i < at; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1, offset: at };
}
