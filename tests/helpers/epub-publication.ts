/**
 * Hand-built Publications for the EPUB renderer tests: mdast from remark-parse +
 * remark-gfm, wrapped in our own section / figure / pullQuote / credit nodes, with a
 * tiny PNG made in code. Independent of the manuscript parser on purpose.
 */
import { deflateSync } from 'node:zlib';
import type { BlockContent, FootnoteDefinition, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Credit, Figure, PullQuote, Section } from '../../src/ast/nodes.js';
import type { Chapter, CreditEntry, Publication } from '../../src/ast/publication.js';
import type { RenderOptions } from '../../src/config/options.js';
import { loadTheme } from '../../src/config/theme.js';
import type { Asset } from '../../src/manuscript/asset-types.js';
import { pngChunk } from './robust-images.js';

// ---------- a PNG written by hand ----------

/** An RGB PNG of `width`×`height` filled with `rgb`, with a darker diagonal. */
export function tinyPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0);
    for (let x = 0; x < width; x += 1) {
      const shade = Math.abs(x * height - y * width) < width ? 0.4 : 1;
      rows.push(...rgb.map((v) => Math.round(v * shade)));
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.from(rows))), pngChunk('IEND', new Uint8Array())]),
  );
}

// ---------- mdast building blocks ----------

/** Markdown → mdast (CommonMark + GFM). */
export function md(markdown: string): Root {
  const processor = unified().use(remarkParse).use(remarkGfm);
  return processor.runSync(processor.parse(markdown));
}

export function blocks(markdown: string): RootContent[] {
  return md(markdown).children;
}

/** The phrasing content of a one-paragraph snippet. */
export function phrasing(markdown: string): PhrasingContent[] {
  const first = md(markdown).children[0];
  return first && first.type === 'paragraph' ? first.children : [];
}

export function section(id: string, depth: 2 | 3 | 4 | 5 | 6, heading: string, children: RootContent[]): Section {
  const content = children.filter((c): c is BlockContent | Section => c.type !== 'footnoteDefinition' && c.type !== 'definition');
  return {
    type: 'section',
    id,
    depth,
    children: [{ type: 'heading', depth, children: phrasing(heading) }, ...content],
  };
}

export function credit(id: string, text: string, extra: { license?: string; url?: string } = {}): Credit {
  return { type: 'credit', id, children: phrasing(text), ...extra };
}

export function figure(id: string, asset: Asset, alt: string, caption: string | undefined, c: Credit | undefined, role?: 'hero'): Figure {
  const children: Figure['children'] = [];
  if (caption) children.push({ type: 'figureCaption', children: phrasing(caption) });
  if (c) children.push(c);
  return { type: 'figure', id, url: asset.href, alt, assetId: asset.id, width: asset.width, height: asset.height, children, ...(role ? { role } : {}) };
}

export function pullQuote(text: string, repeated: boolean, attribution?: string): PullQuote {
  return { type: 'pullQuote', children: phrasing(text), repeated, ...(attribution ? { attribution } : {}) };
}

function footnotes(root: Root): FootnoteDefinition[] {
  return root.children.filter((c): c is FootnoteDefinition => c.type === 'footnoteDefinition');
}

function asset(id: string, href: string, width: number, height: number, rgb: [number, number, number]): Asset {
  return { id, href, mediaType: 'image/png', data: tinyPng(width, height, rgb), width, height };
}

export function renderOptions(): RenderOptions {
  return { theme: loadTheme('default') };
}

// ---------- publications ----------

/**
 * Two chapters (French, then English) with everything the renderer must handle:
 * hero with credit, sections (nested), repeated and standalone pull quotes, figures
 * with caption and credit (one with licence and URL), a GFM table with alignment,
 * task list, strikethrough, autolink, code block, blockquote, footnotes (one
 * referenced twice, one from a note), raw HTML (dropped with a warning), links
 * inside a chapter and across chapters.
 */
