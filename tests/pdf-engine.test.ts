/**
 * The typesetting engine: line breaking and hyphenation, footnotes, TOC, page map,
 * tagged structure, metadata and images, checked on the PDF bytes with poppler and qpdf.
 */
import { readFileSync } from 'node:fs';
import { toString } from 'mdast-util-to-string';
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import type { RenderOptions } from '../src/config/options.js';
import { FontBook } from '../src/render/pdf/fonts.js';
import { layoutPublication, pageMapOf, renderPdf } from '../src/render/pdf/index.js';
import { balancedLines, layoutLines } from '../src/render/pdf/layout/lines.js';
import { layoutPre } from '../src/render/pdf/layout/pre.js';
import type { RunStyle } from '../src/render/pdf/layout/types.js';
import { layoutReport } from '../src/render/pdf/report.js';
import { getHyphenator } from '../src/typography/hyphenation.js';
import { asset, bookPublication, briefPublication, chapter, figure, markdown, makePng } from './helpers/pdf-publication.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const options: RenderOptions = { theme };
const withToc: RenderOptions = { theme, pdf: { toc: true, creditsPage: true, columns: 1, pdfa: false } };
const poppler = hasTool('pdftotext') && hasTool('pdfinfo');
const qpdf = hasTool('qpdf');
const fonts = new FontBook(theme.pdf.fonts);
const body: RunStyle = { family: 'text', bold: false, italic: false, size: 10.5, color: '#000000' };

function pageText(path: string, page: number): string {
  return run('pdftotext', ['-f', String(page), '-l', String(page), path, '-']).stdout.replace(/\s+/g, ' ');
}

function expanded(path: string): string {
  const out = pdfFile(new Uint8Array(0));
  run('qpdf', ['--qdf', '--object-streams=disable', path, out]);
  return readFileSync(out, 'latin1');
}

// Our own sample prose (long words, commas, a dash): enough to exercise breaking and hyphenation.
const prose =
  'Every spring the volunteers of the marsh count the birds that come back along the estuary, and every spring somebody insists that the curlews arrive earlier than they used to. Nobody has ever settled the question, because the notebooks disagree about nearly everything: the handwriting, the weather and the tides conspire against any tidy conclusion.';

