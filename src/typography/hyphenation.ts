/**
 * Hyphenation service shared by both renderers: break points from the `hyphen`
 * package's TeX patterns, with per-language minima, a minimum word length and
 * exceptions. The PDF layout engine consumes the offsets; the EPUB may write them as
 * soft hyphens (U+00AD) behind a theme switch.
 *
 * Patterns are loaded on first use of a language and cached for the process: from the
 * JSON copy `npm run build:lib` writes (scripts/hyphen-data.mjs), else by a synchronous
 * `require` of `hyphen/<lang>/index.js` (directory imports fail in ESM).
 * The package's pattern data is read by our own matcher (`liangMarkers`), not by its
 * hyphenator, which re-reads each word through a chain of closures and classifies every
 * trie node with `Object.prototype.toString` (a notable part of a book's layout time).
 * The matcher is a literal port of the package's: same breaks, quirks included.
 */
import { readFileSync } from 'node:fs';
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
/** Every `hyphen` folder a language can map to (scripts/hyphen-data.mjs saves each as JSON). */
export function patternFolders(): string[] {
  return [...new Set([...Object.values(PATTERN_DIRS), 'en-gb'])].sort();
}
const GB_REGIONS = new Set(['gb', 'uk', 'ie', 'au', 'nz', 'za', 'in']);

/** TeX's \lefthyphenmin / \righthyphenmin per language; others 2/2. */
const MINIMA: Record<string, [number, number]> = {
  fr: [2, 3], en: [2, 3], pt: [2, 3], de: [2, 2], es: [2, 2], it: [2, 2], nl: [2, 2],
};

/** The breaks the patterns allow in `word` (letters only), as ascending offsets into it (0 and its length included when found). */
type Engine = (word: string) => readonly number[];

const SOFT_HYPHEN = '\u00AD';
const require = createRequire(import.meta.url);
const engines = new Map<string, Engine | undefined>();
const hyphenators = new Map<string, Hyphenator | undefined>();

