/**
 * Styled runs → the boxes, glue and penalties of the Knuth–Plass model, measured with
 * the embedded fonts. Words break at spaces only; inside a word, at hyphens, dashes and
 * slashes, at soft hyphens (U+00AD) and at the hyphenation points of the language
 * (never in code, URLs or short words: the hyphenator and the mono family see to it).
 * No-break spaces (U+00A0, U+202F) are part of their word and never break.
 */
import type { Node } from 'unist';
import { variantOf, type FontKey, type Metrics } from '../fonts.js';
import { cjkBreakBetween } from '../cjk.js';
import { breakKind, codeSeams, dictionaryBreaks, isSeam, isUnspacedScript, URL_START, urlBreaks, type BreakKind } from './break-points.js';
import { isInvisible } from '../sequences.js';
import type { Fragment, InlineImage, Run, RunStyle } from './types.js';

export type MissingGlyph = (codePoint: number, node: Node | undefined) => void;
/** Allowed break offsets in a word (see typography/hyphenation.ts). */
export type Hyphenate = (word: string) => number[];

export interface KBox {
  t: 'box';
  fragments: Fragment[];
  width: number;
  /** Letter-spacing stretch the box allows (micro-justification), in points. */
  stretch: number;
  /** Characters of the block's text content before this box (page map). */
  offset: number;
}
export interface KGlue {
  t: 'glue';
  width: number;
  stretch: number;
  shrink: number;
}
export interface KPenalty {
  t: 'penalty';
  width: number;
  penalty: number;
  /** A break here ends the line with a hyphen (discretionary or explicit). */
  flagged: boolean;
  /** What the line gets when it breaks here: a hyphen, for discretionary breaks. */
  hyphen?: Fragment;
  /** Inserted by the hyphenator or a soft hyphen (the layout report counts these). */
  discretionary?: boolean;
}
export type KItem = KBox | KGlue | KPenalty;

/** A penalty with every field present (one hidden class for all: the breaker reads millions of items). */
export function penaltyItem(width: number, penalty: number, flagged: boolean, hyphen?: Fragment, discretionary?: boolean): KPenalty {
  return { t: 'penalty', width, penalty, flagged, hyphen, discretionary };
}

export const INFINITY = 10000;
/** Most letter spacing justification may add, per character, in ems (TeX's microtype is in this range). */
export const TRACKING = 0.02;
/** Stretch of the glue that fills the last line of a paragraph. */
export const FILL = 1e6;
const HYPHEN_PENALTY = 50;
const EXPLICIT_PENALTY = 50;
const CUT_PENALTY = 800;
const SEAM_PENALTY = 100;
const EPSILON = 0.01;
/** How far the space between two CJK characters of a justified line may stretch, in ems. */
const CJK_STRETCH = 0.1;

interface Piece {
  text: string;
  style: RunStyle;
  node: Node | undefined;
  offset: number;
}

function isBreakSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r';
}

/**
 * A fragment with every field present, in one order (absent ones undefined): all the
 * fragments of a book then share one hidden class, and the code that reads them (line
 * setting, boxes, painting) stays monomorphic. Added later, `tracking` made a second
 * shape, and reading a fragment's fields cost five times as much.
 */
export function newFragment(text: string, font: FontKey, size: number, color: string, width: number, rise: number, link?: string, strike?: boolean, note?: string, image?: InlineImage): Fragment {
  return { x: 0, text, font, size, color, width, rise, link, strike, note, tracking: undefined, image };
}

export function measurePieces(pieces: readonly Piece[], metrics: Metrics, missing: MissingGlyph): { fragments: Fragment[]; width: number } {
  const fragments: Fragment[] = [];
  let width = 0;
  for (const piece of pieces) {
    const { style } = piece;
    const result = metrics.segment(piece.text, style.family, variantOf(style.bold, style.italic), style.size);
    for (const codePoint of result.missing) missing(codePoint, piece.node);
    for (const segment of result.segments) {
      fragments.push(newFragment(segment.text, segment.font, style.size, style.color, segment.width, style.rise ?? 0, style.link, style.strike ? true : undefined, style.note));
      width += segment.width;
    }
  }
  return { fragments, width };
}