describe('lines', () => {
  test('the pair model measures like fontkit shaping (kerning and ligatures)', () => {
    for (const word of ['office', 'affluent', 'AVAST', 'Tobacco', 'Wyoming,', 'l’été', 'fjord']) {
      expect(Math.abs(fonts.width(word, 'text-regular', 10) - fonts.shapedWidth(word, 'text-regular', 10))).toBeLessThan(0.05);
    }
  });

  test('total fit with hyphenation: full lines, bounded spaces, at most two hyphens in a row', () => {
    const lines = layoutLines([{ kind: 'text', text: prose.repeat(3), style: body }], 260, 'justify', fonts, () => undefined, { hyphenate: getHyphenator('en-US') });
    expect(lines.some((line) => line.info?.hyphenated)).toBe(true);
    let run = 0;
    lines.forEach((line, index) => {
      run = line.info?.hyphenated ? run + 1 : 0;
      expect(run).toBeLessThanOrEqual(2);
      const last = line.fragments[line.fragments.length - 1];
      const end = last ? last.x + last.width : 0;
      expect(end).toBeLessThanOrEqual(260.01);
      if (index < lines.length - 1) expect(end).toBeCloseTo(260, 1);
    });
    const loose = lines.filter((line) => (line.info?.spaceRatio ?? 1) > 1.5);
    expect(loose.length / lines.length).toBeLessThan(0.1);
  });

  test('a web address breaks after a slash or before a hyphen or dot, never after its hyphens', () => {
    const url = 'https://example.org/data/river-levels/upper-reach/2026/series-with-a-long-path/and-more/index.html';
    const runs = [{ kind: 'text' as const, text: `The source is ${url} for anyone who wants the raw readings.`, style: body }];
    for (const measure of [120, 150, 180, 210]) {
      const lines = layoutLines(runs, measure, 'justify', fonts, () => undefined, { hyphenate: getHyphenator('en') });
      const texts = lines.map((line) => line.fragments.map((f) => f.text).join(''));
      // The address is whole when the lines are joined without anything between them.
      expect(texts.join('').replace(/\s+/g, ' ')).toContain(url);
      for (const text of texts) expect(text.trimEnd()).not.toMatch(/-$/);
      expect(lines.some((line) => line.info?.hyphenated)).toBe(false);
      for (const line of lines) expect(line.width).toBeLessThanOrEqual(measure + 0.01);
    }
  });

  test('code wider than the measure breaks at the joints of its identifiers, not inside their parts', () => {
    const code: RunStyle = { ...body, family: 'mono', size: 9 };
    const runs = [{ kind: 'text' as const, text: 'someVeryLongIdentifierName.withAMethodCall(argumentOne, argumentTwo)', style: code }];
    for (const align of ['left', 'justify'] as const) {
      for (const measure of [90, 120, 160]) {
        const lines = layoutLines(runs, measure, align, fonts, () => undefined);
        const texts = lines.map((line) => line.fragments.map((f) => f.text).join(''));
        expect(texts.join('')).toBe('someVeryLongIdentifierName.withAMethodCall(argumentOne,argumentTwo)');
        // Every line but the last ends where a part ends: before a capital, after a dot or comma, before a parenthesis.
        texts.slice(0, -1).forEach((text, index) => {
          const next = texts[index + 1] ?? '';
          expect(/[.,]$/.test(text) || /^[A-Z(]/.test(next), `${align} ${measure}: "${text}" | "${next}"`).toBe(true);
        });
        for (const line of lines) expect(line.width).toBeLessThanOrEqual(measure + 0.01);
      }
    }
  });

  test('in a column narrower than its words (a wide table\'s cells), every line stays inside the measure, however many hyphens it takes', () => {
    const bold: RunStyle = { ...body, bold: true, size: 7.3 };
    const hyphenate = getHyphenator('en');
    const overflows: string[] = [];
    for (const text of ['Project administration', 'Visualization', 'Conceptualization and Methodology', 'Writing - review & editing']) {
      for (let measure = 8; measure <= 60; measure++) {
        for (const align of ['left', 'right', 'justify'] as const) {
          const lines = layoutLines([{ kind: 'text', text, style: bold }], measure, align, fonts, () => undefined, { hyphenate });
          expect(lines.map((line) => line.fragments.map((f) => f.text).join('')).join('').replace(/-/g, '')).toBe(text.replace(/[- ]/g, ''));
          for (const line of lines) {
            const right = Math.max(...line.fragments.map((f) => f.x + f.width));
            if (right > measure + 0.01) overflows.push(`${text} at ${measure} pt (${align}): ${line.fragments.map((f) => f.text).join(' ')}`);
          }
        }
      }
    }
    // 'Visualization' at 16 pt was set 'Vi-' then 'sualization' (40 pt): after one break, first fit stopped looking for breaks that fit.
    expect(overflows.slice(0, 5)).toEqual([]);
  });

  test('block quotes nested past the depth that still indents draw no bar across their text', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `${'> '.repeat(i + 1)}Level ${i + 1} of the quote, with enough words to wrap onto a second line here.\n${'> '.repeat(i + 1)}`);
    const { publication } = publicationFromText(`---\ntitle: Deep quotes\nlang: en\n---\n\n${lines.join('\n')}\n`, import.meta.dirname);
    const crossings: string[] = [];
    let bars = 0;
    for (const page of layoutPublication(publication, options)) {
      for (const placed of page.placed) {
        // A line's text runs right from its first box: a bar that reaches past that start crosses it.
        const start = Math.min(...placed.item.boxes.filter((box) => box.kind === 'text').map((box) => box.x));
        for (const bar of placed.item.boxes) {
          if (bar.kind !== 'rect') continue;
          bars++;
          if (bar.x + bar.width > start + 0.1) crossings.push(`p.${page.number}: text at ${start.toFixed(1)}, bar at ${bar.x.toFixed(1)}`);
        }
      }
    }
    expect(bars).toBeGreaterThan(25);
    expect(crossings.slice(0, 5)).toEqual([]);
  });

  test('a long identifier in code that fits the measure may still break at a joint, rather than leave the line before it a row of gaps', () => {
    const code: RunStyle = { ...body, family: 'mono', size: 9 };
    const runs = [
      { kind: 'text' as const, text: 'The catalogue of the town library now runs on the system ', style: body },
      { kind: 'text' as const, text: 'RegionalDigitalLibraryUnifiedCatalogueV2', style: code },
      { kind: 'text' as const, text: ', which lets readers book titles online and renew them.', style: body },
    ];
    let split = 0;
    for (let measure = 240; measure <= 340; measure += 10) {
      const lines = layoutLines(runs, measure, 'justify', fonts, () => undefined);
      const mono = lines.map((line) => line.fragments.filter((f) => f.font.startsWith('mono')).map((f) => f.text).join(''));
      expect(mono.join('')).toBe('RegionalDigitalLibraryUnifiedCatalogueV2');
      // Split only at a capital: whole parts on each line, nothing added.
      if (mono.filter(Boolean).length > 1) {
        split++;
        for (const part of mono.filter(Boolean).slice(1)) expect(part).toMatch(/^[A-Z]/);
      }
      // Without the joints, the line before the identifier stretched its spaces 75 times at 240 pt.
      for (const line of lines.slice(0, -1)) expect(line.info?.spaceRatio ?? 1, `${measure} pt`).toBeLessThan(8);
    }
    expect(split).toBeGreaterThan(0);
  });

  test('no hyphenation in code or URLs; ragged lines keep natural spaces', () => {
    const code: RunStyle = { ...body, family: 'mono' };
    const runs = [
      { kind: 'text' as const, text: 'see https://example.org/extraordinarily/long/path/segments and ', style: body },
      { kind: 'text' as const, text: 'extraordinarilyLongIdentifierName', style: code },
    ];
    const lines = layoutLines(runs, 150, 'left', fonts, () => undefined, { hyphenate: getHyphenator('en') });
    for (const line of lines) {
      expect(line.info?.hyphenated).toBe(false);
      expect(line.info?.spaceRatio).toBe(1);
    }
  });
});

