/**
 * Two-column chapters (folio.yaml `pdf.columns: 2`): the layout itself (column
 * positions, gutter, pull quote bands, balancing, keeps, reading order) and the
 * painted PDF (poppler's word boxes and text), on a fixture article of our own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, test } from 'vitest';
import { buildPublication } from '../src/ast/build-publication.js';
import type { Publication } from '../src/ast/publication.js';
import type { RenderOptions } from '../src/config/options.js';
import { parsePageSize } from '../src/config/page-size.js';
import { loadTheme } from '../src/config/theme.js';
import { FontBook } from '../src/render/pdf/fonts.js';
import { layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import { columnGeometry, type ColumnGeometry } from '../src/render/pdf/layout/columns.js';
import type { Page, Placed } from '../src/render/pdf/layout/paginate.js';
import type { Box, Item } from '../src/render/pdf/layout/types.js';
import { AssetResolver } from '../src/manuscript/assets.js';
import { readManuscript } from '../src/manuscript/read.js';
import { publicationFromFile } from './helpers/publication.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';

const FIXTURE = 'tests/fixtures/pdf-columns/article.md';
const poppler = hasTool('pdftotext') && hasTool('pdfinfo');

function optionsFor(size: string, columns: 1 | 2): RenderOptions {
  const theme = loadTheme('default');
  const pageSize = parsePageSize(size);
  if (!pageSize) throw new Error(`bad page size ${size}`);
  theme.pdf.pageSize = pageSize;
  return { theme, pdf: { toc: true, creditsPage: true, columns, pdfa: false } };
}

function load(): Publication {
  return publicationFromFile(FIXTURE).publication;
}

/** One publication of several fixture manuscripts (a collection: each opener starts lower). */
function collectionOf(paths: string[]): Publication {
  const inputs = paths.map((path) => ({ path: resolve(path), file: readManuscript(path, { displayPath: path }) }));
  return buildPublication(inputs, { resolver: new AssetResolver(resolve('tests/fixtures')) });
}

const a4 = optionsFor('A4', 2);
const pdfTheme = a4.theme.pdf;
const measure = pdfTheme.pageSize.width - pdfTheme.margins.inner - pdfTheme.margins.outer;
const geometryOrNone = columnGeometry(measure, 2, pdfTheme);
if (!geometryOrNone) throw new Error('two columns expected');
const geometry: ColumnGeometry = geometryOrNone;
const rightX = geometry.width + geometry.gap;
const fonts = new FontBook(pdfTheme.fonts);
const pages = layoutPublication(load(), a4, fonts);
const leading = pdfTheme.lineHeight;

type TextBox = Extract<Box, { kind: 'text' }>;

interface TreeNode {
  type?: string;
  id?: string;
  children?: TreeNode[];
}

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null;
}

/** Letters of the PDF's tagged text in structure-tree order (pdf.js), page after page. */
async function structureText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes (detaches) the buffer it is given: give it a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  let out = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string>();
    const open: Array<string | undefined> = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? undefined);
        else if (item.type === 'endMarkedContent') open.pop();
        continue;
      }
      const id = open.at(-1);
      if (id !== undefined) byId.set(id, (byId.get(id) ?? '') + item.str);
    }
    const tree: unknown = await page.getStructTree();
    const visit = (node: TreeNode): void => {
      if (node.type === 'content' && node.id !== undefined) out += byId.get(node.id) ?? '';
      for (const child of node.children ?? []) visit(child);
    };
    if (isTreeNode(tree)) visit(tree);
  }
  await doc.destroy();
  return out.replace(/[^\p{L}]/gu, '');
}

function texts(item: Item): TextBox[] {
  return item.boxes.filter((box): box is TextBox => box.kind === 'text');
}

/** Right edge of a text box, from the font's metrics (letter spacing included). */
function rightEdge(box: TextBox): number {
  return box.x + fonts.width(box.text, box.font, box.size) + (box.tracking ?? 0) * [...box.text].length;
}

function columnOf(placed: Placed): 0 | 1 {
  const left = Math.min(...texts(placed.item).map((box) => box.x));
  return left >= rightX - 0.01 ? 1 : 0;
}

function bodyPages(): Page[] {
  return pages.filter((page) => page.placed.some((placed) => placed.item.column));
}

function lineText(placed: Placed): string {
  return texts(placed.item).map((box) => box.text).join(' ');
}

