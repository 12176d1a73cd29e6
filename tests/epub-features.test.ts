import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * Issue 3 features of the EPUB renderer: accessibility metadata derived from the
 * content, cover (image or typographic), page list from a hand-made page map, and
 * the EPUB options (embedded fonts, soft hyphens, nbsp fallback).
 */
import { describe, expect, it } from 'vitest';
import type { PageMap } from '../src/ast/page-map.js';
import type { Publication } from '../src/ast/publication.js';
import { renderEpub } from '../src/render/epub/index.js';
import { pageMapOf } from '../src/render/pdf/index.js';
import { publicationFromFile, publicationFromText } from './helpers/publication.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { readEpub, type EpubFiles } from './helpers/epub-invariants.js';
import { fullPublication, minimalPublication, renderOptions } from './helpers/epub-publication.js';

async function render(pub: Publication, extra: Partial<Parameters<typeof renderEpub>[1]> = {}): Promise<EpubFiles> {
  return readEpub(await renderEpub(pub, { ...renderOptions(), ...extra }));
}

const meta = (opf: string, property: string) => [...opf.matchAll(new RegExp(`<meta property="${property}">([^<]*)</meta>`, 'g'))].map((m) => m[1]);

describe('accessibility metadata', () => {
  it('a text-only book: textual access mode, no alternativeText, conformance claimed', async () => {
    const { opf } = await render(minimalPublication());
    expect(meta(opf, 'schema:accessMode')).toEqual(['textual']);
    expect(meta(opf, 'schema:accessModeSufficient')).toEqual(['textual']);
    expect(meta(opf, 'schema:accessibilityFeature')).toEqual(['tableOfContents', 'readingOrder', 'structuralNavigation', 'displayTransformability']);
    expect(meta(opf, 'schema:accessibilityHazard')).toEqual(['none']);
    expect(meta(opf, 'dcterms:conformsTo')).toEqual(['EPUB Accessibility 1.1 - WCAG 2.2 Level AA']);
    expect(meta(opf, 'schema:accessibilitySummary')[0]).toContain('It contains no images');
    expect(opf).not.toContain('a11y:certifiedBy');
  });

  it('images all with alt: visual mode, alternativeText, summary in the book’s language', async () => {
    const { opf } = await render(fullPublication());
    expect(meta(opf, 'schema:accessMode')).toEqual(['textual', 'visual']);
    expect(meta(opf, 'schema:accessModeSufficient')).toEqual(['textual', 'textual,visual']);
    expect(meta(opf, 'schema:accessibilityFeature')).toContain('alternativeText');
    expect(meta(opf, 'schema:accessibilityFeature')).not.toContain('pageBreakMarkers');
    const summary = meta(opf, 'schema:accessibilitySummary')[0] ?? '';
    expect(summary).toContain('Chacune de ses 3 images a une alternative textuelle');
    expect(summary).toContain('exergues');
    expect(meta(opf, 'dcterms:conformsTo')).toHaveLength(1);
  });

  it('an image without alt text: no alternativeText, no conformance claim', async () => {
    const pub = fullPublication();
    const figure = pub.credits[1]?.figure;
    if (!figure) throw new Error('fixture without figure');
    figure.alt = '';
    const { opf } = await render(pub);
    expect(meta(opf, 'schema:accessibilityFeature')).not.toContain('alternativeText');
    expect(meta(opf, 'schema:accessModeSufficient')).toEqual(['textual,visual']);
    expect(meta(opf, 'dcterms:conformsTo')).toEqual([]);
    expect(meta(opf, 'schema:accessibilitySummary')[0]).toContain('ne revendique pas');
  });
});

describe('cover', () => {
  it('uses the hero image as cover-image with a cover page and landmark', async () => {
    const { opf, xhtml } = await render(fullPublication());
    expect(opf).toContain('href="images/img-hero.png" media-type="image/png" properties="cover-image"');
    const cover = xhtml.get('OEBPS/cover.xhtml') ?? '';
    expect(cover).toContain('<img src="images/img-hero.png" alt="Une baie vitrée au petit matin" epub:type="cover" role="doc-cover" />');
    expect(xhtml.get('OEBPS/toc.xhtml')).toContain('<a href="cover.xhtml" epub:type="cover">Couverture</a>');
  });

  it('generates a typographic SVG cover from title, subtitle and authors when there is no image', async () => {
    const pub = minimalPublication();
    pub.meta.subtitle = 'A subtitle & more';
    pub.meta.authors = ['Ann Author'];
    const files = await render(pub);
    expect(files.opf).toContain('<item id="cover-image" href="cover.svg" media-type="image/svg+xml" properties="cover-image"/>');
    const svg = (await files.zip.file('OEBPS/cover.svg')?.async('string')) ?? '';
    expect(svg).toContain('>Minimal</text>');
    expect(svg).toContain('A subtitle &amp; more');
    expect(svg).toContain('Ann Author');
    expect(files.xhtml.get('OEBPS/cover.xhtml')).toContain('alt="Cover: Minimal. A subtitle &#x26; more — By Ann Author"');
  });
});

