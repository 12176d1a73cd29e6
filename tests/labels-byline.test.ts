/**
 * What Folio writes itself, in the manuscript's language and the same in both renderers
 * (src/typography/labels.ts); and the byline: names and date on an article's opener,
 * never repeated on the chapters of a book.
 */
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { buildPublication } from '../src/ast/build-publication.js';
import type { Publication } from '../src/ast/publication.js';
import { loadTheme } from '../src/config/theme.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { AssetResolver } from '../src/manuscript/assets.js';
import { bylineText, fill, formatDate, labelsFor } from '../src/typography/labels.js';
import { readEpub } from './helpers/epub-invariants.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const poppler = hasTool('pdftotext');
const images = join(import.meta.dirname, 'fixtures', 'figure-credit');

/** A two-chapter book in `lang`, with a figure and its credit (so that it has a credits page). */
function book(lang: string, date = '2026-03-14'): Publication {
  const text = `---\ntitle: Zwei Kapitel\nauthor: Ada Beispiel\ndate: ${date}\nlang: ${lang}\n---\n\n# Erstes Kapitel\n\nText.\n\n![Ein Bild](images/chart.png)\n\n© Archiv\n\n# Zweites Kapitel\n\nMehr Text.\n`;
  return publicationFromText(text, images).publication;
}

async function epubText(pub: Publication): Promise<{ nav: string; chapters: string; credits: string }> {
  const files = await readEpub(await renderEpub(pub, { theme }));
  const chapters = [...files.xhtml].filter(([name]) => /ch-\d+\.xhtml$/.test(name)).map(([, text]) => text).join('\n');
  return { nav: files.xhtml.get('OEBPS/toc.xhtml') ?? '', chapters, credits: files.xhtml.get('OEBPS/credits.xhtml') ?? '' };
}

async function pdfText(pub: Publication): Promise<string> {
  return run('pdftotext', [pdfFile(await renderPdf(pub, { theme }), `labels-${pub.meta.lang}.pdf`), '-']).stdout;
}

describe('the words Folio writes itself', () => {
  const expected: Array<[string, string, string]> = [
    ['de', 'Inhalt', 'Bildnachweis'],
    ['es', 'Índice', 'Créditos de las imágenes'],
    ['it', 'Indice', 'Crediti delle immagini'],
    ['nl', 'Inhoud', 'Beeldverantwoording'],
    ['fr', 'Sommaire', 'Crédits des images'],
    ['en', 'Contents', 'Image credits'],
  ];
  for (const [lang, contents, credits] of expected) {
    test.skipIf(!poppler)(`${lang}: the EPUB's navigation and the PDF's pages say "${contents}" and "${credits}"`, async () => {
      const pub = book(lang);
      const epub = await epubText(pub);
      expect(epub.nav).toContain(`>${contents}</h1>`);
      expect(epub.credits).toContain(`>${credits}</h1>`);
      const pdf = await pdfText(pub);
      expect(pdf).toContain(contents);
      expect(pdf).toContain(credits);
    });
  }
});

