/**
 * Chinese, Japanese and Korean text: which characters want the CJK face, and where a
 * line may break between characters that have no space between them.
 *
 * Line breaking follows Unicode's line-breaking classes (UAX #14) for ideographs, kana and
 * Hangul (a break between any two, and between one and a Latin word), with the common
 * kinsoku rules of JIS X 4051 and GB/T 15834: no line starts with closing punctuation,
 * a small kana, an iteration or prolonged-sound mark; none ends with opening punctuation.
 */

/** Ideographs, kana, Hangul, bopomofo, CJK punctuation and full-width forms. */
export function isCjk(codePoint: number): boolean {
  if (codePoint < 0x1100) return false;
  if (codePoint < 0x2e80) return codePoint <= 0x11ff;
  if (codePoint <= 0x2fff) return true; // radicals, ideographic description characters
  if (codePoint <= 0x4dbf) return true; // punctuation, kana, bopomofo, compatibility jamo, enclosed forms, extension A
  if (codePoint <= 0x9fff) return codePoint >= 0x4e00;
  if (codePoint >= 0xa960 && codePoint <= 0xa97f) return true;
  if (codePoint >= 0xac00 && codePoint <= 0xd7ff) return true;
  if (codePoint >= 0xf900 && codePoint <= 0xfaff) return true;
  if (codePoint >= 0xfe10 && codePoint <= 0xfe1f) return true;
  if (codePoint >= 0xfe30 && codePoint <= 0xfe4f) return true;
  if (codePoint >= 0xff00 && codePoint <= 0xffef) return true;
  return codePoint >= 0x20000 && codePoint <= 0x3ffff;
}

/** May not start a line: closing brackets and quotes, stops and commas, small kana, iteration and prolonged-sound marks. */
const NO_START = new Set(
  [
    ...')]},.:;!?%',
    ...'’”»›‐–—…‥・‼⁇⁈⁉°′″℃‰',
    ...'、。，．：；？！）」』】〕〉》〙〗〟｝］｠｡｣､･',
    ...'ゝゞヽヾ々〻ー゛゜～〜',
    ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
    ...'％',
  ].map((char) => char.codePointAt(0) ?? 0),
);

/** May not end a line: opening brackets and quotes. */
const NO_END = new Set([...'([{‘“«‹（「『【〔〈《〘〖〝｛［｟｢'].map((char) => char.codePointAt(0) ?? 0));

/**
 * Whether a line may break between two adjacent characters with no space between them,
 * `before` then `after` (code points), because one of them is CJK. Breaks inside words
 * of other scripts are not decided here (hyphenation, dashes, web addresses).
 */
export function cjkBreakBetween(before: number, after: number): boolean {
  if (!isCjk(before) && !isCjk(after)) return false;
  return !NO_START.has(after) && !NO_END.has(before);
}
