/**
 * Hand-built publications for the PDF renderer's tests: mdast from remark (GFM),
 * wrapped in our section / figure / pullQuote / credit nodes, with images made here.
 */
import { deflateSync } from 'node:zlib';
import type { BlockContent, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Credit, Figure, FigureCaption, PullQuote, Section } from '../../src/ast/nodes.js';
import type { Chapter, CreditEntry, Publication } from '../../src/ast/publication.js';
import type { Asset, ImageMediaType } from '../../src/manuscript/asset-types.js';
import { makeJpeg, pngChunk } from './robust-images.js';

/** An RGB PNG with a diagonal two-colour gradient. */
export function makePng(width: number, height: number): Uint8Array {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      rows.push(Math.round(40 + 180 * t), Math.round(90 + 80 * (1 - t)), Math.round(160 - 100 * t));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(Buffer.from(rows))),
      pngChunk('IEND', new Uint8Array(0)),
    ]),
  );
}


export function asset(id: string, mediaType: ImageMediaType, data: Uint8Array, width: number, height: number): Asset {
  return { id, href: `images/${id}`, mediaType, data, width, height };
}

/** Markdown → mdast (GFM), headings of rank 2+ wrapped into nested sections (ids `<prefix>-<n>`). */
export function markdown(source: string, prefix = 's'): Root {
  const root = unified().use(remarkParse).use(remarkGfm).parse(source);
  sectionCount = 0;
  sectionPrefix = prefix;
  return { type: 'root', children: sectionize(root.children, 1) };
}

let sectionCount = 0;
let sectionPrefix = 's';

function sectionize(nodes: RootContent[], above: number): Array<BlockContent | RootContent> {
  const out: RootContent[] = [];
  let index = 0;
  while (index < nodes.length) {
    const node = nodes[index];
    if (!node) break;
    if (node.type === 'heading' && node.depth > above) {
      const body: RootContent[] = [];
      index++;
      while (index < nodes.length) {
        const next = nodes[index];
        if (!next || (next.type === 'heading' && next.depth <= node.depth)) break;
        body.push(next);
        index++;
      }
      const section: Section = { type: 'section', depth: node.depth, id: `${sectionPrefix}-${++sectionCount}`, children: [node, ...sectionize(body, node.depth).filter(isBlock)] };
      out.push(section);
      continue;
    }
    out.push(node);
    index++;
  }
  return out;
}

function isBlock(node: RootContent): node is BlockContent {
  return node.type !== 'listItem' && node.type !== 'tableRow' && node.type !== 'tableCell';
}

export function text(value: string): PhrasingContent[] {
  return [{ type: 'text', value }];
}

export function credit(id: string, value: string): Credit {
  return { type: 'credit', id, children: text(value) };
}

export function figure(id: string, assetId: string, alt: string, caption?: string, creditNode?: Credit, role?: 'hero'): Figure {
  const children: Array<FigureCaption | Credit> = [];
  if (caption) children.push({ type: 'figureCaption', children: text(caption) });
  if (creditNode) children.push(creditNode);
  return { type: 'figure', id, url: `images/${assetId}`, alt, assetId, children, ...(role ? { role } : {}) };
}

export function pullQuote(value: string, attribution?: string, repeated = false): PullQuote {
  return { type: 'pullQuote', children: text(value), repeated, ...(attribution ? { attribution } : {}) };
}

