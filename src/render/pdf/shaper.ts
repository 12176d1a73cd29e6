/**
 * A fast shaper for simple (Latin-like) text: each character's glyph and advance, the
 * kerning of each pair, and two- and three-letter ligatures, all learnt once from
 * fontkit's full shaping of single characters, pairs and triples. Widths (layout) and
 * glyph runs (painting) come from the same tables, so what is measured is what is
 * drawn. A text with anything the tables cannot say (contextual substitutions, mark
 * positioning) is reported as complex, and the caller shapes it with fontkit.
 */
import type { Font, Glyph } from 'fontkit';
import { isRtl } from './bidi.js';
import { isSequenceExtender } from './sequences.js';

interface Single {
  glyph: Glyph;
  advance: number;
}

type Pair =
  | { kind: 'kern'; adjust: number }
  | { kind: 'ligature'; glyph: Glyph; advance: number }
  | { kind: 'complex' };

/** A shaped run, in font units. */
export interface ShapedRun {
  glyphs: Glyph[];
  /** Advance of each glyph, kerning included. */
  advances: number[];
  advanceWidth: number;
}

/**
 * What a shaper has learnt, as plain data (code points, glyph ids, advances), so that a
 * new process can start from it (learnt-tables.ts). Pairs: kind 0 kerning, 1 ligature,
 * 2 complex. A single or triple of one element is one fontkit could not set as one glyph.
 */
export interface LearntTables {
  singles: Array<[number] | [number, number, number]>;
  pairs: Array<[number, 2] | [number, 0, number] | [number, 1, number, number]>;
  triples: Array<[string] | [string, number, number]>;
}

/** A pair's key is `a * PAIR_BASE + b`: code points are below 0x200000 (21 bits), so the key fits in 42 bits. */
const PAIR_BASE = 0x200000;

/** Distinct texts remembered per face: a novel's vocabulary, with room to spare. */
const RUN_CACHE_LIMIT = 100_000;

/** The value at `key`, removed from `map`. */
function take<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value !== undefined) map.delete(key);
  return value;
}

type SingleEntry = LearntTables['singles'][number];
type PairEntry = LearntTables['pairs'][number];
type TripleEntry = LearntTables['triples'][number];

export class Shaper {
  private readonly singles = new Map<number, Single | null>();
  private readonly pairs = new Map<number, Pair>();
  private readonly triples = new Map<string, Single | null>();
  /**
   * Entries taken from another process (importTables), turned into glyphs only when first
   * asked for: a short article uses a few dozen of the thousands a face's file holds, and
   * asking fontkit for every glyph up front took 9–11 ms for the largest face (3–4.5 ms now).
   */
  private readonly importedSingles = new Map<number, SingleEntry>();
  private readonly importedPairs = new Map<number, PairEntry>();
  private readonly importedTriples = new Map<string, TripleEntry>();
  /** Whole texts already shaped (mostly words, which repeat): layout and painting both ask. */
  private readonly runs = new Map<string, ShapedRun | null>();

  constructor(
    private readonly font: Font,
    private readonly features: Record<string, boolean> | undefined,
  ) {}

  /** How many characters, pairs and triples are known (learnt here or imported). */
  get learnt(): number {
    return this.singles.size + this.pairs.size + this.triples.size + this.importedSingles.size + this.importedPairs.size + this.importedTriples.size;
  }

  exportTables(): LearntTables {
    const tables: LearntTables = { singles: [...this.importedSingles.values()], pairs: [...this.importedPairs.values()], triples: [...this.importedTriples.values()] };
    for (const [code, single] of this.singles) tables.singles.push(single ? [code, single.glyph.id, single.advance] : [code]);
    for (const [key, pair] of this.pairs) {
      if (pair.kind === 'kern') tables.pairs.push([key, 0, pair.adjust]);
      else if (pair.kind === 'ligature') tables.pairs.push([key, 1, pair.glyph.id, pair.advance]);
      else tables.pairs.push([key, 2]);
    }
    for (const [text, triple] of this.triples) tables.triples.push(triple ? [text, triple.glyph.id, triple.advance] : [text]);
    return tables;
  }

  /**
   * Takes what another process learnt from the same font file, with the same features;
   * entries already known are kept. Glyphs are asked of the font on first use, with the
   * characters they stand for, as shaping them would.
   */
  importTables(tables: LearntTables): void {
    for (const entry of tables.singles) if (!this.singles.has(entry[0])) this.importedSingles.set(entry[0], entry);
    for (const entry of tables.pairs) if (!this.pairs.has(entry[0])) this.importedPairs.set(entry[0], entry);
    for (const entry of tables.triples) if (!this.triples.has(entry[0])) this.importedTriples.set(entry[0], entry);
  }

  /** An imported single as a glyph (null: fontkit could not set it as one), or undefined when none was imported for `code`. */
  private importedSingle(code: number): Single | null | undefined {
    const entry = take(this.importedSingles, code);
    return entry && this.glyphOf(entry[1], entry[2], [code]);
  }

  private importedPair(key: number): Pair | undefined {
    const entry = take(this.importedPairs, key);
    if (!entry) return undefined;
    if (entry[1] === 0) return { kind: 'kern', adjust: entry[2] };
    if (entry[1] === 1) return { kind: 'ligature', glyph: this.font.getGlyph(entry[2], [Math.floor(key / PAIR_BASE), key % PAIR_BASE]), advance: entry[3] };
    return { kind: 'complex' };
  }

