/**
 * Embedded fonts: loading (fontkit), measuring, glyph coverage and fallback.
 * The layout engine only sees the `Metrics` interface; the painter gets the file
 * paths (`FontBook.path`) and lets pdfkit embed the same files.
 */
import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import { glyphsNameTheirCharacters } from './glyph-characters.js';
import type { FontFaces, PdfTheme } from '../../config/options.js';
import { Shaper } from './shaper.js';
import { EMOJI_PRESENTATION, isInvisible, isSequenceExtender } from './sequences.js';
import { startFromLearnt } from './learnt-tables.js';
import { isCjk } from './cjk.js';
import { containsRtl, isRtl, rtlHeldNeutrals } from './bidi.js';

export type Family = 'text' | 'mono';
export type Variant = 'regular' | 'italic' | 'bold' | 'boldItalic';
export type FontKey = `${Family | 'fallback' | 'scripts' | 'cjk' | 'symbols'}-${Variant}`;

const families = ['text', 'mono', 'fallback', 'scripts', 'symbols'] as const;
const variants: readonly Variant[] = ['regular', 'italic', 'bold', 'boldItalic'];

/** The faces a character the primary face lacks is looked for in, of one variant. */
interface OtherFaces {
  fallback: FontKey;
  scripts: FontKey;
  symbols: FontKey;
  cjk: FontKey;
}

function othersOf(variant: Variant): OtherFaces {
  return { fallback: `fallback-${variant}`, scripts: `scripts-${variant}`, symbols: `symbols-${variant}`, cjk: `cjk-${variant}` };
}

const otherFaces: Record<Variant, OtherFaces> = { regular: othersOf('regular'), italic: othersOf('italic'), bold: othersOf('bold'), boldItalic: othersOf('boldItalic') };

/** A piece of text set in one font. */
export interface Segment {
  text: string;
  font: FontKey;
  /** Advance width in points at the requested size. */
  width: number;
}

export interface Segmented {
  segments: Segment[];
  /** Code points that no font has (drawn with the family face's .notdef). */
  missing: number[];
}

/** What the layout engine needs from fonts. Pure: same input, same answer. */
export interface Metrics {
  /**
   * Splits `text` into runs of one font each: the family's face, else the fallback face,
   * else the scripts face, else the CJK face, else the symbols (emoji) face. A CJK
   * character the family's face lacks goes to the CJK face first, so that a line of
   * Chinese takes its punctuation from the same face as its ideographs.
   */
  segment(text: string, family: Family, variant: Variant, size: number): Segmented;
  /** Whether there is a face for Chinese, Japanese and Korean (for a message that says what to do). */
  readonly hasCjk: boolean;
  /** Advance width of `text` set in `font` at `size` points (kerning and ligatures on). */
  width(text: string, font: FontKey, size: number): number;
}

/**
 * OpenType features to apply beyond fontkit's (and pdfkit's) defaults, or undefined for
 * the defaults. Monospace code must not form ligatures or contextual alternates; and the
 * JetBrains Mono TTFs on npm carry a `calt` glyph fontkit cannot read (`//` crashes it).
 */
export function fontFeatures(key: FontKey): Record<string, boolean> | undefined {
  return key.startsWith('mono-') ? { calt: false, liga: false, clig: false, dlig: false } : undefined;
}

