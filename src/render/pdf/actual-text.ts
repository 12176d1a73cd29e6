/**
 * What a run of glyphs really says, for copy, search and screen readers: a PDF's ToUnicode
 * map gives each glyph one text, so where a glyph serves several, the run says its own
 * text in an /ActualText span.
 */
/** The characters ToUnicode gives the glyph of hex `code` (pdfkit records the first ones each glyph was drawn for). */
export function mappedText(unicode: readonly unknown[], code: string): string {
  const codePoints = unicode[Number.parseInt(code, 16)];
  return Array.isArray(codePoints) ? codePoints.map((codePoint) => (typeof codePoint === 'number' ? String.fromCodePoint(codePoint) : '')).join('') : '';
}

/** `text` as a PDF text string in UTF-16BE hex with its byte order mark (what /ActualText takes). */
function utf16Hex(text: string): string {
  let hex = '<FEFF';
  for (let index = 0; index < text.length; index++) hex += `000${text.charCodeAt(index).toString(16).toUpperCase()}`.slice(-4);
  return `${hex}>`;
}

/**
 * The marked-content span that tells copy, search and screen readers what a run really
 * says, when the ToUnicode map would say otherwise. A glyph has one ToUnicode entry, the
 * characters it was first drawn for; when one glyph serves several texts (a monochrome
 * emoji with or without its skin tone, one glyph for the thin space and the narrow
 * no-break space), every later text is drawn inside such a span.
 */
export function actualTextSpan(text: string): string {
  return `/Span <</ActualText ${utf16Hex(text)}>> BDC\n`;
}