function patternDir(tag: string): string | undefined {
  const [primary = '', ...rest] = normalizeLang(tag).split('-');
  if (primary === 'en') return rest.some((r) => GB_REGIONS.has(r)) ? 'en-gb' : 'en-us';
  return PATTERN_DIRS[primary];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumbers(value: unknown): value is readonly number[] {
  return Array.isArray(value) && value.every((n) => typeof n === 'number');
}

/**
 * A node of the pattern trie, read from the package's: there, each letter's entry is a
 * subtrie (an object), a pattern (index into the levels table) or `[subtrie, pattern]`.
 * A node's children are read when it is first visited, keyed by UTF-16 code unit: a
 * book visits a small part of the trie, and the package's objects, looked up by letter,
 * cost a slow generic property access each.
 */
class TrieNode {
  private children: Map<number, TrieNode> | undefined;

  constructor(
    private readonly source: Readonly<Record<string, unknown>> | undefined,
    readonly pattern: number,
  ) {}

  static of(entry: unknown): TrieNode {
    if (typeof entry === 'number') return new TrieNode(undefined, entry);
    if (Array.isArray(entry)) {
      const [next, pattern]: unknown[] = entry;
      return new TrieNode(isRecord(next) ? next : undefined, typeof pattern === 'number' ? pattern : -1);
    }
    return new TrieNode(isRecord(entry) ? entry : undefined, -1);
  }

  child(code: number): TrieNode | undefined {
    const source = this.source;
    if (!source) return undefined;
    if (!this.children) {
      this.children = new Map();
      // The package's keys are single letters; a longer one could never match one.
      for (const key of Object.keys(source)) if (key.length === 1) this.children.set(key.charCodeAt(0), TrieNode.of(source[key]));
    }
    return this.children.get(code);
  }
}

/** The `hyphen` package's pattern data: levels, the trie, and whole-word exceptions (lowercase word → break offsets). */
interface Patterns {
  levels: ReadonlyArray<readonly number[]>;
  trie: TrieNode;
  exceptions: Readonly<Record<string, unknown>>;
}

function patternsOf(loaded: unknown): Patterns | undefined {
  const data: unknown = isRecord(loaded) ? loaded.patterns : undefined;
  if (!Array.isArray(data)) return undefined;
  const [levels, trie, exceptions]: unknown[] = data;
  if (!Array.isArray(levels) || !levels.every(isNumbers) || !isRecord(trie)) return undefined;
  return { levels, trie: TrieNode.of(trie), exceptions: isRecord(exceptions) ? exceptions : {} };
}

/**
 * Liang's pattern matching exactly as the `hyphen` package (1.14) does it: patterns are
 * matched from every position of `.word.` with at least three characters left, the
 * first two positions both writing from level 0, levels sized on the unlowered word,
 * and the first two and last two levels cleared. Returns the odd levels' offsets.
 */
function liangMarkers(text: string, lowered: string, patterns: Patterns): number[] {
  const dotted = `.${lowered}.`;
  const levels: number[] = [];
  for (let i = 0; i <= text.length; i++) levels.push(0);
  let entity = -1;
  for (let start = 0; dotted.length - start >= 3; start++) {
    // The package's quirk: the slices from the first two positions write from the same level.
    if (start !== 1) entity++;
    let node: TrieNode | undefined = patterns.trie;
    for (let at = start; at < dotted.length; at++) {
      node = node.child(dotted.charCodeAt(at));
      if (!node) break;
      if (node.pattern < 0) continue;
      const weights = patterns.levels[node.pattern];
      if (!weights) continue;
      // As in the package, a level past the word's end grows the array (NaN: never odd).
      for (let k = 0; k < weights.length; k++) levels[entity + k] = Math.max(weights[k] ?? Number.NaN, levels[entity + k] ?? Number.NaN);
    }
  }
  levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
  const markers: number[] = [];
  for (let i = 0; i < levels.length; i++) if (((levels[i] ?? 0) & 1) === 1) markers.push(i);
  return markers;
}

/**
 * The engine of one pattern set. Markers are kept per lowercased word, as the package
 * kept them (for the process, unbounded, as before): a word met again in another case
 * gets the breaks found first. The package writes a soft hyphen at each marker, so one
 * past the word's end (a few Dutch exceptions have them) is a break at its end; every
 * list of markers, exceptions included, is ascending.
 */
function engineOf(patterns: Patterns): Engine {
  const known = new Map<string, readonly number[]>();
  return (word) => {
    const lowered = word.toLocaleLowerCase();
    let markers = known.get(lowered);
    if (markers === undefined) {
      const exception = Object.prototype.hasOwnProperty.call(patterns.exceptions, lowered) ? patterns.exceptions[lowered] : undefined;
      markers = isNumbers(exception) ? exception : liangMarkers(word, lowered, patterns);
      known.set(lowered, markers);
    }
    return markers.map((marker) => Math.min(marker, word.length));
  };
}

/**
 * Where build:lib saves each folder's pattern data as JSON, one level below dist-lib like
 * this module and the bundles. Parsing it takes a fresh worker ~8 ms where compiling and
 * running the package's 100 KB module (en-us) took ~30.
 */
const patternData = new URL('../hyphen-patterns/', import.meta.url);

/** The package's module for `dir`, or its data as saved by build:lib (`{ patterns }` either way). */
function loadPatterns(dir: string): unknown {
  try {
    return { patterns: JSON.parse(readFileSync(new URL(`${dir}.json`, patternData), 'utf8')) };
  } catch {
    // Not built (tests run the sources), or a damaged copy: the package itself.
    return require(`hyphen/${dir}/index.js`);
  }
}

/** Loads the patterns of `dir` once; undefined if they cannot be used. */
function engineFor(dir: string): Engine | undefined {
  if (engines.has(dir)) return engines.get(dir);
  const patterns = patternsOf(loadPatterns(dir));
  const engine = patterns ? engineOf(patterns) : undefined;
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

/** Break points of one run of letters. */
function letterRunPoints(word: string, engine: Engine, settings: Settings): number[] {
  const exception = settings.exceptions.get(word.toLowerCase());
  if (exception) return exception;
  if ([...word].length < settings.minWordLength) return [];
  if (!/\p{Ll}/u.test(word)) return []; // acronyms and all-caps words
  return engine(word).filter((o) => o >= settings.leftMin && word.length - o >= settings.rightMin);
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