  private importedTriple(text: string): Single | null | undefined {
    const entry = take(this.importedTriples, text);
    return entry && this.glyphOf(entry[1], entry[2], Array.from(text, (c) => c.codePointAt(0) ?? 0));
  }

  /** A learnt glyph, asked of the font with the characters it stands for; null when the table says there is none. */
  private glyphOf(id: number | undefined, advance: number | undefined, codePoints: number[]): Single | null {
    return id === undefined || advance === undefined ? null : { glyph: this.font.getGlyph(id, codePoints), advance };
  }

  /** `text` shaped as one glyph without offsets (a character, or a ligature), or null. */
  private oneGlyph(text: string): Single | null {
    const run = this.font.layout(text, this.features);
    const glyph = run.glyphs[0];
    const position = run.positions[0];
    return run.glyphs.length === 1 && glyph && position && !position.xOffset && !position.yOffset ? { glyph, advance: position.xAdvance } : null;
  }

  private single(codePoint: number, char: string): Single | null {
    // A joiner or selector makes a sequence the face's substitutions turn into one glyph: fontkit shapes it whole.
    if (codePoint >= 0x200d && isSequenceExtender(codePoint)) return null;
    let single = this.singles.get(codePoint);
    if (single === undefined) {
      // A right-to-left letter: fontkit shapes its word whole (joined, in visual order).
      if (isRtl(codePoint)) single = null;
      else {
        single = this.importedSingle(codePoint);
        if (single === undefined) single = this.oneGlyph(char);
      }
      this.singles.set(codePoint, single);
    }
    return single;
  }

  private pair(a: number, aChar: string, b: number, bChar: string): Pair {
    const key = a * PAIR_BASE + b;
    let pair = this.pairs.get(key);
    if (pair === undefined) {
      pair = this.importedPair(key) ?? this.learnPair(a, aChar, b, bChar);
      this.pairs.set(key, pair);
    }
    return pair;
  }

  private learnPair(a: number, aChar: string, b: number, bChar: string): Pair {
    const first = this.single(a, aChar);
    const second = this.single(b, bChar);
    if (!first || !second) return { kind: 'complex' };
    const run = this.font.layout(aChar + bChar, this.features);
    const [g0, g1] = run.glyphs;
    const [p0, p1] = run.positions;
    if (run.glyphs.length === 1 && g0 && p0 && !p0.xOffset && !p0.yOffset) return { kind: 'ligature', glyph: g0, advance: p0.xAdvance };
    if (run.glyphs.length !== 2 || !g0 || !g1 || !p0 || !p1) return { kind: 'complex' };
    if (g0.id !== first.glyph.id || g1.id !== second.glyph.id || p0.xOffset || p0.yOffset || p1.xOffset || p1.yOffset) return { kind: 'complex' };
    if (p1.xAdvance !== second.advance) return { kind: 'complex' };
    return { kind: 'kern', adjust: p0.xAdvance - first.advance };
  }

  /** A three-letter ligature (ffi, ffl) when the font has one. */
  private triple(text: string): Single | null {
    let triple = this.triples.get(text);
    if (triple === undefined) {
      triple = this.importedTriple(text);
      if (triple === undefined) triple = this.oneGlyph(text);
      this.triples.set(text, triple);
    }
    return triple;
  }

  /** Shapes `text`, or returns undefined when it needs full shaping. The run is shared: do not change it. */
  shape(text: string): ShapedRun | undefined {
    const cached = this.runs.get(text);
    if (cached !== undefined) return cached ?? undefined;
    const run = this.shapeText(text);
    if (this.runs.size >= RUN_CACHE_LIMIT) this.runs.clear();
    this.runs.set(text, run ?? null);
    return run;
  }

  private shapeText(text: string): ShapedRun | undefined {
    const chars = Array.from(text);
    const codes = chars.map((char) => char.codePointAt(0) ?? 0);
    const glyphs: Glyph[] = [];
    const advances: number[] = [];
    let total = 0;
    let i = 0;
    while (i < chars.length) {
      const a = chars[i] ?? '';
      const single = this.single(codes[i] ?? 0, a);
      if (!single) return undefined;
      let glyph = single.glyph;
      let advance = single.advance;
      let used = 1;
      const b = chars[i + 1];
      if (b !== undefined) {
        const pair = this.pair(codes[i] ?? 0, a, codes[i + 1] ?? 0, b);
        if (pair.kind === 'complex') return undefined;
        if (pair.kind === 'ligature') {
          const c = chars[i + 2];
          const triple = c === undefined ? null : this.triple(a + b + c);
          if (triple) {
            glyph = triple.glyph;
            advance = triple.advance;
            used = 3;
          } else {
            glyph = pair.glyph;
            advance = pair.advance;
            used = 2;
          }
        } else advance += pair.adjust;
      }
      // Kerning between the last letter of a ligature and the next character.
      const last = i + used - 1;
      if (used > 1 && chars[last + 1] !== undefined) {
        const after = this.pair(codes[last] ?? 0, chars[last] ?? '', codes[last + 1] ?? 0, chars[last + 1] ?? '');
        if (after.kind === 'complex') return undefined;
        if (after.kind === 'kern') advance += after.adjust;
      }
      glyphs.push(glyph);
      advances.push(advance);
      total += advance;
      i += used;
    }
    return { glyphs, advances, advanceWidth: total };
  }

  /** Width of `text` in font units (full shaping when the tables cannot say). */
  width(text: string): number {
    return this.shape(text)?.advanceWidth ?? this.font.layout(text, this.features).advanceWidth;
  }
}
