/**
 * Right-to-left text (Hebrew, Arabic, Syriac, Thaana, N'Ko…): enough of the Unicode
 * Bidirectional Algorithm for paragraphs of those scripts and for their words quoted in
 * a left-to-right paragraph. A paragraph's direction is that of its first letter (rule
 * P2). fontkit shapes each right-to-left word in visual order (letters joined); a line's
 * run of such words, with the spaces and neutral characters between them, is mirrored in
 * place, so that its first word sits on the right; a right-to-left paragraph's lines are
 * mirrored whole, then their left-to-right runs turned back. The fragments keep their
 * logical order: the content stream, and the tagged text read from it, stay in reading order.
 */

/** A code point of a right-to-left script (its letters, marks and presentation forms). */
export function isRtl(codePoint: number): boolean {
  return (
    (codePoint >= 0x0590 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb1d && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfefc) ||
    (codePoint >= 0x10800 && codePoint <= 0x10fff) ||
    (codePoint >= 0x1e800 && codePoint <= 0x1efff)
  );
}

/** Whether `text` holds a character of a right-to-left script (a scan that skips everything below Hebrew at once). */
export function containsRtl(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) >= 0x0590 && isRtl(text.codePointAt(index) ?? 0)) return true;
  }
  return false;
}

/** Paired punctuation that a right-to-left run shows mirrored (Unicode's Bidi_Mirroring_Glyph, the pairs text uses). */
const MIRRORS = new Map<string, string>();
for (const pair of ['()', '[]', '{}', '<>', '\u00ab\u00bb', '\u2039\u203a', '\u2045\u2046', '\u207d\u207e', '\u208d\u208e', '\u27e8\u27e9', '\u2329\u232a', '\u3008\u3009']) {
  const [open = '', close = ''] = [...pair];
  MIRRORS.set(open, close);
  MIRRORS.set(close, open);
}
const mirrorable = /[()[\]{}<>\u00ab\u00bb\u2039\u203a\u2045\u2046\u207d\u207e\u208d\u208e\u27e8\u27e9\u2329\u232a\u3008\u3009]/g;

/**
 * `text` with its brackets and guillemets swapped for their mirror images, for a word that
 * the shaper sets right to left: fontkit reverses the glyphs of such a word but does not
 * mirror them, which showed "(שלום)" as ")שלום(". The logical text is kept for copy and
 * search (the painter writes it as the run's /ActualText).
 */
export function mirrorBrackets(text: string): string {
  return text.replace(mirrorable, (char) => MIRRORS.get(char) ?? char);
}

const strongOrNumber = /[\p{L}\p{N}\p{M}]/u;

/**
 * Which characters of a word (by UTF-16 index) are punctuation or spaces held by
 * right-to-left letters: those with such a letter on one side, and on the other side
 * such a letter or the end of the word (no left-to-right letter or digit in between).
 * The font segmenter sets them in the letters' face, so that the word is shaped as one
 * right-to-left run: "(שלום)" or "—\u00a0משוררת", whose brackets and dash the text face
 * would otherwise draw apart from it, facing and standing the left-to-right way.
 */
export function rtlHeldNeutrals(text: string): boolean[] {
  const held: boolean[] = new Array<boolean>(text.length).fill(false);
  // What lies on each side of each run of neutral characters: 'rtl', 'ltr' or the word's end.
  let index = 0;
  let before: 'rtl' | 'ltr' | 'end' = 'end';
  while (index < text.length) {
    const codePoint = text.codePointAt(index) ?? 0;
    const char = String.fromCodePoint(codePoint);
    if (strongOrNumber.test(char)) {
      before = isRtl(codePoint) ? 'rtl' : 'ltr';
      index += char.length;
      continue;
    }
    const start = index;
    while (index < text.length) {
      const next = String.fromCodePoint(text.codePointAt(index) ?? 0);
      if (strongOrNumber.test(next)) break;
      index += next.length;
    }
    const afterCode = index < text.length ? (text.codePointAt(index) ?? 0) : undefined;
    const after = afterCode === undefined ? 'end' : isRtl(afterCode) ? 'rtl' : 'ltr';
    const rtl = (before === 'rtl' && after !== 'ltr') || (after === 'rtl' && before !== 'ltr');
    if (rtl) held.fill(true, start, index);
  }
  return held;
}

export type Direction = 'rtl' | 'ltr' | 'neutral';

const letter = /\p{L}/u;

/** The direction of the first strong (letter) character of `text`; digits and punctuation are neutral. */
export function directionOf(text: string): Direction {
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x41) continue;
    if (isRtl(codePoint)) return 'rtl';
    if (letter.test(char)) return 'ltr';
  }
  return 'neutral';
}

interface Placed {
  x: number;
  width: number;
  text: string;
}

/**
 * Mirrors each run of `direction` pieces of a line (from such a piece to the last one
 * before a piece of the other direction, neutral pieces between them included) within
 * the span it takes, so that it reads the other way. Returns whether anything moved.
 */
export function mirrorRuns(pieces: Placed[], direction: 'rtl' | 'ltr'): boolean {
  let moved = false;
  let index = 0;
  while (index < pieces.length) {
    if (directionOf(pieces[index]?.text ?? '') !== direction) {
      index++;
      continue;
    }
    let end = index;
    for (let next = index + 1; next < pieces.length; next++) {
      const found = directionOf(pieces[next]?.text ?? '');
      if (found !== direction && found !== 'neutral') break;
      if (found === direction) end = next;
    }
    if (end > index) {
      // The span the run takes (its pieces may already stand right to left).
      let left = Number.POSITIVE_INFINITY;
      let right = Number.NEGATIVE_INFINITY;
      for (let k = index; k <= end; k++) {
        const piece = pieces[k];
        if (!piece) continue;
        left = Math.min(left, piece.x);
        right = Math.max(right, piece.x + piece.width);
      }
      for (let k = index; k <= end; k++) {
        const piece = pieces[k];
        if (piece) piece.x = left + right - (piece.x + piece.width);
      }
      moved = true;
    }
    index = end + 1;
  }
  return moved;
}

/** A left-to-right line's runs of right-to-left words, read from the right. */
export function mirrorRtlRuns(pieces: Placed[]): boolean {
  return mirrorRuns(pieces, 'rtl');
}

/**
 * A right-to-left paragraph's line, set left to right by the layout: the whole line is
 * mirrored within the measure (its first word on the right, a short line flush right),
 * then its runs of left-to-right words are turned back to read from the left.
 */
export function mirrorRtlLine(pieces: Placed[], measure: number): void {
  for (const piece of pieces) piece.x = measure - (piece.x + piece.width);
  mirrorRuns(pieces, 'ltr');
}