/** Letters of the body lines in reading order (hyphens, spaces and marks dropped). */
function letters(list: Page[]): string {
  return list
    .flatMap((page) => page.placed)
    .filter((placed) => placed.item.line !== undefined && !placed.item.artifact)
    .map(lineText)
    .join('')
    .replace(/[^\p{L}]/gu, '');
}

/** No widow or orphan at the top or foot of a column run, and no heading ending one. */
function expectKeeps(pagesToCheck: Page[]): void {
  for (const page of pagesToCheck) {
    for (const column of [0, 1]) {
      const list = page.placed.filter((placed) => placed.item.column && texts(placed.item).length > 0 && columnOf(placed) === column);
      // Split into runs of lines that touch one another (a band or a figure ends a run).
      const runs: Placed[][] = [];
      for (const placed of list) {
        const run = runs.at(-1);
        const previous = run?.at(-1);
        if (run && previous && placed.y - (previous.y + previous.item.height) < leading * 2) run.push(placed);
        else runs.push([placed]);
      }
      for (const run of runs) {
        const first = run[0]?.item.line;
        const last = run.at(-1);
        // A paragraph's last line never opens a column run alone, and its first never ends one.
        if (first && first.count >= 2) expect(first.index, `widow on page ${page.number}`).not.toBe(first.count - 1);
        if (last?.item.line && last.item.line.count >= 2 && last !== run[0]) expect(last.item.line.index, `orphan on page ${page.number}`).not.toBe(0);
        // A heading is followed by text in its column.
        const role = last?.item.tag?.role;
        expect(role === undefined || !/^H\d$/.test(role) || last === run[0]).toBe(true);
      }
    }
  }
}

