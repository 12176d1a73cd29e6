/**
 * Preformatted text (code blocks): spaces kept, one line per source line. A source line
 * wider than the measure wraps, after a space or an opening bracket or separator when
 * one falls in the second half of the line, else between characters; its continuation
 * lines hang under its indentation plus two characters, and are marked `wrapped` (the
 * code block draws a hook there, a drawing, so that copied code holds no extra
 * character).
 */
import type { Node } from 'unist';
import type { Metrics } from '../fonts.js';
import type { Fragment, Line, RunStyle } from './types.js';
import { measurePieces, type MissingGlyph } from './words.js';

const EPSILON = 0.01;
/** A wrap point may be taken after these, if it leaves the line at least half full. */
const AFTER = new Set([' ', ',', ';', '(', '[', '{', '=', '&', '|', '+']);

interface Char {
  fragment: Fragment;
  text: string;
  width: number;
}

/** One line from `chars[from…to)`, starting at `x`: the characters regrouped by fragment. */
function lineOf(chars: readonly Char[], from: number, to: number, x: number, metrics: Metrics, wrapped: boolean): Line {
  const fragments: Fragment[] = [];
  let left = x;
  let current: { fragment: Fragment; text: string; x: number } | undefined;
  const close = () => {
    if (!current) return;
    const { fragment, text } = current;
    fragments.push({ ...fragment, x: current.x, text, width: metrics.width(text, fragment.font, fragment.size) });
    current = undefined;
  };
  for (let i = from; i < to; i++) {
    const char = chars[i];
    if (!char) break;
    if (current?.fragment !== char.fragment) {
      close();
      current = { fragment: char.fragment, text: '', x: left };
    }
    current.text += char.text;
    left += char.width;
  }
  close();
  return { fragments, width: left, ...(wrapped ? { wrapped: true } : {}) };
}

/** Wraps one measured source line wider than `measure`. */
function wrapLine(fragments: readonly Fragment[], measure: number, metrics: Metrics, leading: string): Line[] {
  const chars: Char[] = [];
  for (const fragment of fragments) for (const text of fragment.text) chars.push({ fragment, text, width: metrics.width(text, fragment.font, fragment.size) });
  const first = fragments[0];
  const twoChars = first ? metrics.width('  ', first.font, first.size) : 0;
  const hang = Math.min(measure / 2, (first ? metrics.width(leading, first.font, first.size) : 0) + twoChars);
  const lines: Line[] = [];
  let start = 0;
  while (start < chars.length) {
    const x = lines.length === 0 ? 0 : hang;
    const room = measure - x;
    let width = 0;
    let end = start;
    while (end < chars.length && (end === start || width + (chars[end]?.width ?? 0) <= room + EPSILON)) {
      width += chars[end]?.width ?? 0;
      end++;
    }
    if (end < chars.length) {
      // The last wrap point that leaves the line at least half full.
      let filled = width;
      for (let i = end; i > start + 1; i--) {
        filled -= chars[i - 1]?.width ?? 0;
        if (filled < room / 2) break;
        if (AFTER.has(chars[i - 1]?.text ?? '')) {
          end = i;
          break;
        }
      }
    }
    lines.push(lineOf(chars, start, end, x, metrics, lines.length > 0));
    start = end;
    // A continuation does not start with the spaces it wrapped at.
    while (lines.length > 0 && start < chars.length && chars[start]?.text === ' ') start++;
  }
  return lines;
}

export function layoutPre(text: string, style: RunStyle, measure: number, metrics: Metrics, missing: MissingGlyph, node?: Node): Line[] {
  const lines: Line[] = [];
  for (const source of text.replace(/\r\n?/g, '\n').split('\n')) {
    const expanded = source.replace(/\t/g, '    ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad]/g, '').replace(/\s+$/, '');
    if (!expanded) {
      lines.push({ fragments: [], width: 0 });
      continue;
    }
    const { fragments, width } = measurePieces([{ text: expanded, style, node, offset: 0 }], metrics, missing);
    let x = 0;
    for (const fragment of fragments) {
      fragment.x = x;
      x += fragment.width;
    }
    if (width <= measure + EPSILON) lines.push({ fragments, width });
    else lines.push(...wrapLine(fragments, measure, metrics, /^ */.exec(expanded)?.[0] ?? ''));
  }
  return lines;
}
