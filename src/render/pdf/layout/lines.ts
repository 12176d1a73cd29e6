/**
 * Line layout: styled runs → Knuth–Plass items (words.ts) → breaks (breaker.ts) →
 * positioned fragments. Justification is ours: the difference from the measure is
 * spread over the line's word spaces in proportion to their stretch (or shrink),
 * whatever fonts the line mixes; pieces of one word set in one font are drawn as one
 * string, so kerning and ligatures stay intact (and copy/paste reads whole words).
 */
import { containsRtl, directionOf, mirrorRtlLine, mirrorRtlRuns } from '../bidi.js';
import type { Metrics } from '../fonts.js';
import { breakParagraph } from './breaker.js';
import type { Align, Fragment, Line, Run, RunStyle } from './types.js';
import { FILL, INFINITY, measurePieces, tokenize, TRACKING, type Hyphenate, type KItem, type MissingGlyph } from './words.js';

export type { MissingGlyph, Hyphenate } from './words.js';

const EPSILON = 0.01;

/** Characters (code points) in `text`, without making an array of them. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

function sameStyle(a: Fragment, b: Fragment): boolean {
  return a.image === undefined && b.image === undefined && a.font === b.font && a.size === b.size && a.color === b.color && a.link === b.link && a.rise === b.rise && a.strike === b.strike && a.note === b.note;
}

interface Space {
  /** Index of the fragment the space comes before. */
  before: number;
  width: number;
  stretch: number;
  shrink: number;
}

/** Sets the items `from`…`to` (the break) as one line; `bidi`: the paragraph's direction, when it holds right-to-left text. */
function setLine(items: readonly KItem[], from: number, to: number, measure: number, align: Align, metrics: Metrics, bidi?: 'rtl' | 'ltr'): Line {
  const fragments: Fragment[] = [];
  const spaces: Space[] = [];
  let joinable = false;
  let offset: number | undefined;
  let fill = false;
  /** Blank space before the first fragment: a first-line indent (an empty box). */
  let lead = 0;
  // Fragments joined from pieces of a word: measured once whole, after the loop (kerning and ligatures across the joins).
  const joined = new Set<Fragment>();
  const append = (fragment: Fragment) => {
    const last = fragments[fragments.length - 1];
    if (joinable && last && sameStyle(last, fragment)) {
      last.text += fragment.text;
      joined.add(last);
    } else fragments.push({ ...fragment });
    joinable = true;
  };
  for (let index = from; index < to; index++) {
    const item = items[index];
    if (!item) break;
    if (item.t === 'box') {
      offset ??= item.offset;
      if (item.fragments.length === 0 && fragments.length === 0) lead += item.width;
      for (const fragment of item.fragments) append(fragment);
    } else if (item.t === 'glue') {
      if (item.stretch >= FILL) fill = true;
      else if (fragments.length > 0) spaces.push({ before: fragments.length, width: item.width, stretch: item.stretch, shrink: item.shrink });
      joinable = false;
    }
  }
  const end = items[to];
  let hyphenated = false;
  if (end?.t === 'penalty') {
    if (end.hyphen) append(end.hyphen);
    hyphenated = end.discretionary === true;
    if (end.penalty <= -INFINITY && items[to - 1]?.t === 'glue') fill = true;
  }
  for (const fragment of joined) fragment.width = metrics.width(fragment.text, fragment.font, fragment.size);
  // Spaces after the last fragment (none) or before the first are not set.
  const used = spaces.filter((space) => space.before > 0 && space.before < fragments.length);
  const natural = lead + fragments.reduce((sum, f) => sum + f.width, 0) + used.reduce((sum, s) => sum + s.width, 0);
  const delta = measure - natural;
  const stretch = used.reduce((sum, s) => sum + s.stretch, 0);
  const shrink = used.reduce((sum, s) => sum + s.shrink, 0);
  // A line set a little tight (the last one included) always shrinks its spaces to fit.
  const justify = used.length > 0 && (delta < 0 ? shrink > 0 : align === 'justify' && !fill && stretch > 0);
  // Word spaces take up to their stretch; letter spacing (a little) takes the rest.
  let spaceDelta = delta;
  let tracking = 0;
  if (justify && delta > stretch) {
    const letters = fragments.reduce((sum, f) => sum + (f.font.startsWith('mono') ? 0 : codePoints(f.text)), 0);
    const size = fragments[0]?.size ?? 10;
    if (letters > 0) {
      tracking = Math.min((delta - stretch) / letters, size * TRACKING);
      spaceDelta = delta - tracking * letters;
    }
  }
  if (tracking > 0) {
    for (const fragment of fragments) {
      if (fragment.font.startsWith('mono')) continue;
      fragment.tracking = tracking;
      fragment.width += tracking * codePoints(fragment.text);
    }
  }
  let x = lead;
  if (!justify && delta > 0) {
    if (align === 'right') x += delta;
    else if (align === 'center') x += delta / 2;
  }
  let spaceRatio = 1;
  let spaceIndex = 0;
  fragments.forEach((fragment, index) => {
    const space = used[spaceIndex];
    if (space && space.before === index) {
      let width = space.width;
      if (justify) width += spaceDelta >= 0 ? (spaceDelta * space.stretch) / stretch : (spaceDelta * space.shrink) / shrink;
      if (space.width > 0) spaceRatio = Math.max(spaceRatio, width / space.width);
      x += width;
      spaceIndex++;
    }
    fragment.x = x;
    x += fragment.width;
  });
  // Words of a right-to-left script read from the right; so does a right-to-left paragraph (bidi.ts).
  if (bidi === 'rtl') mirrorRtlLine(fragments, measure);
  else if (bidi === 'ltr') mirrorRtlRuns(fragments);
  const width = justify ? measure : natural;
  return {
    fragments,
    width,
    info: { justified: justify && align === 'justify' && !fill, spaceRatio, hyphenated },
    ...(offset === undefined ? {} : { offset }),
  };
}

