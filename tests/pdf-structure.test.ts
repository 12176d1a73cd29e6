/**
 * Navigation and structure of real PDFs, read back with pdf.js: the tagged structure
 * (roles, alt text, Link elements holding their text and their annotation), the nested
 * outline, link targets, the printed contents (page numbers, bylines, hanging indent,
 * depth) and the cover on the title page. Built from the sample manuscripts and from
 * tests/fixtures/pdf-collection (a folio.yaml collection of three articles).
 * The raw-bytes checks of the tagged PDF (qpdf) live in pdf-engine.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { defaultPdfOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication, renderPdf } from '../src/render/pdf/index.js';
import { asset, bookPublication, briefPublication, chapter, makePng, markdown } from './helpers/pdf-publication.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { annotationIds, collectionPublication, destPage, elements, load, outlineTree, pageText, samplePublication, textItems, walk, type Loaded, type StructNode } from './helpers/pdfjs-read.js';

const theme = loadTheme('default');

/** Every link annotation sits in a Link element that also holds marked content (its text). */
function expectTaggedLinks(loaded: Loaded): void {
  const linkElements = elements(loaded.trees, 'Link');
  const tagged = new Map<string, StructNode>();
  for (const link of linkElements) for (const id of annotationIds(link)) tagged.set(id, link);
  for (const annotation of loaded.links) {
    const link = tagged.get(annotation.id);
    expect(link, `annotation ${annotation.id} (${annotation.url ?? annotation.dest}) on p.${annotation.page} has a Link element`).toBeDefined();
    expect(link?.children?.some((c) => c.type === 'content'), `Link of ${annotation.url ?? annotation.dest} holds its text`).toBe(true);
    expect(annotation.contents.trim(), `Contents of ${annotation.url ?? annotation.dest}`).not.toBe('');
  }
}

