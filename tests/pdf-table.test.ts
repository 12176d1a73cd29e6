/**
 * Tables wider than the measure: set in smaller type until their longest words fit side
 * by side; past the smallest size, hyphenated inside their cells with a warning. Words
 * never cross a cell's edge (nor the margin).
 */
import { describe, expect, test } from 'vitest';
import { formatMessage } from '../src/diagnostics/report.js';
import { loadTheme } from '../src/config/theme.js';
import { FontBook } from '../src/render/pdf/fonts.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { layoutLines } from '../src/render/pdf/layout/lines.js';
import type { RunStyle } from '../src/render/pdf/layout/types.js';
import { getHyphenator } from '../src/typography/hyphenation.js';
import { hasTool, pdfFile, run, wordBoxes, type WordBox } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';
import { strayWords } from './helpers/text-block.js';

const theme = loadTheme('default');
const fonts = new FontBook(theme.pdf.fonts);
const poppler = hasTool('pdftotext') && hasTool('pdfinfo');

function table(columns: number, rows: number, head: (c: number) => string, cell: (r: number, c: number) => string): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return [line(range(columns).map(head)), line(range(columns).map(() => '---')), ...range(rows).map((r) => line(range(columns).map((c) => cell(r, c))))].join('\n');
}

async function build(body: string): Promise<{ words: WordBox[]; text: string; messages: string[] }> {
  const { publication, file } = publicationFromText(`---\ntitle: Tables\nlang: en\n---\n\n${body}\n`, import.meta.dirname);
  const path = pdfFile(await renderPdf(publication, { theme }), `table-${Math.random().toString(36).slice(2)}.pdf`);
  return { words: wordBoxes(path), text: run('pdftotext', ['-layout', path, '-']).stdout, messages: file.messages.map((m) => formatMessage(m, 'input.md')) };
}

/** Words of one line that overlap: a word ran out of its cell into the next one. */
function overlaps(words: WordBox[]): string[] {
  const found: string[] = [];
  const sorted = [...words].sort((a, b) => a.page - b.page || a.yMin - b.yMin || a.xMin - b.xMin);
  sorted.forEach((word, index) => {
    const next = sorted[index + 1];
    if (next && next.page === word.page && Math.abs(next.yMin - word.yMin) < 1 && next.xMin < word.xMax - 0.5) found.push(`${word.text}|${next.text}`);
  });
  return found;
}

describe('a syllable and its hyphen wider than the measure', () => {
  test('is cut, so that no line is wider than the measure', () => {
    const style: RunStyle = { family: 'text', bold: true, italic: false, size: 7.4, color: '#000000' };
    // Wider than "head", narrower than "head-": the hyphen after the syllable would cross the edge.
    const head = fonts.width('head', 'text-bold', 7.4);
    const measure = head + fonts.width('-', 'text-bold', 7.4) / 2;
    const lines = layoutLines([{ kind: 'text', text: 'heading heading', style }], measure, 'left', fonts, () => undefined, { hyphenate: getHyphenator('en') });
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(measure + 0.01);
    expect(lines.map((line) => line.fragments.map((f) => f.text).join('')).join('').replaceAll('-', '')).toBe('headingheading');
  });
});