describe.skipIf(!poppler)('lists nested deeper than the measure can indent', () => {
  test('every item keeps its marker, left of its text, and the narrow items are set ragged', async () => {
    const list = Array.from({ length: 30 }, (_, depth) => `${'  '.repeat(depth)}- level${depth} item with some words in it`).join('\n');
    const { publication } = publicationFromText(`---\ntitle: Deep\nlang: en\n---\n\n${list}\n`, import.meta.dirname);
    const path = pdfFile(await renderPdf(publication, options), 'deep-list.pdf');
    const words = wordBoxes(path);
    let items = 0;
    words.forEach((word, index) => {
      if (!/^level\d+$/.test(word.text)) return;
      items++;
      const marker = words[index - 1];
      expect(marker && ['\u2022', '\u2013', '\u25e6'].includes(marker.text), `${word.text}: marker ${marker?.text}`).toBe(true);
      if (marker) expect(marker.xMax, `${word.text}: marker over the text`).toBeLessThan(word.xMin);
    });
    expect(items).toBe(30);
    // Ragged: the words of an item's line keep their natural spaces, never stretched to a narrow measure.
    const lineOf = (level: number) => words.filter((w) => Math.abs(w.yMin - (words.find((x) => x.text === `level${level}`)?.yMin ?? -1)) < 1);
    const deep = lineOf(25).slice(1);
    const gaps = deep.slice(1).map((w, i) => w.xMin - (deep[i]?.xMax ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(4);
  });
});

describe('balanced headings', () => {
  test('a two-line title does not end on a lone word, and takes no more lines', () => {
    const title: RunStyle = { ...body, bold: true, size: 21 };
    const runs = [{ kind: 'text' as const, text: 'Port Ellery bets on battery ferries', style: title }];
    const plain = layoutLines(runs, 311, 'left', fonts, () => undefined);
    const balanced = balancedLines(runs, 311, fonts, () => undefined);
    const words = (lines: typeof plain) => lines.map((line) => line.fragments.map((f) => f.text).join(' ').split(/\s+/).length);
    expect(words(plain)).toEqual([5, 1]);
    expect(balanced).toHaveLength(plain.length);
    expect(Math.min(...words(balanced))).toBeGreaterThanOrEqual(2);
    const [first, second] = balanced.map((line) => line.width);
    expect(Math.abs((first ?? 0) - (second ?? 0))).toBeLessThan(0.35 * Math.max(first ?? 0, second ?? 0));
    // One line stays one line, at the full measure.
    expect(balancedLines([{ kind: 'text', text: 'Short title', style: title }], 311, fonts, () => undefined)).toHaveLength(1);
  });
});

describe('content streams', () => {
  test.skipIf(!poppler || !qpdf)('the words of a line share one TJ array, each where the layout put it', async () => {
    const pub = briefPublication();
    const path = pdfFile(await renderPdf(pub, options), 'arrays.pdf');
    const flat = `${path}.qdf.pdf`;
    run('qpdf', ['--qdf', '--object-streams=disable', path, flat]);
    const content = readFileSync(flat, 'latin1');
    const matrices = content.match(/ Tm\n/g)?.length ?? 0;
    const arrays = [...content.matchAll(/\[([^\]]*)\] TJ\n/g)].map((m) => m[1] ?? '');
    // A justified line: one array of several words, moved along by adjustments for the spaces.
    expect(arrays.some((inside) => (inside.match(/</g)?.length ?? 0) >= 8)).toBe(true);
    // Matrices: about one per line, not one per word (the whole file).
    expect(matrices).toBeLessThan(wordBoxes(path).length / 3);
    const words = wordBoxes(path).filter((w) => w.page === 1);
    // Every word of page 1 starts within 0.05 pt of where the layout set it.
    const page = layoutPublication(pub, options)[0];
    const left = theme.pdf.margins.inner;
    const placed = [...(page?.placed ?? []), ...(page?.notes ?? [])].flatMap((p) => p.item.boxes.flatMap((b) => (b.kind === 'text' && !b.artifact ? [{ text: b.text, x: left + b.x }] : [])));
    let checked = 0;
    for (const word of words) {
      const candidates = placed.filter((b) => b.text === word.text);
      if (candidates.length === 0) continue;
      expect(Math.min(...candidates.map((b) => Math.abs(b.x - word.xMin))), word.text).toBeLessThan(0.05);
      checked++;
    }
    expect(checked).toBeGreaterThan(words.length / 2);
  });
});

describe('code blocks', () => {
  const mono: RunStyle = { ...body, family: 'mono', size: 9 };
  const text = (line: { fragments: Array<{ text: string }> }) => line.fragments.map((f) => f.text).join('');

  test('a long line wraps after a space, under its indentation plus two characters; the rest keeps its text', () => {
    const source = '    # a comment long enough to need wrapping twice at this measure, words kept whole\nshort';
    const lines = layoutPre(source, mono, 200, fonts, () => undefined);
    const char = fonts.width(' ', 'mono-regular', 9);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines[lines.length - 1]).toMatchObject({ fragments: [{ text: 'short', x: 0 }] });
    const wrapped = lines.slice(0, -1);
    expect(wrapped[0]?.wrapped).toBeUndefined();
    for (const line of wrapped.slice(1)) {
      expect(line.wrapped).toBe(true);
      expect(line.fragments[0]?.x).toBeCloseTo(6 * char, 5);
    }
    for (const line of wrapped) expect(line.width).toBeLessThanOrEqual(200 + 0.01);
    // Whole words: every line but the last ends after a space or a separator, and none starts with a space.
    for (const line of wrapped.slice(0, -1)) expect(text(line)).toMatch(/[ ,]$/);
    for (const line of wrapped.slice(1)) expect(text(line)).not.toMatch(/^ /);
    // Only the spaces wrapped at are gone.
    expect(wrapped.map(text).join('').replace(/ +/g, '')).toBe(source.split('\n')[0]?.replace(/ +/g, ''));
  });

  test('a line without a wrap point is cut between characters; a hook marks each continuation, drawn, not written', async () => {
    const long = 'x'.repeat(120);
    const lines = layoutPre(long, mono, 200, fonts, () => undefined);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map(text).join('')).toBe(long);
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Code', markdown(`Before.\n\n\`\`\`\n${long}\n\`\`\`\n`))], credits: [] };
    const code = layoutPublication(pub, options).flatMap((page) => page.placed).filter((p) => p.item.tag?.role === 'Code');
    const hooks = code.filter((p) => p.item.boxes.some((b) => b.kind === 'rule'));
    expect(hooks.length).toBe(code.length - 1);
    expect(code.flatMap((p) => p.item.boxes.filter((b) => b.kind === 'text').map((b) => (b.kind === 'text' ? b.text : ''))).join('')).toBe(long);
  });
});

