/**
 * Pandoc's attribute lists, `{#id .class key=value key="a value"}`, as written after a
 * heading (`# Title {#id}`) or an image (`![alt](src){width=50%}`).
 */

export interface AttributeList {
  id?: string;
  classes: string[];
  /** `key=value` pairs in order, values unquoted; `-` (unnumbered) is the class `unnumbered`. */
  pairs: Array<[string, string]>;
}

/** One attribute: `#id`, `.class`, `key=value`, `key="value"`, or `-` (unnumbered). */
const attribute = /^(?:#([^\s#.{}="']+)|\.([^\s#.{}="']+)|([A-Za-z_][\w.:-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))|(-))(?:\s+|$)/;

/** An id that is an XML name without a colon (EPUB ids) and a PDF destination name as written. */
export const validId = /^[A-Za-z_][\w.-]*$/;

/** The attributes written inside `{…}`, or undefined when it is not an attribute list (`{a, b}`, `{}`). */
export function parseAttributeList(inside: string): AttributeList | undefined {
  let rest = inside.trim();
  if (rest === '') return undefined;
  const result: AttributeList = { classes: [], pairs: [] };
  while (rest !== '') {
    const match = attribute.exec(rest);
    if (!match) return undefined;
    const [whole, id, className, key, double, single, bare, dash] = match;
    if (id !== undefined) result.id = id;
    else if (className !== undefined) result.classes.push(className);
    else if (key !== undefined) result.pairs.push([key, double ?? single ?? bare ?? '']);
    else if (dash !== undefined) result.classes.push('unnumbered');
    rest = rest.slice(whole.length);
  }
  return result;
}

/** The ids Folio makes itself (page markers, chapters, figures, credits): an id given or made from a title must not take one. */
export function isMadeId(id: string): boolean {
  return /^(?:page|ch|fig|credit)-\d/.test(id);
}

/**
 * `{…}` ending `text` after white space (`Title {#id}`): where that white space starts,
 * and what the braces hold. Found from the last `{` with anchored tests, not with one
 * pattern over the whole text, whose backtracking over a long run of spaces was quadratic.
 */
export function trailingBraces(text: string, before: ' \t' | ' \t\n'): { index: number; inside: string } | undefined {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (text[end - 1] !== '}') return undefined;
  const open = text.lastIndexOf('{', end - 1);
  if (open <= 0) return undefined;
  const inside = text.slice(open + 1, end - 1);
  if (inside.includes('}') || inside.includes('\n')) return undefined;
  let index = open;
  while (index > 0 && before.includes(text[index - 1] ?? '')) index--;
  return index < open ? { index, inside } : undefined;
}