describe.skipIf(!poppler)('a table wider than the measure', () => {
  test('seven columns: set smaller, every word whole and inside its cell, no warning', async () => {
    const heads = ['Station', 'Operator', 'Installed', 'Calibration', 'Readings', 'Missing', 'Reliability'];
    const { words, text, messages } = await build(table(7, 4, (c) => heads[c] ?? '', (r, c) => (c === 6 ? 'acceptable' : `cell${r}${c} value`)));
    expect(messages).toEqual([]);
    for (const head of heads) expect(text).toContain(head);
    expect(text).toContain('acceptable');
    expect(overlaps(words)).toEqual([]);
    expect(strayWords(words, theme.pdf)).toEqual([]);
  });

  test('a note called in a cell is set at the foot of the page the row is on', async () => {
    const filler = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} of filler text, long enough to fill a few lines of the page with ordinary words.`).join('\n\n');
    const body = `| Term | Meaning |\n|---|---|\n| retry | Sending a request again.[^cell] |\n\n${filler}\n\n[^cell]: A note called from a table cell.`;
    const { publication } = publicationFromText(`---\ntitle: Tables\nlang: en\n---\n\n${body}\n`, import.meta.dirname);
    const path = pdfFile(await renderPdf(publication, { theme }), 'table-note.pdf');
    const page = (n: number) => run('pdftotext', ['-f', String(n), '-l', String(n), path, '-']).stdout;
    expect(page(1)).toContain('Sending a request again.');
    expect(page(1)).toContain('A note called from a table cell.');
    expect(page(2)).not.toContain('A note called from a table cell.');
  });

  test('a row taller than a page is set line by line across pages, under the repeated header, inside the text block', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence ${i} of a cell that runs on and on across many lines of the narrow column.`).join(' ');
    const { words, messages } = await build(`| Key | Value |\n|---|---|\n| short | a short cell |\n| long | ${long} |\n| after | the row after |`);
    expect(messages).toEqual([]);
    expect(strayWords(words, theme.pdf)).toEqual([]);
    const pages = new Set(words.map((word) => word.page));
    expect(pages.size).toBeGreaterThanOrEqual(2);
    // Every sentence of the cell is there, and the header opens each page the row goes on to.
    const text = words.map((word) => word.text).join(' ');
    for (let i = 0; i < 40; i++) expect(text).toContain(`Sentence ${i} of`);
    for (const page of pages) expect(words.filter((word) => word.page === page).map((word) => word.text).slice(0, 4)).toContain('Key');
  });

  test('too wide even hyphenated: the columns share the width from their widest syllables, so a column of names is not cut into letters', async () => {
    const heads = ['Authors', 'Conceptualization', 'Methodology', 'Software', 'Validation', 'Formal Analysis', 'Investigation', 'Resources', 'Data curation', 'Original draft', 'Review and editing', 'Visualization', 'Supervision', 'Administration', 'Funding acquisition'];
    const names = ['Friedrich Ratzel', 'Elisabeth Ostrowski', 'Maximilian Bergstrom'];
    const { words, messages } = await build(table(heads.length, names.length, (c) => heads[c] ?? '', (r, c) => (c === 0 ? (names[r] ?? '') : String((r + c) % 2))));
    expect(messages).toHaveLength(1);
    expect(overlaps(words)).toEqual([]);
    expect(strayWords(words, theme.pdf)).toEqual([]);
    // The name cells, read back: a name (two words) in four pieces at most ("Fried-rich Ratzel"); it was cut every two or three letters ("Fri edr ich Rat zel").
    const header = words.find((word) => word.text.startsWith('Au'));
    const pieces = words.filter((word) => header && Math.abs(word.xMin - header.xMin) < 2 && word.yMin > header.yMax + 2 && /[A-Za-z]/.test(word.text)).map((word) => word.text.replace(/-$/, ''));
    expect(pieces.length).toBeGreaterThanOrEqual(names.length * 2);
    expect(pieces.length, pieces.join(' ')).toBeLessThanOrEqual(names.length * 4);
  });

  test('twelve columns: hyphenated in its cells at the smallest size, with a warning where the table is', async () => {
    const { words, messages } = await build(table(12, 3, (c) => `Column heading ${c}`, (r, c) => `value ${r}.${c} with words`));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^input\.md:6:1: warning: this table's 12 columns are too wide for the page: .* at 7\.\d pt, .* \[pdf-table-width\]$/);
    expect(overlaps(words)).toEqual([]);
    expect(strayWords(words, theme.pdf)).toEqual([]);
  });
});
