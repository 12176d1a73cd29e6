/**
 * Figures in a two-column chapter that fit in no column left on the page wait for the
 * next page, while the text after them fills the columns (it left half a page blank);
 * a pull quote band may go before figures that wait; nothing leaves the text block.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RenderOptions } from '../src/config/options.js';
import { parsePageSize } from '../src/config/page-size.js';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import { makePng } from './helpers/pdf-publication.js';
import { publicationFromText } from './helpers/publication.js';

const dir = mkdtempSync(join(tmpdir(), 'folio-column-floats-'));
mkdirSync(join(dir, 'images'));
writeFileSync(join(dir, 'images', 'tall.png'), makePng(90, 150));
writeFileSync(join(dir, 'images', 'wide.png'), makePng(200, 90));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const theme = loadTheme('default');
const pageSize = parsePageSize('Letter');
if (pageSize) theme.pdf.pageSize = pageSize;
const options: RenderOptions = { theme, pdf: { toc: false, creditsPage: false, columns: 2, pdfa: false } };
const area = theme.pdf.pageSize.height - theme.pdf.margins.top - theme.pdf.margins.bottom;

const para = (word: string) => `${word} walked the towpath from the lock to the basin, past the aqueduct and the allotments, and wrote down what the water did on the way.`;

describe('figures in two columns', () => {
  test('a tall figure that fits no column left waits for the next page; the text after it fills this one', () => {
    const text = `---\ntitle: Towpath\nlang: en\nimage:\n  src: images/wide.png\n  alt: A canal\n---\n\n${para('Alpha')}\n\n![A tall view](images/tall.png "The lock cottage")\n\n${para('Bravo')}\n\n${para('Charlie')}\n\n:::pullquote\nA canal is never still.\n:::\n\n${para('Delta')}\n`;
    const { publication } = publicationFromText(text, dir);
    const pages = layoutPublication(publication, options);
    const pageOf = (word: string) => pages.findIndex((page) => page.placed.some((placed) => placed.item.boxes.some((box) => box.kind === 'text' && box.text === word)));
    const imagePage = (alt: string) => pages.findIndex((page) => page.placed.some((placed) => placed.item.boxes.some((box) => box.kind === 'image' && box.alt === alt)));
    // The text and the pull quote stay on the first page; the figure waits for the second.
    expect(['Alpha', 'Bravo', 'Charlie', 'Delta', 'canal'].map(pageOf)).toEqual([0, 0, 0, 0, 0]);
    expect(imagePage('A tall view')).toBe(1);
    // Both columns of the first page hold text (balanced), and nothing runs below the text block.
    const first = pages[0];
    const measure = theme.pdf.pageSize.width - theme.pdf.margins.inner - theme.pdf.margins.outer;
    const starts = (first?.placed ?? []).filter((placed) => placed.item.line !== undefined).map((placed) => Math.min(...placed.item.boxes.filter((box) => box.kind === 'text').map((box) => box.x)));
    expect(starts.filter((x) => x < measure / 2).length).toBeGreaterThan(2);
    expect(starts.filter((x) => x > measure / 2).length).toBeGreaterThan(2);
    for (const page of pages) for (const placed of page.placed) expect(placed.y + placed.item.height, `page ${page.number}`).toBeLessThanOrEqual(area + 0.01);
  });

  test('a figure that waits takes the note its caption calls to its page, once', () => {
    const filler = Array.from({ length: 6 }, (_, i) => para(`Filler${i}`)).join('\n\n');
    const text = `---\ntitle: Notes\nlang: en\nimage:\n  src: images/wide.png\n  alt: A canal\n---\n\n${para('Alpha')}\n\n::figure[The lock cottage[^c]]{src="images/tall.png" alt="A tall view"}\n\n${filler}\n\n[^c]: The cottage was rebuilt in 1901.\n`;
    const { publication } = publicationFromText(text, dir);
    const pages = layoutPublication(publication, options);
    const imagePage = pages.findIndex((page) => page.placed.some((placed) => placed.item.boxes.some((box) => box.kind === 'image' && box.alt === 'A tall view')));
    const notePages = pages.flatMap((page, index) => (page.notes.some((placed) => placed.item.boxes.some((box) => box.kind === 'text' && box.text.includes('rebuilt'))) ? [index] : []));
    expect(imagePage).toBeGreaterThan(0);
    expect(notePages).toEqual([imagePage]);
    for (const page of pages) for (const placed of [...page.placed, ...page.notes]) expect(placed.y + placed.item.height, `page ${page.number}`).toBeLessThanOrEqual(area + 0.01);
  });
});
