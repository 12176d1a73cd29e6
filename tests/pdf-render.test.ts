import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { FontBook } from '../src/render/pdf/fonts.js';
import { renderPdf, layoutPublication } from '../src/render/pdf/index.js';
import { layoutLines } from '../src/render/pdf/layout/lines.js';
import type { Run, RunStyle } from '../src/render/pdf/layout/types.js';
import { bookPublication, briefPublication, chapter, LONG_WORD, markdown, pullQuote } from './helpers/pdf-publication.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const options = { theme };
const { margins, pageSize } = theme.pdf;
const poppler = hasTool('pdftotext') && hasTool('pdffonts') && hasTool('pdfinfo');
const qpdf = hasTool('qpdf');

const brief = await renderPdf(briefPublication(), options);
const briefPath = pdfFile(brief, 'brief.pdf');

function texts(path: string): string {
  return run('pdftotext', [path, '-']).stdout;
}

function inOrder(haystack: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

describe('PDF renderer', () => {
  test('returns a PDF', () => {
    expect(Buffer.from(brief.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  test.skipIf(!poppler)('reading order: title block, sections, pull quotes, figure, notes at the foot of their page, credits', () => {
    const text = texts(briefPath).replace(/\s+/g, ' ');
    inOrder(text, [
      'The Brief Title',
      'A standfirst that sums it up',
      'Ada Writer',
      '© Hero Photographer/Agency',
      'Intro paragraph',
      'What it is about',
      'First note, with style.',
      'A standalone pull quote set large',
      '— Someone Quoted',
      'Why it matters',
      'Caption of the grey chart',
      'Photo: Figure Author',
      'What changes',
      'France',
      'In short',
      'Closing words worth repeating',
      'Last line.',
      'Second note.',
      'Image credits',
      '© Hero Photographer/Agency',
      'Photo: Figure Author',
    ]);
    expect(text).toContain('link to the site');
    expect(text).toContain('inline html');
    expect(text).not.toContain('<span>');
  });

  test.skipIf(!poppler)('every font is embedded, with the fallback face where the others lack a glyph', () => {
    const out = run('pdffonts', [briefPath]).stdout;
    const rows = out.split('\n').slice(2).filter((line) => line.trim());
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(out).toMatch(/SourceSerif4-Regular/);
    expect(out).toMatch(/SourceSerif4-Bold/);
    expect(out).toMatch(/SourceSerif4-Italic/);
    expect(out).toMatch(/JetBrainsMono-Regular/);
    expect(out).toMatch(/DejaVuSerif/);
  });

  test.skipIf(!poppler)('page size, page count and metadata', () => {
    const info = run('pdfinfo', [briefPath]).stdout;
    expect(info).toMatch(/Page size:\s+419\.53 x 595\.28 pts/);
    const pages = layoutPublication(briefPublication(), options).length;
    expect(info).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
    expect(info).toMatch(/Title:\s+Brief & Co/);
    expect(info).toMatch(/Author:\s+Ada Writer/);
    expect(info).toMatch(/Subject:\s+A test brief/);
    expect(info).toMatch(/CreationDate:.*2026/);
  });

  test.skipIf(!qpdf)('qpdf --check is clean', () => {
    const result = run('qpdf', ['--check', briefPath]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No syntax or stream encoding errors found');
    const expanded = pdfFile(new Uint8Array(0), 'brief-qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', briefPath, expanded]);
    const raw = readFileSync(expanded, 'latin1');
    expect(raw).toContain('/URI (https://example.org/page)');
    expect(raw).toContain('/Lang (en)');
  });

  test('same publication, same bytes', async () => {
    const again = await renderPdf(briefPublication(), options);
    expect(Buffer.from(again).equals(Buffer.from(brief))).toBe(true);
  });

  test.skipIf(!poppler)('no word crosses the margins; the long word is cut', () => {
    const boxes = wordBoxes(briefPath);
    expect(boxes.length).toBeGreaterThan(100);
    for (const box of boxes) {
      const left = box.page % 2 === 1 ? margins.inner : margins.outer;
      const right = left + pageSize.width - margins.inner - margins.outer;
      expect(box.xMin, `${box.text} on page ${box.page}`).toBeGreaterThanOrEqual(left - 0.5);
      expect(box.xMax, `${box.text} on page ${box.page}`).toBeLessThanOrEqual(right + 0.5);
    }
    // Cut (or hyphenated: it is English) across lines, never past the margin.
    const pieces = boxes.map((box) => box.text.replace(/-$/, '')).filter((text) => LONG_WORD.includes(text) && text.length > 5);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.join('')).toContain(LONG_WORD.slice(10, 60));
  });

  test.skipIf(!poppler)('no-break spaces keep their words on one line', () => {
    // pdftotext may map the no-break spaces to plain spaces; what matters is the line.
    const text = texts(briefPath);
    expect(text).toMatch(/100[ \u00a0]km/);
    expect(text).toMatch(/25[ \u00a0\u202f]%/);
  });

  test('line breaking never breaks at U+00A0 or U+202F', () => {
    const fonts = new FontBook(theme.pdf.fonts);
    const style: RunStyle = { family: 'text', bold: false, italic: false, size: 10, color: '#000000' };
    const runs: Run[] = [{ kind: 'text', text: 'aaaa bbbb\u00a0cccc dddd\u202feeee ffff', style }];
    const measure = fonts.width('aaaa bbbb', 'text-regular', 10) + 2;
    const lines = layoutLines(runs, measure, 'left', fonts, () => undefined);
    const lineTexts = lines.map((line) => line.fragments.map((f) => f.text).join(' '));
    expect(lineTexts).toContain('bbbb\u00a0cccc');
    expect(lineTexts).toContain('dddd\u202feeee');
    for (const line of lines) {
      const last = line.fragments[line.fragments.length - 1];
      if (last) expect(last.x + last.width).toBeLessThanOrEqual(Math.max(measure, fonts.width('bbbb\u00a0cccc', 'text-regular', 10)) + 0.01);
    }
  });

  test('invisible characters are never drawn, wherever the text is set (running heads too): no fallback run, no box', () => {
    const fonts = new FontBook(theme.pdf.fonts);
    // A word joiner, a zero-width space, a BOM and a zero-width joiner between Latin letters (Moby-Dick's titles carry word joiners).
    const { segments, missing } = fonts.segment('Loomings\u2060.\u200b Call\ufeff me\u200d Ishmael', 'text', 'italic', 9);
    expect(missing).toEqual([]);
    expect(segments.every((segment) => segment.font === 'text-italic')).toBe(true);
    expect(segments.map((segment) => segment.text).join('')).toBe('Loomings. Call me Ishmael');
  });

  test('justified lines fill the measure; the last line does not', () => {
    const fonts = new FontBook(theme.pdf.fonts);
    const style: RunStyle = { family: 'text', bold: false, italic: false, size: 10, color: '#000000' };
    const italic: RunStyle = { ...style, italic: true };
    const runs: Run[] = [
      { kind: 'text', text: 'Some words in roman, then ', style },
      { kind: 'text', text: 'some more in italic that run on ', style: italic },
      { kind: 'text', text: 'and end in roman again after a while.', style },
    ];
    const lines = layoutLines(runs, 120, 'justify', fonts, () => undefined);
    expect(lines.length).toBeGreaterThan(2);
    lines.forEach((line, index) => {
      const last = line.fragments[line.fragments.length - 1];
      const end = last ? last.x + last.width : 0;
      if (index < lines.length - 1) expect(end).toBeCloseTo(120, 1);
      else expect(end).toBeLessThan(119);
    });
  });

  test('an unsupported image is a warning and a placeholder, not a crash', async () => {
    const pub = briefPublication({ heroType: 'image/webp' });
    const bytes = await renderPdf(pub, options);
    expect(bytes.length).toBeGreaterThan(1000);
    const messages = pub.chapters[0]?.file.messages ?? [];
    expect(messages.some((m) => m.ruleId === 'pdf-image' && m.fatal === false)).toBe(true);
  });

  test('raw HTML, unknown nodes and missing glyphs are reported with a position', async () => {
    const tree = markdown('Text with a glyph no font has: \u{13080} here.\n\n<video src="v.mp4">a clip</video>\n');
    tree.children.push({ type: 'mystery', position: { start: { line: 9, column: 1 }, end: { line: 9, column: 5 } } } as unknown as (typeof tree.children)[number]); // a node type no renderer knows
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Odd', tree)], credits: [] };
    await renderPdf(pub, options);
    const messages = pub.chapters[0]?.file.messages ?? [];
    const rules = messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
    expect(rules).toContain('pdf-missing-glyph@1:1');
    expect(rules.some((r) => r.startsWith('pdf-unsupported-node@3:'))).toBe(true);
    expect(rules).toContain('pdf-unsupported-node@9:1');
  });

  test('the credits page speaks the publication’s language: heading and page abbreviation', () => {
    const lastPageText = (lang: string) => {
      const pub = briefPublication();
      pub.meta.lang = lang;
      const pages = layoutPublication(pub, options);
      return (pages[pages.length - 1]?.placed ?? []).flatMap((p) => p.item.boxes.flatMap((b) => (b.kind === 'text' ? [b.text] : []))).join(' ');
    };
    expect(lastPageText('de')).toMatch(/^Bildnachweis .*, S\.\u00a0\d/);
    expect(lastPageText('es')).toMatch(/^Créditos .*, pág\.\u00a0\d/);
    expect(lastPageText('en')).toMatch(/^Image credits .*, p\.\u00a0\d/);
  });

  test('emoji are drawn from the symbols face (Noto Emoji), sequences as one glyph each, with no warning and their exact text', async () => {
    const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}';
    const flag = '\u{1F1EB}\u{1F1F7}';
    const keycap = '1\uFE0F\u20E3';
    const line = `A parrot \u{1F99C}, a heart \u2764\uFE0F, a family ${family}, a flag ${flag}, a keycap ${keycap}, thumbs \u{1F44D}\u{1F3FD} and \u{1F44D} and *an italic \u{1F600}*.`;
    const text = `---\ntitle: Emoji\nlang: en\n---\n\n${line}\n`;
    const { publication: pub } = publicationFromText(text, mkdtempSync(join(tmpdir(), 'folio-emoji-')));
    const boxes = layoutPublication(pub, options).flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes.flatMap((box) => (box.kind === 'text' ? [box] : []))));
    const symbols = boxes.filter((box) => box.font.startsWith('symbols-'));
    // Each sequence is one box of the symbols face, as wide as a single emoji: one glyph (the face's ligature), not its parts side by side.
    const fonts = new FontBook(theme.pdf.fonts);
    const single = fonts.width('\u{1F99C}', 'symbols-regular', 10);
    expect(single).toBeGreaterThan(5);
    for (const sequence of [family, flag, keycap, '\u2764\uFE0F', '\u{1F44D}\u{1F3FD}']) {
      expect(symbols.some((box) => box.text === sequence), sequence).toBe(true);
      expect(fonts.width(sequence, 'symbols-regular', 10), sequence).toBeCloseTo(single, 3);
    }
    // The joiners and selectors are in no other face's text.
    expect(boxes.filter((box) => !box.font.startsWith('symbols-') && /[\u200D\uFE0F\u20E3]/u.test(box.text))).toEqual([]);
    const bytes = await renderPdf(pub, options);
    expect((pub.chapters[0]?.file.messages ?? []).filter((m) => m.ruleId === 'pdf-missing-glyph').map((m) => m.reason)).toEqual([]);
    if (!poppler) return;
    const path = pdfFile(bytes, 'emoji.pdf');
    expect(run('pdffonts', [path]).stdout).toMatch(/\+NotoEmoji-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // Thumbs up with and without its skin tone share one monochrome glyph: the second is drawn with its /ActualText, so both read back as written.
    expect(texts(path).replace(/\s+/g, ' ')).toContain(line.replace(/\*/g, ''));
  });

  test('a missing glyph is reported at its own line and column in the manuscript', async () => {
    const text = '---\ntitle: Glyphs\nlang: en\n---\n\nA first line of the paragraph,\nthen a parrot \u{13080} and *a hieroglyph \u{13000}* here.\n\n| a |\n|---|\n| cell \u{13090} |\n';
    const { publication: pub } = publicationFromText(text, mkdtempSync(join(tmpdir(), 'folio-glyph-')));
    await renderPdf(pub, options);
    const found = (pub.chapters[0]?.file.messages ?? []).filter((m) => m.ruleId === 'pdf-missing-glyph').map((m) => `${/U\+([0-9A-F]+)/.exec(m.reason)?.[1]}@${m.line}:${m.column}`);
    // Line 7: "then a parrot " is 14 characters; the hieroglyph follows " and *a hieroglyph ".
    // Columns count UTF-16 code units, as every unified position does: the parrot takes two.
    expect(found.sort()).toEqual(['13000@7:36', '13080@7:15', '13090@11:8']);
  });

  test.skipIf(!poppler)('a book: title page, chapters on new pages, outline', async () => {
    const pub = bookPublication();
    const bytes = await renderPdf(pub, options);
    const path = pdfFile(bytes, 'book.pdf');
    const pages = layoutPublication(pub, options);
    expect(pages[0]?.placed.some((p) => p.item.boxes.some((b) => b.kind === 'text' && b.text === 'Book'))).toBe(true);
    const opener = pages.findIndex((page) => page.placed.some((p) => p.item.outline?.title === 'Second Chapter'));
    expect(opener).toBeGreaterThan(1);
    expect(pages[opener]?.placed[0]?.item.outline?.title).toBe('Second Chapter');
    const text = texts(path).replace(/\s+/g, ' ');
    inOrder(text, ['The Book', 'With two chapters', 'The Brief Title', 'Second Chapter', 'A subsection', 'Image credits']);
    if (qpdf) {
      const json = run('qpdf', ['--json', '--json-key=outlines', path]).stdout;
      expect(json).toContain('"title": "The Brief Title"');
      expect(json).toContain('"title": "A subsection"');
    }
  });

  test.skipIf(!poppler || !qpdf)('hostile input stays inside the margins and is a valid PDF', async () => {
    const deepQuote = `${'> '.repeat(14)}Deeply quoted text that goes on for a while to wrap.`;
    const deepList = Array.from({ length: 14 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1} item text`).join('\n');
    const wideTable = `| ${Array.from({ length: 14 }, (_, i) => `Column${i}Header`).join(' | ')} |\n|${' --- |'.repeat(14)}\n| ${Array.from({ length: 14 }, () => 'averyveryverylongcellvalue').join(' | ')} |`;
    const url = `https://example.org/${'segment/'.repeat(20)}end`;
    const tree = markdown(`${deepQuote}\n\n${deepList}\n\n${wideTable}\n\nA bare link: <${url}>.\n\n${'Word '.repeat(2000)}\n`);
    tree.children.push(pullQuote('A pull quote that never ends. '.repeat(120), 'Someone'));
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Hostile', tree)], credits: [] };
    const bytes = await renderPdf(pub, options);
    const path = pdfFile(bytes, 'hostile.pdf');
    expect(run('qpdf', ['--check', path]).code).toBe(0);
    for (const box of wordBoxes(path)) {
      const left = box.page % 2 === 1 ? margins.inner : margins.outer;
      const right = left + pageSize.width - margins.inner - margins.outer;
      expect(box.xMin, box.text).toBeGreaterThanOrEqual(left - 0.5);
      expect(box.xMax, box.text).toBeLessThanOrEqual(right + 0.5);
      expect(box.yMax, box.text).toBeLessThanOrEqual(pageSize.height - margins.bottom * 0.3);
    }
  });

  test.skipIf(!poppler)('a publication without chapters still gives a valid one-page PDF', async () => {
    const pub = { ...briefPublication(), chapters: [], credits: [] };
    const path = pdfFile(await renderPdf(pub, options), 'empty.pdf');
    expect(run('pdfinfo', [path]).stdout).toMatch(/Pages:\s+1\n/);
    expect(run('pdftotext', [path, '-']).stdout).toContain('Brief & Co');
  });
});
