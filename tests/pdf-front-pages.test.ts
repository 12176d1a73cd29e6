/**
 * One layout pass for a book with a printed contents page (src/render/pdf/passes.ts):
 * every page after the front matter streams out as it is finished; the title and
 * contents pages come last, set again with the real numbers, and the painter puts them
 * back in front (src/render/pdf/front-pages.ts). Checked on the pages (order, numbers,
 * warnings once) and on the PDF: page order, outline order, and the order of the
 * document element's children in the structure tree (read with qpdf).
 */
import { describe, expect, test } from 'vitest';
import type { RenderOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { forEachPage, layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import type { Page } from '../src/render/pdf/layout/paginate.js';
import { bookPublication, chapter, markdown } from './helpers/pdf-publication.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { load, outlineTree, pageText } from './helpers/pdfjs-read.js';

const theme = loadTheme('default');
const withToc: RenderOptions = { theme, pdf: { toc: true, creditsPage: true, columns: 1, pdfa: false } };
const withoutToc: RenderOptions = { theme, pdf: { toc: false, creditsPage: true, columns: 1, pdfa: false } };

/** A book of five chapters, long enough for a few pages each. */
function longBook() {
  const pub = bookPublication();
  for (let n = 3; n <= 5; n++) {
    pub.chapters.push(chapter(`ch-${n}`, `Chapter Number ${n}`, markdown(`## Part ${n}.1\n\n${`Plain words of chapter ${n}, enough to fill its pages. `.repeat(90)}\n\n## Part ${n}.2\n\nThe end of chapter ${n}.`, `s${n}`)));
  }
  return pub;
}

/** Each page's text boxes, joined (what a reader sees, and where). */
function pageTexts(pages: Page[]): string[] {
  return pages.map((page) => page.placed.flatMap((p) => p.item.boxes.flatMap((box) => (box.kind === 'text' ? [`${Math.round(box.x)},${Math.round(p.y + box.y)}:${box.text}`] : []))).join('|'));
}

describe('front pages set last', () => {
  test('the stream: body pages first and in order, then the title and contents pages with their numbers', () => {
    const seen: number[] = [];
    forEachPage(longBook(), withToc, (page) => seen.push(page.number));
    const pages = layoutPublication(longBook(), withToc);
    const front = pages.filter((page) => page.number <= 2);
    expect(front.map((page) => page.placed.some((p) => p.item.tag?.role === 'TOC' || p.item.tag?.parent?.role === 'TOC'))).toEqual([false, true]);
    expect(seen).toEqual([...pages.slice(2).map((page) => page.number), 1, 2]);
    // The contents' numbers are the pages the chapters open on.
    const contents = (pageTexts(front)[1] ?? '').split('|').map((box) => box.replace(/^[\d,]+:/, '')).filter((text) => text !== '.').join(' ');
    const openers = pages.flatMap((page) => {
      const title = page.placed.find((p) => p.item.opener && p.item.outline)?.item.outline?.title;
      return title && title !== 'Contents' && title !== 'Image credits' ? [`${title} ${page.number}`] : [];
    });
    expect(openers).toHaveLength(5);
    for (const entry of openers) expect(contents).toContain(entry);
  });

  test('the chapters are set exactly as without a contents page, one page later', () => {
    // Folios are page furniture (painted, not laid out): the boxes are the same. The credits page (last) gives page numbers.
    const withContents = pageTexts(layoutPublication(longBook(), withToc).slice(2, -1));
    const without = pageTexts(layoutPublication(longBook(), withoutToc).slice(1, -1));
    expect(withContents.length).toBeGreaterThan(8);
    expect(withContents).toEqual(without);
  });

  test('a warning found while setting the front matter is reported once', async () => {
    const oddBook = () => {
      const pub = longBook();
      const odd = pub.chapters[2];
      if (!odd) throw new Error('no third chapter');
      odd.titleText = 'Odd \u{13080} Chapter';
      return pub;
    };
    const missing = (pub: ReturnType<typeof longBook>) => pub.chapters.flatMap((c) => c.file.messages).filter((m) => m.ruleId === 'pdf-missing-glyph' && m.reason.includes('U+13080')).length;
    const plain = oddBook();
    await renderPdf(plain, withoutToc);
    const contents = oddBook();
    await renderPdf(contents, withToc);
    // The chapter opener sets the heading from the tree; the contents entry sets this title: one message, not one per setting.
    expect(missing(plain)).toBe(0);
    expect(missing(contents)).toBe(1);
  });

  test('the PDF reads in page order: pages, outline and structure tree', async () => {
    const pub = longBook();
    const loaded = await load(pub, withToc.pdf);
    expect(await pageText(loaded.pdf, 1)).toContain('The Book');
    expect(await pageText(loaded.pdf, 2)).toContain('Contents');
    const outline = outlineTree(await loaded.pdf.getOutline()).map((item) => item.title);
    expect(outline[0]).toBe('Contents');
    expect(outline.slice(1, 6)).toEqual(pub.chapters.map((c) => c.titleText));
    if (!hasTool('qpdf')) return;
    const bytes = await renderPdf(longBook(), withToc);
    expect(documentChildPages(pdfFile(bytes))).toEqual([...documentChildPages(pdfFile(bytes))].sort((a, b) => a - b));
    expect(documentChildPages(pdfFile(bytes))[0]).toBe(1);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The page of each child of the Document structure element, in its /K order: the page
 * of its first marked content (an element's /Pg, or an MCR's), through qpdf's JSON.
 */
function documentChildPages(path: string): number[] {
  const output = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', '--json-key=pages', path]).stdout) as { qpdf: [unknown, Record<string, { value?: Json }>]; pages: Array<{ object: string }> };
  const json = { objects: output.qpdf[1], pages: output.pages };
  const pageOf = new Map(json.pages.map((page, index) => [page.object, index + 1]));
  const get = (ref: Json): Json => (typeof ref === 'string' && ref.endsWith(' R') ? (json.objects[`obj:${ref}`]?.value ?? null) : ref);
  const dict = (value: Json): Record<string, Json> => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
  const firstPage = (element: Json): number | undefined => {
    const data = dict(get(element));
    if (data['/K'] === undefined && data['/Pg'] === undefined) return undefined;
    if (typeof data['/Pg'] === 'string') return pageOf.get(data['/Pg']);
    const kids = get(data['/K'] ?? null);
    for (const kid of Array.isArray(kids) ? kids : [kids]) {
      const page = firstPage(kid);
      if (page !== undefined) return page;
    }
    return undefined;
  };
  const catalog = Object.values(json.objects).map((o) => dict(o.value ?? null)).find((o) => o['/Type'] === '/Catalog');
  const root = dict(get(catalog?.['/StructTreeRoot'] ?? null));
  const top = get(root['/K'] ?? null);
  const documentElement = dict(get(Array.isArray(top) ? (top[0] ?? null) : top));
  expect(documentElement['/S']).toBe('/Document');
  const children = get(documentElement['/K'] ?? null);
  return (Array.isArray(children) ? children : [children]).map((child) => firstPage(child) ?? -1).filter((page) => page > 0);
}
