/**
 * Line layout: styled runs → measured words → lines (greedy) → positioned fragments.
 * Justification is ours: the extra width is spread over the stretchable word spaces,
 * whatever fonts the line mixes. No-break spaces (U+00A0, U+202F) never break; a word
 * wider than the measure is cut between characters so that it never crosses the margin.
 * Issue 4 replaces `breakLines` with a total-fit breaker over the same words.
 */
import type { Node } from 'unist';
import { variantOf, type FontKey, type Metrics } from '../fonts.js';
import type { Align, Fragment, Line, Run, RunStyle } from './types.js';

export type MissingGlyph = (codePoint: number, node: Node | undefined) => void;

/** A word: what lies between two break opportunities, measured. */
interface Word {
  fragments: Fragment[];
  width: number;
  /** Space before the word (dropped at a line start) and whether it stretches. */
  gap: number;
  stretch: boolean;
}

type Token = { kind: 'word'; word: Word } | { kind: 'break' };

interface Piece {
  text: string;
  style: RunStyle;
  node: Node | undefined;
}

const EPSILON = 0.01;

function isBreakSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\r';
}

/** Characters after which a word may break without a space (hyphens, dashes, slashes). */
function breaksAfter(char: string): boolean {
  return char === '-' || char === '\u2013' || char === '\u2014' || char === '/';
}