describe('two-column layout', () => {
  test('body lines sit in one of two columns, inside the text block, never across the gutter', () => {
    expect(bodyPages().length).toBeGreaterThanOrEqual(3);
    const lefts = new Set<number>();
    for (const page of bodyPages()) {
      for (const placed of page.placed.filter((p) => p.item.column && texts(p.item).length > 0)) {
        const column = columnOf(placed);
        const from = column === 0 ? 0 : rightX;
        const to = from + geometry.width;
        for (const box of texts(placed.item)) {
          expect(box.x).toBeGreaterThanOrEqual(from - 0.01);
          expect(rightEdge(box)).toBeLessThanOrEqual(to + 0.6);
        }
        if (placed.item.line) lefts.add(Math.round(Math.min(...texts(placed.item).map((box) => box.x))));
      }
    }
    // Justified lines start flush at the left of their column.
    expect(lefts).toContain(0);
    expect(lefts).toContain(Math.round(rightX));
    expect(geometry.width).toBeCloseTo((measure - 16) / 2, 5);
  });

  test('the opener spans the page: title, standfirst, byline and hero image above the columns', () => {
    const first = pages[0];
    if (!first) throw new Error('no page');
    expect(first.opener).toBe(true);
    const opener = first.placed.filter((placed) => !placed.item.column);
    const columns = first.placed.filter((placed) => placed.item.column);
    const hero = opener.flatMap((placed) => placed.item.boxes.map((box) => ({ box, y: placed.y }))).find(({ box }) => box.kind === 'image');
    expect(hero?.box.kind === 'image' && hero.box.width).toBeCloseTo(measure, 0);
    const openerBottom = Math.max(...opener.map((placed) => placed.y + placed.item.height));
    expect(Math.min(...columns.map((placed) => placed.y))).toBeGreaterThanOrEqual(openerBottom);
    expect(new Set(columns.map(columnOf))).toEqual(new Set([0, 1]));
  });

  test('a pull quote is a full-width band, never split, with both columns above and below it', () => {
    const bands = pages.flatMap((page) =>
      page.placed.filter((placed) => placed.item.span && placed.item.source?.node?.type === 'pullQuote').map((placed) => ({ page, placed })),
    );
    expect(bands.length).toBeGreaterThanOrEqual(2);
    for (const { placed } of bands) {
      const rules = placed.item.boxes.filter((box): box is Extract<Box, { kind: 'rule' }> => box.kind === 'rule');
      expect(rules.length).toBe(2);
      for (const rule of rules) {
        expect(rule.x).toBeCloseTo(0, 5);
        expect(rule.width).toBeCloseTo(measure, 5);
      }
    }
    const between = bands.filter(({ page, placed }) => {
      const top = placed.y;
      const bottom = placed.y + placed.item.height;
      const body = page.placed.filter((p) => p.item.column);
      const above = body.filter((p) => p.y + p.item.height <= top + 0.01);
      const below = body.filter((p) => p.y >= bottom - 0.01);
      // No column line overlaps the band.
      expect(body.every((p) => p.y + p.item.height <= top + 0.01 || p.y >= bottom - 0.01)).toBe(true);
      return new Set(above.map(columnOf)).size === 2 && new Set(below.map(columnOf)).size === 2;
    });
    expect(between.length).toBeGreaterThanOrEqual(1);
  });

  test('tables and landscape figures span; a portrait figure fits a column', () => {
    const all = pages.flatMap((page) => page.placed);
    const images = all.flatMap((placed) => placed.item.boxes.filter((box): box is Extract<Box, { kind: 'image' }> => box.kind === 'image').map((box) => ({ box, placed })));
    const footbridge = images.find(({ box }) => box.alt.startsWith('A wooden footbridge'));
    const ledger = images.find(({ box }) => box.alt.startsWith('An old ledger'));
    expect(footbridge?.placed.item.span).toBe(true);
    expect(footbridge?.box.width).toBeCloseTo(measure, 0);
    expect(ledger?.placed.item.column).toBe(true);
    expect(ledger?.box.width ?? Infinity).toBeLessThanOrEqual(geometry.width + 0.01);
    const rows = all.filter((placed) => lineText(placed).includes('£412,000') || lineText(placed).startsWith('Item'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.item.span).toBe(true);
      // Right-aligned figures end at the right of the text block, less the cell padding.
      expect(Math.max(...texts(row.item).map(rightEdge))).toBeGreaterThan(measure - 6);
    }
  });

  test('the last page of the article is balanced within two lines', () => {
    const last = bodyPages().at(-1);
    if (!last) throw new Error('no body page');
    const body = last.placed.filter((placed) => placed.item.column);
    const bottoms = [0, 1].map((column) => Math.max(...body.filter((placed) => columnOf(placed) === column).map((placed) => placed.y + placed.item.height)));
    const [left = 0, right = 0] = bottoms;
    expect(right).toBeGreaterThan(0);
    expect(Math.abs(left - right)).toBeLessThanOrEqual(2 * leading + 0.01);
    // And it is not a full page: the columns were shortened to balance.
    expect(Math.max(left, right)).toBeLessThan(pdfTheme.pageSize.height - pdfTheme.margins.top - pdfTheme.margins.bottom - 3 * leading);
  });

  test('keeps hold per column: no widow or orphan, no heading alone at the foot of a column', () => {
    expectKeeps(bodyPages());
    // In a collection the opener starts lower: a footnote call then falls on the last line
    // of a column, and the line before it moves on with it (no widow overleaf).
    const collection = layoutPublication(collectionOf([FIXTURE, 'tests/fixtures/pdf-recto/book.md']), a4, fonts);
    const tops = collection.flatMap((page) => page.placed.slice(0, 1).map((placed) => placed.item.line));
    expect(tops.filter((line) => line && line.count > 1 && line.index === line.count - 1)).toHaveLength(0);
    expectKeeps(collection.filter((page) => page.placed.some((placed) => placed.item.column)));
  });

  test('body lines keep to a baseline grid: beside a heading, a list or a figure, the columns stay level', () => {
    const gridPages = layoutPublication(publicationFromFile('tests/fixtures/pdf-columns/grid.md').publication, a4, fonts);
    let sideBySide = 0;
    for (const page of [...pages, ...gridPages]) {
      // A region: the column items between two full-width items (placements come region by region).
      const regions: Placed[][] = [];
      let open = false;
      for (const placed of page.placed) {
        if (!placed.item.column) {
          open = false;
          continue;
        }
        if (!open) regions.push([]);
        open = true;
        regions.at(-1)?.push(placed);
      }
      for (const region of regions) {
        const lines = region.filter((placed) => placed.item.grid && texts(placed.item).length > 0);
        const origin = lines[0]?.y ?? 0;
        for (const line of lines) {
          const steps = (line.y - origin) / leading;
          expect(Math.abs(steps - Math.round(steps)), `"${lineText(line)}" on page ${page.number}`).toBeLessThan(1e-6);
        }
        if (new Set(lines.map(columnOf)).size === 2) sideBySide++;
      }
    }
    expect(sideBySide).toBeGreaterThan(3);
    // Lines of the body leading are the grid's; headings keep their own size and spacing.
    const gridLines = gridPages.flatMap((page) => page.placed).filter((placed) => placed.item.grid);
    expect(gridLines.length).toBeGreaterThan(60);
    expect(gridLines.every((placed) => Math.abs(placed.item.height - leading) < 0.01)).toBe(true);
  });

  test('in columns a paragraph after a paragraph is indented one em with no space; a tight list stays tight', () => {
    const gridPages = layoutPublication(publicationFromFile('tests/fixtures/pdf-columns/grid.md').publication, a4, fonts);
    const placedLines = gridPages.flatMap((page) => page.placed).filter((placed) => placed.item.column && texts(placed.item).length > 0);
    const startsWith = (word: string) => {
      const found = placedLines.find((placed) => texts(placed.item)[0]?.text.startsWith(word));
      if (!found) throw new Error(`no line starting with ${word}`);
      return found;
    };
    const left = (placed: Placed) => Math.min(...texts(placed.item).map((box) => box.x)) - (columnOf(placed) === 1 ? rightX : 0);
    // After a heading: flush left. After a paragraph: one em in, no space above.
    for (const word of ['Alpha', 'Echo']) expect(left(startsWith(word)), word).toBeCloseTo(0, 2);
    for (const word of ['Bravo', 'Charlie', 'Foxtrot', 'Golf']) {
      const line = startsWith(word);
      expect(left(line), word).toBeCloseTo(pdfTheme.fontSize, 2);
      expect(line.item.spaceBefore, word).toBe(0);
    }
    // After a list or a block quote: not indented (a new block).
    for (const word of ['Delta', 'Hotel']) expect(left(startsWith(word)), word).toBeCloseTo(0, 2);
    // The items of a tight list sit on consecutive grid lines.
    const items = ['listone', 'listtwo', 'listthree'].map((word) => placedLines.find((placed) => lineText(placed).includes(word)));
    const [one, two, three] = items;
    if (!one || !two || !three) throw new Error('list lines not found');
    expect(two.y - one.y).toBeCloseTo(leading, 6);
    expect(three.y - two.y).toBeCloseTo(2 * leading, 6); // the second item wraps onto two lines
    // One column keeps the theme's paragraphs: indented by default (as the default EPUB CSS), spaced when it says so.
    const firstOf = (options: RenderOptions, word: string) => {
      const list = layoutPublication(publicationFromFile('tests/fixtures/pdf-columns/grid.md').publication, options, fonts);
      const found = list.flatMap((page) => page.placed).find((placed) => texts(placed.item)[0]?.text.startsWith(word));
      if (!found) throw new Error(`no line starting with ${word}`);
      return { spaceBefore: found.item.spaceBefore, left: Math.min(...texts(found.item).map((box) => box.x)) };
    };
    const spaced = optionsFor('A4', 1);
    spaced.theme.pdf.paragraphs = 'spaced';
    expect(firstOf(spaced, 'Bravo').spaceBefore).toBeCloseTo(leading / 2, 6);
    expect(firstOf(spaced, 'Bravo').left).toBeCloseTo(0, 2);
    const indented = optionsFor('A4', 1);
    expect(indented.theme.pdf.paragraphs).toBe('indented');
    expect(firstOf(indented, 'Bravo')).toEqual({ spaceBefore: 0, left: expect.closeTo(pdfTheme.fontSize, 2) });
    expect(firstOf(indented, 'Alpha').left).toBeCloseTo(0, 2);
    expect(firstOf(indented, 'Delta').left).toBeCloseTo(0, 2);
  });

  test('theme: pdf.paragraphs is spaced or indented, anything else is refused by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-theme-'));
    try {
      cpSync(resolve('templates/default'), dir, { recursive: true });
      const yaml = readFileSync(join(dir, 'theme.yaml'), 'utf8');
      expect(yaml).toContain('paragraphs: indented');
      writeFileSync(join(dir, 'theme.yaml'), yaml.replace('paragraphs: indented', 'paragraphs: spaced'));
      expect(loadTheme(dir).pdf.paragraphs).toBe('spaced');
      // A theme that does not say gets the default EPUB CSS's marking: indented.
      writeFileSync(join(dir, 'theme.yaml'), yaml.replace(/\n {2}paragraphs: indented/, ''));
      expect(loadTheme(dir).pdf.paragraphs).toBe('indented');
      writeFileSync(join(dir, 'theme.yaml'), yaml.replace('paragraphs: indented', 'paragraphs: sideways'));
      expect(() => loadTheme(dir)).toThrow(/pdf\.paragraphs \(spaced or indented\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('footnotes sit at the foot of their page across the full width', () => {
    const page = pages.find((p) => p.notes.length > 0);
    if (!page) throw new Error('no page with notes');
    const words = page.notes.flatMap((placed) => texts(placed.item).map(rightEdge));
    expect(Math.max(...words)).toBeGreaterThan(rightX + geometry.width / 2);
    const lowest = Math.max(...page.placed.map((placed) => placed.y + placed.item.height));
    expect(Math.min(...page.notes.map((placed) => placed.y))).toBeGreaterThanOrEqual(lowest);
  });

  test('reading order: left column, then right column, the same text as one column', () => {
    for (const page of bodyPages()) {
      const body = page.placed.filter((placed) => placed.item.column && texts(placed.item).length > 0);
      // Within a band of columns, every left-column line comes before every right-column line.
      let seenRight = false;
      let bandTop = -1;
      for (const placed of body) {
        const column = columnOf(placed);
        if (column === 0 && seenRight && placed.y >= bandTop) seenRight = false;
        if (column === 1 && !seenRight) {
          seenRight = true;
          bandTop = placed.y;
        }
        if (column === 0) expect(seenRight).toBe(false);
      }
    }
    const single = layoutPublication(load(), optionsFor('A4', 1), fonts);
    expect(letters(pages)).toBe(letters(single));
    expect(letters(pages).length).toBeGreaterThan(5000);
  });

  test('theme: columnGap moves the right column; pullQuoteSpan: false keeps pull quotes in their column', () => {
    const options = optionsFor('A4', 2);
    options.theme.pdf.columnGap = 30;
    options.theme.pdf.pullQuoteSpan = false;
    const wide = columnGeometry(measure, 2, options.theme.pdf);
    if (!wide) throw new Error('two columns expected');
    expect(wide.width).toBeCloseTo((measure - 30) / 2, 5);
    const laid = layoutPublication(load(), options, fonts).flatMap((page) => page.placed);
    const lefts = new Set(laid.filter((placed) => placed.item.line && placed.item.column).map((placed) => Math.round(Math.min(...texts(placed.item).map((box) => box.x)))));
    expect(lefts).toContain(Math.round(wide.width + 30));
    const quotes = laid.filter((placed) => placed.item.source?.node?.type === 'pullQuote');
    expect(quotes.length).toBeGreaterThanOrEqual(2);
    for (const quote of quotes) {
      expect(quote.item.column).toBe(true);
      const rules = quote.item.boxes.filter((box) => box.kind === 'rule');
      for (const rule of rules) if (rule.kind === 'rule') expect(rule.width).toBeCloseTo(wide.width, 5);
    }
  });

  test('narrow columns (A5) stay inside their measure and are set ragged right', () => {
    const options = optionsFor('A5', 2);
    const theme = options.theme.pdf;
    const width = theme.pageSize.width - theme.margins.inner - theme.margins.outer;
    const narrow = columnGeometry(width, 2, theme);
    if (!narrow) throw new Error('two columns expected');
    const a5 = layoutPublication(load(), options, fonts);
    const lines = a5.flatMap((page) => page.placed).filter((placed) => placed.item.column && placed.item.line);
    expect(lines.length).toBeGreaterThan(200);
    for (const placed of lines) {
      const boxes = texts(placed.item);
      const left = Math.min(...boxes.map((box) => box.x));
      const from = left >= narrow.width + narrow.gap - 0.01 ? narrow.width + narrow.gap : 0;
      expect(Math.max(...boxes.map(rightEdge))).toBeLessThanOrEqual(from + narrow.width + 0.6);
      expect(placed.item.line?.info.justified).toBe(false);
    }
  });
});

describe.runIf(poppler)('two-column PDF', async () => {
  const bytes = await renderPdf(load(), a4);
  const path = pdfFile(bytes, 'columns-a4.pdf');
  const { margins } = pdfTheme;

  test('page count matches the layout', () => {
    expect(run('pdfinfo', [path]).stdout).toMatch(new RegExp(`Pages:\\s+${pages.length}\\b`));
  });

  test('word boxes: inside the margins, and none across the gutter beside column text', () => {
    const words = wordBoxes(path);
    expect(words.length).toBeGreaterThan(1000);
    for (const page of bodyPages()) {
      const left = page.number % 2 === 1 ? margins.inner : margins.outer;
      const gutter = [left + geometry.width, left + rightX];
      const spans = page.placed.filter((placed) => !placed.item.column).map((placed) => [margins.top + placed.y, margins.top + placed.y + placed.item.height]);
      const notesTop = Math.min(Infinity, ...page.notes.map((placed) => margins.top + placed.y));
      for (const word of words.filter((w) => w.page === page.number)) {
        expect(word.xMin).toBeGreaterThanOrEqual(left - 1);
        expect(word.xMax).toBeLessThanOrEqual(left + measure + 1);
        const middle = (word.yMin + word.yMax) / 2;
        const furniture = middle < margins.top || middle > pdfTheme.pageSize.height - margins.bottom;
        const spanning = spans.some(([top = 0, bottom = 0]) => middle >= top && middle <= bottom) || middle >= notesTop;
        if (furniture || spanning) continue;
        const [from = 0, to = 0] = gutter;
        expect(word.xMax <= from + 0.8 || word.xMin >= to - 0.8, `"${word.text}" on page ${page.number} crosses the gutter`).toBe(true);
      }
    }
  });

  test('pdftotext -layout shows the two columns side by side; -raw reads left column then right', () => {
    const page = bodyPages()[0];
    if (!page) throw new Error('no body page');
    const body = page.placed.filter((placed) => placed.item.line !== undefined && placed.item.column);
    const firstLeft = body.find((placed) => columnOf(placed) === 0);
    const firstRight = body.find((placed) => columnOf(placed) === 1);
    const lastLeft = body.filter((placed) => columnOf(placed) === 0).at(-1);
    if (!firstLeft || !firstRight || !lastLeft) throw new Error('two columns expected on the first page');
    const words = (placed: Placed) => lineText(placed).split(/\s+/).slice(0, 3).join(' ');
    const sameRow = body.find((placed) => columnOf(placed) === 1 && Math.abs(placed.y - firstLeft.y) < 0.01) ?? firstRight;
    const rowLeft = body.find((placed) => columnOf(placed) === 0 && Math.abs(placed.y - sameRow.y) < 0.01);
    if (!rowLeft) throw new Error('no row with two columns');
    const layout = run('pdftotext', ['-layout', '-f', String(page.number), '-l', String(page.number), path, '-']).stdout.split('\n');
    const row = layout.find((line) => line.includes(words(rowLeft)) && line.includes(words(sameRow)));
    expect(row, `a -layout line with "${words(rowLeft)}" and "${words(sameRow)}"`).toBeDefined();
    expect(row?.indexOf(words(rowLeft))).toBeLessThan(row?.indexOf(words(sameRow)) ?? 0);
    const raw = run('pdftotext', ['-raw', '-f', String(page.number), '-l', String(page.number), path, '-']).stdout.replace(/\s+/g, ' ');
    const endLeft = raw.indexOf(words(lastLeft));
    const startRight = raw.indexOf(words(firstRight));
    expect(endLeft).toBeGreaterThanOrEqual(0);
    expect(startRight).toBeGreaterThan(endLeft);
  });

  test('the tag tree reads the columns in order: left column, then right, band by band', async () => {
    const tagged = await structureText(bytes);
    // Expected: every tagged text box of the layout, page by page, column by column, then the notes.
    const expected = pages
      .flatMap((page) => [...page.placed, ...page.notes])
      .flatMap((placed) => (placed.item.artifact ? [] : texts(placed.item).filter((box) => !box.artifact && (box.tag ?? placed.item.tag))))
      .map((box) => box.text)
      .join('')
      .replace(/[^\p{L}]/gu, '');
    expect(tagged.length).toBeGreaterThan(5000);
    expect(tagged).toBe(expected);
  });

  test('the pull quote reads across the page between rules in the painted PDF', () => {
    const text = run('pdftotext', ['-layout', path, '-']).stdout;
    expect(text).toMatch(/People kept asking who would run it\. In the end the answer was simply: us\./);
    expect(text).toContain('— Agnes Thorley, chair of the cooperative');
  });
});
