import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';

/**
 * Lenient reading of front matter that strict YAML rejects, for the mistakes whose
 * intent is evident (the 114 18F posts and a few rOpenSci ones write multi-line
 * quoted values whose continuation lines are not indented):
 *
 * - a quoted value continued on lines that are not indented → indented;
 * - `title: Part one: the start` (an unquoted value holding ": ") → quoted;
 * - indentation made only of tabs → two spaces per tab;
 * - a key given twice with the same value, or a key Folio does not use → the last one.
 *
 * Anything else (or a fix that still does not parse) is left to the caller to report.
 */

export interface Recovery {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** What was assumed, with the 0-based offset in the original text it is about. */
  notes: Array<{ offset: number; reason: string }>;
  /** Keys given twice with different values, where the intent is not evident. */
  conflicts: Array<{ key: string; offset: number }>;
}

export function parseYaml(text: string, uniqueKeys = true): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys });
  return { doc, lineCounter };
}

/** Plain words for the YAML library's error codes. */
export function explainYamlError(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.message;
  if (error.code === 'MISSING_CHAR' && /quote/.test(first)) return `a quoted value is not closed (${first.replace(/^Missing closing /, 'missing closing ')})`;
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY') return 'a value contains ": " (colon and space): put the whole value in quotes';
  if (error.code === 'TAB_AS_INDENT') return 'tabs cannot indent YAML: indent with spaces';
  if (error.code === 'DUPLICATE_KEY') return 'a key is given twice: keep one';
  if (error.code === 'MULTILINE_IMPLICIT_KEY') return 'a line is indented as if it continued the previous key: check its indentation, or quote the value';
  return first;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Where a quoted scalar opened at `from` closes on this line, or -1. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

const quotedValueStart = /^( *)((?:- +)?)((?:[^\s"'#{}[\]-][^:"'#]*?|[^\s"'#{}[\]][^:"'#\s][^:"'#]*?):[ \t]+)?(["'])/;

/** Indents continuation lines of quoted values that are not indented enough. */
function indentQuotedContinuations(text: string): { text: string; notes: Recovery['notes'] } {
  const lines = text.split('\n');
  const starts = lineStarts(text);
  const notes: Recovery['notes'] = [];
  let open: { quote: string; indent: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    let from = 0;
    if (open) {
      const leading = /^ */.exec(line)?.[0].length ?? 0;
      if (line.trim() !== '' && leading <= open.indent) {
        line = ' '.repeat(open.indent + 1 - leading) + line;
        lines[i] = line;
        if (notes.length === 0 || notes[notes.length - 1]?.reason !== 'unindented') notes.push({ offset: starts[i] ?? 0, reason: 'unindented' });
      }
      const end = closingQuote(line, 0, open.quote);
      if (end === -1) continue;
      from = end + 1;
      open = undefined;
    }
    const m = quotedValueStart.exec(line.slice(from));
    if (from > 0 || !m || (!m[2] && !m[3])) continue;
    const quote = m[4] ?? '"';
    const end = closingQuote(line, m[0].length, quote);
    if (end === -1) open = { quote, indent: (m[1] ?? '').length };
  }
  return { text: lines.join('\n'), notes: notes.map((n) => ({ offset: n.offset, reason: 'a quoted value continues on lines that are not indented; read as if they were (indent them by one space to silence this)' })) };
}

/** Quotes the plain value of the `key: value` line at `offset` when it holds ": ". */
function quoteColonValue(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const endAt = text.indexOf('\n', offset);
  const end = endAt === -1 ? text.length : endAt;
  const line = text.slice(start, end);
  const m = /^( *(?:- +)?[^\s"'#{}[\]][^:"'#]*?:[ \t]+)([^\s"'[{|>&*!%@`#].*)$/.exec(line);
  if (!m || !/: /.test(m[2] ?? '') || / #/.test(m[2] ?? '')) return undefined;
  const value = (m[2] ?? '').trimEnd().replace(/'/g, "''");
  return `${text.slice(0, start)}${m[1] ?? ''}'${value}'${text.slice(end)}`;
}

/** Replaces indentation made only of tabs by two spaces per tab; undefined when tabs and spaces mix. */
function untab(text: string): string | undefined {
  const lines = text.split('\n');
  if (lines.some((l) => /^ +\t|^\t+ +\S/.test(l) && !/^\t+ +- /.test(l))) return undefined;
  return lines.map((l) => l.replace(/^\t+/, (tabs) => '  '.repeat(tabs.length))).join('\n');
}

/**
 * Tries the fixes above, each at most once, while they change something and the text
 * still does not parse. Returns undefined when the text cannot be read with confidence.
 */
export function recoverYaml(text: string, knownKeys: readonly string[]): Recovery | undefined {
  let current = text;
  const notes: Recovery['notes'] = [];
  let parsed = parseYaml(current);
  const originalErrors = parsed.doc.errors;
  for (let round = 0; round < 4 && parsed.doc.errors.length > 0; round++) {
    const codes = new Set(parsed.doc.errors.map((e) => e.code));
    const firstOffset = originalErrors[0]?.pos[0] ?? 0;
    let next: string | undefined;
    if (codes.has('MISSING_CHAR')) {
      const fixed = indentQuotedContinuations(current);
      if (fixed.text !== current) {
        next = fixed.text;
        notes.push(...fixed.notes);
      }
    }
    if (next === undefined && codes.has('BLOCK_AS_IMPLICIT_KEY')) {
      const error = parsed.doc.errors.find((e) => e.code === 'BLOCK_AS_IMPLICIT_KEY');
      next = error ? quoteColonValue(current, error.pos[0]) : undefined;
      if (next !== undefined) notes.push({ offset: error?.pos[0] ?? firstOffset, reason: 'a value holds ": " (colon and space) and is not quoted; read as text (quote it to silence this)' });
    }
    if (next === undefined && codes.has('TAB_AS_INDENT')) {
      next = untab(current);
      if (next !== undefined) notes.push({ offset: parsed.doc.errors.find((e) => e.code === 'TAB_AS_INDENT')?.pos[0] ?? firstOffset, reason: 'tabs indent this front matter; read as two spaces each (indent with spaces to silence this)' });
    }
    if (next === undefined && [...codes].every((c) => c === 'DUPLICATE_KEY')) {
      return dropDuplicates(current, knownKeys, notes);
    }
    if (next === undefined || next === current) return undefined;
    current = next;
    parsed = parseYaml(current);
  }
  if (parsed.doc.errors.length > 0) return undefined;
  return { ...parsed, notes, conflicts: [] };
}

/** Duplicate keys: the last one wins when the values agree or Folio does not use the key; else a conflict. */
function dropDuplicates(text: string, knownKeys: readonly string[], notes: Recovery['notes']): Recovery | undefined {
  const parsed = parseYaml(text, false);
  if (parsed.doc.errors.length > 0 || !isMap(parsed.doc.contents)) return undefined;
  const map = parsed.doc.contents;
  const conflicts: Recovery['conflicts'] = [];
  const lastIndex = new Map<string, number>();
  map.items.forEach((pair, i) => {
    if (isScalar(pair.key)) lastIndex.set(String(pair.key.value), i);
  });
  const kept = map.items.filter((pair, i) => {
    if (!isScalar(pair.key)) return true;
    const key = String(pair.key.value);
    const last = lastIndex.get(key) ?? i;
    if (last === i) return true;
    const winner = map.items[last];
    const offset = winner && isScalar(winner.key) ? winner.key.range?.[0] ?? 0 : 0;
    const same = plain(pair.value) === plain(winner?.value);
    if (knownKeys.includes(key) && !same) conflicts.push({ key, offset });
    else notes.push({ offset, reason: `"${key}" is given twice; the last one is used (remove the other to silence this)` });
    return false;
  });
  map.items = kept;
  return { ...parsed, notes, conflicts };
}

function plain(value: unknown): string {
  return JSON.stringify(isNode(value) ? value.toJSON() : value) ?? '';
}