/** Break points per word, cached per hyphenator: words repeat, patterns are slow. */
const hyphenCache = new WeakMap<Hyphenate, Map<string, number[]>>();
const HYPHEN_CACHE_LIMIT = 200_000;

function hyphenPoints(hyphenate: Hyphenate, word: string): number[] {
  let cache = hyphenCache.get(hyphenate);
  if (!cache) {
    cache = new Map();
    hyphenCache.set(hyphenate, cache);
  }
  let points = cache.get(word);
  if (!points) {
    points = hyphenate(word);
    if (cache.size >= HYPHEN_CACHE_LIMIT) cache.clear();
    cache.set(word, points);
  }
  return points;
}

export function spaceWidth(style: RunStyle, metrics: Metrics): number {
  const font: FontKey = `${style.family}-${variantOf(style.bold, style.italic)}`;
  return metrics.width(' ', font, style.size);
}

/** The style without link or note call (a hyphen belongs to neither). */
function plainStyle(style: RunStyle): RunStyle {
  const { family, bold, italic, size, color, rise, strike } = style;
  return { family, bold, italic, size, color, ...(rise === undefined ? {} : { rise }), ...(strike === undefined ? {} : { strike }) };
}

export interface TokenizeOptions {
  measure: number;
  metrics: Metrics;
  missing: MissingGlyph;
  hyphenate?: Hyphenate | undefined;
  /** Ragged lines: word spaces keep their width. */
  ragged: boolean;
}

/**
 * Cuts a box wider than the measure at the joints of an identifier or a path; a part
 * still wider than the measure is cut into single characters, at a higher cost.
 */
function cutBox(box: KBox, metrics: Metrics, measure: number, out: KItem[]): void {
  let offset = box.offset;
  let previous = '';
  const push = (fragment: Fragment, text: string) => {
    const width = metrics.width(text, fragment.font, fragment.size);
    out.push({ t: 'box', fragments: [{ ...fragment, text, width }], width, stretch: 0, offset });
    offset += text.length;
  };
  for (const fragment of box.fragments) {
    const chars = Array.from(fragment.text);
    let part = '';
    const flush = () => {
      if (part === '') return;
      if (metrics.width(part, fragment.font, fragment.size) <= measure + EPSILON) push(fragment, part);
      else {
        Array.from(part).forEach((char, index) => {
          if (index > 0) out.push(penaltyItem(0, CUT_PENALTY, false));
          push(fragment, char);
        });
      }
      part = '';
    };
    for (const char of chars) {
      if (previous !== '') {
        const seam = isSeam(previous, char);
        if (seam || part === '') {
          flush();
          out.push(penaltyItem(0, seam ? SEAM_PENALTY : CUT_PENALTY, false));
        }
      }
      part += char;
      previous = char;
    }
    flush();
  }
}

/**
 * The word being read: pieces of one style each, taken as slices of their run's text
 * (not grown a character at a time, which made a string per character).
 */
class WordBuilder {
  pieces: Piece[] = [];
  /** Break points: offset into the word's text and kind. */
  breaks: Array<{ at: number; kind: BreakKind }> = [];
  length = 0;
  private source = '';
  private from = 0;
  private to = 0;
  private style: RunStyle | undefined;
  private node: Node | undefined;
  private offset = 0;

  /** Adds `source[index…index+size)`, a character of a run in `style`. */
  add(source: string, index: number, size: number, style: RunStyle, node: Node | undefined, offset: number): void {
    if (this.style === style && this.source === source && this.to === index) this.to += size;
    else {
      this.close();
      this.source = source;
      this.from = index;
      this.to = index + size;
      this.style = style;
      this.node = node;
      this.offset = offset;
    }
    this.length += size;
  }

  /** Ends the open piece (a skipped character, or the end of the word). */
  close(): void {
    const style = this.style;
    if (style === undefined || this.to <= this.from) return;
    const text = this.source.slice(this.from, this.to);
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.style === style) last.text += text;
    else this.pieces.push({ text, style, node: this.node, offset: this.offset });
    this.style = undefined;
  }
}