/** Drops what is never drawn: soft hyphens and C0/C1 controls other than spaces. */
function clean(text: string): string {
  return text.replace(/[\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

function measurePieces(pieces: Piece[], metrics: Metrics, missing: MissingGlyph): { fragments: Fragment[]; width: number } {
  const fragments: Fragment[] = [];
  let width = 0;
  for (const piece of pieces) {
    const { style } = piece;
    const result = metrics.segment(piece.text, style.family, variantOf(style.bold, style.italic), style.size);
    for (const codePoint of result.missing) missing(codePoint, piece.node);
    for (const segment of result.segments) {
      fragments.push({
        x: 0,
        text: segment.text,
        font: segment.font,
        size: style.size,
        color: style.color,
        width: segment.width,
        rise: style.rise ?? 0,
        ...(style.link === undefined ? {} : { link: style.link }),
        ...(style.strike ? { strike: true } : {}),
      });
      width += segment.width;
    }
  }
  return { fragments, width };
}

function spaceWidth(style: RunStyle, metrics: Metrics): number {
  const font: FontKey = `${style.family}-${variantOf(style.bold, style.italic)}`;
  return metrics.width(' ', font, style.size);
}

/** Splits runs into words and forced breaks, measured with the embedded fonts. */
export function tokenize(runs: Run[], metrics: Metrics, missing: MissingGlyph): Token[] {
  const tokens: Token[] = [];
  let pieces: Piece[] = [];
  let gap = 0;
  let stretch = true;
  let pendingGap: number | undefined;
  let joinNext = false;
  const close = () => {
    if (pieces.length === 0) return;
    const { fragments, width } = measurePieces(pieces, metrics, missing);
    tokens.push({ kind: 'word', word: { fragments, width, gap, stretch } });
    pieces = [];
  };
  for (const run of runs) {
    if (run.kind === 'break') {
      close();
      tokens.push({ kind: 'break' });
      pendingGap = undefined;
      joinNext = false;
      continue;
    }
    const chars = Array.from(clean(run.text));
    chars.forEach((char, index) => {
      if (isBreakSpace(char)) {
        close();
        joinNext = false;
        pendingGap ??= spaceWidth(run.style, metrics);
        return;
      }
      if (joinNext) {
        close();
        joinNext = false;
      }
      if (pieces.length === 0) {
        gap = pendingGap ?? 0;
        stretch = pendingGap !== undefined;
        pendingGap = undefined;
      }
      const last = pieces[pieces.length - 1];
      if (last && last.style === run.style) last.text += char;
      else pieces.push({ text: char, style: run.style, node: run.node });
      const next = chars[index + 1];
      const lengthSoFar = pieces.reduce((sum, piece) => sum + piece.text.length, 0);
      if (breaksAfter(char) && lengthSoFar > 2 && next !== undefined && !isBreakSpace(next)) joinNext = true;
    });
  }
  close();
  return tokens;
}

/** Cuts a word into pieces no wider than `first` (then `rest`), between characters. */
function cutWord(word: Word, first: number, rest: number, metrics: Metrics): Word[] {
  const units: Fragment[] = [];
  for (const fragment of word.fragments) {
    for (const char of fragment.text) {
      units.push({ ...fragment, text: char, width: metrics.width(char, fragment.font, fragment.size) });
    }
  }
  const words: Word[] = [];
  let current: Fragment[] = [];
  let width = 0;
  let limit = first;
  const push = () => {
    const merged: Fragment[] = [];
    for (const unit of current) {
      const last = merged[merged.length - 1];
      if (last && last.font === unit.font && last.size === unit.size && last.color === unit.color && last.link === unit.link && last.rise === unit.rise) {
        last.text += unit.text;
        last.width += unit.width;
      } else merged.push({ ...unit });
    }
    words.push({ fragments: merged, width, gap: words.length === 0 ? word.gap : 0, stretch: words.length === 0 ? word.stretch : false });
    current = [];
    width = 0;
    limit = rest;
  };
  for (const unit of units) {
    if (current.length > 0 && width + unit.width > limit + EPSILON) push();
    else if (current.length === 0 && words.length === 0 && unit.width > limit + EPSILON) {
      // Not even one character fits on what is left of the line: start on a fresh line.
      words.push({ fragments: [], width: 0, gap: word.gap, stretch: word.stretch });
      limit = rest;
    }
    current.push(unit);
    width += unit.width;
  }
  if (current.length > 0) push();
  return words.filter((w) => w.fragments.length > 0 || w === words[0]);
}

interface Pending {
  words: Word[];
  width: number;
}

/** Places the words of one line: alignment and justification. */
function setLine(pending: Pending, measure: number, align: Align, last: boolean): Line {
  const words = pending.words.filter((word) => word.fragments.length > 0);
  const natural = words.reduce((sum, word, index) => sum + word.width + (index === 0 ? 0 : word.gap), 0);
  const extra = Math.max(0, measure - natural);
  const stretchable = words.filter((word, index) => index > 0 && word.stretch).length;
  let offset = 0;
  let perGap = 0;
  if (align === 'justify' && !last && stretchable > 0) perGap = extra / stretchable;
  else if (align === 'right') offset = extra;
  else if (align === 'center') offset = extra / 2;
  const fragments: Fragment[] = [];
  let x = offset;
  words.forEach((word, index) => {
    if (index > 0) x += word.gap + (word.stretch ? perGap : 0);
    for (const fragment of word.fragments) {
      fragments.push({ ...fragment, x });
      x += fragment.width;
    }
  });
  return { fragments, width: perGap > 0 ? measure : natural };
}

/** Greedy line breaking of measured tokens into lines of `measure` points. */
export function breakLines(tokens: Token[], measure: number, align: Align, metrics: Metrics): Line[] {
  const lines: Line[] = [];
  let pending: Pending = { words: [], width: 0 };
  const finish = (last: boolean) => {
    lines.push(setLine(pending, measure, align, last));
    pending = { words: [], width: 0 };
  };
  const add = (word: Word) => {
    const gap = pending.words.length === 0 ? 0 : word.gap;
    pending.words.push(word);
    pending.width += gap + word.width;
  };
  for (const token of tokens) {
    if (token.kind === 'break') {
      finish(true);
      continue;
    }
    const { word } = token;
    const gap = pending.words.length === 0 ? 0 : word.gap;
    if (pending.width + gap + word.width <= measure + EPSILON) {
      add(word);
      continue;
    }
    if (word.width <= measure + EPSILON) {
      finish(false);
      add(word);
      continue;
    }
    // Wider than the measure: fill what is left of this line, then whole lines.
    const room = pending.words.length === 0 ? measure : measure - pending.width - word.gap;
    // A sliver of a word at the end of a line reads badly: then start it on the next line.
    const parts = cutWord(word, room < measure * 0.2 ? 0 : room, measure, metrics);
    parts.forEach((part, index) => {
      if (index > 0) finish(false);
      if (part.fragments.length > 0) add(part);
    });
  }
  if (pending.words.length > 0 || lines.length === 0) finish(true);
  return lines;
}

/** Lays out runs into lines of `measure` points. */
export function layoutLines(runs: Run[], measure: number, align: Align, metrics: Metrics, missing: MissingGlyph): Line[] {
  return breakLines(tokenize(runs, metrics, missing), measure, align, metrics);
}

/** Narrowest and widest widths the runs can be set in (longest word; one line). */
export function runWidths(runs: Run[], metrics: Metrics): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let line = 0;
  for (const token of tokenize(runs, metrics, () => undefined)) {
    if (token.kind === 'break') {
      line = 0;
      continue;
    }
    min = Math.max(min, token.word.width);
    line += (line === 0 ? 0 : token.word.gap) + token.word.width;
    max = Math.max(max, line);
  }
  return { min, max };
}

/**
 * Preformatted text (code blocks): spaces kept, one line per source line, lines
 * wider than the measure wrapped between characters.
 */
export function layoutPre(text: string, style: RunStyle, measure: number, metrics: Metrics, missing: MissingGlyph, node?: Node): Line[] {
  const lines: Line[] = [];
  for (const source of text.replace(/\r\n?/g, '\n').split('\n')) {
    const expanded = clean(source.replace(/\t/g, '    ')).replace(/\s+$/, '');
    if (!expanded) {
      lines.push({ fragments: [], width: 0 });
      continue;
    }
    const { fragments } = measurePieces([{ text: expanded, style, node }], metrics, missing);
    const word: Word = { fragments, width: fragments.reduce((sum, f) => sum + f.width, 0), gap: 0, stretch: false };
    const parts = word.width <= measure + EPSILON ? [word] : cutWord(word, measure, measure, metrics);
    for (const part of parts) lines.push(setLine({ words: [part], width: part.width }, measure, 'left', true));
  }
  return lines;
}
