/**
 * Chinese, Japanese and Korean in the PDF: drawn from the CJK face (Noto Sans SC, an
 * optional dependency, when the theme names none), lines broken between characters with
 * the kinsoku rules, and — without a CJK face — one message a chapter, not one a character.
 */
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import type { Theme } from '../src/config/options.js';
import { cjkBreakBetween } from '../src/render/pdf/cjk.js';
import { FontBook } from '../src/render/pdf/fonts.js';
import { layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import { layoutLines } from '../src/render/pdf/layout/lines.js';
import type { RunStyle } from '../src/render/pdf/layout/types.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const hasCjkFace = theme.pdf.fonts.cjk !== undefined;
const body: RunStyle = { family: 'text', bold: false, italic: false, size: 10.5, color: '#000000' };

// Our own sentences: a river town's new library, in simplified Chinese with a Latin word and a number.
const chinese =
  '河边的小镇今年秋天建成了一座新的图书馆。馆长说：“我们希望每个孩子都能在这里找到自己喜欢的书。”开馆第一周，共有三千二百名读者来访，其中一半是第一次办理借书证的居民。图书馆还开设了 Python 编程课和 2026 年的摄影展，周末常常座无虚席。';
const japanese = '川沿いの町に新しい図書館ができた。「子どもたちが好きな本を見つけられる場所にしたい」と館長は話す。最初の一週間で、三千人以上が訪れた。';

const closing = new Set([...'、。，．：；？！）」』】〉》”’ー々っゃゅょッャュョ']);
const opening = new Set([...'（「『【〈《“‘']);

describe('where a line of CJK text may break', () => {
  test('between ideographs, kana and a Latin word; never before closing punctuation or a small kana, never after an opening one', () => {
    const at = (a: string, b: string) => cjkBreakBetween(a.codePointAt(0) ?? 0, b.codePointAt(0) ?? 0);
    expect(at('河', '边')).toBe(true);
    expect(at('の', '町')).toBe(true);
    expect(at('n', '编')).toBe(true);
    expect(at('馆', '。')).toBe(false);
    expect(at('馆', '，')).toBe(false);
    expect(at('ち', 'ゃ')).toBe(false);
    expect(at('ト', 'ー')).toBe(false);
    expect(at('「', '子')).toBe(false);
    expect(at('“', '我')).toBe(false);
    expect(at('。', '”')).toBe(false);
    // Latin words are not broken here.
    expect(at('a', 'b')).toBe(false);
  });
});

describe.skipIf(!hasCjkFace)('CJK text set in the CJK face', () => {
  const fonts = new FontBook(theme.pdf.fonts);

  test.each([
    ['Chinese', chinese],
    ['Japanese', japanese],
  ])('%s: justified lines fill the measure, none starts with closing punctuation or ends with an opening one, nothing missing', (_name, text) => {
    const missing: number[] = [];
    const lines = layoutLines([{ kind: 'text', text, style: body }], 200, 'justify', fonts, (codePoint) => missing.push(codePoint));
    expect(missing).toEqual([]);
    expect(lines.length).toBeGreaterThan(3);
    for (const [index, line] of lines.entries()) {
      const first = line.fragments[0]?.text ?? '';
      const last = line.fragments[line.fragments.length - 1]?.text ?? '';
      expect(closing.has(first.charAt(0)), `line ${index + 1} starts with "${first}"`).toBe(false);
      expect(opening.has(last.charAt(last.length - 1)), `line ${index + 1} ends with "${last}"`).toBe(false);
      const right = Math.max(...line.fragments.map((fragment) => fragment.x + fragment.width));
      if (index < lines.length - 1) expect(right).toBeCloseTo(200, 1);
      else expect(right).toBeLessThanOrEqual(200.01);
    }
    // Ideographs and kana come from the CJK face; the text reads back whole.
    const fragments = lines.flatMap((line) => line.fragments);
    for (const fragment of fragments) if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(fragment.text)) expect(fragment.font).toBe('cjk-regular');
    expect(fragments.map((fragment) => fragment.text).join('').replace(/-$/, '')).toBe(text.replace(/ /g, ''));
  });

  test.skipIf(!hasTool('pdftotext'))('the PDF embeds a subset of the CJK face, gives no warning and reads back in order', async () => {
    const { publication, file } = publicationFromText(`---\ntitle: 新图书馆\nlang: zh-Hans\n---\n\n# 开馆\n\n${chinese}\n\n## 日本語\n\n${japanese}\n`, import.meta.dirname);
    const path = pdfFile(await renderPdf(publication, { theme }), 'cjk.pdf');
    expect(file.messages.map((message) => message.reason)).toEqual([]);
    const fonts = run('pdffonts', [path]).stdout;
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s.*yes yes yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Bold\s/);
    const text = run('pdftotext', [path, '-']).stdout.replace(/\s+/g, '');
    expect(text).toContain(chinese.replace(/ /g, ''));
    expect(text).toContain(japanese);
  });
});

