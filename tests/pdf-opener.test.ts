/**
 * A chapter opener with a very long title: the title block, the hero with its credit
 * and the first lines of text stay on one page (the hero gives way), and the long title
 * as a running head is shortened to the measure instead of running off the page.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import type { RenderOptions } from '../src/config/options.js';
import { layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import { text } from './helpers/pdf-publication.js';
import { briefPublication } from './helpers/pdf-publication.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';
import { strayWords } from './helpers/text-block.js';

const theme = loadTheme('default');
const options: RenderOptions = { theme };
const longTitle =
  'A very long headline about a small harbour town that argues for years over ferries, tides, batteries, money and noise before it finally decides to do something about all of it at once';

function longBrief() {
  const pub = briefPublication();
  const first = pub.chapters[0];
  if (!first) throw new Error('the brief has a chapter');
  pub.chapters[0] = { ...first, title: text(longTitle), titleText: longTitle };
  return pub;
}

describe('chapter opener with a long title', () => {
  test('title, hero and the first lines of text share the first page', () => {
    const pages = layoutPublication(longBrief(), options);
    const first = pages[0];
    expect(first).toBeDefined();
    const boxes = first?.placed.flatMap((placed) => placed.item.boxes) ?? [];
    const words = boxes.flatMap((box) => (box.kind === 'text' ? [box.text] : [])).join(' ');
    expect(words).toContain('headline');
    expect(words).toContain('once');
    expect(boxes.some((box) => box.kind === 'image')).toBe(true);
    // Body text begins on the opener page too.
    expect(first?.placed.some((placed) => placed.item.tag?.role === 'P')).toBe(true);
  });

  test.skipIf(!hasTool('pdftotext'))('the running head is shortened to the measure', async () => {
    const path = pdfFile(await renderPdf(longBrief(), options));
    const strays = strayWords(wordBoxes(path), { pageSize: theme.pdf.pageSize, margins: theme.pdf.margins });
    expect(strays).toEqual([]);
    const second = run('pdftotext', ['-f', '2', '-l', '2', path, '-']).stdout;
    expect(second).toMatch(/A very long headline about[^\n]*…/);
    writeFileSync(path, '');
  });
});