function isForced(item: KItem | undefined): boolean {
  return item?.t === 'penalty' && item.penalty <= -INFINITY;
}

/** Width given to ragged lines' stretch: how short a ragged line may be. */
function raggedStretch(measure: number, items: readonly KItem[]): number {
  const size = items.find((item) => item.t === 'box')?.fragments[0]?.size ?? 10;
  return Math.max(measure * 0.2, size * 3);
}

export interface LineOptions {
  hyphenate?: Hyphenate | undefined;
  /** Blank space before the first line's text, in points (a first-line indent). */
  indent?: number | undefined;
  /** A hanging indent, in points: every line but the first starts this much further in (turnovers of verse). */
  hang?: number | undefined;
}

/** The direction of a paragraph that holds right-to-left text (undefined when it holds none: nothing to reorder). */
function bidiDirection(runs: readonly Run[]): 'rtl' | 'ltr' | undefined {
  return runs.some((run) => run.kind === 'text' && containsRtl(run.text)) ? paragraphDirection(runs) : undefined;
}

/** The direction of a paragraph: that of its first letter (Unicode's rule P2), left to right when it has none. */
function paragraphDirection(runs: readonly Run[]): 'rtl' | 'ltr' {
  for (const run of runs) {
    if (run.kind !== 'text') continue;
    const direction = directionOf(run.text);
    if (direction !== 'neutral') return direction;
  }
  return 'ltr';
}

