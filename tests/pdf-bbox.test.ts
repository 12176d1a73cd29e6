/**
 * Every word of real PDFs inside the text block, read back with `pdftotext -bbox`:
 * the sample manuscripts, the collection fixture (title page with cover, contents with
 * bylines) and, when ../shared/corpus is there, Pride and Prejudice in full. Running
 * heads and folios may sit in the margins, as one centred line each (text-block.ts).
 * pdf-corpus.test.ts checks the measure (left and right) of every corpus book; this
 * adds the top and bottom edges and the furniture zones.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Publication } from '../src/ast/publication.js';
import { defaultPdfOptions, type PdfOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';
import { collectionPublication, samplePublication } from './helpers/pdfjs-read.js';
import { publicationFromFile } from './helpers/publication.js';
import { strayWords } from './helpers/text-block.js';

const root = resolve(import.meta.dirname, '..');
const theme = loadTheme('default');
const poppler = hasTool('pdftotext') && hasTool('pdfinfo');
const austen = resolve(root, '..', 'shared', 'corpus', 'books', 'en_austen_pride-and-prejudice.md');

async function check(pub: Publication, name: string, pdf: PdfOptions = defaultPdfOptions): Promise<{ pages: number; words: number }> {
  const path = pdfFile(await renderPdf(pub, { theme, pdf }), name);
  const words = wordBoxes(path);
  const strays = strayWords(words, theme.pdf);
  expect(strays.slice(0, 8).map((s) => `p.${s.page} "${s.text}": ${s.why}`)).toEqual([]);
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [path]).stdout)?.[1]);
  // Every page but the blank ones has words, and the check saw them all.
  expect(new Set(words.map((w) => w.page)).size).toBeGreaterThan(pages * 0.8);
  return { pages, words: words.length };
}

describe('the text-block check itself', () => {
  const { pageSize, margins } = theme.pdf;
  const left = margins.inner;
  const right = pageSize.width - margins.outer;
  const centre = (left + right) / 2;
  const word = (text: string, xMin: number, yMin: number, width = 20, height = 12) => ({ page: 1, pageWidth: pageSize.width, xMin, yMin, xMax: xMin + width, yMax: yMin + height, text });
  test('accepts body text and centred furniture; flags overflow and stray lines in the margins', () => {
    const body = word('body', left, margins.top + 10);
    const folio = word('7', centre - 3, pageSize.height - margins.bottom * 0.6, 6, 9);
    const head = word('Head', centre - 10, margins.top * 0.4, 20, 9);
    expect(strayWords([body, folio, head], theme.pdf)).toEqual([]);
    const below = word('overflow', left, pageSize.height - margins.bottom + 4);
    const wide = word('wide', right - 10, margins.top + 40);
    const strays = strayWords([body, below, wide], theme.pdf).map((s) => s.text);
    expect(strays).toEqual(['wide', 'overflow']);
  });
});

describe.skipIf(!poppler)('words inside the text block', () => {
  const dir = join(root, 'manuscripts');
  test.each(readdirSync(dir).filter((name) => name.endsWith('.md')))('sample %s', async (name) => {
    await check(samplePublication(name), `bbox-${name}.pdf`);
  });

  test('the collection fixture (cover on the title page, contents with bylines)', async () => {
    const { pub, pdf } = collectionPublication();
    await check(pub, 'bbox-collection.pdf', pdf);
  });

  test.skipIf(!existsSync(austen))('Pride and Prejudice in full', { timeout: 300_000 }, async () => {
    const { publication } = publicationFromFile(austen);
    const { pages, words } = await check(publication, 'bbox-austen.pdf');
    console.log(`Pride and Prejudice: ${pages} pages, ${words} words, all inside the text block or the furniture zones`);
    expect(pages).toBeGreaterThan(200);
  });
});
