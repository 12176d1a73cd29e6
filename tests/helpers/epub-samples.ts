/**
 * The EPUBs the invariant and validator suites check: every sample manuscript, plus
 * the hand-built publications, in several option variants (page list, embedded
 * fonts, soft hyphens, nbsp fallback). `EPUB_OUT=dir` also writes them to disk (for
 * Ace by DAISY in CI, and for screenshots).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import type { PageMap, PageStart } from '../../src/ast/page-map.js';
import type { Publication } from '../../src/ast/publication.js';
import type { RenderOptions } from '../../src/config/options.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { pageMapOf } from '../../src/render/pdf/index.js';
import { fullPublication, minimalPublication, renderOptions } from './epub-publication.js';
import { publicationFromFile } from './publication.js';

export interface SampleEpub {
  name: string;
  bytes: Uint8Array;
  files: VFile[];
  publication: Publication;
}

/** A plausible page map: a page at each chapter's title and at every third top-level block, one mid-paragraph. */
export function handMadePageMap(pub: Publication): PageMap {
  const starts: PageStart[] = [{ page: 1, offset: 0 }, { page: 2, offset: 0 }];
  let page = 3;
  for (const chapter of pub.chapters) {
    starts.push({ page: page++, chapterId: chapter.id, offset: 0 });
    const blocks = chapter.tree.children.flatMap((node) => (node.type === 'section' ? node.children : [node]));
    blocks.forEach((node, i) => {
      if (i % 3 !== 2 || node.type === 'footnoteDefinition' || node.type === 'definition') return;
      const offset = node.type === 'paragraph' ? 12 : 0;
      starts.push({ page: page++, chapterId: chapter.id, node, offset });
    });
  }
  starts.push({ page: page, offset: 0 });
  return starts;
}

export function sampleManuscripts(): string[] {
  if (!existsSync('manuscripts')) return [];
  return readdirSync('manuscripts').filter((n) => n.endsWith('.md')).sort().map((n) => join('manuscripts', n));
}

export async function buildSamples(): Promise<SampleEpub[]> {
  const base = renderOptions();
  const out: SampleEpub[] = [];
  const add = async (name: string, publication: Publication, files: VFile[], options: RenderOptions) => {
    out.push({ name, publication, files, bytes: await renderEpub(publication, options) });
  };
  for (const path of sampleManuscripts()) {
    const name = path.replace(/^manuscripts\//, '').replace(/\.md$/, '');
    const built = publicationFromFile(path);
    await add(name, built.publication, [built.file], base);
    const paged = publicationFromFile(path);
    await add(`${name}+pages`, paged.publication, [paged.file], { ...base, pageMap: handMadePageMap(paged.publication) });
    // The real thing: the page map of the PDF Folio prints for the same book.
    const printed = publicationFromFile(path);
    await add(`${name}+pdf-pages`, printed.publication, [printed.file], { ...base, pageMap: pageMapOf(printed.publication, base) });
  }
  const fixtures = join(import.meta.dirname, '..', 'fixtures');
  for (const name of readdirSync(fixtures).filter((n) => n.startsWith('epub-') && existsSync(join(fixtures, n, 'input.md'))).sort()) {
    const built = publicationFromFile(join(fixtures, name, 'input.md'), join(fixtures, name));
    const pageMap = name === 'epub-page-list' ? { pageMap: handMadePageMap(built.publication) } : {};
    await add(`fixture-${name}`, built.publication, [built.file], { ...base, ...pageMap });
  }
  const full = fullPublication();
  await add('full', full, full.chapters.map((c) => c.file), base);
  const fullPaged = fullPublication();
  await add('full+pages+fonts+hyphens', fullPaged, fullPaged.chapters.map((c) => c.file), {
    ...base,
    pageMap: handMadePageMap(fullPaged),
    epub: { embedFonts: true, softHyphens: true, nbspFallback: true },
  });
  const minimal = minimalPublication();
  await add('minimal', minimal, minimal.chapters.map((c) => c.file), base);
  const outDir = process.env.EPUB_OUT;
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    for (const sample of out) writeFileSync(join(outDir, `${sample.name.replace(/[^\w.-]+/g, '_')}.epub`), sample.bytes);
  }
  return out;
}
