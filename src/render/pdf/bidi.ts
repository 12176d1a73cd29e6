/**
 * Right-to-left text (Hebrew, Arabic, Syriac, Thaana, N'Ko…) inside Folio's left-to-right
 * lines: enough of the Unicode Bidirectional Algorithm for words and phrases of those
 * scripts quoted in a paragraph. fontkit shapes each such word in visual order (letters
 * joined, right to left); a line's run of such words, with the spaces and neutral
 * characters between them, is mirrored in place, so that the first word sits on the
 * right. The fragments keep their logical order: the content stream, and the tagged
 * text read from it, stay in reading order.
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
 * Mirrors each run of right-to-left pieces of a line (from a right-to-left piece to the
 * last one before a left-to-right piece, neutral pieces between them included) within
 * the span it takes, so that it reads from the right. Returns whether anything moved.
 */
export function mirrorRtlRuns(pieces: Placed[]): boolean {
  let moved = false;
  let index = 0;
  while (index < pieces.length) {
    if (directionOf(pieces[index]?.text ?? '') !== 'rtl') {
      index++;
      continue;
    }
    let end = index;
    for (let next = index + 1; next < pieces.length; next++) {
      const direction = directionOf(pieces[next]?.text ?? '');
      if (direction === 'ltr') break;
      if (direction === 'rtl') end = next;
    }
    if (end > index) {
      const first = pieces[index];
      const last = pieces[end];
      if (first && last) {
        const left = first.x;
        const right = last.x + last.width;
        for (let k = index; k <= end; k++) {
          const piece = pieces[k];
          if (piece) piece.x = left + right - (piece.x + piece.width);
        }
        moved = true;
      }
    }
    index = end + 1;
  }
  return moved;
}
