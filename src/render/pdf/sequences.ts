/** Characters no face draws as they are: invisible ones, and those that join or select the glyphs of emoji sequences. */
/** Emoji presentation selector: the character before it asks for its emoji (symbols face) form. */
export const EMOJI_PRESENTATION = 0xfe0f;

/**
 * Characters that extend the emoji before them into one glyph of the symbols face: the
 * zero-width joiner (👩‍👩‍👧), variation selectors (❤️), the combining keycap (1️⃣) and
 * tag characters (🏴 subdivision flags). In a run of the symbols face they stay, and the
 * face's own substitutions make the sequence one glyph; anywhere else they are not drawn.
 */
export function isSequenceExtender(codePoint: number): boolean {
  return codePoint === 0x200d || (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || codePoint === 0x20e3 || (codePoint >= 0xe0020 && codePoint <= 0xe007f);
}

/**
 * What is never drawn: C0/C1 controls other than tab and line ends, and invisible
 * joiners and spaces (ZWSP, ZWNJ, word joiner, BOM). The zero-width joiner and the
 * variation selectors are not among them: they hold emoji sequences together.
 */
export function isInvisible(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d;
  if (codePoint < 0x7f) return false;
  return codePoint <= 0x9f || codePoint === 0x200b || codePoint === 0x200c || codePoint === 0x2060 || codePoint === 0xfeff;
}
