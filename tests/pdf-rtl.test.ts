/**
 * Words of right-to-left scripts quoted in a left-to-right paragraph: drawn from the
 * scripts face (DejaVu Sans by default: Hebrew, Arabic), letters joined and in visual
 * order, a phrase's first word on the right; the text reads back in logical order.
 */
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { mirrorBrackets, mirrorRtlLine, mirrorRtlRuns, rtlHeldNeutrals } from '../src/render/pdf/bidi.js';
import PDFDocument from 'pdfkit';
import { FontBook } from '../src/render/pdf/fonts.js';
import { TextWriter } from '../src/render/pdf/text-writer.js';
import { layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import { layoutLines } from '../src/render/pdf/layout/lines.js';
import type { RunStyle } from '../src/render/pdf/layout/types.js';
import { hasTool, pdfFile, wordBoxes } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const fonts = new FontBook(theme.pdf.fonts);
const body: RunStyle = { family: 'text', bold: false, italic: false, size: 10.5, color: '#000000' };

describe('right-to-left words in a left-to-right line', () => {
  test('a run of right-to-left pieces is mirrored within its span; neutral pieces between them go with it', () => {
    const pieces = [
      { text: 'say', x: 0, width: 20 },
      { text: 'שלום', x: 24, width: 20 },
      { text: '2026', x: 48, width: 16 },
      { text: 'עולם', x: 68, width: 22 },
      { text: 'then', x: 94, width: 20 },
    ];
    expect(mirrorRtlRuns(pieces)).toBe(true);
    // The span 24–90 read from the right: עולם at 24, 2026 at 50, שלום at 70.
    expect(pieces.map((piece) => [piece.text, piece.x])).toEqual([
      ['say', 0],
      ['שלום', 70],
      ['2026', 50],
      ['עולם', 24],
      ['then', 94],
    ]);
    expect(mirrorRtlRuns([{ text: 'plain', x: 0, width: 10 }, { text: 'words', x: 12, width: 10 }])).toBe(false);
  });

  test('Arabic and Hebrew are set in the scripts face, a phrase read from the right, nothing missing', () => {
    const missing: number[] = [];
    const lines = layoutLines([{ kind: 'text', text: 'Arabic: مرحبا بالعالم and Hebrew: שלום עולם here.', style: body }], 400, 'left', fonts, (codePoint) => missing.push(codePoint));
    expect(missing).toEqual([]);
    const fragments = lines.flatMap((line) => line.fragments);
    const at = (text: string) => fragments.find((fragment) => fragment.text === text);
    for (const word of ['مرحبا', 'بالعالم', 'שלום', 'עולם']) expect(at(word)?.font).toBe('scripts-regular');
    expect(at('مرحبا')?.x ?? 0).toBeGreaterThan(at('بالعالم')?.x ?? 0);
    expect(at('שלום')?.x ?? 0).toBeGreaterThan(at('עולם')?.x ?? 0);
    // The left-to-right words around them keep their order.
    expect(at('Arabic:')?.x ?? 1).toBeLessThan(at('بالعالم')?.x ?? 0);
    expect(at('and')?.x ?? 0).toBeGreaterThan(at('مرحبا')?.x ?? 1);
  });

  test('a right-to-left paragraph reads from the right, its left-to-right phrases from the left, its short lines flush right', () => {
    const pieces = [
      { text: 'הספר', x: 0, width: 20 },
      { text: 'Pride', x: 24, width: 22 },
      { text: 'and', x: 50, width: 14 },
      { text: 'Prejudice', x: 68, width: 40 },
      { text: 'נכתב', x: 112, width: 20 },
    ];
    mirrorRtlLine(pieces, 200);
    expect(pieces.map((piece) => [piece.text, piece.x])).toEqual([
      ['הספר', 180],
      ['Pride', 92],
      ['and', 118],
      ['Prejudice', 136],
      ['נכתב', 68],
    ]);
    const text = 'זהו משפט ראשון בעברית, על הספר Pride and Prejudice של ג׳יין אוסטן, ועוד כמה מילים כדי שהשורה תישבר.';
    const lines = layoutLines([{ kind: 'text', text, style: body }], 200, 'justify', fonts, () => undefined);
    expect(lines.length).toBeGreaterThan(1);
    const first = lines[0]?.fragments ?? [];
    expect(first[0]?.text).toBe('זהו');
    // The first word is the rightmost, flush with the measure.
    expect((first[0]?.x ?? 0) + (first[0]?.width ?? 0)).toBeCloseTo(200, 1);
    const all = lines.flatMap((line) => line.fragments);
    const at = (word: string) => all.find((fragment) => fragment.text === word)?.x ?? Number.NaN;
    if (lines.findIndex((line) => line.fragments.some((f) => f.text === 'Pride')) === lines.findIndex((line) => line.fragments.some((f) => f.text === 'Prejudice'))) {
      expect(at('Pride')).toBeLessThan(at('and'));
      expect(at('and')).toBeLessThan(at('Prejudice'));
    }
    // The last, short line is flush right.
    const last = lines[lines.length - 1]?.fragments ?? [];
    expect(Math.max(...last.map((fragment) => fragment.x + fragment.width))).toBeCloseTo(200, 1);
    expect(Math.min(...last.map((fragment) => fragment.x))).toBeGreaterThan(20);
  });

  test.skipIf(!hasTool('pdftotext'))('a right-to-left chapter puts list markers, note numbers, quote bars and a table\'s first column on the right', async () => {
    const text = '---\ntitle: שלום\nlang: he\n---\n\nפסקה עם הערה.[^1]\n\n- פריט ראשון\n- פריט שני\n\n> ציטוט קצר.\n\n| עמודה | שנייה |\n|---|---|\n| אלף | בית |\n\n[^1]: הערת שוליים.\n';
    const { publication } = publicationFromText(text, import.meta.dirname);
    const words = wordBoxes(pdfFile(await renderPdf(publication, { theme }), 'rtl-blocks.pdf'));
    const sameLine = (a: { yMin: number }, b: { yMin: number }) => Math.abs(a.yMin - b.yMin) < 3;
    const bullets = words.filter((word) => word.text === '\u2022');
    expect(bullets).toHaveLength(2);
    for (const bullet of bullets) {
      const item = words.filter((word) => word !== bullet && sameLine(word, bullet));
      expect(item.length).toBeGreaterThan(0);
      expect(bullet.xMin).toBeGreaterThan(Math.max(...item.map((word) => word.xMax)));
    }
    const number = words.find((word) => word.text === '1.');
    const note = words.filter((word) => number && word !== number && sameLine(word, number));
    expect(number && note.length > 0 && number.xMin > Math.max(...note.map((word) => word.xMax))).toBe(true);
    // The chapter's text block: its right edge is where the markers end.
    const right = Math.max(...words.map((word) => word.xMax));
    for (const bullet of bullets) expect(right - bullet.xMax).toBeLessThan(12);
    // The table's first column is the rightmost.
    const cell = (word: string) => words.find((w) => w.text === word);
    expect(cell('עמודה')?.xMin ?? 0).toBeGreaterThan(cell('שנייה')?.xMax ?? 1);
    expect(cell('אלף')?.xMin ?? 0).toBeGreaterThan(cell('בית')?.xMax ?? 1);
    // The quote's bar: a rule at the right edge of the measure.
    const measure = theme.pdf.pageSize.width - theme.pdf.margins.inner - theme.pdf.margins.outer;
    const bars = layoutPublication(publication, { theme }).flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes.filter((box) => box.kind === 'rect')));
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) expect(bar.x).toBeGreaterThan(measure - 4);
    // The rule above the notes starts from the right too.
    const noteRules = layoutPublication(publication, { theme }).flatMap((page) => page.notes.flatMap((placed) => placed.item.boxes.filter((box) => box.kind === 'rule')));
    expect(noteRules).toHaveLength(1);
    for (const rule of noteRules) if (rule.kind === 'rule') expect(rule.x + rule.width).toBeCloseTo(measure, 1);
  });

  test.skipIf(!hasTool('pdftotext'))('the PDF draws them without a warning, each word where the layout put it', async () => {
    const { publication, file } = publicationFromText('---\ntitle: Scripts\nlang: en\n---\n\nHebrew: שלום עולם means hello world.\n', import.meta.dirname);
    const words = wordBoxes(pdfFile(await renderPdf(publication, { theme }), 'rtl.pdf'));
    expect(file.messages.map((message) => message.reason)).toEqual([]);
    const box = (text: string) => words.find((word) => word.text === text);
    // pdftotext reads each word's glyphs back in logical order; the first word is on the right.
    expect(box('שלום')?.xMin ?? 0).toBeGreaterThan(box('עולם')?.xMax ?? 1);
  });

  test('punctuation held by right-to-left letters is set with them, as one word of their face', () => {
    const missing: number[] = [];
    const text = 'מילה (בסוגריים) ו-(שתיים) "במרכאות" —\u00a0משוררת و«مقتبسة» (2026)';
    const lines = layoutLines([{ kind: 'text', text, style: body }], 400, 'left', fonts, (codePoint) => missing.push(codePoint));
    const fragments = lines.flatMap((line) => line.fragments);
    for (const word of ['(בסוגריים)', 'ו-(שתיים)', '"במרכאות"', '—\u00a0משוררת', 'و«مقتبسة»']) expect(fragments.find((fragment) => fragment.text === word)?.font).toBe('scripts-regular');
    // Brackets around digits are no right-to-left letters' own: the text face keeps them.
    expect(fragments.find((fragment) => fragment.text === '(2026)')?.font).toBe('text-regular');
    expect(missing).toEqual([]);
    expect(rtlHeldNeutrals('a(ש)').map(Number)).toEqual([0, 0, 0, 1]);
    expect(rtlHeldNeutrals('(ש)').map(Number)).toEqual([1, 0, 1]);
    expect(rtlHeldNeutrals('(abc)').some(Boolean)).toBe(false);
    expect(mirrorBrackets('«(שלום)»')).toBe('»)שלום(«');
  });

  test.skipIf(!hasTool('pdftotext'))('brackets and guillemets around right-to-left words face the right way and read back in order', async () => {
    const { publication, file } = publicationFromText('---\ntitle: בדיקה\nlang: he\n---\n\nמילה (בסוגריים) ועוד ו-(שתיים) וגם —\u00a0משוררת.\n\nكلمة و«مقتبسة» ثم.\n', import.meta.dirname);
    const words = wordBoxes(pdfFile(await renderPdf(publication, { theme }), 'rtl-brackets.pdf')).map((word) => word.text);
    expect(file.messages.map((message) => message.reason)).toEqual([]);
    // Drawn as one right-to-left run with mirrored glyphs, each word reads back as written; its brackets drawn apart, facing left to right, it read ")בסוגריים(".
    expect(words).toEqual(expect.arrayContaining(['(בסוגריים)', 'ו-(שתיים)', 'و«مقتبسة»']));
  });

  test('the painter mirrors a right-to-left word\'s brackets: "(שלום)" is drawn with a left parenthesis on its left, a right one on its right', () => {
    const doc = new PDFDocument({ autoFirstPage: false, size: 'A5', compress: false });
    doc.addPage();
    const written: string[] = [];
    const addContent = doc.addContent.bind(doc);
    doc.addContent = (data: string | Buffer) => {
      written.push(String(data));
      return addContent(data);
    };
    const writer = new TextWriter(doc, fonts);
    writer.begin(595);
    writer.text('(שלום)', 'scripts-regular', 12, '#000000', 20, 40, 595);
    writer.end();
    const hex = /<([0-9A-F]+)>\s*\]?\s*TJ/i.exec(written.join(''))?.[1] ?? '';
    // The glyphs of the run, left to right, by their names in the face.
    const families: unknown = Reflect.get(doc, '_fontFamilies');
    const subset: unknown = families && typeof families === 'object' ? Reflect.get(Reflect.get(families, 'scripts-regular') ?? {}, 'subset') : undefined;
    const glyphIds: unknown = subset && typeof subset === 'object' ? Reflect.get(subset, 'glyphs') : undefined;
    expect(Array.isArray(glyphIds)).toBe(true);
    if (!Array.isArray(glyphIds)) return;
    const face = fonts.face('scripts-regular');
    const names = (hex.match(/.{4}/g) ?? []).map((code) => face.getGlyph(Number(glyphIds[Number.parseInt(code, 16)])).name);
    expect(names).toHaveLength(6);
    expect(names[0]).toBe('parenleft');
    expect(names[5]).toBe('parenright');
  });
});
