import type { PageMap } from '../ast/page-map.js';

/**
 * Typed options shared by the CLI, the config file and the renderers.
 * One schema: every option is a typed union here, never a free `string`.
 */
export type OutputFormat = 'epub' | 'pdf' | 'ast';
export const outputFormats: readonly OutputFormat[] = ['epub', 'pdf', 'ast'];

export type PageSizeName = 'A4' | 'A5' | 'Letter' | '6x9in';
export const pageSizeNames: readonly PageSizeName[] = ['A4', 'A5', 'Letter', '6x9in'];

/** Page size in PostScript points (1/72 in). */
export interface PageSize {
  name: string;
  width: number;
  height: number;
}

export interface Margins {
  top: number;
  bottom: number;
  inner: number;
  outer: number;
}

/** Absolute paths of the font files of one family. */
export interface FontFaces {
  regular: string;
  italic: string;
  bold: string;
  boldItalic: string;
}

export interface PdfTheme {
  pageSize: PageSize;
  margins: Margins;
  /** Body text size and leading, in points. */
  fontSize: number;
  lineHeight: number;
  textAlign: 'justify' | 'left';
  /**
   * How a paragraph that follows a paragraph is marked: half a line of space (`spaced`),
   * or a one-em first-line indent and no space (`indented`, as in most printed books).
   * Two-column chapters always indent: their lines keep to a baseline grid.
   */
  paragraphs: 'spaced' | 'indented';
  fonts: {
    text: FontFaces;
    mono: FontFaces;
    /** Covers glyphs the text face lacks. */
    fallback: FontFaces;
    /** Covers scripts the fallback lacks: Arabic, Hebrew, Armenian, Georgian… (theme `scripts`; default DejaVu Sans). */
    scripts: FontFaces;
    /** Covers what the fallback lacks too: emoji and pictographs (theme `symbols`; default Noto Emoji). */
    symbols: FontFaces;
    /**
     * Chinese, Japanese and Korean (theme `cjk`; default Noto Sans SC when its optional npm
     * package is installed, else none: such characters are reported and print as boxes).
     */
    cjk?: FontFaces;
  };
  colors: { text: string; accent: string; muted: string };
  /** Space between the columns of a two-column chapter, in points (theme `columnGap`; default 16). */
  columnGap?: number;
  /** In two columns, pull quotes float across both columns as a full-width band (theme `pullQuoteSpan`; default true). */
  pullQuoteSpan?: boolean;
}

export interface EpubTheme {
  /** The stylesheet shipped in every EPUB. */
  css: string;
}

export interface Theme {
  name: string;
  /** Folder the theme was read from. */
  dir: string;
  pdf: PdfTheme;
  epub: EpubTheme;
}

/** What a renderer receives besides the publication. */
export interface RenderOptions {
  theme: Theme;
  /** Absent means the defaults below. */
  pdf?: PdfOptions;
  epub?: EpubOptions;
  /**
   * Where the PDF's printed pages start (from the PDF layout), so the EPUB's page
   * list matches the PDF. Absent: no page list.
   */
  pageMap?: PageMap;
  /** Words hyphenated as given (`ta-ble`), from folio.yaml `hyphenation.exceptions`. */
  hyphenationExceptions?: string[];
}

export type PdfaLevel = '2b' | '1b';

/** PDF switches from folio.yaml `pdf:` (page geometry lives in the theme). */
export interface PdfOptions {
  /** Print a table of contents after the title page (books and collections: two chapters or more). */
  toc: boolean;
  /** Print a credits page listing every image credit. */
  creditsPage: boolean;
  /** Chapter body text in one or two columns. */
  columns: 1 | 2;
  pdfa: PdfaLevel | false;
  /** Open every chapter (and the contents and credits) on a right-hand, odd page. */
  recto?: boolean;
  /**
   * Levels of the printed contents: 1 chapters (articles), 2 also their `##` sections.
   * Absent: 2 for a book of at most 12 chapters and 60 entries, else 1.
   */
  tocDepth?: 1 | 2;
}

/** EPUB switches from folio.yaml `epub:`. */
export interface EpubOptions {
  embedFonts: boolean;
  /** Write soft hyphens into the XHTML (off by default: they hurt search and TTS). */
  softHyphens: boolean;
  /** Write U+00A0 instead of U+202F for readers that lack the glyph. */
  nbspFallback: boolean;
}

export const defaultPdfOptions: PdfOptions = { toc: true, creditsPage: true, columns: 1, pdfa: false, recto: false };
export const defaultEpubOptions: EpubOptions = { embedFonts: false, softHyphens: false, nbspFallback: false };

/**
 * Build limits (folio.yaml `limits:`; `--timeout` overrides `timeout`). Each stage
 * keeps its own default (pool, manuscript reader, asset resolver, parser): only the
 * limits a file sets are present.
 */
export interface BuildLimits {
  /** Seconds one publication may take to build. */
  timeout: number;
  /** Largest manuscript read, bytes. */
  maxManuscriptBytes: number;
  /** Largest image file read, bytes. */
  maxImageBytes: number;
  /** Largest decoded image, pixels (width × height). */
  maxImagePixels: number;
  /** Parser: deepest nesting of the syntax tree. */
  maxDepth: number;
  /** Parser: most emphasis, link, code and HTML markers in one block of text. */
  maxInlineMarkers: number;
  /** Parser: most link reference and footnote definitions. */
  maxDefinitions: number;
  /** Parser: longest block of text, characters. */
  maxBlockChars: number;
}

export const buildLimitKeys: ReadonlyArray<keyof BuildLimits> = ['timeout', 'maxManuscriptBytes', 'maxImageBytes', 'maxImagePixels', 'maxDepth', 'maxInlineMarkers', 'maxDefinitions', 'maxBlockChars'];