describe('pages', () => {
  test.skipIf(!poppler)('footnotes sit at the foot of the page that calls them, linked both ways', async () => {
    const path = pdfFile(await renderPdf(briefPublication(), options), 'notes.pdf');
    const pages = layoutPublication(briefPublication(), options);
    const callPage = pages.findIndex((page) => page.placed.some((p) => p.item.calls?.includes('1'))) + 1;
    expect(callPage).toBeGreaterThan(0);
    expect(pageText(path, callPage)).toContain('First note, with style.');
    if (qpdf) {
      const raw = expanded(path);
      expect(raw).toContain('(fn-ch-1-1)');
      expect(raw).toContain('(fnref-ch-1-1)');
      expect(raw).toMatch(/\/S \/GoTo/);
    }
  });

  test.skipIf(!poppler)('a long footnote continues on the next page', async () => {
    const long = `${'A long note sentence that goes on. '.repeat(160)}`;
    const tree = markdown(`${'Body text before the call. '.repeat(120)}Call here.[^n]\n\n${'More body text. '.repeat(200)}\n\n[^n]: ${long}END-OF-NOTE`);
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Notes', tree)], credits: [] };
    const pages = layoutPublication(pub, options);
    const withNotes = pages.filter((page) => page.notes.length > 0).map((page) => page.number);
    expect(withNotes.length).toBeGreaterThanOrEqual(2);
    expect(withNotes[1]).toBe((withNotes[0] ?? 0) + 1);
    for (const page of pages) {
      const bottom = page.notes.reduce((max, p) => Math.max(max, p.y + p.item.height), 0);
      expect(bottom).toBeLessThanOrEqual(theme.pdf.pageSize.height - theme.pdf.margins.top - theme.pdf.margins.bottom + 0.01);
    }
  });

  test.skipIf(!poppler)('a printed table of contents with the right page numbers', async () => {
    const pub = bookPublication();
    const path = pdfFile(await renderPdf(pub, withToc), 'toc.pdf');
    const toc = pageText(path, 2);
    expect(toc).toContain('Contents');
    const second = /Second Chapter[ .]*(\d+)/.exec(toc);
    expect(second).not.toBeNull();
    const page = Number(second?.[1]);
    expect(pageText(path, page)).toContain('Second Chapter');
    expect(pageText(path, page - 1)).not.toMatch(/^ ?Second Chapter/);
    const info = run('pdfinfo', [path]).stdout;
    expect(info).toMatch(new RegExp(`Pages:\\s+${layoutPublication(bookPublication(), withToc).length}\\n`));
  });

  test.skipIf(!poppler)('the page map comes from the same layout as the PDF', async () => {
    const pub = bookPublication();
    const path = pdfFile(await renderPdf(pub, withToc), 'map.pdf');
    const map = pageMapOf(bookPublication(), withToc);
    expect(run('pdfinfo', [path]).stdout).toMatch(new RegExp(`Pages:\\s+${map.length}\\n`));
    expect(map.map((start) => start.page)).toEqual(map.map((_, index) => index + 1));
    let checked = 0;
    for (const start of map) {
      if (!start.node || (start.node.type !== 'paragraph' && start.node.type !== 'heading')) continue;
      const text = toString(start.node).slice(start.offset).trim().split(/\s+/).slice(0, 3).join(' ');
      expect(pageText(path, start.page), `page ${start.page}`).toContain(text.replace(/-$/, ''));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    expect(map[0]?.chapterId).toBeUndefined();
    expect(map.some((start) => start.chapterId === 'ch-2')).toBe(true);
  });

  test('layout report: no widows or orphans on a long text', () => {
    const tree = markdown(Array.from({ length: 40 }, (_, i) => prose.slice(0, 80 + ((i * 37) % 300))).join('\n\n'));
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Long', tree)], credits: [] };
    const report = layoutReport(pub, options);
    expect(report.pages).toBeGreaterThan(2);
    expect(report.widows + report.orphans).toBe(0);
    expect(report.stretchedShare).toBeLessThan(0.1);
  });
});

describe('footnotes and orphans', () => {
  test('a paragraph whose first line calls a long note near the foot of a page keeps two lines there (its note runs on)', () => {
    const note = 'A long note that has to run on over the page break, sentence after sentence. '.repeat(12);
    // Fillers of every length put the calling paragraph at every height of the page.
    for (let filler = 10; filler <= 40; filler += 2) {
      const text = `${Array.from({ length: filler }, () => 'Filler line of text, short.').join('\n\n')}\n\nThe calling sentence has its note here[^n] and then goes on for a while, long enough to fill three or four lines of the measure so that its lines can be split.\n\n${'More text after the calling paragraph. '.repeat(30)}\n\n[^n]: ${note}`;
      const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Notes', markdown(text))], credits: [] };
      const report = layoutReport(pub, options);
      expect(report.orphans + report.widows, `filler ${filler}`).toBe(0);
    }
  });

  test('a paragraph whose last line calls a note does not leave that line alone overleaf (its kept lines bring the room of the note)', () => {
    const note = 'A note of a few lines, long enough to need room of its own at the foot of the page it is called on. '.repeat(2);
    for (let filler = 10; filler <= 46; filler++) {
      const text = `${Array.from({ length: filler }, () => 'Filler line of text, short.').join('\n\n')}\n\nThe calling paragraph goes on for a while, long enough to fill four or five lines of the measure, so that its lines can be split over two pages, and only at its very end does it call its note[^n].\n\n${'More text after the calling paragraph. '.repeat(30)}\n\n[^n]: ${note}`;
      const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Notes', markdown(text))], credits: [] };
      const report = layoutReport(pub, options);
      expect(report.orphans + report.widows, `filler ${filler}`).toBe(0);
    }
  });
});

describe('structure and metadata', () => {
  test.skipIf(!poppler || !qpdf)('tagged PDF: roles, alt text, artifacts, language, escaped XMP', async () => {
    const path = pdfFile(await renderPdf(briefPublication(), options), 'tagged.pdf');
    expect(run('pdfinfo', [path]).stdout).toMatch(/Tagged:\s+yes/);
    const raw = expanded(path);
    for (const role of ['Document', 'Sect', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Caption', 'Note', 'Code', 'BlockQuote']) {
      expect(raw, role).toMatch(new RegExp(`/S /${role}\\b`));
    }
    expect(raw).toContain('/Alt (A grey chart)');
    expect(raw).toMatch(/\/Artifact <<[^>]*\/Type \/Pagination/);
    expect(raw).toContain('/Lang (en)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toContain('Brief &amp; Co');
    expect(raw).not.toMatch(/<rdf:li[^>]*>Brief & Co/);
  });

  test.skipIf(!poppler)('ligatures and kerning do not break extracted text', async () => {
    const tree = markdown('The office staff affirm the difficult figures, fluently and efficiently.');
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Fine print', tree)], credits: [] };
    const path = pdfFile(await renderPdf(pub, options), 'liga.pdf');
    expect(run('pdftotext', [path, '-']).stdout.replace(/\s+/g, ' ')).toContain('The office staff affirm the difficult figures, fluently and efficiently.');
  });

  test.skipIf(!qpdf)('an image used twice is embedded once; a low-resolution image is reported', async () => {
    const tree = markdown('Text before.\n\nText between.\n\nText after.');
    tree.children.splice(1, 0, figure('f-a', 'img-a', 'Same image'));
    tree.children.splice(3, 0, figure('f-b', 'img-a', 'Same image again'));
    const ch = chapter('ch-1', 'Twice', tree);
    const pub = { ...briefPublication(), chapters: [ch], credits: [], assets: new Map([['img-a', asset('img-a', 'image/png', makePng(40, 30), 40, 30)]]) };
    const path = pdfFile(await renderPdf(pub, options), 'twice.pdf');
    const raw = expanded(path);
    expect(raw.match(/\/Subtype \/Image/g)?.length).toBe(1);
    expect(ch.file.messages.some((m) => m.ruleId === 'pdf-image' && /dpi/.test(m.reason))).toBe(true);
  });
});
