/**
 * Lines set once, reused: a book with a printed contents page is laid out twice (the
 * first pass finds the page numbers), and the line breaking of its paragraphs does not
 * depend on which page they land on. While a cache is active (`withLineCache`, around
 * both passes), `layoutLines` keeps each paragraph's lines by its first text node, its
 * text, styles, measure and alignment, and hands them back on the second pass, with the
 * missing-glyph warnings of the first replayed (the first pass's messages are dropped).
 *
 * Cached lines are shared: whoever receives them must not change them.
 */
import type { Node } from 'unist';
import type { MissingGlyph } from './words.js';
import type { Align, Line, Run } from './types.js';

interface Entry {
  lines: Line[];
  missing: Array<[number, Node | undefined]>;
}

export class LineCache {
  private readonly byNode = new WeakMap<Node, Map<string, Entry>>();

  private static key(runs: readonly Run[], measure: number, align: Align, hyphenate: boolean, indent: number): string {
    let key = `${measure}|${align}|${hyphenate ? 'h' : ''}|${indent}`;
    for (const run of runs) {
      if (run.kind === 'break') key += '\u0000br';
      else {
        const s = run.style;
        key += `\u0000${run.text}\u0001${s.family}${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}${s.size}${s.color}${s.link ?? ''}\u0002${s.note ?? ''}${s.rise ?? ''}${s.strike ? 's' : ''}${run.offset ?? ''}`;
      }
    }
    return key;
  }

  /** The lines of `runs`, from the cache or from `compute` (whose warnings are recorded). */
  lines(runs: readonly Run[], measure: number, align: Align, hyphenate: boolean, indent: number, missing: MissingGlyph, compute: (missing: MissingGlyph) => Line[]): Line[] {
    let first: Node | undefined;
    for (const run of runs) if (run.kind === 'text' && !first) first = run.node;
    if (!first) return compute(missing);
    const key = LineCache.key(runs, measure, align, hyphenate, indent);
    let entries = this.byNode.get(first);
    const hit = entries?.get(key);
    if (hit) {
      for (const [codePoint, node] of hit.missing) missing(codePoint, node);
      return hit.lines;
    }
    const recorded: Array<[number, Node | undefined]> = [];
    const lines = compute((codePoint, node) => {
      recorded.push([codePoint, node]);
      missing(codePoint, node);
    });
    if (!entries) {
      entries = new Map();
      this.byNode.set(first, entries);
    }
    entries.set(key, { lines, missing: recorded });
    return lines;
  }
}

let active: LineCache | undefined;

/** The cache `layoutLines` uses right now, if any. */
export function activeLineCache(): LineCache | undefined {
  return active;
}

/** Runs `work` (synchronous) with a line cache shared by everything it lays out. */
export function withLineCache<T>(work: () => T): T {
  const previous = active;
  active = new LineCache();
  try {
    return work();
  } finally {
    active = previous;
  }
}
