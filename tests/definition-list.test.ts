/**
 * Definition lists (`Term` then `: description`): parsed with positions that point at
 * the manuscript; in the PDF, terms bold and kept with their description, descriptions
 * indented (from the right, right to left), tagged L > LI > Lbl + LBody; in the EPUB,
 * `<dl>` with the PDF's page markers inside its terms and descriptions.
 */
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { cutPoints, descriptionCount, manyDescriptions, termPiece } from '../src/ast/chunked-parse.js';
import type { DefList } from '../src/ast/nodes.js';
import { processor } from '../src/ast/processor.js';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import { applyTypography } from '../src/typography/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { elements, load } from './helpers/pdfjs-read.js';
import { epubWithPageMarkers } from './helpers/page-markers.js';
import { printedLines } from './helpers/printed-lines.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const size = theme.pdf.fontSize;

function publication(body: string, lang = 'en') {
  const { publication: pub, file } = publicationFromText(`---\ntitle: Glossary\nlang: ${lang}\n---\n\n${body}\n`, tmpdir());
  applyTypography(pub, { enabled: true });
  return { pub, file };
}

const description = 'The space between the lines of a paragraph, named after the strips of lead that compositors once set between lines of metal type.';

describe('parsing', () => {
  test('terms, descriptions and the list point at where they are written', () => {
    const { pub, file } = publication(['Leading', `: ${description}`, '', 'Kerning', ': The space between two letters.', '  It turns over.'].join('\n'));
    const list = pub.chapters[0]?.tree.children.find((node): node is DefList => node.type === 'defList');
    if (!list) throw new Error('no definition list');
    // The front matter takes lines 1–4, the blank line 5.
    const at = (node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } }) => {
      const p = node.position;
      return p ? `${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}` : '';
    };
    expect(list.children.map((child) => `${child.type} ${at(child)}`)).toEqual([
      'defListTerm 6:1-6:8',
      `defListDescription 7:3-7:${3 + description.length}`,
      'defListTerm 9:1-9:8',
      'defListDescription 10:3-11:17',
    ]);
    expect(at(list)).toBe('6:1-11:17');
    expect(file.messages).toEqual([]);
  });

  test('inside a block quote and inside a list item', () => {
    const { pub } = publication(['> Proof', '> : A trial print.', '', '- An item:', '', '  Forme', '  : The locked-up type.'].join('\n'));
    const tree = pub.chapters[0]?.tree;
    const quote = tree?.children[0];
    const list = tree?.children[1];
    expect(quote?.type === 'blockquote' && quote.children[0]?.type).toBe('defList');
    expect(list?.type === 'list' && list.children[0]?.children[1]?.type).toBe('defList');
  });

  test('a long line of prose before ": " is reported, with the way to keep the colon as text', () => {
    const { file } = publication(['He said that the chase was locked and that the forme was now ready for the press', ': and the apprentice went on sweeping.'].join('\n'));
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['6:1 definition-term-prose']);
    expect(file.messages[0]?.reason).toContain('\\:');
  });
});

describe('a long list', () => {
  test('is parsed in pieces at its entries (the extension is quadratic) and joined again: the same tree as a whole parse', () => {
    const entries = Array.from({ length: 700 }, (_, i) => (i % 7 === 3 ? `Term ${i}\n\n: Loose description ${i}, *emphasis*.` : `Term ${i}\n: Description ${i} of the term.\n  Its second line.`));
    const body = entries.join('\n\n');
    const text = `---\ntitle: Glossary\nlang: en\n---\n\n${body}\n`;
    expect(descriptionCount(text, manyDescriptions)).toBe(manyDescriptions);
    expect(cutPoints(text, termPiece, true)?.starts.length).toBeGreaterThan(1);
    const whole = processor.parse(text).children.filter((node) => node.type === 'defList');
    const { pub } = publication(body);
    const joined = pub.chapters[0]?.tree.children.filter((node) => node.type === 'defList');
    expect(joined).toHaveLength(1);
    expect(whole).toHaveLength(1);
    expect(JSON.stringify(joined)).toBe(JSON.stringify(whole));
  });
});