/** Inserts `node` into the first section whose heading text starts with `heading`, after `after` children. */
export function insertInto(root: Root, heading: string, node: BlockContent, after = 1): void {
  const find = (nodes: RootContent[]): Section | undefined => {
    for (const n of nodes) {
      if (n.type !== 'section') continue;
      const first = n.children[0];
      if (first?.type === 'heading' && first.children.some((c) => c.type === 'text' && c.value.startsWith(heading))) return n;
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const section = find(root.children);
  if (!section) throw new Error(`no section "${heading}"`);
  section.children.splice(after, 0, node);
}

export function chapter(id: string, title: string, tree: Root, extra: Partial<Chapter> = {}): Chapter {
  return { id, title: text(title), titleText: title, anchor: `${id}-title`, authors: [], lang: 'en', tree, file: new VFile({ path: `${id}.md` }), ...extra };
}

export const LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosisandsupercalifragilisticexpialidociousness';

const briefBody = `Intro paragraph with *emphasis*, **strong**, \`inline code\`, ~~struck~~ and a [link to the site](https://example.org/page).
A long measure: 100\u00a0km from the coast and 25\u202f% of the catch.[^1]

## What it is about

${'This paragraph is long enough to be set on several justified lines, so that the spacing between its words can be looked at closely. '.repeat(4)}

A word longer than the measure follows: ${LONG_WORD} and then normal text again.

## Why it matters

- First point, with a few words.
- Second point
  1. nested ordered
  2. another one
- [x] a done task
- [ ] an open task

> A block quote that says something worth quoting, across more than one line of text in the quote.

## What changes

| Country | Share | Change |
|:--------|------:|:------:|
| France | 12 % | **+2** |
| Norway | 30 % | -1 |

\`\`\`js
const answer = computeTheAnswerToTheUltimateQuestionOfLifeTheUniverseAndEverything(42, { verbose: true });
console.log(answer);\u202f// narrow space in mono
\`\`\`

## In short

Closing words of the brief.[^2] <span>inline html</span>

---

Last line.

[^1]: First note, with *style*.
[^2]: Second note.
`;

/** A one-chapter brief: hero with credit, four sections, pull quotes, a figure, notes. */
export function briefPublication(overrides: { heroType?: ImageMediaType } = {}): Publication {
  const tree = markdown(briefBody);
  const heroCredit = credit('credit-1', '© Hero Photographer/Agency');
  const hero = figure('fig-1', 'img-hero', 'A harbour at dawn', undefined, heroCredit, 'hero');
  const figCredit = credit('credit-2', 'Photo: Figure Author');
  const fig = figure('fig-2', 'img-chart', 'A grey chart', 'Caption of the grey chart', figCredit);
  insertInto(tree, 'What it is about', pullQuote('A standalone pull quote set large', 'Someone Quoted'), 2);
  insertInto(tree, 'Why it matters', fig, 1);
  insertInto(tree, 'In short', pullQuote('Closing words worth repeating', undefined, true), 1);
  const ch = chapter('ch-1', 'The Brief Title', tree, { subtitle: 'A standfirst that sums it up', authors: ['Ada Writer'], hero });
  const heroType = overrides.heroType ?? 'image/png';
  const heroData = heroType === 'image/png' ? makePng(60, 40) : new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0]);
  const assets = new Map<string, Asset>([
    ['img-hero', asset('img-hero', heroType, heroData, 60, 40)],
    ['img-chart', asset('img-chart', 'image/jpeg', makeJpeg(48, 32), 48, 32)],
  ]);
  const credits: CreditEntry[] = [
    { credit: heroCredit, figure: hero, chapterId: 'ch-1' },
    { credit: figCredit, figure: fig, chapterId: 'ch-1' },
  ];
  return {
    meta: {
      title: 'Brief & Co',
      authors: ['Ada Writer'],
      lang: 'en',
      identifier: 'urn:uuid:00000000-0000-5000-8000-000000000000',
      description: 'A test brief',
      modified: '2026-03-14T00:00:00Z',
    },
    chapters: [ch],
    assets,
    credits,
  };
}

/** Two chapters, so a title page and chapter openers. */
export function bookPublication(): Publication {
  const pub = briefPublication();
  const second = chapter('ch-2', 'Second Chapter', markdown(`## A section\n\n${'Body text of the second chapter. '.repeat(30)}\n\n### A subsection\n\nMore text.`, 's2'));
  return { ...pub, meta: { ...pub.meta, title: 'The Book', subtitle: 'With two chapters', publisher: 'Folio Press' }, chapters: [...pub.chapters, second] };
}