export function variantOf(bold: boolean, italic: boolean): Variant {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

const fontCache = new Map<string, Font>();
/** The bytes each font was parsed from (fontkit keeps them anyway): the learnt tables are keyed on them. */
const fontFiles = new Map<string, Uint8Array>();
/** Which BMP characters each font file has (0 unknown, 1 yes, 2 no), shared like the shapers. */
const bmpCoverage = new Map<string, Uint8Array>();
/** Shapers per face, shared by every publication a process builds: their tables fill once. */
const shaperCache = new Map<string, Shaper>();

function shaperOf(path: string, font: Font, key: FontKey): Shaper {
  const features = fontFeatures(key);
  const id = `${path}\u0000${JSON.stringify(features ?? null)}`;
  let shaper = shaperCache.get(id);
  if (!shaper) {
    shaper = new Shaper(font, features);
    const bytes = fontFiles.get(path);
    if (bytes) startFromLearnt(shaper, bytes, features);
    shaperCache.set(id, shaper);
  }
  return shaper;
}

function openFont(path: string): Font {
  const cached = fontCache.get(path);
  if (cached) return cached;
  const bytes = readFileSync(path);
  const opened = create(bytes);
  // A collection file (TTC) is not what a theme names; take its first face.
  const font = 'fonts' in opened ? opened.fonts[0] : opened;
  if (!font) throw new Error(`${path}: no font in this file`);
  glyphsNameTheirCharacters(font);
  fontCache.set(path, font);
  fontFiles.set(path, bytes);
  return font;
}

/** Characters that are never looked up in a face (layout never draws them). */
function alwaysPrimary(codePoint: number): boolean {
  return codePoint === 0x20;
}

/** A face in use: opened (and its learnt tables read) when a publication first needs it. */
interface Face {
  font: Font;
  shaper: Shaper;
  unitsPerEm: number;
  coverage: Map<number, boolean>;
}

export class FontBook implements Metrics {
  private readonly paths = new Map<FontKey, string>();
  /**
   * Faces opened so far. A theme names twelve (three families, four variants) and most
   * publications use a few: a fresh worker opened all of them, DejaVu's four large
   * fallback files included, in 26–29 ms, against 10–14 ms for the three an article uses.
   */
  private readonly faces = new Map<FontKey, Face>();

  /** Whether the theme has a face for Chinese, Japanese and Korean. */
  readonly hasCjk: boolean;

  constructor(fonts: PdfTheme['fonts']) {
    for (const family of families) {
      const faces: FontFaces = fonts[family];
      for (const variant of variants) this.paths.set(`${family}-${variant}`, faces[variant]);
    }
    const cjk = fonts.cjk;
    this.hasCjk = cjk !== undefined;
    if (cjk) for (const variant of variants) this.paths.set(`cjk-${variant}`, cjk[variant]);
  }

  /** The parsed font behind `key` (shared by every document of the process; read only). */
  face(key: FontKey): Font {
    return this.opened(key).font;
  }

  /** Absolute path of the font file behind `key` (for pdfkit). */
  path(key: FontKey): string {
    const path = this.paths.get(key);
    if (path === undefined) throw new Error(`unknown font ${key}`);
    return path;
  }

  private opened(key: FontKey): Face {
    let face = this.faces.get(key);
    if (!face) {
      const path = this.path(key);
      const font = openFont(path);
      face = { font, shaper: shaperOf(path, font, key), unitsPerEm: font.unitsPerEm, coverage: new Map() };
      this.faces.set(key, face);
    }
    return face;
  }

  has(key: FontKey, codePoint: number): boolean {
    // Basic Multilingual Plane answers in a flat table (0 unknown, 1 yes, 2 no); the rest in a map.
    const bmp = codePoint <= 0xffff ? this.bmpCoverage(key) : undefined;
    if (bmp) {
      const known = bmp[codePoint];
      if (known) return known === 1;
      const has = this.face(key).hasGlyphForCodePoint(codePoint);
      bmp[codePoint] = has ? 1 : 2;
      return has;
    }
    const face = this.opened(key);
    let has = face.coverage.get(codePoint);
    if (has === undefined) {
      has = face.font.hasGlyphForCodePoint(codePoint);
      face.coverage.set(codePoint, has);
    }
    return has;
  }

  private bmpCoverage(key: FontKey): Uint8Array {
    const path = this.path(key);
    let table = bmpCoverage.get(path);
    if (!table) {
      table = new Uint8Array(0x10000);
      bmpCoverage.set(path, table);
    }
    return table;
  }

  /** Exact shaped width (fontkit), for tests that check the pair model. */
  shapedWidth(text: string, key: FontKey, size: number): number {
    const font = this.face(key);
    return (font.layout(text, fontFeatures(key)).advanceWidth / font.unitsPerEm) * size;
  }

  /**
   * Width from the shaper's tables (kerning and ligatures included): exact against
   * fontkit's shaping over whole corpus books, and many times faster than shaping
   * every word. The painter draws the same glyph runs (text-writer.ts).
   */
  width(text: string, key: FontKey, size: number): number {
    const face = this.opened(key);
    return (face.shaper.width(text) / face.unitsPerEm) * size;
  }

  /** The shaper of a face (for the painter). */
  shaper(key: FontKey): Shaper {
    return this.opened(key).shaper;
  }

  segment(text: string, family: Family, variant: Variant, size: number): Segmented {
    const primary: FontKey = `${family}-${variant}`;
    const others = otherFaces[variant];
    const symbols = others.symbols;
    const segments: Segment[] = [];
    const missing: number[] = [];
    // Punctuation held by right-to-left letters goes in their face, so that the word is shaped as one run (bidi.ts).
    const held = containsRtl(text) ? rtlHeldNeutrals(text) : undefined;
    let rtlFace: FontKey | undefined;
    // Runs of one font, as slices of `text` (most texts are one run in the primary face).
    let start = 0;
    let currentFont: FontKey = primary;
    let index = 0;
    while (index < text.length) {
      const codePoint = text.codePointAt(index) ?? 0;
      const length = codePoint > 0xffff ? 2 : 1;
      const invisible = isInvisible(codePoint);
      if (invisible || (codePoint >= 0x200d && isSequenceExtender(codePoint))) {
        // Not drawn (a run ends before it), unless it extends the emoji before it in the symbols face.
        if (invisible || currentFont !== symbols || index === start) {
          if (index > start) segments.push(this.measured(text.slice(start, index), currentFont, size));
          start = index + length;
        }
        index += length;
        continue;
      }
      let font: FontKey = primary;
      if (text.charCodeAt(index + length) === EMOJI_PRESENTATION && this.has(symbols, codePoint)) font = symbols;
      else if (!alwaysPrimary(codePoint) && !this.has(primary, codePoint)) {
        const other = this.otherFace(codePoint, others);
        if (other) font = other;
        else missing.push(codePoint);
      }
      if (held?.[index] && font === primary) {
        rtlFace ??= this.rtlFace(text, primary, others);
        if (rtlFace !== primary && this.has(rtlFace, codePoint)) font = rtlFace;
      }
      if (font !== currentFont) {
        if (index > start) segments.push(this.measured(text.slice(start, index), currentFont, size));
        start = index;
        currentFont = font;
      }
      index += length;
    }
    if (text.length > start) segments.push(this.measured(start === 0 ? text : text.slice(start), currentFont, size));
    return { segments, missing };
  }

  /** The face of a character the primary face lacks: the first of the others that has it (undefined: none has). */
  private otherFace(codePoint: number, others: OtherFaces): FontKey | undefined {
    const { fallback, scripts, symbols, cjk } = others;
    if (this.hasCjk && isCjk(codePoint) && this.has(cjk, codePoint)) return cjk;
    if (this.has(fallback, codePoint)) return fallback;
    if (this.has(scripts, codePoint)) return scripts;
    if (this.hasCjk && this.has(cjk, codePoint)) return cjk;
    return this.has(symbols, codePoint) ? symbols : undefined;
  }

  /** The face the first right-to-left letter of `text` is set in (the primary face when it has it, or when no face has it). */
  private rtlFace(text: string, primary: FontKey, others: OtherFaces): FontKey {
    for (const char of text) {
      const codePoint = char.codePointAt(0) ?? 0;
      if (!isRtl(codePoint)) continue;
      return this.has(primary, codePoint) ? primary : (this.otherFace(codePoint, others) ?? primary);
    }
    return primary;
  }

  private measured(text: string, font: FontKey, size: number): Segment {
    return { text, font, width: this.width(text, font, size) };
  }

}
