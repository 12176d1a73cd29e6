/**
 * A book with a printed contents page is laid out twice; the second pass takes the
 * first pass's lines from a cache (src/render/pdf/layout/line-cache.ts). The pages
 * must be the same as without it, and warnings found while setting lines must still
 * be reported exactly once.
 */
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import type { RenderOptions } from '../src/config/options.js';
import { FontBook } from '../src/render/pdf/fonts.js';
import { layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import { LineCache, withLineCache } from '../src/render/pdf/layout/line-cache.js';
import { layoutLines } from '../src/render/pdf/layout/lines.js';
import type { Line, Run, RunStyle } from '../src/render/pdf/layout/types.js';
import { bookPublication, chapter, markdown } from './helpers/pdf-publication.js';

const theme = loadTheme('default');
const withToc: RenderOptions = { theme, pdf: { toc: true, creditsPage: true, columns: 1, pdfa: false } };
const fonts = new FontBook(theme.pdf.fonts);
const body: RunStyle = { family: 'text', bold: false, italic: false, size: 10.5, color: '#000000' };
const node = { type: 'text' };

function runs(text: string): Run[] {
  return [{ kind: 'text', text, style: body, node, offset: 0 }];
}

describe('line cache', () => {
  test('the same paragraph at the same measure is set once; its warnings are replayed', () => {
    const cache = new LineCache();
    let computed = 0;
    const missing: number[] = [];
    const set = (text: string, measure: number, indent = 0): Line[] =>
      cache.lines(runs(text), measure, 'justify', false, indent, (codePoint) => missing.push(codePoint), (report) => {
        computed++;
        report(0x1f99c, undefined);
        return layoutLines(runs(text), measure, 'justify', fonts, () => undefined);
      });
    const first = set('A paragraph of plain words that wraps over a few lines.', 120);
    const again = set('A paragraph of plain words that wraps over a few lines.', 120);
    expect(again).toBe(first);
    expect(computed).toBe(1);
    expect(missing).toEqual([0x1f99c, 0x1f99c]);
    // Another measure, another first-line indent or another text is another entry.
    set('A paragraph of plain words that wraps over a few lines.', 200);
    set('A paragraph of plain words that wraps over a few lines.', 120, 10.5);
    set('A different paragraph.', 120);
    expect(computed).toBe(4);
  });

  test('layoutLines uses the active cache only inside withLineCache', () => {
    const text = runs('Words enough to make two or three lines at a narrow measure of text.');
    const outside = [layoutLines(text, 100, 'justify', fonts, () => undefined), layoutLines(text, 100, 'justify', fonts, () => undefined)];
    expect(outside[1]).not.toBe(outside[0]);
    const inside = withLineCache(() => [layoutLines(text, 100, 'justify', fonts, () => undefined), layoutLines(text, 100, 'justify', fonts, () => undefined)]);
    expect(inside[1]).toBe(inside[0]);
    expect(inside[0]).toEqual(outside[0]);
  });

  test('a book laid out twice: the same pages as each pass alone, each missing character reported once', async () => {
    const pub = bookPublication();
    const odd = chapter('ch-3', 'Third Chapter', markdown(`Glyphs no font has: \u{1F99C}, \u{1F9A9} and \u{1F99C} again.\n\n${'Filler text for the third chapter. '.repeat(40)}`, 's3'));
    pub.chapters.push(odd);
    const cached = layoutPublication(pub, withToc);
    // The same layout without a printed contents page runs one pass, with no cache at all: the chapters' pages must match.
    const single = layoutPublication(pub, { theme, pdf: { toc: false, creditsPage: true, columns: 1, pdfa: false } });
    const text = (pages: typeof cached) => pages.filter((page) => !page.placed.some((p) => p.item.tag?.role === 'TOC')).map((page) => page.placed.flatMap((p) => p.item.boxes.flatMap((box) => (box.kind === 'text' ? [`${Math.round(box.x)},${Math.round(p.y + box.y)}:${box.text}`] : []))).join('|'));
    const chapterPages = (pages: string[]) => pages.filter((page) => page.includes('Filler text') || page.includes('Second Chapter'));
    expect(chapterPages(text(cached))).toEqual(chapterPages(text(single)));
    odd.file.messages.length = 0;
    await renderPdf(pub, withToc);
    // Once per character and chapter (the second pass's lines come from the cache, the warnings too).
    expect(odd.file.messages.filter((m) => m.ruleId === 'pdf-missing-glyph').map((m) => m.reason)).toEqual([expect.stringContaining('U+1F99C'), expect.stringContaining('U+1F9A9')]);
  });
});
