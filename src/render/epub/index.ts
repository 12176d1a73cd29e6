/**
 * EPUB 3 renderer: Publication → bytes of an .epub.
 *
 * chapter trees ──(remark-rehype + our handlers, page-break markers)──► hast ──(finalize:
 * links, tables, ids)──► XHTML documents (cover, chapters, credits) ─┐
 * accessibility metadata inspected from those documents ──────────────┤
 * nav (TOC, landmarks, page list), NCX, OPF ─────────────────────────┼──► adapter
 * images, fonts (bytes) ─────────────────────────────────────────────┘  (epub-gen-memory,
 *                                                        re-zipped deterministically) ──► Uint8Array
 */
import type { ElementContent } from 'hast';
import type { Publication } from '../../ast/publication.js';
import { defaultEpubOptions, type RenderOptions } from '../../config/options.js';
import { accessibilityMetadata, inspect, type InspectedDocument } from './accessibility.js';
import { packageContainer, type PackagedDocument, type PackagedFile } from './adapter.js';
import { chapterContext, chapterToHast } from './chapter.js';
import { COVER, coverPage } from './cover.js';
import { creditsBody, creditTargets } from './credits.js';
import { finalize, collectIds } from './finalize.js';
import { embeddedFonts } from './fonts.js';
import { h, visitElements } from './hast.js';
import { landmarksFor, navDocument, ncxDocument, tableOfContents, type PageTarget } from './nav.js';
import { packageDocument, type ManifestItem, type SpineItem } from './opf.js';
import { pageMarker, planPages } from './page-breaks.js';
import { CREDITS, NAV, NCX, planPaths, STYLESHEET } from './paths.js';
import { labelsFor } from '../../typography/labels.js';
import { addSoftHyphens, narrowNbspFallback } from './text.js';
import { serializeXhtml } from './xhtml.js';

export type { TocEntry, Landmark, PageTarget } from './nav.js';

const XHTML = 'application/xhtml+xml';

interface ContentDocument extends InspectedDocument {
  id: string;
  bodyClass: string;
}

/** Every page-break marker of the finished documents, in spine order. */
function pageTargets(documents: readonly ContentDocument[]): PageTarget[] {
  const pages: PageTarget[] = [];
  for (const doc of documents) {
    visitElements(h('div', {}, doc.body), (element) => {
      if (element.properties['epub:type'] === 'pagebreak') pages.push({ label: String(element.properties.ariaLabel ?? ''), href: `${doc.file}#${String(element.properties.id)}` });
    });
  }
  return pages;
}