describe('a book: the field guide', () => {
  let book: Loaded;
  beforeAll(async () => {
    book = await load(samplePublication('field-guide.md'));
  });

  test('structure roles, figure alt text, code and notes', () => {
    const roles = new Set(book.trees.flatMap((tree) => [...walk(tree)].map((node) => node.role).filter((role): role is string => role !== undefined)));
    for (const role of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Caption', 'Note', 'Link', 'Code', 'TOC', 'TOCI']) {
      expect(roles, role).toContain(role);
    }
    const figures = elements(book.trees, 'Figure');
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const figure of figures) expect(figure.alt?.trim(), 'Figure alt text').toBeTruthy();
    // Figures have captions, notes their number as a label.
    for (const note of elements(book.trees, 'Note')) expect(note.children?.[0]?.role).toBe('Lbl');
  });

  test('every link annotation is tagged: Link element with its text, OBJR, /StructParent, /Contents', () => {
    expect(book.links.length).toBeGreaterThan(20);
    expectTaggedLinks(book);
    const external = book.links.filter((link) => link.url);
    expect(external.map((link) => link.url)).toEqual(expect.arrayContaining(['https://en.wikipedia.org/wiki/Transect', 'https://www.python.org/', 'https://en.wikipedia.org/wiki/Citizen_science', 'https://en.wikipedia.org/wiki/Bird_count']));
    const citizen = external.find((link) => link.url === 'https://en.wikipedia.org/wiki/Citizen_science');
    expect(citizen?.contents).toBe('citizen science (https://en.wikipedia.org/wiki/Citizen_science)');
  });

  test('footnote calls link to their notes and the notes back to their calls', async () => {
    const calls = book.links.filter((link) => link.dest?.startsWith('fn-'));
    const backs = book.links.filter((link) => link.dest?.startsWith('fnref-'));
    expect(calls.length).toBe(3);
    expect(backs.length).toBe(3);
    for (const call of calls) {
      expect(call.contents).toMatch(/^Footnote \d+$/);
      // A note is set at the foot of its call's page.
      expect(await destPage(book.pdf, call.dest ?? '')).toBe(call.page);
    }
    for (const back of backs) expect(back.contents).toMatch(/^Back to the call of note \d+$/);
    // The back-link is the note's label: Note > Lbl > Link.
    for (const lbl of elements(book.trees, 'Lbl').filter((l) => l.children?.[0]?.role === 'Link')) expect(annotationIds(lbl.children?.[0] ?? {}).length).toBe(1);
    expect(elements(book.trees, 'Note').every((note) => note.children?.[0]?.children?.[0]?.role === 'Link')).toBe(true);
  });

  test('outline: chapters > sections > subsections, each on its page', async () => {
    const outline = outlineTree(await book.pdf.getOutline());
    expect(outline.map((item) => item.title)).toEqual(['Contents', 'Before You Go', 'In the Field', 'After the Walk', 'Keeping It Going', 'Image credits']);
    const first = outline[1];
    expect(first?.items.map((item) => item.title)).toEqual(['Why count at all', 'Choosing a transect', 'What to bring']);
    expect(first?.items[1]?.items.map((item) => item.title)).toEqual(['Walking pace', 'Weather rules']);
    expect(outline[3]?.items[1]?.items.map((item) => item.title)).toEqual(['Reading the chart']);
  });

  test('printed contents: chapters and (book default) ## sections, numbers that match the pages, GoTo links', async () => {
    const tocPage = 2;
    const text = await pageText(book.pdf, tocPage);
    expect(text).toMatch(/^Contents Before You Go/);
    const entries = book.links.filter((link) => link.page === tocPage);
    const dests = entries.map((link) => link.dest);
    expect(dests).toEqual(expect.arrayContaining(['chapter-ch-1', 'chapter-ch-2', 'chapter-ch-3', 'chapter-ch-4']));
    // 4 chapters and their 11 sections (### subsections are left to the outline).
    expect(new Set(dests).size).toBe(4 + 11);
    for (const entry of entries) {
      const target = await destPage(book.pdf, entry.dest ?? '');
      const match = /^(.*), page (\d+)$/.exec(entry.contents);
      expect(match, entry.contents).not.toBeNull();
      expect(Number(match?.[2]), entry.contents).toBe(target);
      // Title and number are printed, and the title is on the page the entry links to.
      expect(text).toContain(match?.[1] ?? '');
      expect(text).toMatch(new RegExp(`(^| )${target}( |$)`));
      expect(await pageText(book.pdf, target)).toContain(match?.[1] ?? '');
    }
    // TOC > TOCI > Link and TOCI > TOC > TOCI for the sections.
    const toc = elements(book.trees, 'TOC')[0];
    const chapterItems = (toc?.children ?? []).filter((c) => c.role === 'TOCI');
    expect(chapterItems.length).toBe(4);
    expect(chapterItems[0]?.children?.map((c) => c.role)).toEqual(['Link', 'TOC']);
    expect(chapterItems[0]?.children?.[1]?.children?.every((c) => c.role === 'TOCI' && c.children?.[0]?.role === 'Link')).toBe(true);
  });

  test.skipIf(!hasTool('qpdf'))('in the bytes: each Link annotation has /StructParent, /Contents and an OBJR on its page', () => {
    const expanded = pdfFile(new Uint8Array(0), 'structure-qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', pdfFile(book.bytes, 'structure.pdf'), expanded]);
    const raw = readFileSync(expanded, 'latin1');
    const objects = new Map<string, string>();
    for (const match of raw.matchAll(/^(\d+) 0 obj\n([\s\S]*?)\nendobj/gm)) objects.set(match[1] ?? '', match[2] ?? '');
    const annotations = [...objects].filter(([, body]) => /\/Subtype \/Link\b/.test(body));
    expect(annotations.length).toBe(book.links.length);
    const objrs = [...raw.matchAll(/\/Obj (\d+) 0 R\s*\/Pg (\d+) 0 R\s*\/Type \/OBJR|\/Type \/OBJR[\s\S]{0,80}?\/Obj (\d+) 0 R/g)].map((m) => m[1] ?? m[3]);
    // The ParentTree maps an annotation's /StructParent straight to its element (pages map to arrays).
    const nums = /\/ParentTree <<[\s\S]*?\/Nums \[([\s\S]*?)\n {2}\]\n>>/.exec(raw)?.[1] ?? '';
    const parents = new Map([...nums.matchAll(/^\s*(\d+)\s*\n\s*(\d+) 0 R$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
    for (const [id, body] of annotations) {
      const key = /\/StructParent (\d+)/.exec(body)?.[1];
      expect(key, `annotation ${id}: /StructParent`).toBeDefined();
      expect(objects.get(parents.get(key ?? '') ?? ''), `annotation ${id}: ParentTree entry ${key}`).toMatch(/\/S \/Link\b/);
      expect(body, `annotation ${id}`).toMatch(/\/Contents \((?!\))/);
      expect(objrs, `OBJR of annotation ${id}`).toContain(id);
    }
    // Tab order follows the structure on every page (PDF/UA 7.18.3).
    expect(raw.match(/\/Type \/Page\b/g)?.length).toBe(raw.match(/\/Tabs \/S/g)?.length);
  });

  test('pdf.tocDepth: 1 lists chapters only', async () => {
    const flat = await load(samplePublication('field-guide.md'), { ...defaultPdfOptions, tocDepth: 1 });
    expect(flat.links.filter((link) => link.page === 2).map((link) => link.dest)).toEqual(['chapter-ch-1', 'chapter-ch-2', 'chapter-ch-3', 'chapter-ch-4']);
    expectTaggedLinks(flat);
  });

  test('title page: the cover image above the title, tagged as a Figure with alt text', async () => {
    const page = await book.pdf.getPage(1);
    const figure = elements([book.trees[0] ?? {}], 'Figure')[0];
    expect(figure?.alt).toMatch(/^A misty wetland/);
    expect(figure?.children?.some((c) => c.type === 'content')).toBe(true);
    const ops = await page.getOperatorList();
    expect(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length).toBe(1);
    // Read first: the cover, then the title, subtitle, authors and imprint.
    const sect = elements([book.trees[0] ?? {}], 'Sect')[0];
    expect(sect?.children?.map((c) => c.role)).toEqual(['Figure', 'P', 'P', 'P', 'P']);
    expect(await pageText(book.pdf, 1)).toBe('Counting the Marsh A field guide to volunteer bird surveys on small wetland reserves Ada Penhallow and Tomas Greer Saltmere Fen Trust · 2026');
  });
});

describe('a collection: tests/fixtures/pdf-collection', () => {
  let collection: Loaded;
  beforeAll(async () => {
    const { pub, pdf } = collectionPublication();
    collection = await load(pub, pdf);
  });

  test('contents: title, byline and page number of each article; long titles hang', async () => {
    const items = await textItems(collection.pdf, 2);
    const text = items.map((item) => item.text).join(' ');
    expect(text).toContain('Mara Quill and Jon Ferris');
    expect(text).toContain('Ada Penhallow');
    const entries = collection.links.filter((link) => link.page === 2);
    // Articles only by default in a collection; the first title takes two lines (two link areas).
    expect(entries.map((link) => link.dest)).toEqual(['chapter-ch-1', 'chapter-ch-1', 'chapter-ch-2', 'chapter-ch-3']);
    for (const entry of entries) expect(Number(/page (\d+)$/.exec(entry.contents)?.[1])).toBe(await destPage(collection.pdf, entry.dest ?? ''));
    // Hanging indent: the second line of the long title starts right of the first;
    // the page number sits on that last line, at the right edge.
    const first = items.find((item) => item.text.startsWith('Port Ellery'));
    const second = items.find((item) => item.text.startsWith('diesel bill'));
    expect(first && second).toBeTruthy();
    expect((second?.x ?? 0) - (first?.x ?? 0)).toBeGreaterThan(8);
    const onSecond = items.filter((item) => Math.abs(item.y - (second?.y ?? 0)) < 1);
    const number = onSecond[onSecond.length - 1];
    expect(number?.text).toBe(String(await destPage(collection.pdf, 'chapter-ch-1')));
    expect(onSecond.some((item) => item.text.includes('. .') || item.text === '.')).toBe(true);
    // The byline is under the title, not on the number's line.
    const byline = items.find((item) => item.text.startsWith('Mara Quill'));
    expect(byline?.y).toBeLessThan(second?.y ?? 0);
    // The editorial has no author: no byline.
    expect(text).not.toMatch(/editors\s+\.+\s*\d+\s+The Editors/);
    // TOCI > Link (title and number) + P (byline).
    const toc = elements(collection.trees, 'TOC')[0];
    expect(toc?.children?.filter((c) => c.role === 'TOCI').map((c) => c.children?.map((k) => k.role).join('+'))).toEqual(['Link+P', 'Link+P', 'Link']);
    expectTaggedLinks(collection);
  });

  test('outline: articles > sections; links of every kind tagged', async () => {
    const outline = outlineTree(await collection.pdf.getOutline());
    expect(outline.map((item) => item.title)).toEqual(['Contents', 'Port Ellery bets on battery ferries to cut the harbour’s diesel bill and its noise', 'Lowering the lagoons', 'A word from the editors', 'Image credits']);
    expect(outline[1]?.items.map((item) => item.title)).toEqual(['What changes', 'Why it matters', 'What comes next']);
    expect(outline[2]?.items.map((item) => item.title)).toEqual(['The plan', 'The counts']);
    const urls = collection.links.filter((link) => link.url).map((link) => link.url);
    expect(urls).toEqual(expect.arrayContaining(['https://example.org/ferries', 'https://example.org/tender']));
    // A cross-reference to a section lands on that section's page.
    const cross = collection.links.find((link) => link.dest === 'what-changes');
    expect(cross?.contents).toBe('what changes');
    expect(await destPage(collection.pdf, 'what-changes')).toBe(3);
  });

  test('title page: the first article’s hero is the cover', () => {
    const figure = elements([collection.trees[0] ?? {}], 'Figure')[0];
    expect(figure?.alt).toMatch(/^A harbour at dusk/);
  });
});

describe('links across lines and in repeated text', () => {
  test('a link broken over three lines is one Link element with three annotations, each describing the whole link', async () => {
    const words = 'a link whose text is long enough to run over several lines of the measure, so that it needs more than one clickable area';
    const tree = markdown(`Some text before [${words}](https://example.org/long) and after it, then [a short one](https://example.org/short).`);
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Links', tree)], credits: [] };
    const loaded = await load(pub);
    const long = loaded.links.filter((link) => link.url === 'https://example.org/long');
    expect(long.length).toBeGreaterThanOrEqual(2);
    const links = elements(loaded.trees, 'Link');
    expect(links.length).toBe(2);
    expect(annotationIds(links[0] ?? {}).sort()).toEqual(long.map((link) => link.id).sort());
    // Every line's annotation describes the whole link, not just the words up to its line.
    for (const link of long) expect(link.contents).toBe(`${words} (https://example.org/long)`);
    expectTaggedLinks(loaded);
  });

  test('a link hyphenated at line ends is described whole, its words joined again', async () => {
    // Long words at a narrow measure: some line ends inside the link are hyphenated.
    const words = 'incomprehensibilities notwithstanding, extraordinarily uncharacteristically circumstantial documentation accompanies';
    const tree = markdown(`Before [${words}](https://example.org/hyphens) after.`);
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Hyphens', tree)], credits: [] };
    const base = loadTheme('default');
    const narrow = { ...base, pdf: { ...base.pdf, pageSize: { name: 'narrow', width: 200, height: 400 }, margins: { top: 30, bottom: 30, inner: 30, outer: 30 } } };
    const bytes = await renderPdf(pub, { theme: narrow, pdf: defaultPdfOptions });
    const pages = [...new Set((await load(pub, defaultPdfOptions, narrow)).links.filter((link) => link.url === 'https://example.org/hyphens').map((link) => link.contents))];
    expect(pages).toEqual([`${words} (https://example.org/hyphens)`]);
    // The layout did hyphenate inside the link (else this test would not test the join): "incomprehensibili-".
    const text = run('pdftotext', ['-layout', pdfFile(bytes), '-']).stdout;
    expect(text).toMatch(/[a-z]-\n/);
  });

  test('a repeated pull quote (an artifact) keeps no link annotation: the original text has it', async () => {
    const tree = markdown('The mayor said [the quay will be quiet](https://example.org/quay) by June.\n\nMore text after the quote.');
    tree.children.splice(1, 0, { type: 'pullQuote', repeated: true, children: [{ type: 'link', url: 'https://example.org/quay', children: [{ type: 'text', value: 'the quay will be quiet' }] }] });
    const pub = { ...briefPublication(), chapters: [chapter('ch-1', 'Quotes', tree)], credits: [] };
    const loaded = await load(pub);
    expect(loaded.links.filter((link) => link.url === 'https://example.org/quay').length).toBe(1);
    expect((await pageText(loaded.pdf, 1)).match(/the quay will be quiet/g)?.length).toBe(2);
    expectTaggedLinks(loaded);
  });
});

describe('the cover on the title page', () => {
  function titlePage(title: string, width: number, height: number) {
    const book = bookPublication();
    const pub = { ...book, meta: { ...book.meta, title }, assets: new Map([...book.assets, ['img-hero', asset('img-hero', 'image/png', makePng(width, height), width, height)]]) };
    const pages = layoutPublication(pub, { theme, pdf: defaultPdfOptions });
    return { first: pages[0], second: pages[1] };
  }
  const images = (page: ReturnType<typeof titlePage>['first']) => page?.placed.flatMap((p) => p.item.boxes).filter((b) => b.kind === 'image') ?? [];

  test('a tall cover is scaled to leave room for the title: the title page stays one page', () => {
    const { first, second } = titlePage('A Book', 40, 400);
    const [cover] = images(first);
    expect(cover?.height).toBeCloseTo((theme.pdf.pageSize.height - theme.pdf.margins.top - theme.pdf.margins.bottom) * 0.5, 0);
    expect(second?.placed[0]?.item.outline?.title).toBe('Contents');
  });

  test('the cover shrinks as the title grows, and gives way to a title too long for both', () => {
    const heights = [3, 6, 8].map((n) => images(titlePage('A title that goes on and on, '.repeat(n).trim(), 60, 40).first)[0]?.height ?? 0);
    expect(heights[0]).toBeGreaterThan(heights[1] ?? 0);
    expect(heights[1]).toBeGreaterThan(heights[2] ?? 0);
    expect(heights[2]).toBeGreaterThan(0);
    const { first, second } = titlePage('A title that goes on and on, '.repeat(9).trim(), 60, 40);
    expect(images(first)).toEqual([]);
    expect(second?.placed[0]?.item.outline?.title).toBe('Contents');
  });
});

describe('pdf.tocDepth in folio.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-toc-'));
  function configWith(pdf: string): string {
    const path = join(dir, `folio-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, `title: T\nmanuscripts:\n  - a.md\npdf:\n${pdf}\n`);
    return path;
  }
  function problem(path: string): string {
    try {
      loadConfig(path);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    return '';
  }

  test('1 and 2 are read; anything else is a positioned error; a misspelling gets a suggestion', () => {
    expect(loadConfig(configWith('  tocDepth: 2')).pdf.tocDepth).toBe(2);
    expect(loadConfig(configWith('  tocDepth: 1')).pdf.tocDepth).toBe(1);
    expect(problem(configWith('  tocDepth: 3'))).toMatch(/folio-[a-z0-9]+\.yaml:5:13: error: "pdf\.tocDepth" must be 1 \(chapters\) or 2 \(chapters and sections\) \[config-type\]/);
    expect(problem(configWith('  tocdepth: 2'))).toMatch(/:5:3: error: unknown key "pdf\.tocdepth" \(did you mean "tocDepth"\?\) \[config-unknown-key\]/);
  });
});
