/**
 * Pandoc's link attributes on images, `![alt](src){#id width=50%}`, and the same
 * `width`, `height` and `id` on `::figure`: the figure takes its size and id in both
 * formats, an image inside a line its size (within the line); the `{…}` is never
 * printed; what Folio does not use is reported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Figure } from '../src/ast/nodes.js';
import type { Publication } from '../src/ast/publication.js';
import { parseLength } from '../src/ast/transforms/image-attributes.js';
import { loadTheme } from '../src/config/theme.js';
import { renderEpub } from '../src/render/epub/index.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { readEpub } from './helpers/epub-invariants.js';
import { renderOptions } from './helpers/epub-publication.js';
import { makePng } from './helpers/pdf-publication.js';
import { destPage, load } from './helpers/pdfjs-read.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');
const measure = theme.pdf.pageSize.width - theme.pdf.margins.inner - theme.pdf.margins.outer;

const body = [
  'Before the figures.',
  '',
  '![A harbour at night](wide.png){#harbour width=50%}',
  '',
  '![A tall tower](tall.png "The tower"){height=2in}',
  '',
  '::figure[The map]{src="wide.png" alt="A map" width="30%" #map}',
  '',
  'An icon ![icon](wide.png){height=1em} in a line, ![a spaced one](wide.png) {width=50%} and [the harbour](#harbour), [the map](#map).',
  '',
  '![Labelled](wide.png){#fig:crossref .wide width=abc}',
].join('\n');

function publication(): { pub: Publication; messages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'folio-image-attributes-'));
  writeFileSync(join(dir, 'wide.png'), makePng(800, 400));
  writeFileSync(join(dir, 'tall.png'), makePng(300, 600));
  const { publication: pub, file } = publicationFromText(`---\ntitle: Figures\nlang: en\n---\n\n${body}\n`, dir);
  return { pub, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`) };
}

function figuresOf(pub: Publication): Figure[] {
  return (pub.chapters[0]?.tree.children ?? []).filter((node): node is Figure => node.type === 'figure');
}

describe('lengths', () => {
  test('as Pandoc writes them: per cent of the text width, pixels by default, absolute units, ems', () => {
    expect(parseLength('50%')).toEqual({ value: 50, unit: '%' });
    expect(parseLength('300')).toEqual({ value: 225, unit: 'pt' });
    expect(parseLength('300px')).toEqual({ value: 225, unit: 'pt' });
    expect(parseLength('2in')).toEqual({ value: 144, unit: 'pt' });
    expect(parseLength('2.54cm')?.value).toBeCloseTo(72, 6);
    expect(parseLength('12em')).toEqual({ value: 12, unit: 'em' });
    for (const bad of ['150%', 'abc', '0', '-3px', '10vw', '']) expect(parseLength(bad), bad).toBeUndefined();
  });
});

describe('in the tree', () => {
  test('an image with attributes alone in its paragraph is a figure with that size and id; the {…} is gone', () => {
    const { pub, messages } = publication();
    const figures = figuresOf(pub);
    expect(figures.map((figure) => [figure.id, figure.size])).toEqual([
      ['harbour', { width: { value: 50, unit: '%' } }],
      ['fig-2', { height: { value: 144, unit: 'pt' } }],
      ['map', { width: { value: 30, unit: '%' } }],
      ['fig-4', undefined],
    ]);
    const paragraph = pub.chapters[0]?.tree.children.find((node) => node.type === 'paragraph' && JSON.stringify(node).includes('An icon'));
    const texts = JSON.stringify(paragraph);
    // Right after an image the braces are its attributes; after a space they are text.
    expect(texts).not.toContain('height=1em');
    expect(texts).toContain(' {width=50%} and ');
    expect(messages).toEqual([
      '16:22 image-attribute "#fig:crossref" cannot be an id (it must start with a letter and hold only letters, digits, "-", "_" and "."): the image keeps the id Folio gives it',
      "16:22 image-attribute width=abc is not a size Folio reads: write a percentage of the text's width (50%), or a length in px, pt, in, cm, mm or em",
      "16:22 image-attribute .wide: Folio uses only an id, a width and a height from an image's attributes; the rest is removed",
    ]);
  });
});

describe('in the PDF', () => {
  test('the images are drawn at the size given, centred; links reach the figures by their ids', async () => {
    const { pub } = publication();
    const images = layoutPublication(pub, { theme }).flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes.filter((box) => box.kind === 'image')));
    // The figures, the two inline images, the last figure.
    const [harbour, tower, map, icon, spaced, labelled] = images;
    // Inside a line: the height given (1 em of the body type), else at most 1.2 em.
    expect(icon?.height).toBeCloseTo(theme.pdf.fontSize, 1);
    expect(spaced?.height).toBeCloseTo(theme.pdf.fontSize * 1.2, 1);
    expect(harbour?.width).toBeCloseTo(measure * 0.5, 1);
    expect((harbour?.x ?? 0) + (harbour?.width ?? 0) / 2).toBeCloseTo(measure / 2, 1);
    expect(tower?.height).toBeCloseTo(144, 1);
    expect(tower?.width).toBeCloseTo(72, 1);
    expect(map?.width).toBeCloseTo(measure * 0.3, 1);
    expect(labelled?.width).toBeCloseTo(measure, 1);
    const { pdf, links } = await load(publication().pub);
    // A link's text may run over two lines: one annotation per line.
    expect(new Set(links.map((link) => link.dest).filter((dest) => dest !== undefined))).toEqual(new Set(['harbour', 'map']));
    expect(await destPage(pdf, 'harbour')).toBe(1);
  });
});

describe('in the EPUB', () => {
  test('the img carries the size as CSS; the figure its id; valid', async () => {
    const { pub } = publication();
    const bytes = await renderEpub(pub, renderOptions());
    const xhtml = [...(await readEpub(bytes)).xhtml.entries()].find(([name]) => name.includes('ch-1'))?.[1] ?? '';
    expect(xhtml).toMatch(/<figure id="harbour">\n<img [^>]*style="width: 50%"/);
    expect(xhtml).toMatch(/<figure id="fig-2">\n<img [^>]*style="height: 144pt; width: auto"/);
    expect(xhtml).toMatch(/<figure id="map">\n<img [^>]*style="width: 30%"/);
    expect(xhtml).toContain('<a href="#harbour">the harbour</a>');
    expect(xhtml).not.toContain('height=1em');
    expect(xhtml).toMatch(/<img [^>]*alt="icon"[^>]*class="inline" style="height: 1em; width: auto"/);
    if (hasEpubcheck()) {
      const [result] = epubcheck({ figures: bytes });
      expect(result?.messages).toEqual([]);
    }
  });
});
