/**
 * Fonts are parsed once per process: after the first document, each new PDF gets
 * pdfkit's EmbeddedFont around the already parsed face (text-writer.ts) instead of
 * pdfkit reading and parsing the file again. Documents made that way must be the very
 * same bytes as the first, with every font embedded and subset.
 */
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import type { RenderOptions } from '../src/config/options.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { bookPublication, briefPublication } from './helpers/pdf-publication.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';

const theme = loadTheme('default');
const options: RenderOptions = { theme };

describe('fonts shared between documents', () => {
  test('the same publication gives the same bytes, first or later in the process', async () => {
    const first = await renderPdf(briefPublication(), options);
    const book = await renderPdf(bookPublication(), options);
    const again = await renderPdf(briefPublication(), options);
    const bookAgain = await renderPdf(bookPublication(), options);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(bookAgain).equals(Buffer.from(book))).toBe(true);
  });

  test.skipIf(!hasTool('pdffonts'))('a later document embeds and subsets every font it uses', async () => {
    await renderPdf(bookPublication(), options);
    const path = pdfFile(await renderPdf(briefPublication(), options));
    const rows = run('pdffonts', [path]).stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toMatch(/\+\S+\s.*\byes\s+yes\b/);
  });
});
