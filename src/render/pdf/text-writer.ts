/**
 * Writes positioned text straight into the page's content stream: one BT…ET per run
 * of boxes, glyphs shaped and subset by pdfkit's embedded font (so the subset, widths
 * and ToUnicode map — ligatures included — stay pdfkit's), without pdfkit's per-call
 * line wrapping and re-measuring, which dominated the render time.
 *
 * This leans on pdfkit 0.20 internals, checked at run time: `doc._font` (the current
 * embedded font), its `encode(text, features)`, `doc.page.fonts`, and for texts our
 * shaper handles, the font's `subset.includeGlyph`, `widths`, `unicode` and `scale`
 * (what `encode` fills in), so a shaped word is written without being shaped again.
 */
import type {} from 'pdfkit';
import { fontFeatures, type FontBook, type FontKey } from './fonts.js';
import type { Glyph } from 'fontkit';
import type { ShapedRun, Shaper } from './shaper.js';
import { num, rgb } from './content-number.js';
import { actualTextSpan, mappedText } from './actual-text.js';
import { directionOf, mirrorBrackets } from './bidi.js';

type Doc = PDFKit.PDFDocument;

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface EmbeddedFont {
  id: string;
  ref(): unknown;
  encode(text: string, features?: unknown): [string[], GlyphPosition[]];
}