describe('the byline', () => {
  test('dates are written as readers of the language write them', () => {
    expect(formatDate('2026-03-14', 'fr')).toBe('14 mars 2026');
    expect(formatDate('2026-03-14', 'de')).toBe('14. März 2026');
    expect(formatDate('2026-03-14', 'en-GB')).toBe('14 March 2026');
    expect(formatDate('2026-03-14', 'en-US')).toBe('March 14, 2026');
    expect(formatDate('2026-01-01', 'es')).toBe('1 de enero de 2026');
  });

  test.skipIf(!poppler)('an article opens with its authors and date, in both renderers', async () => {
    const text = '---\ntitle: Une brève\nauthor: [Claire Exemple, Jo Test]\ndate: 2026-03-14\nlang: fr\n---\n\n## Le fait\n\nUn paragraphe.\n';
    const { publication } = publicationFromText(text, images);
    const epub = await epubText(publication);
    expect(epub.chapters).toContain('<p class="byline">Par Claire Exemple et Jo Test · <time datetime="2026-03-14">14 mars 2026</time></p>');
    // The names joined as the language joins them, in the PDF as in the EPUB.
    expect(await pdfText(publication)).toContain('Claire Exemple et Jo Test · 14 mars 2026');
  });

  test.skipIf(!poppler)("a book's chapters do not repeat its authors: its title page names them", async () => {
    const pub = book('en');
    expect(pub.chapters.map((chapter) => [chapter.authors, chapter.date])).toEqual([
      [[], undefined],
      [[], undefined],
    ]);
    const epub = await epubText(pub);
    expect(epub.chapters).not.toContain('class="byline"');
    const pdf = await pdfText(pub);
    expect(pdf.split('Ada Beispiel').length - 1).toBe(1);
  });

  test('in a collection, each article opens with its own byline, once, and the first one lends the collection no subtitle', () => {
    const source = (name: string, value: string) => ({ path: join(images, name), file: new VFile({ path: name, value }) });
    const pub = buildPublication(
      [
        source('one.md', '---\ntitle: One\nsubtitle: The first article\ndescription: About the first article\nauthor: Ann A\ndate: 2026-01-02\nlang: en\n---\n\nBody.\n'),
        source('two.md', '---\nauthor: Bo B\ndate: 2026-02-03\nlang: en\n---\n\n# Part one\n\nBody.\n\n# Part two\n\nBody.\n'),
      ],
      { resolver: new AssetResolver(images) },
    );
    expect(pub.chapters.map((chapter) => [chapter.titleText, chapter.authors, chapter.date])).toEqual([
      ['One', ['Ann A'], '2026-01-02'],
      ['Part one', ['Bo B'], '2026-02-03'],
      ['Part two', [], undefined],
    ]);
    // The first article's standfirst opens that article; it is not the collection's subtitle (folio.yaml's is).
    expect(pub.chapters[0]?.subtitle).toBe('The first article');
    expect([pub.meta.subtitle, pub.meta.description]).toEqual([undefined, undefined]);
  });

  test('Chinese and Japanese: their own words, names joined with 、, traditional Chinese by script or region', () => {
    expect(labelsFor('zh-Hans').contents).toBe('目录');
    expect(labelsFor('zh').credits).toBe('图片来源');
    for (const tag of ['zh-Hant', 'zh-TW', 'zh-Hant-HK', 'zh-HK']) expect(labelsFor(tag).contents, tag).toBe('目錄');
    expect(labelsFor('ja').contents).toBe('目次');
    expect(bylineText(['王小明', '李华', '张伟'], labelsFor('zh'))).toBe('文／王小明、李华和张伟');
    expect(bylineText(['Ann', 'Bo', 'Cy'], labelsFor('en'))).toBe('By Ann, Bo and Cy');
    expect(fill(labelsFor('zh').pageRef, { n: 3 })).toBe('第\u00a03\u00a0页');
    expect(fill(labelsFor('de').pageRef, { n: 3 })).toBe('S.\u00a03');
  });

  test("the title page of an issue of dated articles gives the issue's whole date; a book's, its year", async () => {
    const source = (name: string, value: string) => ({ path: join(images, name), file: new VFile({ path: name, value }) });
    const issue = buildPublication(
      [source('a.md', '---\ntitle: Eén\nauthor: An\ndate: 2026-11-25\nlang: nl\n---\n\nTekst.\n'), source('b.md', '---\ntitle: Twee\nauthor: Bo\ndate: 2026-11-26\nlang: nl\n---\n\nTekst.\n')],
      { resolver: new AssetResolver(images), meta: { title: 'Weekoverzicht', lang: 'nl', date: '2026-11-27' } },
    );
    const titlePage = (await pdfText(issue)).split('\f')[0] ?? '';
    expect(titlePage).toContain('27 november 2026');
    const book = buildPublication([source('book.md', '---\ntitle: Boek\nauthor: Cas\ndate: 2026-11-27\nlang: nl\n---\n\n# Een\n\nTekst.\n\n# Twee\n\nTekst.\n')], { resolver: new AssetResolver(images) });
    const bookTitle = (await pdfText(book)).split('\f')[0] ?? '';
    expect(bookTitle).toContain('2026');
    expect(bookTitle).not.toContain('november');
  });
});
