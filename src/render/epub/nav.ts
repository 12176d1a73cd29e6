/** The navigation document (TOC: chapters > sections, landmarks) and the NCX. */
import type { ElementContent } from 'hast';
import type { RootContent } from 'mdast';
import type { Publication } from '../../ast/publication.js';
import { h, mdastText, text } from './hast.js';
import { CREDITS, NAV, type EpubPaths } from './paths.js';
import type { Labels } from '../../typography/labels.js';
import { serializeXhtml } from './xhtml.js';
import { x, xmlDocument, type XmlElement } from './xml.js';

export interface TocEntry {
  title: string;
  /** Language of the title when it differs from the publication's. */
  lang?: string;
  href: string;
  children: TocEntry[];
}

/** One entry of the page list: a page-break marker of a content document. */
export interface PageTarget {
  label: string;
  href: string;
}

export interface Landmark {
  type: 'toc' | 'bodymatter' | 'credits' | 'cover';
  title: string;
  href: string;
}

function sectionEntries(nodes: readonly RootContent[], file: string): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const node of nodes) {
    if (node.type !== 'section' || node.unlisted) continue;
    const heading = node.children.find((child) => child.type === 'heading');
    const title = (heading ? mdastText(heading) : '').trim() || node.id;
    entries.push({ title, href: `${file}#${node.id}`, children: sectionEntries(node.children, file) });
  }
  return entries;
}

export function tableOfContents(pub: Publication, paths: EpubPaths, strings: Labels, hasCredits: boolean): TocEntry[] {
  const entries: TocEntry[] = pub.chapters.map((chapter) => {
    const file = paths.chapters.get(chapter.id) ?? '';
    const entry: TocEntry = { title: chapter.titleText.trim() || chapter.id, href: file, children: sectionEntries(chapter.tree.children, file) };
    if (chapter.lang !== pub.meta.lang) entry.lang = chapter.lang;
    return entry;
  });
  if (hasCredits) entries.push({ title: strings.credits, href: CREDITS, children: [] });
  return entries;
}

function list(entries: readonly TocEntry[]): ElementContent {
  return h(
    'ol',
    {},
    entries.map((entry) => {
      const children: ElementContent[] = [h('a', { href: entry.href }, [text(entry.title)])];
      if (entry.children.length > 0) children.push(list(entry.children));
      return h('li', entry.lang ? { lang: entry.lang, xmlLang: entry.lang } : {}, children);
    }),
  );
}

function pageListNav(strings: Labels, pages: readonly PageTarget[]): ElementContent {
  return h('nav', { id: 'page-list', className: ['page-list'], 'epub:type': 'page-list', role: 'doc-pagelist', ariaLabelledBy: ['page-list-title'] }, [
    h('h2', { id: 'page-list-title' }, [text(strings.pageList)]),
    h(
      'ol',
      {},
      pages.map((page) => h('li', {}, [h('a', { href: page.href }, [text(page.label)])])),
    ),
  ]);
}

export function navDocument(lang: string, strings: Labels, toc: readonly TocEntry[], landmarks: readonly Landmark[], pages: readonly PageTarget[] = []): string {
  const tocNav = h('nav', { id: 'toc', 'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: ['toc-title'] }, [
    h('h1', { id: 'toc-title' }, [text(strings.contents)]),
    list(toc),
  ]);
  const landmarksNav = h('nav', { id: 'landmarks', className: ['landmarks'], 'epub:type': 'landmarks', ariaLabelledBy: ['landmarks-title'] }, [
    h('h2', { id: 'landmarks-title' }, [text(strings.landmarks)]),
    h(
      'ol',
      {},
      landmarks.map((landmark) => h('li', {}, [h('a', { href: landmark.href, 'epub:type': landmark.type }, [text(landmark.title)])])),
    ),
  ]);
  const body: ElementContent[] = [tocNav, text('\n'), landmarksNav];
  if (pages.length > 0) body.push(text('\n'), pageListNav(strings, pages));
  return serializeXhtml({ lang, title: strings.contents, bodyClass: 'nav', body });
}

export function landmarksFor(pub: Publication, paths: EpubPaths, strings: Labels, hasCredits: boolean, cover?: string): Landmark[] {
  const landmarks: Landmark[] = cover ? [{ type: 'cover', title: strings.cover, href: cover }] : [];
  landmarks.push({ type: 'toc', title: strings.contents, href: `${NAV}#toc` });
  const first = pub.chapters[0];
  const firstFile = first ? paths.chapters.get(first.id) : undefined;
  if (firstFile) landmarks.push({ type: 'bodymatter', title: strings.bodymatter, href: firstFile });
  if (hasCredits) landmarks.push({ type: 'credits', title: strings.credits, href: CREDITS });
  return landmarks;
}

/** NCX for EPUB 2 reading systems; `dtb:uid` must equal the package identifier. */
export function ncxDocument(pub: Publication, toc: readonly TocEntry[], pages: readonly PageTarget[] = [], pageListTitle = 'Pages'): string {
  let order = 0;
  let depth = 0;
  const points = (entries: readonly TocEntry[], level: number): XmlElement[] =>
    entries.map((entry) => {
      order += 1;
      depth = Math.max(depth, level);
      const id = `navpoint-${order}`;
      return x(
        'navPoint',
        { id, playOrder: String(order) },
        x('navLabel', {}, x('text', {}, entry.title)),
        x('content', { src: entry.href }),
        points(entry.children, level + 1),
      );
    });
  const navMap = x('navMap', {}, points(toc, 1));
  const pageTargets = pages.map((page, index) => {
    order += 1;
    return x('pageTarget', { id: `pagetarget-${index + 1}`, type: 'normal', value: /^\d+$/.test(page.label) ? page.label : undefined, playOrder: String(order) },
      x('navLabel', {}, x('text', {}, page.label)),
      x('content', { src: page.href }),
    );
  });
  const numbers = pages.map((page) => Number(page.label)).filter((value) => Number.isInteger(value));
  const pageList = pageTargets.length > 0 ? x('pageList', {}, x('navLabel', {}, x('text', {}, pageListTitle)), pageTargets) : undefined;
  const root = x(
    'ncx',
    { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': pub.meta.lang },
    x(
      'head',
      {},
      x('meta', { name: 'dtb:uid', content: pub.meta.identifier }),
      x('meta', { name: 'dtb:depth', content: String(Math.max(depth, 1)) }),
      x('meta', { name: 'dtb:totalPageCount', content: String(pages.length) }),
      x('meta', { name: 'dtb:maxPageNumber', content: String(numbers.length > 0 ? Math.max(...numbers) : 0) }),
    ),
    x('docTitle', {}, x('text', {}, pub.meta.title)),
    navMap,
    pageList,
  );
  return xmlDocument(root);
}
