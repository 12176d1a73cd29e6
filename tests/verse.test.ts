/**
 * `:::verse`: each line of a poem is a line on the page (PDF) and a line of its own in
 * the EPUB; a line too long for the measure turns over with a hanging indent; short
 * stanzas are not split across pages; page markers from the PDF land inside the poem.
 */
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import { applyTypography } from '../src/typography/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { epubWithPageMarkers } from './helpers/page-markers.js';
import { printedLines } from './helpers/printed-lines.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const size = theme.pdf.fontSize;

function manuscript(body: string, lang = 'en'): string {
  return `---\ntitle: Poems\nlang: ${lang}\n---\n\n${body}\n`;
}

function publication(body: string, lang = 'en') {
  const { publication: pub, file } = publicationFromText(manuscript(body, lang), tmpdir());
  applyTypography(pub, { enabled: true });
  return { pub, file };
}

const long = 'and the harbour-master, who has watched this twice a day for forty years and still comes out to see it with his coffee cooling in his hand,';

describe(':::verse in the PDF', () => {
  const body = [
    'A paragraph of prose before the poem, set to the full measure of the page as usual.',
    '',
    ':::verse',
    'The boats lean over on their keels like tired horses,',
    long,
    'nods at them.',
    '',
    'A second stanza,',
    'a blank line above it.',
    ':::',
  ].join('\n');
  const { pub } = publication(body);
  const lines = printedLines(layoutPublication(pub, { theme }));
  const find = (start: string) => lines.findIndex((line) => line.text.startsWith(start));

  test('each line of the manuscript starts a printed line, indented like a quotation', () => {
    const prose = lines[find('A paragraph')];
    const starts = ['The boats', 'and the harbour-master', 'nods at', 'A second', 'a blank'].map((start) => lines[find(start)]);
    expect(prose && starts.every((line) => line !== undefined)).toBe(true);
    if (!prose) return;
    for (const line of starts) expect(line?.left).toBeCloseTo(prose.left + size * 1.5, 1);
  });

  test('a line too long for the measure turns over with a hanging indent, unhyphenated', () => {
    const first = find('and the harbour-master');
    const turnovers = lines.slice(first + 1, find('nods at'));
    expect(turnovers.length).toBeGreaterThanOrEqual(1);
    const start = lines[first]?.left ?? 0;
    for (const turnover of turnovers) expect(turnover.left).toBeCloseTo(start + size * 2, 1);
    // The turnovers hold the rest of the line, word for word.
    const words = [lines[first], ...turnovers].map((line) => line?.text).join(' ').split(/\s+/);
    expect(words.join(' ')).toBe(long.replace(/,$/, ',').split(/\s+/).join(' '));
    for (const line of [lines[first], ...turnovers]) expect(line?.text.endsWith('-') && !line.text.endsWith('harbour-')).toBe(false);
  });

  test('stanzas are a blank line apart; lines within a stanza are not', () => {
    const nods = lines[find('nods at')];
    const second = lines[find('A second')];
    const blank = lines[find('a blank')];
    if (!nods || !second || !blank) throw new Error('lines not found');
    const leading = blank.y - second.y;
    expect(second.y - nods.y).toBeCloseTo(2 * leading, 1);
  });
});

describe('stanzas across pages', () => {
  test('a quatrain is never split, wherever the page ends; a long stanza leaves no line alone', () => {
    const quatrain = ['First line of the quatrain,', 'second line of the quatrain,', 'third line of the quatrain,', 'fourth line of the quatrain.'];
    const stanza8 = Array.from({ length: 8 }, (_, i) => `Line ${i + 1} of the long stanza`);
    const prose = 'Prose fills the page before the poem, line after line, so that the poem meets the foot of the page at every possible line.';
    let splitQuatrains = 0;
    let lonely = 0;
    for (let paragraphs = 4; paragraphs <= 22; paragraphs++) {
      const body = [...Array.from({ length: paragraphs }, () => prose), ':::verse', quatrain.join('\n'), '', stanza8.join('\n'), ':::'].join('\n\n').replace(/\n\n(?=(?:second|third|fourth|Line [2-8]))/g, '\n');
      const { pub } = publication(body);
      const lines = printedLines(layoutPublication(pub, { theme }));
      const pageOf = (start: string) => lines.find((line) => line.text.startsWith(start))?.page;
      if (new Set(quatrain.map((line) => pageOf(line.split(' ').slice(0, 2).join(' ')))).size !== 1) splitQuatrains++;
      const pages = stanza8.map((line) => pageOf(line.split(' ').slice(0, 2).join(' ')));
      const first = pages[0];
      const onFirst = pages.filter((page) => page === first).length;
      if (onFirst === 1 || onFirst === 7) lonely++;
    }
    expect(splitQuatrains).toBe(0);
    expect(lonely).toBe(0);
  });
});

describe(':::verse right to left', () => {
  test('turnovers hang from the right edge', () => {
    const hebrew = 'שורה ארוכה מאוד של שיר שאינה נכנסת ברוחב העמוד ולכן היא ממשיכה בשורה הבאה עם הזחה תלויה כמו שצריך בספר';
    const { pub } = publication([':::verse', 'שורה קצרה', hebrew, ':::'].join('\n'), 'he');
    const lines = printedLines(layoutPublication(pub, { theme })).filter((line) => /[\u0590-\u05ff]/.test(line.text));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const [short, first, ...turnovers] = lines;
    if (!short || !first) return;
    // The first line of each verse line ends at the same right edge; its turnovers end two ems short of it.
    expect(first.right).toBeCloseTo(short.right, -1);
    for (const turnover of turnovers) expect(turnover.right).toBeLessThan(first.right - size * 1.5);
  });
});

describe(':::verse in the EPUB', () => {
  test('stanzas are paragraphs of lines, page markers from the PDF land on the line that starts the page', async () => {
    const stanzas = Array.from({ length: 30 }, (_, s) => Array.from({ length: 4 }, (_, l) => `Stanza ${s + 1}, line ${l + 1}, *as written*`).join('\n'));
    const { pub } = publication([':::verse{attribution="A. Poet"}', stanzas.join('\n\n'), ':::'].join('\n'));
    const { bytes, starts, xhtml } = await epubWithPageMarkers(pub);
    expect(starts.length).toBeGreaterThan(1);
    expect(xhtml).toContain('<div class="verse">');
    expect(xhtml).toContain('<p class="stanza"><span class="line">Stanza 1, line 1, <em>as written</em></span><br /><span class="line">Stanza 1, line 2,');
    expect(xhtml).toContain('<p class="attribution">A. Poet</p>');
    // Every page after the first starts at the beginning of a line of verse: its marker sits right inside that line's span.
    for (const start of starts) {
      const marker = new RegExp(`<span class="line"><span id="page-${start.page}" class="pagebreak"[^>]*></span>Stanza \\d+, line \\d+`);
      expect(xhtml).toMatch(marker);
    }
    if (hasEpubcheck()) {
      const [result] = epubcheck({ verse: bytes });
      expect(result?.messages).toEqual([]);
    }
  });
});
