/**
 * Hyphenation service shared by both renderers: break points from the `hyphen`
 * package's TeX patterns, with per-language minima, a minimum word length and
 * exceptions. The PDF layout engine consumes the offsets; the EPUB may write them as
 * soft hyphens (U+00AD) behind a theme switch.
 *
 * Patterns are loaded on first use of a language (a synchronous `require` of
 * `hyphen/<lang>/index.js`: directory imports fail in ESM) and cached for the process.
 */
import { createRequire } from 'node:module';
import { normalizeLang } from './languages.js';

/**
 * The offsets in `word` where a line may break with a hyphen: `i` allows
 * `word.slice(0, i) + '-'` / `word.slice(i)`. Empty when the word must not be hyphenated.
 */
export type Hyphenator = (word: string) => number[];

export interface HyphenationOptions {
  /** Words with their allowed breaks, `ta-ble`; a word without `-` is never hyphenated. */
  exceptions?: readonly string[];
  /** Shorter words are never hyphenated (default 5). */
  minWordLength?: number;
  /** Letters kept before the first and after the last break (defaults per language). */
  leftMin?: number;
  rightMin?: number;
}

interface Settings {
  exceptions: Map<string, number[]>;
  minWordLength: number;
  leftMin: number;
  rightMin: number;
}

/** BCP 47 primary subtag (or full tag) → the `hyphen` folder holding its patterns. */
const PATTERN_DIRS: Record<string, string> = {
  fr: 'fr', 'en-us': 'en-us', 'en-gb': 'en-gb', en: 'en-us', de: 'de-1996', es: 'es', it: 'it', pt: 'pt', nl: 'nl',
  ca: 'ca', da: 'da', sv: 'sv', nb: 'nb', no: 'nb', nn: 'nn', fi: 'fi', pl: 'pl', cs: 'cs', sk: 'sk', sl: 'sl',
  hu: 'hu', ro: 'ro', ru: 'ru', uk: 'uk', tr: 'tr', el: 'el-monoton', la: 'la', hr: 'hr', et: 'et', lt: 'lt',
  lv: 'lv', is: 'is', ga: 'ga', cy: 'cy', eu: 'eu', gl: 'gl', oc: 'oc', id: 'id', af: 'af', bg: 'bg',
};
const GB_REGIONS = new Set(['gb', 'uk', 'ie', 'au', 'nz', 'za', 'in']);

/** TeX's \lefthyphenmin / \righthyphenmin per language; others 2/2. */
const MINIMA: Record<string, [number, number]> = {
  fr: [2, 3], en: [2, 3], pt: [2, 3], de: [2, 2], es: [2, 2], it: [2, 2], nl: [2, 2],
};

type Engine = (word: string) => string;

const SOFT_HYPHEN = '\u00AD';
const require = createRequire(import.meta.url);
const engines = new Map<string, Engine | undefined>();
const hyphenators = new Map<string, Hyphenator | undefined>();

function patternDir(tag: string): string | undefined {
  const [primary = '', ...rest] = normalizeLang(tag).split('-');
  if (primary === 'en') return rest.some((r) => GB_REGIONS.has(r)) ? 'en-gb' : 'en-us';
  return PATTERN_DIRS[primary];
}

/** Loads `hyphen/<dir>/index.js` once; undefined if it cannot be used. */
function engineFor(dir: string): Engine | undefined {
  if (engines.has(dir)) return engines.get(dir);
  let engine: Engine | undefined;
  const loaded: unknown = require(`hyphen/${dir}/index.js`);
  if (typeof loaded === 'object' && loaded !== null && 'hyphenateSync' in loaded && typeof loaded.hyphenateSync === 'function') {
    const hyphenate = loaded.hyphenateSync;
    engine = (word) => {
      const out: unknown = Reflect.apply(hyphenate, loaded, [word, { hyphenChar: SOFT_HYPHEN, minWordLength: 1 }]);
      return typeof out === 'string' ? out : word;
    };
  }
  engines.set(dir, engine);
  return engine;
}

