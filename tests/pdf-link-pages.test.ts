/**
 * A link whose text goes on over a page break is one Link element (PDF/UA: one link,
 * one element), whose annotations each have an OBJR naming the page they are on.
 * pdfkit writes an OBJR with the page current when its element ends
 * (src/render/pdf/links.ts, `objrOnOwnPage`, keeps each annotation's own page).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultPdfOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { hasPreflight, preflightA1b } from './helpers/pdfbox.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { annotationIds, elements, load } from './helpers/pdfjs-read.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const url = 'https://example.org/a-very-long-link';
// A link of 700 words and a footnote on its first page: more than a page of A5.
const words = Array.from({ length: 700 }, (_, i) => ['river', 'meadow', 'lantern', 'harbour', 'orchard', 'signal', 'window'][i % 7]).join(' ');
const manuscript = `---\ntitle: A long link\nlang: en\n---\n\nThe opening words, then a note.[^1] [${words}](${url}) and the last words.\n\n[^1]: The note, with [its own link](https://example.org/note).\n`;

function publication() {
  return publicationFromText(manuscript, mkdtempSync(join(tmpdir(), 'folio-link-'))).publication;
}

describe('a link over a page break', () => {
  test('pdf.js finds each page’s annotations of the link under that page’s part of its Link element', async () => {
    const loaded = await load(publication());
    const annotations = loaded.links.filter((link) => link.url === url);
    const pages = [...new Set(annotations.map((link) => link.page))];
    expect(pages.length, 'the link covers two pages or more').toBeGreaterThanOrEqual(2);
    // Every annotation, on every page, describes the whole link.
    expect(new Set(annotations.map((a) => a.contents))).toEqual(new Set([`${words} (${url})`]));
    // pdf.js shows an element in the tree of each page it has content on, with that page's
    // OBJRs only: an OBJR naming another page would put its annotation on the wrong one.
    for (const page of pages) {
      const here = annotations.filter((a) => a.page === page).map((a) => a.id).sort();
      const tree = loaded.trees[page - 1];
      const links = elements(tree ? [tree] : [], 'Link').filter((element) => annotationIds(element).some((id) => annotations.some((a) => a.id === id)));
      expect(links.length, `p.${page}: one Link element`).toBe(1);
      expect(annotationIds(links[0] ?? {}).sort(), `p.${page}`).toEqual(here);
    }
    expect(loaded.links.some((link) => link.url === 'https://example.org/note')).toBe(true);
  });

  test.skipIf(!hasTool('qpdf'))('in the bytes: each OBJR names the page whose /Annots holds its annotation', async () => {
    const bytes = await renderPdf(publication(), { theme, pdf: defaultPdfOptions });
    const expanded = pdfFile(new Uint8Array(0), 'link-pages-qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', pdfFile(bytes, 'link-pages.pdf'), expanded]);
    const raw = readFileSync(expanded, 'latin1');
    const objects = new Map<string, string>();
    for (const match of raw.matchAll(/^(\d+) 0 obj\n([\s\S]*?)\nendobj/gm)) objects.set(match[1] ?? '', match[2] ?? '');
    const pageOf = new Map<string, string>();
    for (const [id, body] of objects) {
      if (!/\/Type \/Page\b/.test(body)) continue;
      const annots = /\/Annots \[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const ref of annots.matchAll(/(\d+) 0 R/g)) pageOf.set(ref[1] ?? '', id);
    }
    const objrs = [...raw.matchAll(/\/Obj (\d+) 0 R\s*\/Pg (\d+) 0 R\s*\/Type \/OBJR/g)];
    expect(objrs.length).toBe(pageOf.size);
    for (const objr of objrs) expect(objr[2], `OBJR of annotation ${objr[1]}`).toBe(pageOf.get(objr[1] ?? ''));
    // The long link's annotations sit on two pages or more, all in one element's /K.
    const long = [...objects].filter(([, body]) => /\/Subtype \/Link\b/.test(body) && body.includes(url)).map(([id]) => id);
    expect(new Set(long.map((id) => pageOf.get(id))).size).toBeGreaterThanOrEqual(2);
    const holders = [...objects].filter(([, body]) => /\/S \/Link\b/.test(body) && long.some((id) => new RegExp(`/Obj ${id} 0 R`).test(body)));
    expect(holders.length).toBe(1);
  });

  test.skipIf(!hasPreflight())('as PDF/A-1b, passes PDFBox Preflight', async () => {
    const bytes = await renderPdf(publication(), { theme, pdf: { ...defaultPdfOptions, pdfa: '1b' } });
    const path = pdfFile(bytes, 'link-pages-pdfa-1b.pdf');
    const result = preflightA1b([path]).get(path);
    expect(result?.errors ?? []).toEqual([]);
    expect(result?.valid).toBe(true);
  }, 300_000);
});