/** Lays out runs into lines of `measure` points. */
export function layoutLines(runs: Run[], measure: number, align: Align, metrics: Metrics, missing: MissingGlyph, options: LineOptions = {}): Line[] {
  const ragged = align !== 'justify';
  const items = tokenize(runs, { measure, metrics, missing, hyphenate: options.hyphenate, ragged });
  if (options.indent && options.indent > 0 && items.some((item) => item.t === 'box')) items.unshift({ t: 'box', fragments: [], width: options.indent, stretch: 0, offset: 0 });
  // A hanging indent: the lines are broken to the measure less the indent, the first given the indent back as an empty box of negative width.
  const hang = options.hang !== undefined && options.hang > 0 && options.hang < measure / 2 ? options.hang : 0;
  const firstBox = hang > 0 ? items.find((item) => item.t === 'box') : undefined;
  if (firstBox) items.unshift({ t: 'box', fragments: [], width: -hang, stretch: 0, offset: firstBox.offset });
  const width = measure - hang;
  if (!items.some((item) => item.t === 'box')) {
    // Only forced breaks: one empty line each (but at least one line).
    const count = Math.max(1, items.filter((item) => item.t === 'penalty' && item.penalty <= -INFINITY).length - 1);
    return Array.from({ length: count }, () => ({ fragments: [], width: 0 }));
  }
  const breaks = breakParagraph(items, width, ragged ? raggedStretch(width, items) : undefined);
  const bidi = bidiDirection(runs);
  const lines: Line[] = [];
  let from = 0;
  for (const at of breaks) {
    const line = setLine(items, from, at, width, align, metrics, bidi);
    // Left to right, every line moves in by the indent (the first comes back to the margin); right to left, mirroring already put the first line's extra width on the right.
    if (hang > 0 && bidi !== 'rtl') for (const fragment of line.fragments) fragment.x += hang;
    lines.push(line);
    from = at + 1;
    while (from < items.length && items[from]?.t !== 'box' && !isForced(items[from])) from++;
  }
  return lines;
}

/** Narrowest share of the measure a balanced heading is tried at. */
const BALANCE_FLOOR = 0.5;

/**
 * Lines of a heading or title, balanced (CSS's `text-wrap: balance`): set at the
 * narrowest measure that takes no more lines than the full one, so that a two-line title
 * does not end on a lone word. Ragged (left-aligned) text only; a right-to-left heading
 * stays flush with the measure's right edge.
 */
export function balancedLines(runs: Run[], measure: number, metrics: Metrics, missing: MissingGlyph): Line[] {
  const full = layoutLines(runs, measure, 'left', metrics, missing);
  if (full.length < 2) return full;
  let best = full;
  let bestMeasure = measure;
  let low = measure * BALANCE_FLOOR;
  let high = measure;
  // Halving the interval: eight steps bring it within half a percent of the measure.
  for (let step = 0; step < 8; step++) {
    const trial = (low + high) / 2;
    const lines = layoutLines(runs, trial, 'left', metrics, missing);
    if (lines.length <= full.length && lines.every((line) => line.width <= trial + EPSILON)) {
      best = lines;
      bestMeasure = trial;
      high = trial;
    } else low = trial;
  }
  if (bestMeasure < measure && paragraphDirection(runs) === 'rtl') {
    for (const line of best) for (const fragment of line.fragments) fragment.x += measure - bestMeasure;
  }
  return best;
}

/** Narrowest and widest widths the runs can be set in (longest word; one line). */
export function runWidths(runs: Run[], metrics: Metrics, hyphenate?: Hyphenate): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let word = 0;
  let line = 0;
  for (const item of tokenize(runs, { measure: Number.POSITIVE_INFINITY, metrics, missing: () => undefined, hyphenate, ragged: true })) {
    if (item.t === 'box') {
      word += item.width;
      line += item.width;
    } else {
      // With hyphenation, the narrowest a word gets is its widest syllable and the hyphen after it.
      min = Math.max(min, word + (item.t === 'penalty' ? item.width : 0));
      word = 0;
      if (item.t === 'glue' && item.stretch < FILL) line += item.width;
      if (item.t === 'penalty' && item.penalty <= -INFINITY) line = 0;
    }
    max = Math.max(max, line);
  }
  return { min: Math.max(min, word), max };
}
