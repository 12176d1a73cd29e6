/**
 * Images inside a line of text, in the PDF: drawn in the line, at most 1.2 em tall (the
 * default EPUB CSS's img.inline), tagged Figure with their alt text inside their
 * paragraph; a format the PDF cannot draw leaves its alt text and a warning.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatMessage } from '../src/diagnostics/report.js';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import type { Box } from '../src/render/pdf/layout/types.js';
import { load, walk } from './helpers/pdfjs-read.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const chart = join(import.meta.dirname, 'fixtures', 'figure-credit', 'images', 'chart.png');
const dir = mkdtempSync(join(tmpdir(), 'folio-inline-image-'));
copyFileSync(chart, join(dir, 'chart.png'));
copyFileSync(chart, join(dir, 'other.png'));

const text = `---\ntitle: Inline\nlang: en\n---\n\nPress the ![tally chart](chart.png) button, or follow [![the harbour site](other.png)](https://example.org) to the map. More words follow on the line so that the paragraph is set justified across the measure, with the pictures among the words.\n`;

function imageBoxes(pub: ReturnType<typeof publicationFromText>['publication']): Array<{ box: Extract<Box, { kind: 'image' }>; itemHeight: number }> {
  return layoutPublication(pub, { theme }).flatMap((page) =>
    page.placed.flatMap((placed) => placed.item.boxes.flatMap((box) => (box.kind === 'image' ? [{ box, itemHeight: placed.item.height }] : []))),
  );
}

describe('an image inside a line of text', () => {
  test('is drawn in its line, 1.2 em tall at most, without a warning', () => {
    const { publication, file } = publicationFromText(text, dir);
    const found = imageBoxes(publication);
    expect(found.map(({ box }) => box.alt)).toEqual(['tally chart', 'the harbour site']);
    const size = theme.pdf.fontSize;
    for (const { box, itemHeight } of found) {
      expect(box.height).toBeLessThanOrEqual(size * 1.2 + 0.01);
      expect(box.height).toBeGreaterThan(size * 0.5);
      // Inside the line's box: the line keeps its leading.
      expect(box.y).toBeGreaterThanOrEqual(-0.01);
      expect(box.y + box.height).toBeLessThanOrEqual(itemHeight + 0.01);
    }
    expect(file.messages.map((m) => formatMessage(m, 'input.md'))).toEqual([]);
  });

  test.skipIf(!hasTool('pdfimages'))('is in the PDF as an image, tagged Figure with its alt text inside its paragraph', async () => {
    const { publication } = publicationFromText(text, dir);
    const loaded = await load(publication);
    const figures = loaded.trees.flatMap((tree) => [...walk(tree)]).filter((node) => node.role === 'P').flatMap((p) => (p.children ?? []).filter((child) => child.role === 'Figure'));
    expect(figures.map((figure) => figure.alt)).toEqual(['tally chart', 'the harbour site']);
    const listed = run('pdfimages', ['-list', pdfFile(loaded.bytes, 'inline-images.pdf')]).stdout.trim().split('\n').slice(2);
    expect(listed.length).toBeGreaterThanOrEqual(2);
    // The link around an image names it: its /Contents is the image's alt text and the address.
    expect(loaded.links.map((link) => [link.url, link.contents])).toEqual([['https://example.org/', 'the harbour site (https://example.org)']]);
  });

  test('a format the PDF cannot draw leaves its alt text, with a warning where it is', () => {
    const { publication, file } = publicationFromText(text, dir);
    const asset = [...publication.assets.values()].find((a) => a.href === 'other.png');
    if (!asset) throw new Error('no asset');
    asset.mediaType = 'image/gif';
    expect(imageBoxes(publication).map(({ box }) => box.alt)).toEqual(['tally chart']);
    expect(file.messages.map((m) => formatMessage(m, 'input.md'))).toEqual([
      'input.md:6:56: warning: cannot draw image "other.png": image/gif images are not supported in the PDF (use JPEG or PNG); its alt text is set instead [pdf-image]',
    ]);
  });
});
