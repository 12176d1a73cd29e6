/**
 * PDF renderer: Publication → PDF bytes. Layout (src/render/pdf/layout/) turns the
 * tree into positioned boxes and pages; the painter draws them with pdfkit, with
 * every font embedded, tagged for accessibility. Pages are painted as soon as they are
 * complete and then dropped, so memory stays flat on long books. Same publication,
 * same bytes. The page map and the layout report come from the very same layout pass.
 */
import PDFDocument from 'pdfkit';
import type { PageMap, PageStart } from '../../ast/page-map.js';
import type { Chapter, Publication } from '../../ast/publication.js';
import { defaultPdfOptions, type RenderOptions } from '../../config/options.js';
import { report } from '../../diagnostics/report.js';
import { getHyphenator } from '../../typography/hyphenation.js';
import { FontBook } from './fonts.js';
import { chapterItems, creditsItems, noteSeparator, titlePageItems } from './layout/chapter.js';
import { columnGeometry } from './layout/columns.js';
import { withLineCache } from './layout/line-cache.js';
import { Paginator, type Page } from './layout/paginate.js';
import { tocItems } from './layout/toc.js';
import type { LayoutEnv } from './layout/types.js';
import { xmpMetadata } from './metadata.js';
import { Painter } from './paint.js';
import { countOutline, pdfaDocumentOptions, pdfaImageHook } from './pdfa.js';