function parseExceptions(list: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const entry of list) {
    const offsets: number[] = [];
    let word = '';
    for (const ch of entry.trim()) {
      if (ch === '-') offsets.push(word.length);
      else word += ch;
    }
    if (word) map.set(word.toLowerCase(), offsets.filter((o) => o > 0 && o < word.length));
  }
  return map;
}

/** Offsets of the soft hyphens in `marked`, counted in the unmarked word. */
function softHyphenOffsets(marked: string): number[] {
  const offsets: number[] = [];
  let length = 0;
  for (const ch of marked) {
    if (ch === SOFT_HYPHEN) offsets.push(length);
    else length += ch.length;
  }
  return offsets;
}

/** Break points of one run of letters. */
function letterRunPoints(word: string, engine: Engine, settings: Settings): number[] {
  const exception = settings.exceptions.get(word.toLowerCase());
  if (exception) return exception;
  if ([...word].length < settings.minWordLength) return [];
  if (!/\p{Ll}/u.test(word)) return []; // acronyms and all-caps words
  return softHyphenOffsets(engine(word)).filter((o) => o >= settings.leftMin && word.length - o >= settings.rightMin);
}

const URLISH = /[/@\\]|:\/\/|^www\.|\.[a-z]{2,}$/i;

/**
 * Break points of a text (any number of words), as offsets into `text`. Tokens with
 * digits, URLs, e-mail addresses and paths, acronyms and words the author already
 * hyphenated with U+00AD get none; parts of compounds (`porte-monnaie`, `l’objectif`)
 * are hyphenated separately.
 */
function pointsIn(text: string, engine: Engine, settings: Settings): number[] {
  const points: number[] = [];
  for (const token of text.matchAll(/[^\s\u00A0\u202F]+/g)) {
    const value = token[0];
    if (/\p{N}/u.test(value) || URLISH.test(value) || value.includes(SOFT_HYPHEN)) continue;
    for (const run of value.matchAll(/[\p{L}\p{M}]+/gu)) {
      for (const o of letterRunPoints(run[0], engine, settings)) points.push(token.index + run.index + o);
    }
  }
  return points;
}

function settingsFor(tag: string, options: HyphenationOptions): Settings {
  const primary = normalizeLang(tag).split('-')[0] ?? '';
  const [left, right] = MINIMA[primary] ?? [2, 2];
  return {
    exceptions: parseExceptions(options.exceptions ?? []),
    minWordLength: options.minWordLength ?? 5,
    leftMin: options.leftMin ?? left,
    rightMin: options.rightMin ?? right,
  };
}

/**
 * The hyphenator of `lang` (BCP 47), or undefined when there are no patterns for it.
 * Cached per language and options.
 */
export function getHyphenator(lang: string, options: HyphenationOptions = {}): Hyphenator | undefined {
  const dir = patternDir(lang);
  if (dir === undefined) return undefined;
  const key = JSON.stringify([normalizeLang(lang), options.exceptions ?? [], options.minWordLength, options.leftMin, options.rightMin]);
  if (hyphenators.has(key)) return hyphenators.get(key);
  const engine = engineFor(dir);
  const settings = settingsFor(lang, options);
  const hyphenator: Hyphenator | undefined = engine ? (word) => pointsIn(word, engine, settings) : undefined;
  hyphenators.set(key, hyphenator);
  return hyphenator;
}

/** Break points of a whole text (offsets into it); empty for a language without patterns. */
export function hyphenationPoints(text: string, lang: string, options: HyphenationOptions = {}): number[] {
  return getHyphenator(lang, options)?.(text) ?? [];
}

/**
 * `text` with a soft hyphen (U+00AD) at every break point: for the EPUB theme switch
 * (off by default: soft hyphens hurt search and text-to-speech in some readers).
 */
export function softHyphenate(text: string, lang: string, options: HyphenationOptions = {}): string {
  const points = hyphenationPoints(text, lang, options);
  if (points.length === 0) return text;
  let out = '';
  let at = 0;
  for (const point of points) {
    out += text.slice(at, point) + SOFT_HYPHEN;
    at = point;
  }
  return out + text.slice(at);
}
