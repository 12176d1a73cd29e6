/**
 * Line-level Markdown facts for the scans that run before (or instead of) the parser:
 * the limits prescan (limits.ts) and the cut points of a long manuscript
 * (chunked-parse.ts). Lines may sit in block quotes (`>` prefixes).
 */

/** YAML front matter at the very top, closed by `---` or `...` on a line of its own; group 1 is the YAML (absent when empty). */
export const frontMatterBlock = /^---\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

const fence = /^(?:[ \t]*>)*[ \t]{0,3}(`{3,}|~{3,})/;
const directiveOpen = /^(?:[ \t]*>)*[ \t]{0,3}:{3,}[ \t]*[A-Za-z]/;
const directiveClose = /^(?:[ \t]*>)*[ \t]{0,3}:{3,}[ \t]*$/;

/** The fence (```` ``` ```` or `~~~`…) this line opens, if it opens one. */
export function fenceOpened(line: string): string | undefined {
  const m = fence.exec(line);
  if (!m) return undefined;
  // A backtick fence's info string has no backtick (else the line is inline code).
  if (m[1]?.[0] === '`' && line.slice((m.index ?? 0) + m[0].length).includes('`')) return undefined;
  return m[1];
}

/** Whether this line closes the code fence `open`. */
export function fenceClosed(line: string, open: string): boolean {
  const m = fence.exec(line);
  return m !== null && m[1]?.[0] === open[0] && (m[1]?.length ?? 0) >= open.length && line.trim().replace(/^(?:>\s*)*/, '') === m[1];
}

/** +1 for a line that opens a container directive (`:::name`), −1 for one that closes it, else 0. */
export function directiveStep(line: string): -1 | 0 | 1 {
  if (directiveOpen.test(line)) return 1;
  return directiveClose.test(line) ? -1 : 0;
}