describe('in the PDF', () => {
  const body = ['A paragraph before the list, set to the full measure.', '', 'Leading', `: ${description}`, '', 'Widow', 'Orphan', ': A lone line of a paragraph.', ': Avoided by moving a line.'].join('\n');

  test('terms bold at the margin, descriptions indented 1.5 em, a term of two lines kept whole', () => {
    const lines = printedLines(layoutPublication(publication(body).pub, { theme }));
    const find = (start: string) => {
      const line = lines.find((candidate) => candidate.text.startsWith(start));
      if (!line) throw new Error(`no line starts with ${start}`);
      return line;
    };
    const prose = find('A paragraph');
    for (const term of ['Leading', 'Widow', 'Orphan']) {
      const line = find(term);
      expect(line.left).toBeCloseTo(prose.left, 1);
      expect(line.fonts.every((font) => font.includes('bold'))).toBe(true);
    }
    const first = lines.findIndex((line) => line.text.startsWith('The space'));
    const widow = lines.findIndex((line) => line.text.startsWith('Widow'));
    const descriptionLines = lines.slice(first, widow);
    expect(descriptionLines.length).toBeGreaterThanOrEqual(2);
    for (const line of [...descriptionLines, find('A lone'), find('Avoided')]) {
      expect(line.left).toBeCloseTo(prose.left + size * 1.5, 1);
      expect(line.fonts.some((font) => font.includes('bold'))).toBe(false);
    }
    // Two terms of one entry are on consecutive lines; the description right under them.
    const leading = (descriptionLines[1]?.y ?? 0) - (descriptionLines[0]?.y ?? 0);
    expect(find('Orphan').y - find('Widow').y).toBeCloseTo(leading, 1);
    expect(find('A lone').y - find('Orphan').y).toBeCloseTo(leading, 1);
  });

  test('a term never ends a page without its description, wherever the page ends', () => {
    const prose = 'Prose fills the page before the list, line after line, so that the list meets the foot of the page at every possible line.';
    let alone = 0;
    for (let paragraphs = 4; paragraphs <= 22; paragraphs++) {
      const text = [...Array.from({ length: paragraphs }, () => prose), ['Leading', `: ${description}`, '', 'Kerning', ': The space between two letters.'].join('\n')].join('\n\n');
      const lines = printedLines(layoutPublication(publication(text).pub, { theme }));
      for (const [term, start] of [['Leading', 'The space between the'], ['Kerning', 'The space between two']]) {
        const termPage = lines.find((line) => line.text === term)?.page;
        const descriptionPage = lines.find((line) => line.text.startsWith(start ?? ''))?.page;
        expect(termPage).toBeDefined();
        if (termPage !== descriptionPage) alone++;
      }
    }
    expect(alone).toBe(0);
  });

  test('right to left: terms at the right margin, descriptions indented from the right', () => {
    const hebrew = ['מונח', ': הסבר ארוך של המונח שממשיך ונמשך עד שהוא עובר לשורה נוספת בעמוד הזה ממש כמו בספר.'].join('\n');
    const lines = printedLines(layoutPublication(publication(['פסקה לפני הרשימה.', '', hebrew].join('\n'), 'he').pub, { theme }));
    const prose = lines.find((line) => line.text.includes('פסקה'));
    const term = lines.find((line) => line.text === 'מונח');
    const descriptionLines = lines.filter((line) => line.text.includes('הסבר') || line.text.includes('בספר'));
    if (!prose || !term) throw new Error('lines not found');
    expect(descriptionLines.length).toBeGreaterThanOrEqual(2);
    // The term ends at the paragraph's right edge; the description's lines end an indent short of it.
    expect(term.right).toBeCloseTo(prose.right, -1);
    for (const line of descriptionLines) expect(line.right).toBeLessThan(prose.right - size);
  });

  test('tagged as a list: L > LI > Lbl (the term) + LBody (the description)', async () => {
    const { trees } = await load(publication(body).pub);
    const lists = elements(trees, 'L');
    expect(lists).toHaveLength(1);
    const items = lists[0]?.children?.filter((child) => child.role === 'LI') ?? [];
    expect(items.map((item) => (item.children ?? []).map((child) => child.role))).toEqual([
      ['Lbl', 'LBody'],
      ['Lbl', 'Lbl', 'LBody', 'LBody'],
    ]);
  });
});

describe('raw HTML', () => {
  test('a <dl> is set in the PDF as a Markdown definition list is, not as a bulleted list', async () => {
    const html = ['A paragraph before the list.', '', '<dl>', '<div><dt>Kerning</dt><dd>The space between two letters.</dd></div>', '<dt>Leading</dt>', '<dd><p>The space between lines.</p></dd>', '</dl>'].join('\n');
    const { pub } = publication(html);
    const lines = printedLines(layoutPublication(pub, { theme }));
    const prose = lines.find((line) => line.text.startsWith('A paragraph'));
    const kerning = lines.find((line) => line.text === 'Kerning');
    const space = lines.find((line) => line.text.startsWith('The space between two'));
    expect(kerning?.fonts.every((font) => font.includes('bold'))).toBe(true);
    expect(kerning?.left).toBeCloseTo(prose?.left ?? -1, 1);
    expect(space?.left).toBeCloseTo((prose?.left ?? 0) + size * 1.5, 1);
    expect(lines.some((line) => line.text.includes('\u2022'))).toBe(false);
    const { trees } = await load(pub);
    expect(elements(trees, 'LI').map((item) => (item.children ?? []).map((child) => child.role))).toEqual([
      ['Lbl', 'LBody'],
      ['Lbl', 'LBody'],
    ]);
  });
});

describe('in the EPUB', () => {
  test('<dl> with <dt> and <dd>; page markers from the PDF inside them; valid', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => `Term ${i + 1}\n: Description ${i + 1}, *long enough* to take a line or two of the page, so that pages end inside the list.`);
    const { pub } = publication(entries.join('\n\n'));
    const { bytes, starts, xhtml } = await epubWithPageMarkers(pub);
    expect(starts.length).toBeGreaterThan(1);
    expect(xhtml).toContain('<dl>\n<dt>Term 1</dt>\n<dd>\n<p>Description 1, <em>long enough</em>');
    expect(xhtml.match(/<dt>/g)).toHaveLength(40);
    // A page opens on a term (kept with its description), or on a description's paragraph: its marker is the first thing in it.
    for (const start of starts) expect(xhtml).toMatch(new RegExp(`(?:<dt>|<dd>\\n|<p>)<span id="page-${start.page}" class="pagebreak"`));
    if (hasEpubcheck()) {
      const [result] = epubcheck({ glossary: bytes });
      expect(result?.messages).toEqual([]);
    }
  });
});
