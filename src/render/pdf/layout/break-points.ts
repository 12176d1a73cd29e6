/**
 * Where a word may break without a space: after its hyphens and dashes, at the joints of
 * web addresses and of long identifiers set as code, and between the words of scripts
 * written without spaces (Thai, Lao, Burmese, Khmer). The tokenizer (words.ts) turns
 * these offsets into penalties; hyphenation points come from typography/hyphenation.ts.
 */

/** A break point's kind: what the tokenizer puts there (a hyphen, a penalty, its cost). */
export type BreakKind = 'explicit' | 'dash' | 'discretionary' | 'seam' | 'word';

/** Characters after which a word may break without a space: hyphens, dashes, slashes. */
export function breakKind(char: string): BreakKind | undefined {
  if (char === '-' || char === '\u2010') return 'explicit';
  if (char === '\u2013' || char === '\u2014' || char === '/') return 'dash';
  return undefined;
}

/** A web address: a scheme and `//`, or `www.`. */
export const URL_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
/** In a web address, a line may break before these (Chicago's rule), never after a hyphen. */
const URL_BREAK_BEFORE = new Set(['-', '.', '_', '?', '#', '&', '=', '~', '%']);

/**
 * Where a web address may break: after a slash (not inside `//`), or before a hyphen,
 * dot, underscore, `?`, `#`, `&`, `=`, `~` or `%`. Never after its hyphens: a line
 * ending in one reads as a hyphenated word, and copying the text drops it.
 */
export function urlBreaks(text: string): Array<{ at: number; kind: BreakKind }> {
  const breaks: Array<{ at: number; kind: BreakKind }> = [];
  const slashes = text.indexOf('//');
  for (let i = slashes >= 0 ? slashes + 3 : 4; i < text.length - 1; i++) {
    const char = text.charAt(i);
    const previous = text.charAt(i - 1);
    if ((previous === '/' && char !== '/') || (URL_BREAK_BEFORE.has(char) && previous !== '/' && !URL_BREAK_BEFORE.has(previous))) breaks.push({ at: i, kind: 'dash' });
  }
  return breaks;
}


/** Characters a cut may follow at a lower cost: the joints of identifiers and paths. */
const SEAM_AFTER = new Set(['.', '_', '/', ',', ':', ';', '=', '&', '?', ')', ']', '}', '>']);
const SEAM_BEFORE = new Set(['(', '[', '{', '<']);

/** A joint of an identifier or path (`get.Name`, `snake_case`, `camelCase`, `call(`): where a cut reads best. */
export function isSeam(previous: string, char: string): boolean {
  if (SEAM_AFTER.has(previous) || SEAM_BEFORE.has(char)) return true;
  return /[\p{Ll}\p{Nd}]/u.test(previous) && /\p{Lu}/u.test(char);
}

/** Inline code this long (characters) may break at its joints even when it fits the measure. */
const CODE_SEAM_LENGTH = 16;
/** Fewest characters a joint leaves on either side. */
const CODE_SEAM_SIDE = 3;

/**
 * Adds the joints of long identifiers and paths set as code (`CatalogoUnificatoV2`,
 * `pkg.module.function_name`) to a word's break points, sorted. Without them, the line
 * before such a word is stretched to a row of gaps when the word does not fit after it.
 */
export function codeSeams(pieces: ReadonlyArray<{ text: string; style: { family: string } }>, breaks: Array<{ at: number; kind: BreakKind }>): void {
  let added = false;
  let start = 0;
  for (const { text, style } of pieces) {
    if (style.family === 'mono' && text.length >= CODE_SEAM_LENGTH) {
      for (let at = CODE_SEAM_SIDE; at <= text.length - CODE_SEAM_SIDE; at++) {
        if (isSeam(text.charAt(at - 1), text.charAt(at)) && !breaks.some((point) => point.at === start + at)) {
          breaks.push({ at: start + at, kind: 'seam' });
          added = true;
        }
      }
    }
    start += text.length;
  }
  if (added) breaks.sort((a, b) => a.at - b.at);
}

/** Thai, Lao, Burmese and Khmer letters: scripts that write no space between words. */
export function isUnspacedScript(code: number): boolean {
  return (code >= 0x0e00 && code <= 0x0eff) || (code >= 0x1000 && code <= 0x109f) || (code >= 0x1780 && code <= 0x17ff);
}

/** ICU's dictionary-based word breaking (Node's full ICU), for scripts without spaces. */
let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Adds the boundaries between the words of a run of Thai, Lao, Burmese or Khmer (found by
 * ICU's dictionaries, as browsers find them) to a word's break points, sorted: a line
 * breaks there without a hyphen, as those languages break lines.
 */
export function dictionaryBreaks(text: string, breaks: Array<{ at: number; kind: BreakKind }>): void {
  wordSegmenter ??= new Intl.Segmenter('th', { granularity: 'word' });
  let added = false;
  for (const { index } of wordSegmenter.segment(text)) {
    if (index === 0 || breaks.some((point) => point.at === index)) continue;
    if (!isUnspacedScript(text.charCodeAt(index - 1)) && !isUnspacedScript(text.charCodeAt(index))) continue;
    breaks.push({ at: index, kind: 'word' });
    added = true;
  }
  if (added) breaks.sort((a, b) => a.at - b.at);
}
