/**
 * Recto openers (folio.yaml `pdf.recto: true`): every opener on an odd page, a blank
 * verso without running head or folio before it when needed, and page numbers, the
 * printed contents, the page map and the EPUB page list that follow the real pages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import type { RenderOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { renderEpub } from '../src/render/epub/index.js';
import { layoutPublication, pageMapOf, renderPdf } from '../src/render/pdf/index.js';
import type { Page } from '../src/render/pdf/layout/paginate.js';
import { readEpub } from './helpers/epub-invariants.js';
import { publicationFromFile } from './helpers/publication.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';

const FIXTURE = 'tests/fixtures/pdf-recto/book.md';
const CHAPTERS = ['Spring', 'Summer', 'Autumn', 'Winter'];
const poppler = hasTool('pdftotext') && hasTool('pdfinfo');
const theme = loadTheme('default');

function optionsWith(recto: boolean, columns: 1 | 2 = 1): RenderOptions {
  return { theme, pdf: { toc: true, creditsPage: true, columns, pdfa: false, recto } };
}

function load() {
  return publicationFromFile(FIXTURE).publication;
}

/** Page of each chapter opener, by title. */
function openers(pages: Page[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const page of pages) {
    for (const placed of page.placed) {
      const outline = placed.item.outline;
      if (placed.item.opener && outline?.level === 0 && !found.has(outline.title)) found.set(outline.title, page.number);
    }
  }
  return found;
}

function isBlank(page: Page): boolean {
  return page.plain && page.notes.length === 0 && page.placed.every((placed) => placed.item.boxes.length === 0);
}

const pages = layoutPublication(load(), optionsWith(true));
const flat = layoutPublication(load(), optionsWith(false));

describe('recto openers: layout', () => {
  test('every opener (title page, contents, chapters) starts on an odd page', () => {
    const found = openers(pages);
    expect([...found.keys()]).toEqual(expect.arrayContaining(['Contents', ...CHAPTERS]));
    for (const [title, page] of found) expect(page % 2, `${title} on page ${page}`).toBe(1);
    expect(pages[0]?.plain).toBe(true); // the title page
  });

  test('blank versos are inserted only where needed, without furniture, and pages stay numbered in order', () => {
    expect(pages.map((page) => page.number)).toEqual(pages.map((_, index) => index + 1));
    const blanks = pages.filter(isBlank).map((page) => page.number);
    expect(blanks.length).toBeGreaterThanOrEqual(2);
    for (const number of blanks) {
      expect(number % 2).toBe(0);
      const next = pages[number];
      expect(next?.opener).toBe(true);
    }
    // Summer runs over two pages (7–8), so Autumn opens on 9 with no blank before it.
    const found = openers(pages);
    const summer = found.get('Summer') ?? 0;
    const autumn = found.get('Autumn') ?? 0;
    expect(autumn - summer).toBe(2);
    expect(blanks).not.toContain(autumn - 1);
    // Without the option there are no blank pages, and every one is used.
    expect(flat.filter(isBlank)).toHaveLength(0);
    expect(pages.length - flat.length).toBe(blanks.length);
  });

  test('the page map lists every page; a blank verso leads into the chapter that follows', () => {
    const pub = load();
    const map = pageMapOf(pub, optionsWith(true));
    expect(map.map((start) => start.page)).toEqual(pages.map((page) => page.number));
    const byTitle = new Map(pub.chapters.map((chapter) => [chapter.titleText, chapter.id]));
    for (const [title, number] of openers(pages)) {
      const id = byTitle.get(title);
      if (id === undefined) continue;
      expect(map[number - 1]?.chapterId).toBe(id);
      const before = map[number - 2];
      const verso = pages[number - 2];
      if (before && verso && isBlank(verso)) {
        expect(before.chapterId).toBe(id);
        expect(before.node).toBeUndefined();
      }
    }
  });

  test('recto works with two columns too', () => {
    const columns = layoutPublication(load(), optionsWith(true, 2));
    for (const [, page] of openers(columns)) expect(page % 2).toBe(1);
  });
});

describe('recto openers: EPUB page list', () => {
  test('the page list follows the PDF pages, in order, blank versos included', async () => {
    const pub = load();
    const map = pageMapOf(pub, optionsWith(true));
    const bytes = await renderEpub(pub, { ...optionsWith(true), pageMap: map });
    const files = await readEpub(bytes);
    const nav = [...files.xhtml.entries()].find(([name]) => name.endsWith('toc.xhtml'))?.[1] ?? '';
    const listed = [...nav.matchAll(/<li><a href="[^"]+#page-(\d+)">(\d+)<\/a><\/li>/g)].map((m) => Number(m[2]));
    expect(listed).toEqual(map.map((start) => start.page));
  });
});

describe.runIf(poppler)('recto openers: PDF', async () => {
  const bytes = await renderPdf(load(), optionsWith(true));
  const path = pdfFile(bytes, 'recto.pdf');
  const pageText = (n: number) => run('pdftotext', ['-layout', '-f', String(n), '-l', String(n), path, '-']).stdout;

  test('pdfinfo counts the blank pages', () => {
    expect(run('pdfinfo', [path]).stdout).toMatch(new RegExp(`Pages:\\s+${pages.length}\\b`));
  });

  test('blank versos print nothing (no running head, no folio); openers print their title first', () => {
    for (const page of pages) {
      const text = pageText(page.number).trim();
      if (isBlank(page)) expect(text, `page ${page.number}`).toBe('');
    }
    for (const [title, number] of openers(pages)) {
      if (title === 'Contents') continue;
      expect(pageText(number).trim().startsWith(title), `${title} on page ${number}`).toBe(true);
    }
    // A full page after an opener carries its folio.
    const summer = openers(pages).get('Summer') ?? 0;
    expect(pageText(summer + 1)).toMatch(new RegExp(`\\b${summer + 1}\\s*$`));
  });

  test('the printed contents give the odd opener pages', () => {
    const contents = openers(pages).get('Contents') ?? 0;
    const text = pageText(contents);
    for (const title of CHAPTERS) {
      const number = openers(pages).get(title);
      expect(number, title).toBeDefined();
      expect(text).toMatch(new RegExp(`${title}[ .]*${number}\\b`));
    }
  });
});

describe('recto in folio.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-recto-'));
  const config = (body: string) => {
    const path = join(dir, 'folio.yaml');
    writeFileSync(join(dir, 'a.md'), '# A\n\nText.\n');
    writeFileSync(path, `manuscripts: [a.md]\n${body}`);
    return path;
  };

  test('pdf.recto: true is read; the default is false', () => {
    expect(loadConfig(config('pdf:\n  recto: true\n  columns: 2\n')).pdf).toMatchObject({ recto: true, columns: 2 });
    expect(loadConfig(config('title: x\n')).pdf.recto).toBe(false);
  });

  test('a bad value is an error with its position', () => {
    let error: unknown;
    try {
      loadConfig(config('pdf:\n  toc: true\n  recto: sometimes\n'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error instanceof Error ? error.message : error)).toMatch(/folio\.yaml:4:10: error: "pdf\.recto" must be true or false \[config-type\]/);
  });
});