/** Splits runs into Knuth–Plass items; the paragraph ends with fill glue and a forced break. */
export function tokenize(runs: readonly Run[], options: TokenizeOptions): KItem[] {
  const { metrics, missing, measure } = options;
  const items: KItem[] = [];
  let word = new WordBuilder();
  /** The word holds letters of a script written without spaces between words (Thai, Lao, Khmer, Burmese). */
  let unspaced = false;
  let pendingSpace: RunStyle | undefined;

  /** `reserve`: the hyphen a break after the box would add, which must fit on the line too. */
  const pushBox = (pieces: Piece[], reserve = 0) => {
    const { fragments, width } = measurePieces(pieces, metrics, missing);
    if (fragments.length === 0) return;
    const stretch = options.ragged ? 0 : fragments.reduce((sum, f) => sum + (f.font.startsWith('mono') ? 0 : f.text.length * f.size * TRACKING), 0);
    const box: KBox = { t: 'box', fragments, width, stretch, offset: pieces[0]?.offset ?? 0 };
    if (width + reserve > measure + EPSILON) cutBox(box, metrics, measure - reserve, items);
    else items.push(box);
  };

  // One hyphen and one space width per style: words in a paragraph share a handful of styles.
  const hyphens = new Map<RunStyle, Fragment>();
  const hyphenOf = (style: RunStyle): Fragment => {
    const known = hyphens.get(style);
    if (known) return { ...known };
    const { fragments, width } = measurePieces([{ text: '-', style: plainStyle(style), node: undefined, offset: 0 }], metrics, missing);
    const fragment = fragments[0];
    const hyphen: Fragment = fragment ? { ...fragment, width } : newFragment('-', 'text-regular', style.size, style.color, width, 0);
    hyphens.set(style, hyphen);
    return { ...hyphen };
  };
  const spaces = new Map<RunStyle, number>();

  const closeWord = () => {
    word.close();
    if (word.pieces.length === 0) return;
    const text = word.pieces.length === 1 ? (word.pieces[0]?.text ?? '') : word.pieces.map((piece) => piece.text).join('');
    // The word is dropped once closed: its breaks are ours to extend.
    const breaks = URL_START.test(text) ? urlBreaks(text) : word.breaks;
    if (breaks === word.breaks) codeSeams(word.pieces, breaks);
    if (unspaced) dictionaryBreaks(text, breaks);
    unspaced = false;
    const hyphenable = options.hyphenate && word.pieces.every((piece) => piece.style.family === 'text' && piece.style.note === undefined);
    if (hyphenable && options.hyphenate && text.length >= 5) {
      for (const at of hyphenPoints(options.hyphenate, text)) {
        if (!breaks.some((b) => b.at === at)) breaks.push({ at, kind: 'discretionary' });
      }
      breaks.sort((a, b) => a.at - b.at);
    }
    if (!breaks.some((point) => point.at > 0 && point.at < text.length)) {
      // No break inside: the word is one box, of its pieces as they are.
      pushBox(word.pieces);
      word = new WordBuilder();
      return;
    }
    // Split the pieces at the break offsets into syllables.
    let pieceIndex = 0;
    let pieceStart = 0;
    let position = 0;
    const cut = (end: number): Piece[] => {
      const out: Piece[] = [];
      while (position < end) {
        const piece = word.pieces[pieceIndex];
        if (!piece) break;
        const from = position - pieceStart;
        const to = Math.min(piece.text.length, end - pieceStart);
        out.push({ ...piece, text: piece.text.slice(from, to), offset: piece.offset + from });
        position = pieceStart + to;
        if (to === piece.text.length) {
          pieceStart += piece.text.length;
          pieceIndex++;
        }
      }
      return out;
    };
    for (const point of breaks) {
      if (point.at <= position || point.at >= text.length) continue;
      const syllable = cut(point.at);
      const style = syllable[syllable.length - 1]?.style;
      const hyphen = point.kind === 'discretionary' && style ? hyphenOf(style) : undefined;
      pushBox(syllable, hyphen?.width);
      if (hyphen) {
        items.push(penaltyItem(hyphen.width, HYPHEN_PENALTY, true, hyphen, true));
      } else if (point.kind === 'word') {
        items.push(penaltyItem(0, 0, false));
      } else if (point.kind === 'seam') {
        items.push(penaltyItem(0, SEAM_PENALTY, false));
      } else if (point.kind === 'explicit') {
        items.push(penaltyItem(0, EXPLICIT_PENALTY, true));
      } else {
        items.push(penaltyItem(0, EXPLICIT_PENALTY, false));
      }
    }
    pushBox(cut(text.length));
    word = new WordBuilder();
  };

  const pushGlue = (style: RunStyle) => {
    let width = spaces.get(style);
    if (width === undefined) {
      width = spaceWidth(style, metrics);
      spaces.set(style, width);
    }
    // TeX's proportions (Computer Modern's word space stretches by half and shrinks by a third).
    items.push(options.ragged ? { t: 'glue', width, stretch: 0, shrink: 0 } : { t: 'glue', width, stretch: width / 2, shrink: width / 3 });
  };

  /** The space before a word or image, as glue: none at the start of a paragraph or after a forced break. */
  const spaceBefore = () => {
    if (!pendingSpace) return;
    const last = items[items.length - 1];
    if (last && !(last.t === 'penalty' && last.penalty <= -INFINITY)) pushGlue(pendingSpace);
    pendingSpace = undefined;
  };

  for (const run of runs) {
    if (run.kind === 'image') {
      // A box of its own, like a word: spaces around it are word spaces.
      closeWord();
      spaceBefore();
      const { style, image } = run;
      const fragment = newFragment('', `${style.family}-${variantOf(style.bold, style.italic)}`, style.size, style.color, image.width, 0, style.link, undefined, undefined, image);
      items.push({ t: 'box', fragments: [fragment], width: image.width, stretch: 0, offset: run.offset ?? 0 });
      continue;
    }
    if (run.kind === 'break') {
      closeWord();
      pendingSpace = undefined;
      items.push({ t: 'glue', width: 0, stretch: FILL, shrink: 0 }, penaltyItem(0, -INFINITY, false));
      continue;
    }
    const base = run.offset ?? 0;
    const source = run.text;
    let previous = '';
    for (let index = 0; index < source.length; ) {
      const code = source.charCodeAt(index);
      const next = source.charCodeAt(index + 1);
      const size = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      const char = size === 1 ? source.charAt(index) : source.slice(index, index + 2);
      const at = base + index;
      index += size;
      if (isBreakSpace(char)) {
        closeWord();
        pendingSpace ??= run.style;
        previous = char;
        continue;
      }
      if (char === '\u00ad') {
        if (word.length > 0) word.breaks.push({ at: word.length, kind: 'discretionary' });
        word.close();
        continue;
      }
      if (isInvisible(code)) {
        word.close();
        continue;
      }
      if (word.length > 0 && (code >= 0x1100 || previous.charCodeAt(0) >= 0x1100) && cjkBreakBetween(previous.codePointAt(0) ?? 0, char.codePointAt(0) ?? 0)) {
        // Chinese, Japanese, Korean: a line may break between characters (cjk.ts), spacing them a little when it is justified.
        closeWord();
        items.push({ t: 'glue', width: 0, stretch: options.ragged ? 0 : run.style.size * CJK_STRETCH, shrink: 0 });
      }
      if (word.length === 0) spaceBefore();
      if (code >= 0x0e00 && code <= 0x17ff && isUnspacedScript(code)) unspaced = true;
      const kind = word.length >= 2 ? breakKind(previous) : undefined;
      if (kind && !breakKind(char)) word.breaks.push({ at: word.length, kind });
      word.add(source, index - size, size, run.style, run.node, at);
      previous = char;
    }
  }
  closeWord();
  // The last line: fill glue, then the forced break that ends the paragraph.
  while (items[items.length - 1]?.t === 'glue') items.pop();
  items.push(penaltyItem(0, INFINITY, false), { t: 'glue', width: 0, stretch: FILL, shrink: 0 }, penaltyItem(0, -INFINITY, false));
  return items;
}