export function fullPublication(): Publication {
  const hero = asset('img-hero', 'images/hero.png', 24, 12, [40, 90, 160]);
  const photo = asset('img-photo', 'images/photo.png', 16, 16, [180, 80, 40]);
  const map = asset('img-map', 'images/map.png', 20, 10, [60, 140, 70]);
  const assets = new Map([hero, photo, map].map((a) => [a.id, a]));

  const heroCredit = credit('credit-1', '© Studio Folio/Agence');
  const photoCredit = credit('credit-2', 'Photo : *Camille* Durand', { license: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
  const mapCredit = credit('credit-3', '© Map & Co \\<Ltd\\>');
  const heroFigure = figure('fig-1', hero, 'Une baie vitrée au petit matin', undefined, heroCredit, 'hero');
  const photoFigure = figure('fig-2', photo, 'Un atelier de reliure', 'L’atelier, *en mars*', photoCredit);
  const mapFigure = figure('fig-3', map, 'A map of the coast', 'The coast "as drawn" in 1820', mapCredit);

  const body1 = md(`
Un paragraphe d’ouverture avec une note[^a] et un lien vers [le détail](#detail) et <b>du HTML brut</b>.

[^a]: Une note qui renvoie à une autre[^b] et vers <https://example.org/source>.

[^b]: La seconde note, avec du *style*.
`);
  const tableAndList = blocks(`
| Ville | Habitants | Part |
|:------|----------:|:----:|
| Lyon  | 522 000   | 12 % |
| Nantes | 320 000  | 8 %  |

- [x] relire les épreuves
- [ ] envoyer à ~~l’imprimeur~~ la maison
- voir https://example.com/folio

\`\`\`js
const a = 1 < 2 && "]]>";
\`\`\`

> Une citation en bloc, rappel[^a].

[^a]: (définition reprise du premier extrait : seules les références comptent ici)
`);
  const chapter1: Chapter = {
    id: 'ch-1',
    title: phrasing('Le *titre* de l’article'),
    titleText: 'Le titre de l’article',
    anchor: 'ch-1-title',
    subtitle: 'Un chapeau qui résume l’article en une phrase.',
    authors: ['Camille Durand', 'Alex Smith'],
    lang: 'fr',
    hero: heroFigure,
    file: new VFile({ path: 'manuscripts/brief-fr.md', value: '' }),
    tree: {
      type: 'root',
      children: [
        section('de-quoi-on-parle', 2, 'De quoi on parle ?', [
          ...body1.children.filter((c) => c.type !== 'footnoteDefinition'),
          pullQuote('une phrase qui mérite d’être répétée, avec [un lien](https://example.org)', true),
        ]),
        section('pourquoi', 2, 'Pourquoi c’est important ?', [
          photoFigure,
          pullQuote('Une citation autonome, mise en avant.', false, 'Quelqu’un'),
          section('detail', 3, 'Le détail', tableAndList),
        ]),
        ...footnotes(body1),
      ],
    },
  };

  const body2 = md(`
Back to [the first chapter’s opening](#de-quoi-on-parle), then a note[^n] and a ![tiny inline map](images/map.png) image.
Two links that cannot work in an EPUB: [nowhere](#nowhere) and [a file](notes/other.md).

[^n]: An English note.
`);
  const chapter2: Chapter = {
    id: 'ch-2',
    title: phrasing('A second chapter'),
    titleText: 'A second chapter',
    anchor: 'ch-2-title',
    authors: ['Alex Smith'],
    lang: 'en',
    file: new VFile({ path: 'manuscripts/field-guide.md', value: '' }),
    tree: {
      type: 'root',
      children: [
        section('the-coast', 2, 'The coast', [...body2.children.filter((c) => c.type !== 'footnoteDefinition'), mapFigure]),
        ...footnotes(body2),
      ],
    },
  };

  const credits: CreditEntry[] = [
    { credit: heroCredit, figure: heroFigure, chapterId: 'ch-1' },
    { credit: photoCredit, figure: photoFigure, chapterId: 'ch-1' },
    { credit: mapCredit, figure: mapFigure, chapterId: 'ch-2' },
  ];

  return {
    meta: {
      title: 'Folio & co : un recueil <test>',
      subtitle: 'Tout ce que le rendu EPUB doit savoir faire',
      authors: ['Camille Durand', 'Alex Smith'],
      lang: 'fr',
      date: '2026-03-14',
      identifier: 'urn:uuid:2f1d6c2e-7d0a-5b1e-9a57-3c1f0e4b8a11',
      publisher: 'Folio Tests',
      rights: '© 2026 Folio Tests',
      description: 'A test publication for the EPUB renderer.',
      modified: '2026-03-14T08:30:00.000Z',
    },
    chapters: [chapter1, chapter2],
    assets,
    credits,
  };
}

/** The smallest publication: one chapter, one paragraph, no image, no credit, no note. */
export function minimalPublication(): Publication {
  const chapter: Chapter = {
    id: 'ch-1',
    title: phrasing('Minimal'),
    titleText: 'Minimal',
    anchor: 'ch-1-title',
    authors: [],
    lang: 'en',
    file: new VFile({ path: 'minimal.md', value: '' }),
    tree: md('Just one paragraph.'),
  };
  return {
    meta: {
      title: 'Minimal',
      authors: [],
      lang: 'en',
      identifier: 'urn:uuid:00000000-0000-5000-8000-000000000000',
      modified: '2026-01-01T00:00:00Z',
    },
    chapters: [chapter],
    assets: new Map(),
    credits: [],
  };
}