describe('scripts written without spaces between words', () => {
  const fonts = new FontBook(theme.pdf.fonts);
  test.each([
    ['Thai', 'th', 'ห้องสมุดใหม่ริมแม่น้ำเปิดให้บริการแล้วในฤดูใบไม้ร่วงนี้และมีผู้อ่านมาเยี่ยมชมหลายพันคนในสัปดาห์แรก'],
    ['Khmer', 'km', 'បណ្ណាល័យថ្មីនៅមាត់ទន្លេបានបើកនៅរដូវស្លឹកឈើជ្រុះនេះ'],
  ])('%s breaks lines between words (ICU dictionaries), without hyphens', (_name, lang, text) => {
    const boundaries = new Set([...new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)].map((segment) => segment.index));
    const lines = layoutLines([{ kind: 'text', text, style: body }], 90, 'left', fonts, () => undefined);
    expect(lines.length).toBeGreaterThan(2);
    const texts = lines.map((line) => line.fragments.map((fragment) => fragment.text).join(''));
    expect(texts.join('')).toBe(text);
    let at = 0;
    for (const line of texts.slice(0, -1)) {
      at += line.length;
      expect(boundaries.has(at), `break after "${line}"`).toBe(true);
    }
    expect(lines.some((line) => line.info?.hyphenated)).toBe(false);
  });
});

describe('paragraph indents in Chinese and Japanese', () => {
  test('every paragraph of running text is indented, the first after a heading too: two characters in Chinese, one in Japanese', () => {
    const listed: number[] = [];
    for (const [lang, ems] of [['zh-Hans', 2], ['ja', 1], ['en', 0]] as const) {
      const { publication } = publicationFromText(`---\ntitle: T\nlang: ${lang}\n---\n\n# 一\n\nFirst ${chinese.slice(0, 30)}\n\nSecond ${chinese.slice(30, 60)}\n\n## 二\n\nThird ${chinese.slice(60, 90)}\n\n- Listed ${chinese.slice(0, 10)}\n`, import.meta.dirname);
      const pages = layoutPublication(publication, { theme });
      const starts = new Map<string, number>();
      for (const page of pages) for (const placed of page.placed) for (const box of placed.item.boxes) if (box.kind === 'text' && !starts.has(box.text)) starts.set(box.text, box.x);
      const size = theme.pdf.fontSize;
      const x = (word: string) => starts.get(word) ?? Number.NaN;
      // Latin documents indent only a paragraph that follows a paragraph.
      expect(x('First'), lang).toBeCloseTo(ems * size, 1);
      expect(x('Second'), lang).toBeCloseTo(Math.max(1, ems) * size, 1);
      expect(x('Third'), lang).toBeCloseTo(ems * size, 1);
      listed.push(x('Listed'));
    }
    // A list item's text is not indented: it starts where it does in English.
    expect(listed[0]).toBeCloseTo(listed[2] ?? Number.NaN, 1);
    expect(listed[1]).toBeCloseTo(listed[2] ?? Number.NaN, 1);
  });
});

describe('without a CJK face', () => {
  test('one message a chapter names the character, where it is, and what to install', async () => {
    const noCjk: Theme = { ...theme, pdf: { ...theme.pdf, fonts: { ...theme.pdf.fonts, cjk: undefined } } };
    const { publication, file } = publicationFromText(`---\ntitle: Library\nlang: en\n---\n\nThe sign over the door reads ${chinese.slice(0, 40)} in large letters.\n\nAnd again: ${japanese.slice(0, 20)}.\n`, import.meta.dirname);
    await renderPdf(publication, { theme: noCjk });
    const messages = file.messages.filter((message) => message.ruleId === 'pdf-missing-glyph');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.reason).toContain('"河" (U+6CB3)');
    expect(messages[0]?.reason).toContain('@expo-google-fonts/noto-sans-sc');
    expect([messages[0]?.line, messages[0]?.column]).toEqual([6, 30]);
  });

  test('Devanagari and Thai (no default face has them): one message a script, the danda counted as Devanagari', async () => {
    const { publication, file } = publicationFromText('---\ntitle: Scripts\nlang: en\n---\n\nIn Hindi: नमस्ते दुनिया, यह एक परीक्षण है। In Thai: สวัสดีชาวโลก นี่คือการทดสอบ\n', import.meta.dirname);
    await renderPdf(publication, { theme });
    const messages = file.messages.filter((message) => message.ruleId === 'pdf-missing-glyph');
    expect(messages.map((message) => [message.line, message.column])).toEqual([
      [6, 11],
      [6, 53],
    ]);
    expect(messages[0]?.reason).toContain('other Devanagari characters');
    expect(messages[0]?.reason).toContain('@expo-google-fonts/noto-sans-devanagari');
    expect(messages[1]?.reason).toContain('other Thai characters');
  });

  test.skipIf(!hasCjkFace)('Korean with the default face (no Hangul): one message, naming a Korean face', async () => {
    const { publication, file } = publicationFromText('---\ntitle: Library\nlang: en\n---\n\nIn Korean: 강가의 작은 마을에 새 도서관이 문을 열었다.\n', import.meta.dirname);
    await renderPdf(publication, { theme });
    const messages = file.messages.filter((message) => message.ruleId === 'pdf-missing-glyph');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.reason).toContain('"강" (U+AC15)');
    expect(messages[0]?.reason).toContain("the theme's CJK face lacks them");
    expect(messages[0]?.reason).toContain('@expo-google-fonts/noto-sans-kr');
  });
});
