/**
 * PDF renderer: Publication → PDF bytes. Layout (src/render/pdf/layout/) turns the
 * tree into positioned boxes and pages; the painter draws them with pdfkit, with
 * every font embedded, tagged for accessibility. Pages are painted as soon as they are
 * complete and then dropped, so memory stays flat on long books. Same publication,
 * same bytes. The page map and the layout report come from the very same layout pass.
 */
import PDFDocument from 'pdfkit';
import type { PageMap, PageStart } from '../../ast/page-map.js';
import type { Publication } from '../../ast/publication.js';
import type { RenderOptions } from '../../config/options.js';
import { report } from '../../diagnostics/report.js';
import { FontBook } from './fonts.js';
import type { Page } from './layout/paginate.js';
import { readingDirection, xmpMetadata } from './metadata.js';
import { Painter } from './paint.js';
import { layoutAll, withoutNewMessages } from './passes.js';
import { countOutline, pdfaDocumentOptions, pdfaImageHook } from './pdfa.js';

/** A fixed date for the PDF's info dictionary: pdfkit otherwise writes "now". */
function documentDate(modified: string): Date {
  const date = new Date(modified);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/**
 * Lays the publication out and hands each finished page to `sink` (pages are not kept):
 * the title and contents pages come last (passes.ts).
 */
export function forEachPage(pub: Publication, options: RenderOptions, sink: (page: Page) => void): void {
  layoutAll(pub, options, new FontBook(options.theme.pdf.fonts), sink);
}

/** Lays the publication out into pages, in page order (exported for tests). */
export function layoutPublication(pub: Publication, options: RenderOptions, fonts = new FontBook(options.theme.pdf.fonts)): Page[] {
  const pages: Page[] = [];
  layoutAll(pub, options, fonts, (page) => pages.push(page));
  return pages.sort((a, b) => a.number - b.number);
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
  const starts = new PageMapCollector();
  const fonts = new FontBook(options.theme.pdf.fonts);
  // The page map must not report the layout's warnings a second time.
  withoutNewMessages(pub, () => layoutAll(pub, options, fonts, (page) => starts.add(page)));
  return starts.map();
}

/** Collects the page map from pages seen in any order (`renderPdf`'s `onPage`, whose front pages come last). */
export class PageMapCollector {
  private readonly starts: PageStart[] = [];

  add(page: Page): void {
    this.starts.push(pageStartOf(page));
  }

  get pages(): number {
    return this.starts.length;
  }

  map(): PageMap {
    return [...this.starts].sort((a, b) => a.page - b.page);
  }
}

/** Renders the PDF; `onPage` sees each laid-out page as it is painted, the title and contents pages last (layout report, page map). */
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
  layoutAll(pub, options, fonts, (page, front) => {
    painter.page(page, front);
    onPage?.(page);
    pages++;
  });
  if (pages === 0) painter.page({ number: 1, placed: [], notes: [], runningHead: '', opener: false, plain: true, marks: [] });
  painter.finish();
  if (pdfa) countOutline(doc);
  xmpMetadata(doc, pub, date, { pdfa: pdfa !== false });
  readingDirection(doc, pub.meta.lang);
  doc.end();
  return done;
}