/** An object of pdfkit's, whose properties are read by name (its internals have no types). */
export function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The value at `path` inside one of pdfkit's objects, or undefined where the path breaks off. */
export function field(owner: unknown, ...path: string[]): unknown {
  let value = owner;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** What pdfkit's `encode` records for each glyph it writes: the subset, widths, ToUnicode. */
interface SubsetTables {
  includeGlyph(id: number): number;
  widths: unknown[];
  unicode: unknown[];
  scale: number;
}

function subsetTables(font: EmbeddedFont): SubsetTables | undefined {
  const subset: unknown = Reflect.get(font, 'subset');
  const widths: unknown = Reflect.get(font, 'widths');
  const unicode: unknown = Reflect.get(font, 'unicode');
  const scale: unknown = Reflect.get(font, 'scale');
  const include: unknown = isRecord(subset) ? subset.includeGlyph : undefined;
  if (typeof include !== 'function' || !Array.isArray(widths) || !Array.isArray(unicode) || typeof scale !== 'number') return undefined;
  return { includeGlyph: (id) => Number(Reflect.apply(include, subset, [id])), widths, unicode, scale };
}

/** Glyphs of one embedded font as hex codes in its subset, each recorded once. */
class GlyphCodes {
  private readonly codes = new Map<number, string>();

  constructor(private readonly tables: SubsetTables) {}

  get scale(): number {
    return this.tables.scale;
  }

  code(glyph: Glyph): string {
    let code = this.codes.get(glyph.id);
    if (code === undefined) {
      const { tables } = this;
      const gid = tables.includeGlyph(glyph.id);
      code = `0000${gid.toString(16)}`.slice(-4);
      tables.widths[gid] ??= glyph.advanceWidth * tables.scale;
      tables.unicode[gid] ??= glyph.codePoints;
      this.codes.set(glyph.id, code);
    }
    return code;
  }

  /** What the ToUnicode map will say the glyph of `code` stands for. */
  mapped(code: string): string {
    return mappedText(this.tables.unicode, code);
  }
}

function isEmbeddedFont(value: unknown): value is EmbeddedFont {
  return isRecord(value) && typeof value.id === 'string' && typeof value.encode === 'function' && typeof value.ref === 'function';
}

/** pdfkit's current font after `doc.font(key)`. */
function currentFont(doc: Doc): EmbeddedFont {
  const font: unknown = Reflect.get(doc, '_font');
  if (!isEmbeddedFont(font)) throw new Error('pdfkit internals changed: doc._font is not an embedded font');
  return font;
}

/** The current page's font resources. */
function pageFonts(doc: Doc): Record<string, unknown> {
  const page: unknown = Reflect.get(doc, 'page');
  const fonts = isRecord(page) ? page.fonts : undefined;
  if (!isRecord(fonts)) throw new Error('pdfkit internals changed: doc.page.fonts is missing');
  return fonts;
}

/**
 * Makes pdfkit shape with our tables (shaper.ts) instead of fontkit's full shaping,
 * which dominated the render time: pdfkit's `layoutRun(text)` (uncached misses of its
 * per-word cache) gets the same glyphs and advances the layout measured. Runs with
 * explicit features, and texts the tables cannot shape, still go to fontkit.
 */
function installShaper(font: EmbeddedFont, shaper: Shaper): void {
  const original: unknown = Reflect.get(font, 'layoutRun');
  const scale: unknown = Reflect.get(font, 'scale');
  if (typeof original !== 'function' || typeof scale !== 'number') return;
  Reflect.set(font, 'layoutRun', (text: string, features?: unknown): unknown => {
    const run = features === undefined ? shaper.shape(text) : undefined;
    if (!run) return Reflect.apply(original, font, [text, features]);
    return {
      glyphs: run.glyphs,
      positions: run.glyphs.map((glyph, index) => ({ xAdvance: (run.advances[index] ?? 0) * scale, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: glyph.advanceWidth * scale })),
      advanceWidth: run.advanceWidth * scale,
    };
  });
}

/** A text as our shaper writes it: the inside of a TJ array, and how far it moves the pen. */
interface Written {
  /** Glyph codes, with kerning as adjustments. */
  tj: string;
  /** Advance in thousandths of the type size (what the viewer adds up from /W and the adjustments). */
  advance: number;
  /** Glyphs, each of which the character spacing (Tc) widens. */
  glyphs: number;
  /** The text, when the ToUnicode map of its glyphs reads otherwise: drawn in an /ActualText span. */
  actual: string | undefined;
}

/** A face whose texts our shaper writes as glyph codes. */
interface Direct {
  shaper: Shaper;
  codes: GlyphCodes;
  /**
   * Each text already written in this document: words repeat, and a text's glyphs were
   * recorded in the subset when it was first written.
   */
  written: Map<string, Written>;
}

/** How far the viewer moves the pen over `written` at `size` points, with `tracking` (Tc) after each glyph. */
function advanceOf(written: Written, size: number, tracking: number): number {
  return (written.advance * size) / 1000 + tracking * written.glyphs;
}

/** The TJ array being written: the words of one baseline, in one font, size, colour and spacing. */
interface OpenArray {
  parts: string;
  /** Baseline, in pdfkit's flipped space. */
  baseline: number;
  /** Where the viewer's pen stands after what the array holds. */
  pen: number;
}

/** pdfkit's (unexported) EmbeddedFont class, once a document has opened a font. */
let embeddedFontClass: Function | undefined;

export class TextWriter {
  private readonly embedded = new Map<FontKey, EmbeddedFont>();
  private readonly direct = new Map<FontKey, Direct | null>();
  private open = false;
  /**
   * Operators of the open text object, each line ending in a newline: joined and written
   * as one chunk of bytes when it ends (pdfkit turns each string it is given into bytes
   * with a loop of its own, and a string grown by `+=` is slow to convert).
   */
  private readonly pending: string[] = [];
  private font: FontKey | undefined;
  private size = 0;
  private color = '';
  private tracking = 0;
  /**
   * The words of a line go into one TJ array, each after an adjustment for the space
   * before it, instead of one text matrix (Tm) per word: a third less content to write
   * and compress. A change of font, size, colour, spacing or baseline starts a new one.
   */
  private array: OpenArray | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontBook,
  ) {}

  /**
   * Opens `key` in this document. pdfkit would read and parse the font file again for
   * every document (a tenth of a short article's build); once pdfkit has shown us its
   * EmbeddedFont class, the process's parsed font (fonts.ts) goes into a new instance,
   * which pdfkit then finds in its font cache — the same ids, subsets and bytes.
   */
  private openFont(key: FontKey): EmbeddedFont {
    const doc = this.doc;
    const families: unknown = Reflect.get(doc, '_fontFamilies');
    const count: unknown = Reflect.get(doc, '_fontCount');
    if (embeddedFontClass && isRecord(families) && typeof count === 'number') {
      const face = this.fonts.face(key);
      // pdfkit numbers a font before finding it is one it has already (same face under another key).
      Reflect.set(doc, '_fontCount', count + 1);
      const named = families[face.postscriptName];
      let font: unknown = named;
      if (!isEmbeddedFont(named) || Reflect.get(named, 'font') !== face) {
        font = Reflect.construct(embeddedFontClass, [doc, face, `F${count + 1}`]);
        if (families[face.postscriptName] === undefined) families[face.postscriptName] = font;
      }
      families[key] = font;
      doc.font(key);
      return currentFont(doc);
    }
    doc.registerFont(key, this.fonts.path(key));
    doc.font(key);
    const font = currentFont(doc);
    const constructor: unknown = Reflect.get(font, 'constructor');
    if (typeof constructor === 'function') embeddedFontClass = constructor;
    return font;
  }

  private embeddedFont(key: FontKey): EmbeddedFont {
    let font = this.embedded.get(key);
    if (!font) {
      font = this.openFont(key);
      const tables = subsetTables(font);
      if (fontFeatures(key) === undefined) {
        installShaper(font, this.fonts.shaper(key));
        this.direct.set(key, tables ? { shaper: this.fonts.shaper(key), codes: new GlyphCodes(tables), written: new Map() } : null);
      }
      this.embedded.set(key, font);
    }
    return font;
  }

  /** Starts a text object on a page of `height` points (pdfkit's user space is flipped). */
  begin(height: number): void {
    if (this.open) return;
    this.pending.push(`q 1 0 0 -1 0 ${num(height)} cm BT\n`);
    this.open = true;
    this.font = undefined;
    this.color = '';
    this.tracking = 0;
  }

  end(): void {
    if (!this.open) return;
    this.closeArray();
    this.open = false;
    this.pending.push('ET Q\n');
    this.write(this.pending.join(''));
    this.pending.length = 0;
  }

  /** Lines of operators (each ending in a newline): kept for the open text object, else written now. */
  private write(lines: string): void {
    if (this.open) this.pending.push(lines);
    // A chunk of bytes is written as it is; a string would get pdfkit's newline appended.
    else this.doc.addContent(Buffer.from(lines, 'latin1'));
  }

  /** Writes the open TJ array, if any. */
  private closeArray(): void {
    if (!this.array) return;
    this.pending.push(`[${this.array.parts}] TJ\n`);
    this.array = undefined;
  }

  /** Draws `text` with its baseline at (x, y) from the page's top left corner. */
  text(text: string, key: FontKey, size: number, color: string, x: number, y: number, height: number, tracking = 0): void {
    if (!text) return;
    const font = this.embeddedFont(key);
    const resources = pageFonts(this.doc);
    if (resources[font.id] === undefined) resources[font.id] = font.ref();
    const baseline = height - y;
    const shaped = this.shaped(text, key);
    const array = this.array;
    if (shaped && shaped.actual === undefined && array && this.open && key === this.font && size === this.size && color === this.color && tracking === this.tracking && baseline === array.baseline && x > array.pen - size) {
      // The next word of the line: an adjustment moves the pen to it (negative: to the right).
      const adjust = num(((array.pen - x) * 1000) / size);
      array.parts += adjust === '0' ? ` ${shaped.tj}` : ` ${adjust} ${shaped.tj}`;
      array.pen = array.pen - (Number(adjust) * size) / 1000 + advanceOf(shaped, size, tracking);
      return;
    }
    this.closeArray();
    let out = '';
    if (key !== this.font || size !== this.size) {
      out += `/${font.id} ${num(size)} Tf\n`;
      this.font = key;
      this.size = size;
    }
    if (color !== this.color) {
      out += `${rgb(color)} rg\n`;
      this.color = color;
    }
    if (tracking !== this.tracking) {
      out += `${num(tracking)} Tc\n`;
      this.tracking = tracking;
    }
    const left = num(x);
    out += `1 0 0 1 ${left} ${num(baseline)} Tm\n`;
    if (shaped !== undefined) {
      this.write(out);
      if (shaped.actual !== undefined) {
        // Alone in its span: the next word starts an array (and a text matrix) of its own.
        this.write(`${actualTextSpan(shaped.actual)}[${shaped.tj}] TJ\nEMC\n`);
        return;
      }
      const start = { parts: shaped.tj, baseline, pen: Number(left) + advanceOf(shaped, size, tracking) };
      // Outside a text object (never, in practice) the array is written at once.
      if (this.open) this.array = start;
      else this.write(`[${start.parts}] TJ\n`);
      return;
    }
    // A word with right-to-left letters is shaped right to left: its brackets are drawn mirrored (bidi.ts).
    const [encoded, positions] = font.encode(directionOf(text) === 'rtl' ? mirrorBrackets(text) : text, fontFeatures(key));
    const unicode = subsetTables(font)?.unicode;
    const actual = unicode && encoded.map((code) => mappedText(unicode, code)).join('') !== text;
    if (actual) out += actualTextSpan(text);
    const scale = size / 1000;
    let commands: string[] = [];
    let hex = '';
    let penX = x;
    let shifted = false;
    const flush = () => {
      if (hex) commands.push(`<${hex}>`);
      hex = '';
      if (commands.length > 0) out += `[${commands.join(' ')}] TJ\n`;
      commands = [];
    };
    positions.forEach((position, index) => {
      const glyph = encoded[index] ?? '';
      if (position.xOffset || position.yOffset) {
        flush();
        out += `1 0 0 1 ${num(penX + position.xOffset * scale)} ${num(baseline + position.yOffset * scale)} Tm <${glyph}> Tj\n`;
        shifted = true;
      } else {
        if (shifted) {
          out += `1 0 0 1 ${num(penX)} ${num(baseline)} Tm\n`;
          shifted = false;
        }
        hex += glyph;
        const adjust = position.xAdvance - position.advanceWidth;
        if (adjust !== 0) {
          commands.push(`<${hex}>`, num(-adjust));
          hex = '';
        }
      }
      penX += position.xAdvance * scale + tracking;
    });
    flush();
    if (actual) out += 'EMC\n';
    this.write(out);
  }

  /** `text` as glyph codes for a TJ array, when our shaper can shape it in this face. */
  private shaped(text: string, key: FontKey): Written | undefined {
    const direct = this.direct.get(key);
    if (!direct) return undefined;
    let written = direct.written.get(text);
    if (written === undefined) {
      const run = direct.shaper.shape(text);
      if (!run) return undefined;
      const { tj, mapped } = this.shapedRun(run, direct.codes);
      written = { tj, advance: run.advanceWidth * direct.codes.scale, glyphs: run.glyphs.length, actual: mapped === text ? undefined : text };
      direct.written.set(text, written);
    }
    return written;
  }

  /**
   * A run our shaper shaped, as the inside of a TJ array (glyph codes, with kerning as
   * adjustments), and what the ToUnicode map will read its glyphs as.
   */
  private shapedRun(run: ShapedRun, codes: GlyphCodes): { tj: string; mapped: string } {
    const scale = codes.scale;
    let tj = '';
    let hex = '';
    let mapped = '';
    for (let index = 0; index < run.glyphs.length; index++) {
      const glyph = run.glyphs[index];
      if (!glyph) continue;
      const code = codes.code(glyph);
      hex += code;
      mapped += codes.mapped(code);
      // An advance that is not the glyph's own (kerning, or a glyph the layout sets wider or narrower, even the last).
      const adjust = ((run.advances[index] ?? 0) - glyph.advanceWidth) * scale;
      if (adjust !== 0) {
        tj += `${tj ? ' ' : ''}<${hex}> ${num(-adjust)}`;
        hex = '';
      }
    }
    if (hex) tj += `${tj ? ' ' : ''}<${hex}>`;
    return { tj, mapped };
  }
}
