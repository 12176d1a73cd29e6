import { readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { FontFaces, Margins, PdfTheme, Theme } from './options.js';
import { pageSizeProblem, parsePageSize } from './page-size.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root (…/folio), whether running from src/ or dist-lib/. */
export const packageRoot = resolve(here, '..', '..');
const require = createRequire(join(packageRoot, 'package.json'));

export class ThemeError extends Error {}

/** The emoji face a theme without `pdf.fonts.symbols` gets (Noto Emoji, OFL, from npm). */
const DEFAULT_SYMBOLS = '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf';
/** The faces for scripts a serif fallback lacks (Arabic, Hebrew, Armenian, Georgian…) a theme without `pdf.fonts.scripts` gets: DejaVu Sans. */
const DEFAULT_SCRIPTS = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  boldItalic: 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf',
};

/**
 * The CJK face a theme without `pdf.fonts.cjk` gets, when its package is installed: Noto
 * Sans SC (OFL), an optional dependency (10.5 MB a weight; `npm ci --omit=optional` leaves
 * it out). It has simplified and traditional Chinese and Japanese kana, not Hangul.
 */
export const DEFAULT_CJK_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const DEFAULT_CJK = {
  regular: `${DEFAULT_CJK_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`,
  bold: `${DEFAULT_CJK_PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`,
};

/** The default CJK faces, or undefined when the optional package is not installed. */
function defaultCjk(): FontFaces | undefined {
  try {
    const regular = require.resolve(DEFAULT_CJK.regular);
    const bold = require.resolve(DEFAULT_CJK.bold);
    // Chinese and Japanese have no italics: the upright faces serve.
    return { regular, italic: regular, bold, boldItalic: bold };
  } catch {
    return undefined;
  }
}

