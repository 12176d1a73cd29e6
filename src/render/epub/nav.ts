/** The navigation document (TOC: chapters > sections, landmarks) and the NCX. */
import type { ElementContent } from 'hast';
import type { RootContent } from 'mdast';
import type { Publication } from '../../ast/publication.js';
import { h, mdastText, text } from './hast.js';
import { CREDITS, NAV, type EpubPaths } from './paths.js';
import type { EpubStrings } from './strings.js';
import { serializeXhtml } from './xhtml.js';
import { x, xmlDocument, type XmlElement } from './xml.js';

export interface TocEntry {
  title: string;
  /** Language of the title when it differs from the publication's. */
  lang?: string;
  href: string;
  children: TocEntry[];
}

export interface Landmark {
  type: 'toc' | 'bodymatter' | 'credits' | 'cover';
  title: string;
  href: string;
}

function sectionEntries(nodes: readonly RootContent[], file: string): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const node of nodes) {
    if (node.type !== 'section') continue;
    const heading = node.children.find((child) => child.type === 'heading');
    const title = (heading ? mdastText(heading) : '').trim() || node.id;
    entries.push({ title, href: `${file}#${node.id}`, children: sectionEntries(node.children, file) });
  }
  return entries;
}

export function tableOfContents(pub: Publication, paths: EpubPaths, strings: EpubStrings, hasCredits: boolean): TocEntry[] {
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

export function navDocument(lang: string, strings: EpubStrings, toc: readonly TocEntry[], landmarks: readonly Landmark[]): string {
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
  return serializeXhtml({ lang, title: strings.contents, bodyClass: 'nav', body: [tocNav, text('\n'), landmarksNav] });
}

export function landmarksFor(pub: Publication, paths: EpubPaths, strings: EpubStrings, hasCredits: boolean): Landmark[] {
  const landmarks: Landmark[] = [{ type: 'toc', title: strings.contents, href: `${NAV}#toc` }];
  const first = pub.chapters[0];
  const firstFile = first ? paths.chapters.get(first.id) : undefined;
  if (firstFile) landmarks.push({ type: 'bodymatter', title: strings.bodymatter, href: firstFile });
  if (hasCredits) landmarks.push({ type: 'credits', title: strings.credits, href: CREDITS });
  return landmarks;
}

/** NCX for EPUB 2 reading systems; `dtb:uid` must equal the package identifier. */
export function ncxDocument(pub: Publication, toc: readonly TocEntry[]): string {
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
  const root = x(
    'ncx',
    { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': pub.meta.lang },
    x(
      'head',
      {},
      x('meta', { name: 'dtb:uid', content: pub.meta.identifier }),
      x('meta', { name: 'dtb:depth', content: String(Math.max(depth, 1)) }),
      x('meta', { name: 'dtb:totalPageCount', content: '0' }),
      x('meta', { name: 'dtb:maxPageNumber', content: '0' }),
    ),
    x('docTitle', {}, x('text', {}, pub.meta.title)),
    navMap,
  );
  return xmlDocument(root);
}