describe('page list from the PDF page map', () => {
  function pageMap(pub: Publication): PageMap {
    const [ch1, ch2] = pub.chapters;
    if (!ch1 || !ch2) throw new Error('two chapters expected');
    const first = ch1.tree.children[0];
    const paragraph = first?.type === 'section' ? first.children[1] : undefined;
    const detail = ch1.tree.children[1]?.type === 'section' ? ch1.tree.children[1].children.find((c) => c.type === 'section') : undefined;
    const list = detail?.type === 'section' ? detail.children.find((c) => c.type === 'list') : undefined;
    const item = list?.type === 'list' ? list.children[1] : undefined;
    if (!paragraph || !item) throw new Error('fixture shape changed');
    return [
      { page: 1, offset: 0 },
      { page: 2, chapterId: 'ch-1', offset: 0 },
      { page: 3, chapterId: 'ch-1', node: paragraph, offset: 10 },
      { page: 4, chapterId: 'ch-1', node: item, offset: 0 },
      { page: 5, chapterId: 'ch-2', offset: 0 },
      { page: 6, offset: 0 },
    ];
  }

  it('writes doc-pagebreak markers where the pages start, a page-list nav, NCX pageList and metadata', async () => {
    const pub = fullPublication();
    const files = await render(pub, { pageMap: pageMap(pub) });
    const marker = (n: number) => `<span id="page-${n}" class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" aria-label="${n}"></span>`;
    expect(files.xhtml.get('OEBPS/cover.xhtml')).toContain(marker(1));
    const ch1 = files.xhtml.get('OEBPS/ch-1.xhtml') ?? '';
    expect(ch1).toMatch(new RegExp(`<section id="ch-1"[^>]*>\\s*${marker(2)}\\s*<header`));
    expect(ch1).toContain(`<p>Un paragra${marker(3)}phe d’ouverture`); // 10 characters in
    expect(ch1).toMatch(new RegExp(`<li class="task-list-item">${marker(4)}<span class="task-marker`));
    expect(files.xhtml.get('OEBPS/ch-2.xhtml')).toContain(marker(5));
    expect(files.xhtml.get('OEBPS/credits.xhtml')).toContain(marker(6));
    const nav = files.xhtml.get('OEBPS/toc.xhtml') ?? '';
    expect(nav).toContain('<nav id="page-list" class="page-list" epub:type="page-list" role="doc-pagelist"');
    expect([...nav.matchAll(/<li><a href="([^"]+#page-\d+)">(\d+)<\/a><\/li>/g)].map((m) => `${m[2]}=${m[1]}`)).toEqual([
      '1=cover.xhtml#page-1', '2=ch-1.xhtml#page-2', '3=ch-1.xhtml#page-3', '4=ch-1.xhtml#page-4', '5=ch-2.xhtml#page-5', '6=credits.xhtml#page-6',
    ]);
    const ncx = (await files.zip.file('OEBPS/toc.ncx')?.async('string')) ?? '';
    expect(ncx).toContain('<meta name="dtb:totalPageCount" content="6"/>');
    expect(ncx).toContain('<pageTarget id="pagetarget-3" type="normal" value="3"');
    expect(meta(files.opf, 'schema:accessibilityFeature')).toEqual(expect.arrayContaining(['pageBreakMarkers', 'printPageNumbers']));
    expect(files.opf).toContain('<meta refines="#page-source" property="source-of">pagination</meta>');
  });

  it('follows the PDF: every page of pageMapOf for a sample is in the page list, in order', async () => {
    const { publication } = publicationFromFile('manuscripts/field-guide.md');
    const map = pageMapOf(publication, renderOptions());
    expect(map.length).toBeGreaterThan(3);
    const files = await render(publication, { pageMap: map });
    const nav = files.xhtml.get('OEBPS/toc.xhtml') ?? '';
    const listed = [...nav.matchAll(/<li><a href="[^"]+#page-(\d+)">(\d+)<\/a><\/li>/g)].map((m) => Number(m[2]));
    expect(listed).toEqual(map.map((start) => start.page));
  });

  it('writes no page list without a page map', async () => {
    const files = await render(fullPublication());
    expect(files.xhtml.get('OEBPS/toc.xhtml')).not.toContain('page-list');
    expect(files.opf).not.toContain('dc:source');
  });
});

describe('EPUB options', () => {
  it('embeds the theme’s text and mono fonts with @font-face rules', async () => {
    const files = await render(minimalPublication(), { epub: { embedFonts: true, softHyphens: false, nbspFallback: false } });
    expect(files.opf).toContain('<item id="font-text-regular" href="fonts/font-text-regular.ttf" media-type="font/ttf"/>');
    expect(files.zip.file('OEBPS/fonts/font-mono-regular.ttf')).not.toBeNull();
    const css = (await files.zip.file('OEBPS/style.css')?.async('string')) ?? '';
    expect(css).toContain('src: url("fonts/font-text-italic.ttf");');
  });

  it('writes soft hyphens in text (not in code) and U+00A0 for U+202F when asked', async () => {
    const pub = fullPublication();
    const first = pub.chapters[0];
    if (first) first.subtitle = 'Un chapeau\u202Fsur la typographie';
    const plain = await render(fullPublication());
    expect(plain.xhtml.get('OEBPS/ch-1.xhtml')).not.toContain('\u00AD');
    const files = await render(pub, { epub: { embedFonts: false, softHyphens: true, nbspFallback: true } });
    const ch1 = files.xhtml.get('OEBPS/ch-1.xhtml') ?? '';
    expect(ch1).toContain('\u00AD');
    expect(ch1).not.toContain('\u202F');
    expect(ch1).toMatch(/peau\u00A0sur/);
    expect(/<code[^>]*>[^<]*\u00AD/.test(ch1)).toBe(false);
  });
});

describe('raw HTML split across nodes', () => {
  it('pairs inline and block start/end tags around Markdown, drops strays, reports with positions', async () => {
    const text = [
      '---',
      'title: "Split"',
      'lang: en',
      '---',
      '',
      'A <span class="k">kept *span*</span>, a stray </em> end tag and <q cite="javascript:x()">a quote</q>.',
      '',
      '<section class="box">',
      '',
      'Inside the *box*.',
      '',
      '</section>',
      '',
      '<b onclick="x()">bold',
      '',
    ].join('\n');
    const { publication, file } = publicationFromText(text, import.meta.dirname, 'split.md');
    const ch = (await render(publication)).xhtml.get('OEBPS/ch-1.xhtml') ?? '';
    expect(ch).toContain('A <span class="k">kept <em>span</em></span>, a stray  end tag and <q>a quote</q>.');
    expect(ch).toMatch(/<section class="box">\s*<p>Inside the <em>box<\/em>.<\/p>\s*<\/section>/);
    expect(ch).toContain('<b>bold</b>');
    const reasons = file.messages.filter((m) => m.ruleId === 'html-raw').map((m) => `${m.line ?? ''}:${m.column ?? ''} ${m.reason}`);
    expect(reasons).toEqual([
      '6:65 raw HTML sanitised: javascript: URL removed from <q>',
      '14:1 raw HTML sanitised: event handler onclick removed',
    ]);
  });

  it('an inline element opened around blocks becomes a div with global attributes only', async () => {
    const text = ['---', 'title: "Wrap"', 'lang: en', '---', '', '<a href="/bar" id="keep" title="t">', '', 'First block.', '', 'Second block.', ''].join('\n');
    const { publication } = publicationFromText(text, import.meta.dirname, 'wrap.md');
    const ch = (await render(publication)).xhtml.get('OEBPS/ch-1.xhtml') ?? '';
    expect(ch).toMatch(/<div id="keep" title="t">\s*<p>First block.<\/p>/);
    expect(ch).not.toMatch(/<div[^>]*href=/);
  });

  it('a table cell whose headers name no header cell of its table loses them, with a warning; EPUBCheck passes', async () => {
    const text = [
      '---',
      'title: "Headers"',
      'lang: en',
      '---',
      '',
      '<table><thead><tr><th id="year">Year</th><th id="count">Count</th></tr></thead>',
      '<tbody><tr><td headers="yaer">1970</td><td headers="count total">12</td></tr></tbody></table>',
      '',
    ].join('\n');
    const { publication, file } = publicationFromText(text, import.meta.dirname, 'headers.md');
    const bytes = await renderEpub(publication, renderOptions());
    const ch = (await readEpub(bytes)).xhtml.get('OEBPS/ch-1.xhtml') ?? '';
    expect(ch).toContain('<td>1970</td>');
    expect(ch).toContain('<td headers="count">12</td>');
    const reasons = file.messages.filter((m) => m.ruleId === 'html-raw').map((m) => m.reason);
    expect(reasons).toEqual(['headers "yaer" of a table cell names no header cell of its table; removed', 'headers "total" of a table cell names no header cell of its table; removed']);
    if (hasEpubcheck()) expect(epubcheck({ headers: bytes })[0]?.errors).toBe(0);
  });
});

describe('credits page', () => {
  it('gives an inline image inside a credit by its alt text, never its raw URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-credit-'));
    mkdirSync(join(dir, 'images'));
    copyFileSync(join(import.meta.dirname, '..', 'manuscripts', 'images', 'field-guide-tallies.png'), join(dir, 'images', 'a.png'));
    const text = ['---', 'title: "Credit"', 'lang: en', '---', '', '![A chart](images/a.png)', '', '© Photo ![Agency logo](images/a.png) Agency', ''].join('\n');
    const { publication } = publicationFromText(text, dir, 'credit.md');
    const credits = (await render(publication)).xhtml.get('OEBPS/credits.xhtml') ?? '';
    expect(credits).toContain('Agency logo');
    expect(credits).not.toContain('images/a.png');
  });
});
