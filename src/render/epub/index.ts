/**
 * EPUB 3 renderer: Publication → bytes of an .epub.
 *
 * chapter trees ──(remark-rehype + our handlers)──► hast ──(finalize: links, tables)──►
 * XHTML documents ─┐
 * nav, NCX, OPF ───┼──► adapter (epub-gen-memory, re-zipped deterministically) ──► Uint8Array
 * images (bytes) ──┘
 */
import type { Publication } from '../../ast/publication.js';
import type { RenderOptions } from '../../config/options.js';
import { packageContainer, type PackagedDocument } from './adapter.js';
import { chapterContext, chapterToHast } from './chapter.js';
import { creditsBody, creditTargets } from './credits.js';
import { collectIds, finalize } from './finalize.js';
import { landmarksFor, navDocument, ncxDocument, tableOfContents } from './nav.js';
import { packageDocument, type ManifestItem, type SpineItem } from './opf.js';
import { CREDITS, NAV, NCX, planPaths, STYLESHEET } from './paths.js';
import { stringsFor } from './strings.js';
import { serializeXhtml } from './xhtml.js';

export type { TocEntry, Landmark } from './nav.js';

const XHTML = 'application/xhtml+xml';

export async function renderEpub(pub: Publication, options: RenderOptions): Promise<Uint8Array> {
  const paths = planPaths(pub);
  const strings = stringsFor(pub.meta.lang);
  const hasCredits = pub.credits.length > 0;
  const creditEntries = hasCredits ? creditTargets(pub) : new Map<string, string>();

  // 1. Every chapter to hast, then one index of ids → file for cross-chapter links.
  const rendered = pub.chapters.map((chapter) => {
    const ctx = chapterContext(pub, chapter, paths, creditEntries);
    return { ctx, file: paths.chapters.get(chapter.id) ?? `${chapter.id}.xhtml`, body: chapterToHast(ctx) };
  });
  const credits = hasCredits ? creditsBody(pub, paths, strings) : undefined;
  const ids = new Map<string, string>();
  const index = (file: string, found: string[]) => found.forEach((id) => ids.has(id) || ids.set(id, file));
  for (const { file, body } of rendered) index(file, collectIds(body));
  if (credits) index(CREDITS, collectIds(credits));
  const files = new Set([...rendered.map((r) => r.file), ...(credits ? [CREDITS] : [])]);

  // 2. Finalise and serialise the content documents, in spine order.
  const documents: PackagedDocument[] = rendered.map(({ ctx, file, body }) => {
    // An empty <title> is invalid XHTML: fall back to the book's title.
    const title = ctx.chapter.titleText.trim() || pub.meta.title.trim() || ctx.chapter.id;
    return {
      filename: file,
      title,
      xhtml: serializeXhtml({ lang: ctx.lang, title, bodyClass: 'chapter', body: finalize(body, ctx.file, { file, ids, files }, ctx.strings) }),
    };
  });
  const firstFile = pub.chapters[0]?.file;
  if (credits && firstFile) {
    documents.push({
      filename: CREDITS,
      title: strings.credits,
      xhtml: serializeXhtml({ lang: pub.meta.lang, title: strings.credits, bodyClass: 'credits', body: finalize(credits, firstFile, { file: CREDITS, ids, files }, strings) }),
    });
  }

  // 3. Navigation and package documents.
  const toc = tableOfContents(pub, paths, strings, hasCredits);
  const nav = navDocument(pub.meta.lang, strings, toc, landmarksFor(pub, paths, strings, hasCredits));
  const ncx = ncxDocument(pub, toc);
  const manifest: ManifestItem[] = [
    { id: 'nav', href: NAV, mediaType: XHTML, properties: 'nav' },
    { id: 'ncx', href: NCX, mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: STYLESHEET, mediaType: 'text/css' },
  ];
  const spine: SpineItem[] = [{ idref: 'nav' }];
  for (const chapter of pub.chapters) {
    const id = paths.chapterIds.get(chapter.id);
    const href = paths.chapters.get(chapter.id);
    if (!id || !href) continue;
    manifest.push({ id, href, mediaType: XHTML });
    spine.push({ idref: id });
  }
  if (credits && firstFile) {
    manifest.push({ id: 'credits', href: CREDITS, mediaType: XHTML });
    spine.push({ idref: 'credits' });
  }
  for (const image of paths.images.values()) manifest.push({ id: image.manifestId, href: image.href, mediaType: image.mediaType });
  const opf = packageDocument({ meta: pub.meta, manifest, spine, ncxId: 'ncx' });

  return packageContainer({
    title: pub.meta.title,
    authors: pub.meta.authors,
    lang: pub.meta.lang,
    description: pub.meta.description ?? pub.meta.title,
    css: options.theme.epub.css,
    opf,
    nav,
    ncx,
    documents,
    files: [...paths.images.values()].map((image) => ({ href: image.href, data: image.data })),
    date: new Date(pub.meta.modified),
  });
}