/** A fixed date for the PDF's info dictionary: pdfkit otherwise writes "now". */
function documentDate(modified: string): Date {
  const date = new Date(modified);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

interface PassResult {
  chapterPages: Map<string, number>;
  /** First page of each named destination of an outlined item (chapter openers, section headings): the TOC's numbers. */
  destPages: Map<string, number>;
  pageCount: number;
}

/**
 * One layout pass over the whole publication; each finished page goes to `sink` and is
 * then forgotten. `tocPages` gives the TOC its page numbers (placeholders when absent).
 */
function layoutPass(pub: Publication, options: RenderOptions, fonts: FontBook, sink: (page: Page) => void, tocPages?: Map<string, number>): PassResult {
  const theme = options.theme.pdf;
  const pdf = options.pdf ?? defaultPdfOptions;
  const { pageSize, margins } = theme;
  const measure = pageSize.width - margins.inner - margins.outer;
  const areaHeight = pageSize.height - margins.top - margins.bottom;
  const envOf = (chapter: Chapter | undefined): LayoutEnv => ({
    metrics: fonts,
    theme,
    measure,
    areaHeight,
    lang: chapter?.lang ?? pub.meta.lang,
    hyphenate: getHyphenator(chapter?.lang ?? pub.meta.lang, options.hyphenationExceptions ? { exceptions: options.hyphenationExceptions } : {}),
    assets: pub.assets,
    columns: pdf.columns,
    warn: (ruleId, reason, node) => {
      if (chapter) report(chapter.file, ruleId, reason, node);
    },
  });
  const byId = new Map(pub.chapters.map((chapter) => [chapter.id, chapter]));
  const first = pub.chapters[0];
  const book = pub.chapters.length > 1;
  const chapterPages = new Map<string, number>();
  const destPages = new Map<string, number>();
  const figurePages = new Map<string, number>();
  let pageCount = 0;
  const paginator = new Paginator({
    areaHeight,
    noteSeparator: noteSeparator(envOf(first)),
    keep: false,
    columns: columnGeometry(measure, pdf.columns, theme),
    recto: pdf.recto,
    onPage: (page) => {
      pageCount++;
      for (const id of page.marks) if (!figurePages.has(id)) figurePages.set(id, page.number);
      for (const placed of page.placed) {
        const chapterId = placed.item.source?.chapterId;
        if (placed.item.opener && chapterId !== undefined && !chapterPages.has(chapterId)) chapterPages.set(chapterId, page.number);
        if (placed.item.outline) for (const box of placed.item.boxes) if (box.kind === 'dest' && !destPages.has(box.name)) destPages.set(box.name, page.number);
      }
      sink(page);
    },
  });
  if (book || !first) paginator.add(titlePageItems(pub, envOf(first)));
  // A contents page only helps a book or a collection, not a single brief.
  if (pdf.toc && pub.chapters.length > 1) paginator.add(tocItems(pub, envOf(first), tocPages, pdf.tocDepth));
  for (const chapter of pub.chapters) paginator.add(chapterItems(chapter, envOf(chapter), book));
  if (pdf.creditsPage && pub.credits.length > 0) {
    paginator.endPage();
    paginator.add(creditsItems(pub, figurePages, (id) => envOf(byId.get(id)), envOf(first)));
  }
  paginator.finish();
  return { chapterPages, destPages, pageCount };
}

/** Manuscripts up to this size (characters) keep their lines between the two passes: a few hundred MB at most. */
const LINE_CACHE_MAX_CHARS = 1_500_000;

/** Runs the layout, twice when a printed TOC needs the page numbers. */
function layoutAll(pub: Publication, options: RenderOptions, fonts: FontBook, sink: (page: Page) => void): void {
  // Same default as layoutPass: without `options.pdf` the TOC is printed, so it needs its numbers.
  if (!(options.pdf ?? defaultPdfOptions).toc || pub.chapters.length < 2) {
    layoutPass(pub, options, fonts, sink);
    return;
  }
  // Warnings of the first pass would be reported twice: drop them.
  const messages = pub.chapters.map((chapter) => chapter.file.messages.length);
  const twice = () => {
    const first = layoutPass(pub, options, fonts, () => undefined);
    pub.chapters.forEach((chapter, index) => chapter.file.messages.splice(messages[index] ?? 0));
    layoutPass(pub, options, fonts, sink, first.destPages);
  };
  // The second pass reuses the first one's lines, unless keeping every line of a very long book costs too much memory.
  // Chapters cut from one manuscript share its file: count each file once.
  const chars = [...new Set(pub.chapters.map((chapter) => chapter.file))].reduce((sum, file) => sum + String(file.value).length, 0);
  if (chars <= LINE_CACHE_MAX_CHARS) withLineCache(twice);
  else twice();
}

/** Lays the publication out and hands each finished page to `sink` (pages are not kept). */
export function forEachPage(pub: Publication, options: RenderOptions, sink: (page: Page) => void): void {
  layoutAll(pub, options, new FontBook(options.theme.pdf.fonts), sink);
}

/** Lays the publication out into pages (exported for tests). */
export function layoutPublication(pub: Publication, options: RenderOptions, fonts = new FontBook(options.theme.pdf.fonts)): Page[] {
  const pages: Page[] = [];
  layoutAll(pub, options, fonts, (page) => pages.push(page));
  return pages;
}

/** Where each printed page starts in the tree, from the same layout as `renderPdf`. */
/** Where a laid-out page starts in the tree (one entry of the page map). */
export function pageStartOf(page: Page): PageStart {
  const first = page.placed.find((placed) => placed.item.source && !placed.item.artifact)?.item.source;
  const start: PageStart = { page: page.number, offset: first?.offset ?? 0 };
  if (first?.chapterId !== undefined) start.chapterId = first.chapterId;
  if (first?.node !== undefined) start.node = first.node;
  return start;
}

/**
 * The page map without painting (for an EPUB built alone). When a PDF is rendered
 * too, collect `pageStartOf` from `renderPdf`'s `onPage` instead: one layout, not two.
 */
export function pageMapOf(pub: Publication, options: RenderOptions): PageMap {
  const starts: PageStart[] = [];
  const fonts = new FontBook(options.theme.pdf.fonts);
  // The page map must not report the layout's warnings a second time.
  const counts = pub.chapters.map((chapter) => chapter.file.messages.length);
  layoutAll(pub, options, fonts, (page) => starts.push(pageStartOf(page)));
  pub.chapters.forEach((chapter, index) => chapter.file.messages.splice(counts[index] ?? 0));
  return starts;
}

/** Renders the PDF; `onPage` sees each laid-out page as it is painted (layout report). */
export async function renderPdf(pub: Publication, options: RenderOptions, onPage?: (page: Page) => void): Promise<Uint8Array> {
  const theme = options.theme.pdf;
  const fonts = new FontBook(theme.fonts);
  const date = documentDate(pub.meta.modified);
  const pdfa = options.pdf?.pdfa ?? false;
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [theme.pageSize.width, theme.pageSize.height],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    compress: true,
    ...pdfaDocumentOptions(pdfa),
    lang: pub.meta.lang,
    displayTitle: true,
    tagged: true,
    info: {
      Title: pub.meta.title,
      // PDF/A: every info entry needs its XMP twin, and XMP has no creator to match an empty Author.
      ...(pdfa && pub.meta.authors.length === 0 ? {} : { Author: pub.meta.authors.join(', ') }),
      ...(pub.meta.description ? { Subject: pub.meta.description } : {}),
      Creator: 'Folio',
      Producer: 'Folio (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const first = pub.chapters[0];
  const prepareImage = pdfa
    ? pdfaImageHook(pdfa, (ruleId, reason) => {
        if (first) report(first.file, ruleId, reason);
      })
    : undefined;
  const painter = new Painter(doc, {
    theme,
    fonts,
    onImageError: (alt, error) => {
      if (first) report(first.file, 'pdf-image', `cannot draw image "${alt}": ${error instanceof Error ? error.message : String(error)}`);
    },
    ...(prepareImage ? { prepareImage } : {}),
  });
  let pages = 0;
  layoutAll(pub, options, fonts, (page) => {
    painter.page(page);
    onPage?.(page);
    pages++;
  });
  if (pages === 0) painter.page({ number: 1, placed: [], notes: [], runningHead: '', opener: false, plain: true, marks: [] });
  painter.finish();
  if (pdfa) countOutline(doc);
  xmpMetadata(doc, pub, date, { pdfa: pdfa !== false });
  doc.end();
  return done;
}
