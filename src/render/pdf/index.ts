/**
 * PDF renderer: Publication → PDF bytes. Layout (src/render/pdf/layout/) turns the
 * tree into positioned boxes and pages; the painter draws them with pdfkit, with
 * every font embedded. Same publication, same bytes.
 */
import PDFDocument from 'pdfkit';
import type { Chapter, Publication } from '../../ast/publication.js';
import type { RenderOptions } from '../../config/options.js';
import { report } from '../../diagnostics/report.js';
import { FontBook } from './fonts.js';
import { chapterItems, creditsItems, titlePageItems } from './layout/chapter.js';
import { paginate, type Page } from './layout/paginate.js';
import type { Item, LayoutEnv } from './layout/types.js';
import { Painter } from './paint.js';

/** A fixed date for the PDF's info dictionary: pdfkit otherwise writes "now". */
function documentDate(modified: string): Date {
  const date = new Date(modified);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** Lays the publication out into pages (exported for tests and the page map). */
export function layoutPublication(pub: Publication, options: RenderOptions, fonts = new FontBook(options.theme.pdf.fonts)): Page[] {
  const theme = options.theme.pdf;
  const { pageSize, margins } = theme;
  const measure = pageSize.width - margins.inner - margins.outer;
  const areaHeight = pageSize.height - margins.top - margins.bottom;
  const envOf = (chapter: Chapter | undefined): LayoutEnv => ({
    metrics: fonts,
    theme,
    measure,
    areaHeight,
    lang: chapter?.lang ?? pub.meta.lang,
    assets: pub.assets,
    warn: (ruleId, reason, node) => {
      if (chapter) report(chapter.file, ruleId, reason, node);
    },
  });
  const byId = new Map(pub.chapters.map((chapter) => [chapter.id, chapter]));
  const first = pub.chapters[0];
  const book = pub.chapters.length > 1;
  const items: Item[] = [];
  if (book || !first) items.push(...titlePageItems(pub, envOf(first)));
  for (const chapter of pub.chapters) items.push(...chapterItems(chapter, envOf(chapter), book));
  const pages = paginate(items, areaHeight);
  if (pub.credits.length > 0) {
    const figurePages = new Map<string, number>();
    for (const page of pages) for (const id of page.marks) if (!figurePages.has(id)) figurePages.set(id, page.number);
    const credits = creditsItems(pub, figurePages, (id) => envOf(byId.get(id)), envOf(first));
    pages.push(...paginate(credits, areaHeight, pages.length + 1));
  }
  return pages;
}

export async function renderPdf(pub: Publication, options: RenderOptions): Promise<Uint8Array> {
  const theme = options.theme.pdf;
  const fonts = new FontBook(theme.fonts);
  const pages = layoutPublication(pub, options, fonts);
  const date = documentDate(pub.meta.modified);
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [theme.pageSize.width, theme.pageSize.height],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    compress: true,
    pdfVersion: '1.7',
    lang: pub.meta.lang,
    displayTitle: true,
    info: {
      Title: pub.meta.title,
      Author: pub.meta.authors.join(', '),
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
  const painter = new Painter(doc, {
    theme,
    fonts,
    onImageError: (alt, error) => {
      if (first) report(first.file, 'pdf-image', `cannot draw image "${alt}": ${error instanceof Error ? error.message : String(error)}`);
    },
  });
  for (const page of pages) painter.page(page);
  doc.end();
  return done;
}