/** theme.yaml and its parsed document: a message names the line and column of the key it is about. */
class ThemeFile {
  constructor(
    readonly path: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** `path:line:column` of the value a message is about (`what` starts with its key path, `pdf.fontSize`), or of its nearest written parent. */
  at(what: string): string {
    const keys = (/^[\w.]+/.exec(what)?.[0] ?? '').split('.').filter(Boolean);
    for (let n = keys.length; n > 0; n--) {
      const node: unknown = this.doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) {
        const place = this.lines.linePos(node.range[0]);
        return `${this.path}:${place.line}:${place.col}`;
      }
    }
    return `${this.path}:1:1`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Smallest text block, each way: a narrower one sets a word or two a line, a negative one nothing readable. */
const MIN_TEXT_BLOCK = 72;

/** What is wrong with a page size and margins together, if anything (for a message). */
export function textBlockProblem(pdf: Pick<PdfTheme, 'pageSize' | 'margins'>): string | undefined {
  const { pageSize, margins } = pdf;
  const width = Math.round((pageSize.width - margins.inner - margins.outer) * 100) / 100;
  const height = Math.round((pageSize.height - margins.top - margins.bottom) * 100) / 100;
  if (width >= MIN_TEXT_BLOCK && height >= MIN_TEXT_BLOCK) return undefined;
  return `the margins (inner ${margins.inner}, outer ${margins.outer}, top ${margins.top}, bottom ${margins.bottom} pt) leave a text block of ${width} × ${height} pt on a ${pageSize.width} × ${pageSize.height} pt page; it must be at least ${MIN_TEXT_BLOCK} pt each way: make the margins smaller or the page larger`;
}

function need<T>(value: T | undefined, what: string, file: ThemeFile): T {
  if (value === undefined) throw new ThemeError(`${file.at(what)}: ${what} is missing or invalid`);
  return value;
}

/** A number of points from `min` to `max` (a margin, a type size): anything else is refused, naming the range. */
function num(record: Record<string, unknown>, key: string, file: ThemeFile, what: string, min: number, max: number): number {
  const value = record[key];
  return need(typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined, `${what} (points, ${min} to ${max})`, file);
}

function resolveFont(spec: unknown, themeDir: string, what: string, file: ThemeFile): string {
  const text = need(typeof spec === 'string' ? spec : undefined, what, file);
  const local = isAbsolute(text) ? text : join(themeDir, text);
  if (existsSync(local)) return local;
  try {
    return require.resolve(text);
  } catch {
    throw new ThemeError(`${file.at(what)}: ${what}: font file "${text}" not found (install its npm package or give a path)`);
  }
}

function faces(spec: unknown, themeDir: string, what: string, file: ThemeFile): FontFaces {
  const record = need(isRecord(spec) ? spec : undefined, what, file);
  const regular = resolveFont(record.regular, themeDir, `${what}.regular`, file);
  const pick = (key: string) =>
    record[key] === undefined ? regular : resolveFont(record[key], themeDir, `${what}.${key}`, file);
  return { regular, italic: pick('italic'), bold: pick('bold'), boldItalic: pick('boldItalic') };
}

/** `pdf.fonts.cjk` as the theme names it, else the installed default; `cjk: none` turns it off. */
function cjkFaces(spec: unknown, themeDir: string, file: ThemeFile): { cjk?: FontFaces } {
  if (spec === 'none') return {};
  if (spec !== undefined) return { cjk: faces(spec, themeDir, 'pdf.fonts.cjk', file) };
  const installed = defaultCjk();
  return installed ? { cjk: installed } : {};
}

/** The two-column settings of a theme (both optional): `columnGap` in points, `pullQuoteSpan`. */
function columnOptions(pdf: Record<string, unknown>, file: ThemeFile): { columnGap?: number; pullQuoteSpan?: boolean } {
  const out: { columnGap?: number; pullQuoteSpan?: boolean } = {};
  if (pdf.columnGap !== undefined) {
    const gap = pdf.columnGap;
    out.columnGap = need(typeof gap === 'number' && gap >= 0 && gap < 200 ? gap : undefined, 'pdf.columnGap (points, 0 to 200)', file);
  }
  if (pdf.pullQuoteSpan !== undefined) {
    const span = pdf.pullQuoteSpan;
    out.pullQuoteSpan = need(typeof span === 'boolean' ? span : undefined, 'pdf.pullQuoteSpan (true or false)', file);
  }
  return out;
}

/** Finds a theme by name (a folder under templates/) or by directory path. */
export function themeDir(nameOrDir: string, cwd = process.cwd()): string {
  const asDir = resolve(cwd, nameOrDir);
  if (existsSync(join(asDir, 'theme.yaml'))) return asDir;
  const builtin = join(packageRoot, 'templates', nameOrDir);
  if (/^[a-z0-9-]+$/i.test(nameOrDir) && existsSync(join(builtin, 'theme.yaml'))) return builtin;
  throw new ThemeError(`theme "${nameOrDir}" not found: give a theme name (default) or a folder with a theme.yaml`);
}

/** Loads and validates `theme.yaml` and the files it names. Throws ThemeError with a clear message. */
export function loadTheme(nameOrDir = 'default', cwd = process.cwd()): Theme {
  const dir = themeDir(nameOrDir, cwd);
  const path = join(dir, 'theme.yaml');
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: false });
  const broken = doc.errors[0];
  if (broken) {
    const place = lines.linePos(broken.pos[0]);
    throw new ThemeError(`${path}:${place.line}:${place.col}: not valid YAML: ${broken.message}`);
  }
  const file = new ThemeFile(path, doc, lines);
  const data: unknown = doc.toJS();
  const root = need(isRecord(data) ? data : undefined, 'the theme', file);
  const pdf = need(isRecord(root.pdf) ? root.pdf : undefined, 'pdf', file);
  const epub = need(isRecord(root.epub) ? root.epub : undefined, 'epub', file);
  const margins = need(isRecord(pdf.margins) ? pdf.margins : undefined, 'pdf.margins', file);
  const fonts = need(isRecord(pdf.fonts) ? pdf.fonts : undefined, 'pdf.fonts', file);
  const colors = need(isRecord(pdf.colors) ? pdf.colors : undefined, 'pdf.colors', file);
  const color = (key: string) =>
    need(typeof colors[key] === 'string' && /^#[0-9a-f]{6}$/i.test(String(colors[key])) ? String(colors[key]) : undefined, `pdf.colors.${key}`, file);
  const cssName = need(typeof epub.css === 'string' ? epub.css : undefined, 'epub.css', file);
  const cssPath = join(dir, cssName);
  if (!existsSync(cssPath) || !statSync(cssPath).isFile()) throw new ThemeError(`${file.at('epub.css')}: epub.css: ${cssName} not found`);
  const textAlign = pdf.textAlign === 'left' ? 'left' : pdf.textAlign === 'justify' || pdf.textAlign === undefined ? 'justify' : undefined;
  const paragraphs = pdf.paragraphs === 'spaced' ? 'spaced' : pdf.paragraphs === 'indented' || pdf.paragraphs === undefined ? 'indented' : undefined;
  const marginValues: Margins = {
    top: num(margins, 'top', file, 'pdf.margins.top', 0, 400),
    bottom: num(margins, 'bottom', file, 'pdf.margins.bottom', 0, 400),
    inner: num(margins, 'inner', file, 'pdf.margins.inner', 0, 400),
    outer: num(margins, 'outer', file, 'pdf.margins.outer', 0, 400),
  };
  // Type from footnote-small to display size; a leading that neither overlaps its lines nor spaces them four lines apart.
  const fontSize = num(pdf, 'fontSize', file, 'pdf.fontSize', 5, 36);
  const lineHeight = num(pdf, 'lineHeight', file, 'pdf.lineHeight', Math.round(fontSize * 0.9 * 100) / 100, Math.round(fontSize * 4 * 100) / 100);
  const pageSize = need(typeof pdf.pageSize === 'string' ? parsePageSize(pdf.pageSize) : undefined, typeof pdf.pageSize === 'string' ? `pdf.pageSize (${pageSizeProblem(pdf.pageSize)})` : 'pdf.pageSize', file);
  const block = textBlockProblem({ pageSize, margins: marginValues });
  if (block) throw new ThemeError(`${file.at('pdf.margins')}: ${block}`);
  return {
    name: typeof root.name === 'string' ? root.name : nameOrDir,
    dir,
    pdf: {
      pageSize,
      margins: marginValues,
      fontSize,
      lineHeight,
      textAlign: need(textAlign, 'pdf.textAlign (justify or left)', file),
      paragraphs: need(paragraphs, 'pdf.paragraphs (spaced or indented)', file),
      fonts: {
        text: faces(fonts.text, dir, 'pdf.fonts.text', file),
        mono: faces(fonts.mono, dir, 'pdf.fonts.mono', file),
        fallback: faces(fonts.fallback, dir, 'pdf.fonts.fallback', file),
        // Optional: a theme written before scripts and symbols existed gets Folio's defaults.
        scripts: faces(fonts.scripts ?? DEFAULT_SCRIPTS, dir, 'pdf.fonts.scripts', file),
        symbols: faces(fonts.symbols ?? { regular: DEFAULT_SYMBOLS }, dir, 'pdf.fonts.symbols', file),
        ...cjkFaces(fonts.cjk, dir, file),
      },
      colors: { text: color('text'), accent: color('accent'), muted: color('muted') },
      ...columnOptions(pdf, file),
    },
    epub: { css: readFileSync(cssPath, 'utf8') },
  };
}
