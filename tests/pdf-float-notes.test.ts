/**
 * A figure that moves to the next page (text fills the gap it would leave) takes the
 * notes its caption calls with it: each note once, at the foot of the figure's page.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const images = join(import.meta.dirname, 'fixtures', 'figure-credit');

describe.skipIf(!hasTool('pdftotext'))('a note called in the caption of a figure set on a later page', () => {
  test('is set once, at the foot of the page the figure is on', async () => {
    for (const before of [8, 10, 12, 14]) {
      const filler = (n: number) => Array.from({ length: n }, (_, i) => `Filler paragraph ${i} with enough ordinary words in it to take two lines of the page or so.`).join('\n\n');
      const text = `---\ntitle: Floats\nlang: en\n---\n\n${filler(before)}\n\n::figure[A caption that calls a note[^cap]]{src="images/chart.png" alt="A chart"}\n\n${filler(20)}\n\n[^cap]: The note the caption calls.\n`;
      const { publication } = publicationFromText(text, images);
      const path = pdfFile(await renderPdf(publication, { theme }), `float-note-${before}.pdf`);
      const pages = run('pdftotext', [path, '-']).stdout.split('\f');
      const captionPage = pages.findIndex((page) => page.includes('A caption that calls a note'));
      const notePages = pages.flatMap((page, index) => (page.includes('The note the caption calls.') ? [index] : []));
      expect(captionPage, `${before} paragraphs before`).toBeGreaterThanOrEqual(0);
      expect(notePages, `${before} paragraphs before`).toEqual([captionPage]);
    }
  });
});
