/**
 * Glyphs that name the characters they were asked for.
 *
 * fontkit keeps one Glyph object per glyph id for the life of a Font, carrying the
 * characters of the first request (`getGlyph(id, codePoints)`), and pdfkit's ToUnicode
 * map (what copy/paste and search read) takes a glyph's characters from that object.
 * Our parsed fonts are shared by every publication a worker builds (fonts.ts), so when a
 * glyph serves two characters (Source Serif 4 draws U+2009 and U+202F with one glyph,
 * U+002D and U+2010 with another) a PDF's text layer named the character of whichever
 * publication that worker had set first: the same manuscript gave different bytes
 * depending on the build's scheduling. Here a request for other characters gets a view
 * of the cached glyph (same id, outline and metrics) that carries the characters asked
 * for, so every run names its own characters and each PDF depends on its text alone.
 */
import type { Font, Glyph } from 'fontkit';

function sameCharacters(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const patched = new WeakSet<Font>();

export function glyphsNameTheirCharacters(font: Font): void {
  if (patched.has(font)) return;
  patched.add(font);
  const getGlyph = font.getGlyph.bind(font);
  // An own property shadows the prototype's method: fontkit's cmap lookup and its layout
  // engine both call `this.getGlyph`, so every glyph they hand out comes through here.
  font.getGlyph = (id: number, codePoints: number[] = []): Glyph => {
    const glyph = getGlyph(id, codePoints);
    if (codePoints.length === 0 || sameCharacters(glyph.codePoints, codePoints)) return glyph;
    return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } }) as Glyph; // A view of `glyph`: its prototype is the glyph itself.
  };
}
