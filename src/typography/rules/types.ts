import type { Rule } from '../run.js';

/** Opening and closing mark of one nesting level. */
export interface QuotePair {
  open: string;
  close: string;
}

export interface LanguageRules {
  /** The variant these rules implement (`fr`, `fr-CA`, `en-GB`…). */
  id: string;
  /**
   * Quotation marks by nesting depth: straight `"` and `'` quotes become the pair of
   * the depth they open at, whichever straight mark the author typed (house style).
   * Deeper levels reuse the last pair.
   */
  quotes: QuotePair[];
  /**
   * Words that start with an apostrophe rather than an opening quote (`'tis`, `'s`),
   * lower case, without the apostrophe. `'90s`-style decades are always apostrophes.
   */
  elisions: string[];
  /** Rules run before quotes are converted (dashes, ellipsis…). */
  before: Rule[];
  /** Rules run after quotes are converted (spaces around punctuation, numbers…). */
  after: Rule[];
}

/** Space characters that allow a line break (the ones rules may replace). */
export const BREAKING = '[ \\t\\n\\r\\u2000-\\u2006\\u2008-\\u200A\\u205F\\u3000]';
/** No-break spaces (and the word joiner): a rule that finds one has nothing to do. */
export const NOBREAK = '[\\u00A0\\u2007\\u202F\\u2060]';
export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/** A rule; its pattern is made global (every match is rewritten). */
export function rule(id: string, pattern: RegExp, replace: Rule['replace']): Rule {
  return { id, pattern: pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`), replace };
}

/** `...` → `…` (four dots stay as typed). */
export const ellipsis = rule('ellipsis', /(?<!\.)\.\.\.(?!\.)/g, '…');

/** `---` → em dash. */
export const tripleHyphen = rule('em-dash', /(?<!-)---(?!-)/g, '—');

/**
 * `--` → `dash`, an en dash between digits, an em dash opening a run (dialogue). A
 * `--word` after a space or at the start is a command-line flag and stays as typed.
 */
export function doubleHyphen(dash: '—' | '–'): Rule {
  return rule('double-hyphen', /(?<!-)--(?!-)/g, (m) => {
    const before = m.input.charAt(m.index - 1);
    const after = m.input.charAt(m.index + 2);
    if (/\d/.test(before) && /\d/.test(after)) return '–';
    if (m.index === 0 && /\s/.test(after)) return '—'; // a dialogue dash
    if ((before === '' || /\s/.test(before)) && /[a-z]/.test(after)) return m[0];
    return dash;
  });
}

/** A hyphen between spaces (`mot - mot`) is a dash: `dash` keeps its spaces. */
export function spacedHyphen(dash: '—' | '–'): Rule {
  return rule('spaced-hyphen', /(?<=[^\s-] )-(?= [^\s-])/g, dash);
}

/** `1990-1995`, `p. 12-15` → en dash. Dates (`2026-03-14`) and `COVID-19` are left alone. */
export const numberRange = rule(
  'number-range',
  /(?<![\p{L}\p{N}\-–.,/:])(\d{1,4})-(?=\d{1,4}(?![\p{L}\p{N}\-–/]|[.,]\d))/gu,
  '$1–',
);

/**
 * A dash opening a paragraph (dialogue) keeps its dash, followed by a no-break space;
 * `--` typed there becomes an em dash.
 */
export const dialogueDash = rule('dialogue-dash', new RegExp(`^(?:--|[—–])${BREAKING}+`, 'g'), (m) => `${m[0].startsWith('--') ? '—' : m[0].charAt(0)}${NBSP}`);

/** The rules every language shares before quotes: ellipsis and typed dashes. */
export function commonBefore(dash: '—' | '–', spaced: '—' | '–'): Rule[] {
  return [ellipsis, tripleHyphen, doubleHyphen(dash), spacedHyphen(spaced)];
}
