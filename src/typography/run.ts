/**
 * A run is the text of one phrasing container (a paragraph, a heading, a caption…)
 * flattened into one string, so that rules see their context across node
 * boundaries (`« *mot* »`, `"**bold**"`, `*mot*?`). Every UTF-16 unit remembers the
 * segment (text node) it came from; a rule may only rewrite units of one editable
 * segment, so text never moves from one node to another.
 */

/** Replaces inline code, images, footnote calls…: a "word" that rules see but never touch. */
export const PLACEHOLDER = '\uFFFC';

export interface Segment {
  text: string;
  /** False for context only: inline code, URLs shown as text, opted-out spans. */
  editable: boolean;
  /** Language tag (lower case) whose rules may rewrite this segment. */
  lang: string;
}

/** A rewrite: every match of `pattern` (global) becomes `replace` (`$1`… expand to groups). */
export interface Rule {
  id: string;
  pattern: RegExp;
  replace: string | ((match: RegExpExecArray) => string);
}

function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\d)/g, (_whole, digit: string) => match[Number(digit)] ?? '');
}

export class TextRun {
  readonly segments: Segment[];
  private value: string;
  /** Segment index of each UTF-16 unit of `value`. */
  private owners: number[];
  /** Units inside a protected span (URL, e-mail…) that no rule may touch. */
  private guarded: boolean[];

  constructor(segments: Segment[]) {
    this.segments = segments;
    this.value = segments.map((s) => s.text).join('');
    this.owners = [];
    segments.forEach((s, i) => {
      for (let k = 0; k < s.text.length; k++) this.owners.push(i);
    });
    this.guarded = this.owners.map(() => false);
  }

  get text(): string {
    return this.value;
  }

  /** True when the unit at `index` may be rewritten by the rules of `lang`. */
  editableAt(index: number, lang: string): boolean {
    const owner = this.owners[index];
    if (owner === undefined || this.guarded[index]) return false;
    const segment = this.segments[owner];
    return segment !== undefined && segment.editable && segment.lang === lang;
  }

  /** Marks every match of `pattern` (global) as untouchable. */
  protect(pattern: RegExp): void {
    for (const match of this.value.matchAll(pattern)) {
      const start = match.index;
      for (let i = start; i < start + match[0].length; i++) this.guarded[i] = true;
    }
  }

  /**
   * Applies one rule for `lang`. A match is rewritten only when it is not empty and
   * all its units belong to one editable segment of that language; context (lookbehind,
   * lookahead) may reach anywhere in the run.
   */
  apply(rule: Rule, lang: string): void {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    rule.pattern.lastIndex = 0;
    for (const match of this.value.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (end === start || !this.ownedByOne(start, end, lang)) continue;
      const text = typeof rule.replace === 'string' ? expand(rule.replace, match) : rule.replace(match);
      if (text !== match[0]) edits.push({ start, end, text });
    }
    this.commit(edits);
  }

  /** Replaces single units (same length), as the quote scanner does. */
  replaceUnits(edits: Map<number, string>): void {
    const list = [...edits].map(([start, text]) => ({ start, end: start + 1, text }));
    this.commit(list);
  }

  private ownedByOne(start: number, end: number, lang: string): boolean {
    const owner = this.owners[start];
    for (let i = start; i < end; i++) {
      if (this.owners[i] !== owner || !this.editableAt(i, lang)) return false;
    }
    return true;
  }

  /** Edits must not overlap; they are applied from left to right. */
  private commit(edits: Array<{ start: number; end: number; text: string }>): void {
    if (edits.length === 0) return;
    edits.sort((a, b) => a.start - b.start);
    const parts: string[] = [];
    const owners: number[] = [];
    const guarded: boolean[] = [];
    // Plain loops, not push(...slice): a paragraph may be longer than the argument limit.
    const keep = (from: number, to: number): void => {
      parts.push(this.value.slice(from, to));
      for (let i = from; i < to; i++) {
        owners.push(this.owners[i] ?? 0);
        guarded.push(this.guarded[i] ?? false);
      }
    };
    let at = 0;
    for (const edit of edits) {
      keep(at, edit.start);
      const owner = this.owners[edit.start] ?? 0;
      parts.push(edit.text);
      for (let k = 0; k < edit.text.length; k++) {
        owners.push(owner);
        guarded.push(false);
      }
      at = edit.end;
    }
    keep(at, this.value.length);
    this.value = parts.join('');
    this.owners = owners;
    this.guarded = guarded;
  }

  /** The new text of each segment, in order. */
  results(): string[] {
    const parts: string[][] = this.segments.map(() => []);
    let start = 0;
    // Units of one segment are contiguous: copy them slice by slice.
    for (let i = 1; i <= this.value.length; i++) {
      const owner = this.owners[start];
      if (i < this.value.length && this.owners[i] === owner) continue;
      if (owner !== undefined) parts[owner]?.push(this.value.slice(start, i));
      start = i;
    }
    return parts.map((p) => p.join(''));
  }
}