export async function renderEpub(pub: Publication, options: RenderOptions): Promise<Uint8Array> {
  const epubOptions = options.epub ?? defaultEpubOptions;
  const paths = planPaths(pub);
  const strings = labelsFor(pub.meta.lang);
  const hasCredits = pub.credits.length > 0;
  const creditEntries = hasCredits ? creditTargets(pub) : new Map<string, string>();
  const pages = planPages(pub, options.pageMap);
  const firstFile = pub.chapters[0]?.file;

  // 1. Every document to hast (cover, chapters, credits), then one index of ids → file for links.
  const cover = coverPage(pub, paths, strings);
  const coverBody: ElementContent[] = [...cover.body, ...(pages?.front ?? []).map(pageMarker)];
  const rendered = pub.chapters.map((chapter) => {
    const ctx = chapterContext(pub, chapter, paths, creditEntries, pages?.chapters.get(chapter.id));
    return { ctx, file: paths.chapters.get(chapter.id) ?? `${chapter.id}.xhtml`, body: chapterToHast(ctx) };
  });
  const credits = hasCredits && firstFile ? [...(pages?.back ?? []).map(pageMarker), ...creditsBody(pub, paths, strings)] : undefined;
  const ids = new Map<string, string>();
  const index = (file: string, found: string[]) => found.forEach((id) => ids.has(id) || ids.set(id, file));
  index(COVER, collectIds(coverBody));
  for (const { file, body } of rendered) index(file, collectIds(body));
  if (credits) index(CREDITS, collectIds(credits));
  const files = new Set([COVER, ...rendered.map((r) => r.file), ...(credits ? [CREDITS] : [])]);

  // 2. Finalise the content documents, in spine order.
  const documents: ContentDocument[] = [{ id: 'cover', file: COVER, title: strings.cover, lang: pub.meta.lang, bodyClass: 'cover', body: coverBody }];
  for (const { ctx, file, body } of rendered) {
    // An empty <title> is invalid XHTML: fall back to the book's title.
    const title = ctx.chapter.titleText.trim() || pub.meta.title.trim() || ctx.chapter.id;
    const id = paths.chapterIds.get(ctx.chapter.id) ?? ctx.chapter.id;
    documents.push({ id, file, title, lang: ctx.lang, bodyClass: 'chapter', body: finalize(body, ctx.file, { file, ids, files }, ctx.strings) });
  }
  if (credits && firstFile) {
    documents.push({ id: 'credits', file: CREDITS, title: strings.credits, lang: pub.meta.lang, bodyClass: 'credits', body: finalize(credits, firstFile, { file: CREDITS, ids, files }, strings) });
  }

  // 3. What the book contains decides its accessibility metadata; the page list follows the markers placed.
  // A generated typographic cover repeats the title as an image: it is not meaningful visual content.
  const accessibility = accessibilityMetadata(inspect(cover.generated ? documents.filter((doc) => doc.file !== COVER) : documents), pub.meta.lang);
  const pageList = pageTargets(documents);
  if (epubOptions.softHyphens) for (const doc of documents) addSoftHyphens(doc.body, doc.lang);
  const text = epubOptions.nbspFallback ? narrowNbspFallback : (document: string) => document;
  const packaged: PackagedDocument[] = documents.map((doc) => ({
    filename: doc.file,
    title: doc.title,
    xhtml: text(serializeXhtml({ lang: doc.lang, title: doc.title, bodyClass: doc.bodyClass, body: doc.body })),
  }));

  // 4. Navigation and package documents.
  const toc = tableOfContents(pub, paths, strings, hasCredits);
  const nav = navDocument(pub.meta.lang, strings, toc, landmarksFor(pub, paths, strings, hasCredits, COVER), pageList);
  const ncx = ncxDocument(pub, toc, pageList, strings.pageList);
  const fonts = epubOptions.embedFonts ? embeddedFonts(options.theme) : undefined;
  const manifest: ManifestItem[] = [
    { id: 'nav', href: NAV, mediaType: XHTML, properties: 'nav' },
    { id: 'ncx', href: NCX, mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: STYLESHEET, mediaType: 'text/css' },
  ];
  const spine: SpineItem[] = [];
  for (const doc of documents) {
    manifest.push({ id: doc.id, href: doc.file, mediaType: XHTML });
    spine.push({ idref: doc.id });
    // The navigation document reads right after the cover.
    if (doc.file === COVER) spine.push({ idref: 'nav' });
  }
  for (const image of paths.images.values()) {
    const properties = image === cover.image ? 'cover-image' : undefined;
    manifest.push({ id: image.manifestId, href: image.href, mediaType: image.mediaType, ...(properties ? { properties } : {}) });
  }
  if (cover.generated && cover.image) manifest.push({ id: cover.image.manifestId, href: cover.image.href, mediaType: cover.image.mediaType, properties: 'cover-image' });
  for (const font of fonts?.files ?? []) manifest.push({ id: font.id, href: font.href, mediaType: font.mediaType });
  const pageSource = pageList.length > 0 ? `${pub.meta.title} (PDF edition, ${options.theme.pdf.pageSize.name}): ${pub.meta.identifier}` : undefined;
  const opf = packageDocument({ meta: pub.meta, manifest, spine, ncxId: 'ncx', accessibility, ...(pageSource ? { pageSource } : {}) });

  const binaries: PackagedFile[] = [...paths.images.values()].map((image) => ({ href: image.href, data: image.data }));
  if (cover.generated && cover.image) binaries.push({ href: cover.image.href, data: cover.image.data });
  for (const font of fonts?.files ?? []) binaries.push({ href: font.href, data: font.data });
  return packageContainer({
    title: pub.meta.title,
    authors: pub.meta.authors,
    lang: pub.meta.lang,
    description: pub.meta.description ?? pub.meta.title,
    css: `${fonts?.css ?? ''}${options.theme.epub.css}`,
    opf: text(opf),
    nav: text(nav),
    ncx: text(ncx),
    documents: packaged,
    files: binaries,
    date: new Date(pub.meta.modified),
  });
}
