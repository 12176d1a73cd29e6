import { readdirSync, existsSync } from 'node:fs';
import JSZip from 'jszip';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Publication } from '../src/ast/publication.js';
import { renderEpub } from '../src/render/epub/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { fullPublication, minimalPublication, renderOptions } from './helpers/epub-publication.js';
import { publicationFromFile } from './helpers/publication.js';

async function unzip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

async function read(zip: JSZip, path: string): Promise<string> {
  const entry = zip.file(path);
  if (!entry) throw new Error(`${path} is not in the EPUB (entries: ${Object.keys(zip.files).join(', ')})`);
  return entry.async('string');
}

function count(haystack: string, needle: string | RegExp): number {
  return typeof needle === 'string' ? haystack.split(needle).length - 1 : (haystack.match(new RegExp(needle.source, 'g')) ?? []).length;
}

describe('renderEpub on a hand-built publication', () => {
  let pub: Publication;
  let bytes: Uint8Array;
  let zip: JSZip;
  let opf: string;
  let ch1: string;
  let ch2: string;
  let credits: string;
  let nav: string;

  beforeAll(async () => {
    pub = fullPublication();
    bytes = await renderEpub(pub, renderOptions());
    zip = await unzip(bytes);
    opf = await read(zip, 'OEBPS/content.opf');
    ch1 = await read(zip, 'OEBPS/ch-1.xhtml');
    ch2 = await read(zip, 'OEBPS/ch-2.xhtml');
    credits = await read(zip, 'OEBPS/credits.xhtml');
    nav = await read(zip, 'OEBPS/toc.xhtml');
  });

  it('writes mimetype as the first entry, stored, without extra field', () => {
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(0)).toBe(0x04034b50); // local file header
    expect(view.readUInt16LE(8)).toBe(0); // method: STORED
    const nameLength = view.readUInt16LE(26);
    const extraLength = view.readUInt16LE(28);
    expect(view.subarray(30, 30 + nameLength).toString('latin1')).toBe('mimetype');
    expect(extraLength).toBe(0);
    expect(view.subarray(30 + nameLength, 30 + nameLength + 20).toString('latin1')).toBe('application/epub+zip');
  });

  it('fixes every entry date to meta.modified and writes no folder entries', () => {
    for (const entry of Object.values(zip.files)) {
      expect(entry.dir).toBe(false);
      expect(entry.date.toISOString()).toBe('2026-03-14T08:30:00.000Z');
    }
  });

  it('writes package metadata from the publication', () => {
    expect(opf).toContain('<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="fr">');
    expect(opf).not.toContain('xml:lang="en"');
    expect(opf).toContain('<dc:language>fr</dc:language>');
    expect(opf).toContain('<dc:identifier id="pub-id">urn:uuid:2f1d6c2e-7d0a-5b1e-9a57-3c1f0e4b8a11</dc:identifier>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-03-14T08:30:00Z</meta>');
    expect(opf).toContain('<dc:date>2026-03-14</dc:date>');
    expect(opf).toContain('<dc:creator id="creator-1">Camille Durand</dc:creator>');
    expect(opf).toContain('<dc:creator id="creator-2">Alex Smith</dc:creator>');
    expect(count(opf, '<dc:creator ')).toBe(2);
    expect(opf).toContain('<dc:title id="title">Folio &amp; co : un recueil &lt;test&gt;</dc:title>');
    expect(opf).toContain('<dc:description>A test publication for the EPUB renderer.</dc:description>');
    expect(opf).toContain('properties="nav"');
    expect(opf).toMatch(/<spine toc="ncx">\s*<itemref idref="cover"\/>\s*<itemref idref="nav"\/>\s*<itemref idref="ch-1"\/>\s*<itemref idref="ch-2"\/>\s*<itemref idref="credits"\/>/);
  });

  it('puts every image in the manifest and the zip, served from memory', async () => {
    expect(opf).toContain('<item id="img-hero" href="images/img-hero.png" media-type="image/png" properties="cover-image"/>');
    for (const name of ['img-hero', 'img-photo', 'img-map']) {
      expect(opf).toMatch(new RegExp(`<item id="${name}" href="images/${name}.png" media-type="image/png"( properties="cover-image")?/>`));
      const data = await zip.file(`OEBPS/images/${name}.png`)?.async('uint8array');
      expect(data).toEqual(pub.assets.get(name)?.data);
    }
    for (const src of ch1.matchAll(/<img src="([^"]+)"/g)) expect(zip.file(`OEBPS/${src[1] ?? ''}`)).not.toBeNull();
  });

  it('sets lang and xml:lang from each chapter on every document', () => {
    expect(ch1).toContain('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="fr" xml:lang="fr">');
    expect(ch2).toContain('lang="en" xml:lang="en"');
    expect(nav).toContain('lang="fr" xml:lang="fr"');
    expect(credits).toContain('lang="fr" xml:lang="fr"');
    expect(ch1.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n')).toBe(true);
  });

  it('renders the title block: h1, standfirst, byline, hero and its credit', () => {
    const header = /<header class="title-block">([\s\S]*?)<\/header>/.exec(ch1)?.[1] ?? '';
    expect(header).toContain('<h1 id="ch-1-title" class="title">Le <em>titre</em> de l’article</h1>');
    expect(header).toContain('<p class="standfirst">Un chapeau qui résume l’article en une phrase.</p>');
    expect(header).toContain('<p class="byline">Par Camille Durand et Alex Smith</p>');
    expect(header).toMatch(/<figure id="fig-1" class="hero">\s*<img src="images\/img-hero.png" alt="Une baie vitrée au petit matin" width="24" height="12" \/>/);
    expect(header).toContain('<small class="credit" id="credit-1" role="doc-credit">');
    expect(ch1).toContain('<section id="ch-1" class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="ch-1-title">');
  });

  it('renders sections with their headings, nested', () => {
    expect(ch1).toMatch(/<section id="de-quoi-on-parle" class="level-2">\s*<h2>De quoi on parle \?<\/h2>/);
    expect(ch1).toMatch(/<section id="detail" class="level-3">\s*<h3>Le détail<\/h3>/);
  });

  it('renders pull quotes as asides: repeated ones hidden, standalone ones read', () => {
    const asides = [...ch1.matchAll(/<aside class="pull-quote"[^>]*>[\s\S]*?<\/aside>/g)].map((m) => m[0]);
    expect(asides).toHaveLength(2);
    const [repeated = '', standalone = ''] = asides;
    expect(repeated).toContain('epub:type="pullquote" role="doc-pullquote" aria-hidden="true"');
    expect(repeated).not.toContain('<a ');
    expect(repeated).toContain('une phrase qui mérite d’être répétée');
    expect(standalone).toContain('epub:type="pullquote" role="doc-pullquote">');
    expect(standalone).not.toContain('aria-hidden');
    expect(standalone).toContain('<p class="attribution">Quelqu’un</p>');
  });

  it('renders figures with caption and a doc-credit element linked to the credits page', () => {
    expect(ch1).toMatch(/<figure id="fig-2">\s*<img src="images\/img-photo.png" alt="Un atelier de reliure" width="16" height="16" \/>\s*<figcaption>/);
    expect(ch1).toContain(
      '<figcaption><span class="caption">L’atelier, <em>en mars</em></span> <small class="credit" id="credit-2" role="doc-credit"><a href="credits.xhtml#credits-credit-2" class="credit-link">Photo : <em>Camille</em> Durand</a> (<a href="https://creativecommons.org/licenses/by/4.0/" class="license">CC BY 4.0</a>)</small></figcaption>',
    );
    expect(ch2).toContain('© Map &#x26; Co &#x3C;Ltd&gt;');
  });

  it('renders EPUB 3 footnotes with noterefs, asides and backlinks', () => {
    expect(ch1).toContain('<sup><a href="#ch-1-fn-1" id="ch-1-fnref-1" class="noteref" epub:type="noteref" role="doc-noteref">1</a></sup>');
    expect(ch1).toContain('id="ch-1-fnref-1-2"');
    expect(ch1).toContain('<aside id="ch-1-fn-1" class="footnote" epub:type="footnote" role="doc-footnote">');
    expect(ch1).toContain('<aside id="ch-1-fn-2" class="footnote" epub:type="footnote" role="doc-footnote">');
    expect(ch1).toContain('<a href="#ch-1-fnref-1" class="backlink" role="doc-backlink"');
    expect(ch1).toContain('<a href="#ch-1-fnref-1-2" class="backlink" role="doc-backlink"');
    // Notes come last in the chapter, after the body.
    expect(ch1.indexOf('<section class="footnotes"')).toBeGreaterThan(ch1.indexOf('id="detail"'));
    expect(ch2).toContain('<aside id="ch-2-fn-1" class="footnote" epub:type="footnote" role="doc-footnote">');
    expect(ch1).not.toContain('data-footnote');
  });

  it('renders GFM: tables with th scope and alignment classes, task lists, strikethrough, code language', () => {
    expect(ch1).toContain('<th scope="col" class="align-left">Ville</th>');
    expect(ch1).toContain('<td class="align-right">522 000</td>');
    expect(ch1).not.toMatch(/ align="/);
    expect(ch1).toContain('<span class="task-marker task-done" role="img" aria-label="fait">☑</span>');
    expect(ch1).not.toContain('<input');
    expect(ch1).toContain('<del>l’imprimeur</del>');
    expect(ch1).toContain('<a href="https://example.com/folio">https://example.com/folio</a>');
    expect(ch1).toContain('<pre><code class="language-js">const a = 1 &#x3C; 2 &#x26;&#x26; "]]&gt;";');
  });

  it('keeps sanitised raw HTML (here <b>) and reports nothing for it', () => {
    expect(ch1).toContain('et <b>du HTML brut</b>.');
    expect(pub.chapters[0]?.file.messages.filter((m) => m.ruleId === 'html-raw')).toEqual([]);
  });

  it('rewrites links across chapters and drops those that cannot work, with a warning', () => {
    expect(ch1).toContain('<a href="#detail">le détail</a>');
    expect(ch2).toContain('<a href="ch-1.xhtml#de-quoi-on-parle">the first chapter’s opening</a>');
    expect(ch2).not.toContain('#nowhere');
    expect(ch2).not.toContain('other.md');
    const reasons = pub.chapters[1]?.file.messages.map((m) => m.reason) ?? [];
    expect(reasons.some((r) => r.includes('"nowhere"'))).toBe(true);
    expect(reasons.some((r) => r.includes('notes/other.md'))).toBe(true);
  });

  it('renders inline images from the asset store', () => {
    expect(ch2).toContain('<img src="images/img-map.png" alt="tiny inline map" width="20" height="10" class="inline" />');
  });

  it('writes a credits page listing every credit in order, linked to its figure', () => {
    expect(credits).toContain('<section id="credits" class="credits" epub:type="credits" role="doc-credits" aria-labelledby="credits-title">');
    const items = [...credits.matchAll(/<li id="(credits-credit-\d)">[\s\S]*?<a href="([^"]+)" class="figure-link"/g)].map((m) => [m[1], m[2]]);
    expect(items).toEqual([
      ['credits-credit-1', 'ch-1.xhtml#fig-1'],
      ['credits-credit-2', 'ch-1.xhtml#fig-2'],
      ['credits-credit-3', 'ch-2.xhtml#fig-3'],
    ]);
    // Each figure's credit links back to its entry.
    for (const n of [1, 2]) expect(ch1).toContain(`href="credits.xhtml#credits-credit-${n}"`);
    expect(ch2).toContain('href="credits.xhtml#credits-credit-3"');
    // The English chapter's credit keeps its language on the French page.
    expect(credits).toMatch(/<a href="ch-2.xhtml#fig-3" class="figure-link" lang="en" xml:lang="en">/);
  });

  it('writes a nav TOC nested chapters > sections, landmarks, and an NCX', async () => {
    expect(nav).toContain('<nav id="toc" epub:type="toc" role="doc-toc" aria-labelledby="toc-title">');
    expect(nav).toContain(
      '<li><a href="ch-1.xhtml#pourquoi">Pourquoi c’est important ?</a><ol><li><a href="ch-1.xhtml#detail">Le détail</a></li></ol></li>',
    );
    expect(nav).toContain('<li lang="en" xml:lang="en"><a href="ch-2.xhtml">A second chapter</a>');
    expect(nav).toContain('epub:type="landmarks"');
    expect(nav).toContain('<a href="ch-1.xhtml" epub:type="bodymatter">');
    expect(nav).toContain('<a href="credits.xhtml" epub:type="credits">');
    const ncx = await read(zip, 'OEBPS/toc.ncx');
    expect(ncx).toContain('<meta name="dtb:uid" content="urn:uuid:2f1d6c2e-7d0a-5b1e-9a57-3c1f0e4b8a11"/>');
    expect(ncx).toContain('<content src="ch-1.xhtml#detail"/>');
  });

  it('ships the theme stylesheet', async () => {
    expect(await read(zip, 'OEBPS/style.css')).toBe(renderOptions().theme.epub.css);
  });
});

describe('renderEpub determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the same bytes for the same publication, whatever the clock and time zone', async () => {
    const options = renderOptions();
    const first = await renderEpub(fullPublication(), options);
    const savedTz = process.env.TZ;
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2031-07-04T23:59:59Z'));
      process.env.TZ = 'Pacific/Kiritimati';
      const second = await renderEpub(fullPublication(), options);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
});

describe('renderEpub edge cases', () => {
  it('renders a minimal publication without credits page or notes', async () => {
    const zip = await unzip(await renderEpub(minimalPublication(), renderOptions()));
    expect(zip.file('OEBPS/credits.xhtml')).toBeNull();
    const opf = await read(zip, 'OEBPS/content.opf');
    expect(opf).not.toContain('dc:creator');
    expect(opf).toContain('<dc:date>2026-01-01</dc:date>');
    const ch = await read(zip, 'OEBPS/ch-1.xhtml');
    expect(ch).not.toContain('footnotes');
    expect(ch).toContain('<p>Just one paragraph.</p>');
  });

  it('reports an image EPUB 3.2 cannot carry and shows its alt text', async () => {
    const pub = fullPublication();
    const map = pub.assets.get('img-map');
    if (!map) throw new Error('fixture without img-map');
    map.mediaType = 'image/webp';
    const zip = await unzip(await renderEpub(pub, renderOptions()));
    expect(Object.keys(zip.files).some((name) => name.endsWith('.webp'))).toBe(false);
    const ch2 = await read(zip, 'OEBPS/ch-2.xhtml');
    expect(ch2).toContain('<span class="image-missing">A map of the coast</span>');
    expect(pub.chapters[1]?.file.messages.some((m) => m.ruleId === 'epub-image-format' && m.reason.includes('image/webp'))).toBe(true);
  });
});

describe.skipIf(!hasEpubcheck())('EPUBCheck', () => {
  it('reports 0 fatals, 0 errors and 0 warnings on every test EPUB and sample', async () => {
    const options = renderOptions();
    const epubs: Record<string, Uint8Array> = {
      full: await renderEpub(fullPublication(), options),
      minimal: await renderEpub(minimalPublication(), options),
    };
    if (existsSync('manuscripts')) {
      for (const name of readdirSync('manuscripts').filter((n) => n.endsWith('.md')).sort()) {
        epubs[name] = await renderEpub(publicationFromFile(`manuscripts/${name}`).publication, options);
      }
    }
    const results = epubcheck(epubs);
    for (const result of results) {
      const summary = result.messages.map((m) => `${m.severity} ${m.id} ${m.message} @ ${m.locations.join(', ')}`);
      expect({ name: result.name, fatals: result.fatals, errors: result.errors, warnings: result.warnings, summary }).toEqual({
        name: result.name,
        fatals: 0,
        errors: 0,
        warnings: 0,
        summary: result.messages.filter((m) => !['FATAL', 'ERROR', 'WARNING'].includes(m.severity)).map((m) => `${m.severity} ${m.id} ${m.message} @ ${m.locations.join(', ')}`),
      });
    }
    expect(results.length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
