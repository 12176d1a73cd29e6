import type { PageStart } from '../../src/ast/page-map.js';
import type { Publication } from '../../src/ast/publication.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { pageMapOf } from '../../src/render/pdf/index.js';
import { readEpub } from './epub-invariants.js';
import { renderOptions } from './epub-publication.js';

/** The EPUB of `pub` with the PDF's page map: its bytes, the pages after the first, and its first chapter's XHTML. */
export async function epubWithPageMarkers(pub: Publication): Promise<{ bytes: Uint8Array; starts: PageStart[]; xhtml: string }> {
  const options = renderOptions();
  const map = pageMapOf(pub, options);
  const starts = map.filter((start) => start.page > 1);
  const bytes = await renderEpub(pub, { ...options, pageMap: map });
  const files = await readEpub(bytes);
  const xhtml = [...files.xhtml.entries()].find(([name]) => name.includes('ch-1'))?.[1] ?? '';
  return { bytes, starts, xhtml };
}
