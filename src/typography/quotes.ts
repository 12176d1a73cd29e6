/**
 * Straight quotes → the language's quotation marks and apostrophes, scanning the
 * whole run left to right with a stack of open quotes, so that `"**bold**"` or
 * `'*mot*'` pair up across nodes and nesting picks the right level.
 */
import type { LanguageRules, QuotePair } from './rules/types.js';
import { PLACEHOLDER, type TextRun } from './run.js';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
/** After these (or at the start) a quote opens. */
const OPENING_CONTEXT = /[\s([{<\u2014\u2013\-/]/u;
/** Before these (or at the end) a quote closes. */
const CLOSING_CONTEXT = /[\s.,;:!?…)\]}>\u2014\u2013\-/]/u;

interface Open {
  /** The straight mark typed, or '' for a typographic mark already in the text. */
  straight: string;
  level: number;
}

function pairAt(quotes: QuotePair[], level: number): QuotePair {
  return quotes[Math.min(level, quotes.length - 1)] ?? { open: '"', close: '"' };
}

function isOpeningContext(prev: string, rules: LanguageRules): boolean {
  if (prev === '') return true;
  if (OPENING_CONTEXT.test(prev)) return true;
  return rules.quotes.some((q) => q.open === prev && q.close !== prev);
}

function isClosingContext(next: string): boolean {
  return next === '' || CLOSING_CONTEXT.test(next);
}

function startsWithElision(text: string, at: number, rules: LanguageRules): boolean {
  const rest = text.slice(at + 1, at + 12);
  if (/^\d\d(?:s\b|\b)/u.test(rest)) return true; // ’90s, ’68
  const word = /^\p{L}+/u.exec(rest)?.[0].toLowerCase();
  if (word === undefined) return false;
  const after = rest.charAt(word.length);
  if (LETTER.test(after)) return false;
  return rules.elisions.includes(word);
}

function lastOpen(stack: Open[], straight: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.straight === straight) return i;
  return -1;
}

/** Converts the straight quotes of `lang`'s editable text; other text only counts as context. */
export function convertQuotes(run: TextRun, rules: LanguageRules, lang: string): void {
  const text = run.text;
  const stack: Open[] = [];
  const edits = new Map<number, string>();
  const opens = new Map<string, number>();
  const closes = new Map<string, number>();
  rules.quotes.forEach((q, level) => {
    if (!opens.has(q.open)) opens.set(q.open, level);
    if (!closes.has(q.close)) closes.set(q.close, level);
  });
  // The output so far: a converted apostrophe is context for what follows.
  const charAt = (i: number): string => (i < 0 || i >= text.length ? '' : (edits.get(i) ?? text.charAt(i)));

  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const editable = run.editableAt(i, lang);
    if (c !== '"' && c !== "'") {
      // Marks already typeset count for nesting; ’ closes only a level whose close it is,
      // and not inside a word (where it is an apostrophe).
      if (closes.has(c) && (c !== '’' || !LETTER_OR_DIGIT.test(charAt(i + 1)))) {
        let at = stack.length - 1;
        while (at >= 0 && pairAt(rules.quotes, stack[at]?.level ?? 0).close !== c) at--;
        if (at >= 0) {
          stack.length = at;
          continue;
        }
      }
      if (opens.has(c)) stack.push({ straight: '', level: stack.length });
      continue;
    }
    if (!editable) continue;
    const prev = charAt(i - 1);
    const next = charAt(i + 1);
    if (c === "'") {
      const mark = singleQuote(text, i, prev, next, stack, rules);
      if (mark !== undefined) edits.set(i, mark);
      continue;
    }
    // Straight double quote.
    const opening = prev === '’' ? LETTER_OR_DIGIT.test(next) : isOpeningContext(prev, rules);
    if (opening && (next === '' || /\s/.test(next))) continue; // a lone mark: leave it
    if (opening) {
      edits.set(i, pairAt(rules.quotes, stack.length).open);
      stack.push({ straight: '"', level: stack.length });
    } else {
      const at = lastOpen(stack, '"');
      if (at < 0 && LETTER_OR_DIGIT.test(next) && next !== PLACEHOLDER) {
        edits.set(i, pairAt(rules.quotes, stack.length).open);
        stack.push({ straight: '"', level: stack.length });
        continue;
      }
      const level = at >= 0 ? (stack[at]?.level ?? 0) : 0;
      edits.set(i, pairAt(rules.quotes, level).close);
      if (at >= 0) stack.length = at;
    }
  }
  run.replaceUnits(edits);
}

/** The mark for a straight `'`, pushing or popping `stack`; undefined leaves it. */
function singleQuote(text: string, i: number, prev: string, next: string, stack: Open[], rules: LanguageRules): string | undefined {
  const prevWord = LETTER_OR_DIGIT.test(prev) || prev === PLACEHOLDER;
  const nextWord = LETTER_OR_DIGIT.test(next) || next === PLACEHOLDER;
  if (prevWord && nextWord) return '’'; // l’objectif, don’t
  if (!prevWord && nextWord && (prev === '' || isOpeningContext(prev, rules))) {
    if (startsWithElision(text, i, rules)) return '’';
    const mark = pairAt(rules.quotes, stack.length).open;
    stack.push({ straight: "'", level: stack.length });
    return mark;
  }
  if (prevWord || /[.,;:!?…)\]}’”»›“]/u.test(prev)) {
    const at = lastOpen(stack, "'");
    if (at >= 0 && (isClosingContext(next) || !nextWord)) {
      const mark = pairAt(rules.quotes, stack[at]?.level ?? 0).close;
      stack.length = at;
      return mark;
    }
    return prevWord ? '’' : undefined; // dogs’, po’
  }
  return undefined;
}
