/**
 * A body figure stands as far from the text after it as from the text before it: a
 * paragraph after a figure (half a line above a paragraph) does not crowd its caption.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const images = join(import.meta.dirname, 'fixtures', 'figure-credit');

describe('the space around a figure', () => {
  test('is the same above the image and below its caption', () => {
    const text = '---\ntitle: Figures\nlang: en\n---\n\nA paragraph before the figure.\n\n::figure[The caption under the chart]{src="images/chart.png" alt="A chart"}\n\nA paragraph after the figure.\n';
    const { publication } = publicationFromText(text, images);
    const pages = layoutPublication(publication, { theme });
    // Page-space extents of the text lines and of the image.
    const boxes = pages[0]?.placed.flatMap((placed) => placed.item.boxes.map((box) => ({ box, top: placed.y, bottom: placed.y + placed.item.height }))) ?? [];
    const line = (word: string) => boxes.find((entry) => entry.box.kind === 'text' && entry.box.text === word);
    const image = boxes.find((entry) => entry.box.kind === 'image');
    const before = line('before');
    const caption = line('caption');
    const after = line('after');
    expect(image && before && caption && after).toBeTruthy();
    if (!image || !before || !after || !caption || image.box.kind !== 'image') return;
    const imageTop = image.top + image.box.y;
    const captionBottom = caption.box.kind === 'text' ? caption.top + caption.box.y : 0;
    const above = imageTop - before.bottom;
    const below = after.top - captionBottom;
    // Below: from the caption's baseline to the top of the next line; a caption line's descent is small.
    expect(below).toBeGreaterThan(above * 0.9);
    expect(below).toBeLessThan(above * 1.6);
  });
});
