/**
 * schema.org accessibility metadata derived from what the rendered book contains,
 * never hard-coded: the finished content documents are inspected (images and their
 * alt text, tables and their header cells, links, headings, notes, page markers), and
 * the conformance claim is made only when every check behind it holds.
 */
import type { Element, ElementContent } from 'hast';
import { h, hastText, visitElements } from './hast.js';
import type { AccessibilityMetadata } from './opf.js';

export interface InspectedDocument {
  file: string;
  title: string;
  lang: string;
  body: ElementContent[];
}

/** What the book holds, as far as accessibility metadata is concerned. */
export interface ContentFacts {
  documents: number;
  chapters: number;
  images: number;
  /** Images whose alt text is empty. */
  imagesWithoutAlt: number;
  tables: number;
  /** Tables without any `<th>`. */
  tablesWithoutHeaders: number;
  /** Links with no text and no aria-label. */
  emptyLinks: number;
  footnotes: number;
  pullQuotes: number;
  codeBlocks: number;
  pageBreaks: number;
  /** Documents without a title or a language. */
  untitledDocuments: number;
  /** Chapters without a heading. */
  chaptersWithoutHeading: number;
}

function label(element: Element): string {
  const aria = element.properties.ariaLabel;
  return typeof aria === 'string' ? aria : '';
}

export function inspect(documents: readonly InspectedDocument[]): ContentFacts {
  const facts: ContentFacts = {
    documents: documents.length,
    chapters: 0,
    images: 0,
    imagesWithoutAlt: 0,
    tables: 0,
    tablesWithoutHeaders: 0,
    emptyLinks: 0,
    footnotes: 0,
    pullQuotes: 0,
    codeBlocks: 0,
    pageBreaks: 0,
    untitledDocuments: 0,
    chaptersWithoutHeading: 0,
  };
  /** src → whether one of its <img> lacks alt text. */
  const images = new Map<string, boolean>();
  for (const doc of documents) {
    if (doc.title.trim() === '' || doc.lang.trim() === '') facts.untitledDocuments += 1;
    visitElements(h('div', {}, doc.body), (element) => {
      const type = element.properties['epub:type'];
      switch (element.tagName) {
        case 'img': {
          // The cover shows the hero image again: count each image file once (the worst alt text wins).
          const src = String(element.properties.src ?? '');
          const missing = String(element.properties.alt ?? '').trim() === '';
          const known = images.get(src);
          if (known === undefined) facts.images += 1;
          if (missing && known !== true) facts.imagesWithoutAlt += 1;
          images.set(src, known === true || missing);
          break;
        }
        case 'table': {
          facts.tables += 1;
          let headers = 0;
          visitElements(element, (cell) => (headers += cell.tagName === 'th' ? 1 : 0));
          if (headers === 0) facts.tablesWithoutHeaders += 1;
          break;
        }
        case 'a': {
          if (element.properties.href === undefined) break; // an anchor, not a link
          let alt = '';
          visitElements(element, (inner) => (alt += inner.tagName === 'img' ? String(inner.properties.alt ?? '') : ''));
          if (hastText(element).trim() === '' && alt.trim() === '' && label(element).trim() === '') facts.emptyLinks += 1;
          break;
        }
        case 'pre':
          facts.codeBlocks += 1;
          break;
        default:
      }
      if (type === 'chapter') {
        facts.chapters += 1;
        let headings = 0;
        visitElements(element, (inner) => (headings += /^h[1-6]$/.test(inner.tagName) ? 1 : 0));
        if (headings === 0) facts.chaptersWithoutHeading += 1;
      }
      if (type === 'footnote') facts.footnotes += 1;
      if (type === 'pullquote') facts.pullQuotes += 1;
      if (type === 'pagebreak') facts.pageBreaks += 1;
    });
  }
  return facts;
}

export const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/** The reasons the conformance claim cannot be made; empty when it can. */
export function conformanceFailures(facts: ContentFacts): string[] {
  const failures: string[] = [];
  if (facts.imagesWithoutAlt > 0) failures.push(`${facts.imagesWithoutAlt} image(s) without alt text`);
  if (facts.tablesWithoutHeaders > 0) failures.push(`${facts.tablesWithoutHeaders} table(s) without header cells`);
  if (facts.emptyLinks > 0) failures.push(`${facts.emptyLinks} link(s) without text`);
  if (facts.untitledDocuments > 0) failures.push(`${facts.untitledDocuments} document(s) without title or language`);
  if (facts.chaptersWithoutHeading > 0) failures.push(`${facts.chaptersWithoutHeading} chapter(s) without heading`);
  return failures;
}

type Summary = (facts: ContentFacts, conforms: boolean, pageList: boolean) => string;

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const summaryEn: Summary = (facts, conforms, pageList) => {
  const parts: string[] = [];
  parts.push(
    conforms
      ? 'This publication meets EPUB Accessibility 1.1 at WCAG 2.2 Level AA according to the automated checks of the tool that produced it (Folio).'
      : 'This publication does not claim conformance to EPUB Accessibility 1.1: some content could not be made fully accessible automatically.',
  );
  parts.push(`It has ${n(facts.chapters, 'chapter', 'chapters')} in a logical reading order, with headings and a table of contents for structural navigation.`);
  if (facts.images > 0) {
    parts.push(
      facts.imagesWithoutAlt === 0
        ? `Each of its ${n(facts.images, 'image', 'images')} has a text alternative.`
        : `${n(facts.imagesWithoutAlt, 'image has', 'images have')} no text alternative (of ${facts.images}).`,
    );
  } else parts.push('It contains no images; all content is text.');
  if (facts.tables > 0) parts.push(`${n(facts.tables, 'table uses', 'tables use')} header cells.`);
  if (facts.footnotes > 0) parts.push('Footnotes are linked from their references and back.');
  if (facts.pullQuotes > 0) parts.push('Pull quotes that repeat the text are hidden from assistive technology so they are not read twice.');
  if (pageList) parts.push('Page break markers and a page list follow the page numbers of the PDF edition.');
  parts.push('Text can be resized and restyled by the reading system; there are no flashing, sound or motion hazards.');
  return parts.join(' ');
};

const summaryFr: Summary = (facts, conforms, pageList) => {
  const parts: string[] = [];
  parts.push(
    conforms
      ? 'Cette publication satisfait à EPUB Accessibility 1.1, niveau AA des WCAG 2.2, selon les vérifications automatiques de l’outil qui l’a produite (Folio).'
      : 'Cette publication ne revendique pas la conformité à EPUB Accessibility 1.1 : une partie du contenu n’a pas pu être rendue entièrement accessible automatiquement.',
  );
  parts.push(`Elle compte ${n(facts.chapters, 'chapitre', 'chapitres')} dans un ordre de lecture logique, avec des titres et une table des matières pour la navigation.`);
  if (facts.images > 0) {
    parts.push(
      facts.imagesWithoutAlt === 0
        ? `Chacune de ses ${n(facts.images, 'image', 'images')} a une alternative textuelle.`
        : `${n(facts.imagesWithoutAlt, 'image n’a', 'images n’ont')} pas d’alternative textuelle (sur ${facts.images}).`,
    );
  } else parts.push('Elle ne contient pas d’image : tout le contenu est textuel.');
  if (facts.tables > 0) parts.push(`${n(facts.tables, 'tableau a', 'tableaux ont')} des cellules d’en-tête.`);
  if (facts.footnotes > 0) parts.push('Les notes sont liées à leurs appels, dans les deux sens.');
  if (facts.pullQuotes > 0) parts.push('Les exergues qui répètent le texte sont masqués aux technologies d’assistance pour ne pas être lus deux fois.');
  if (pageList) parts.push('Des repères de page et une liste des pages suivent la pagination de l’édition PDF.');
  parts.push('Le texte peut être agrandi et restylé par le système de lecture ; aucun risque lié au clignotement, au son ou au mouvement.');
  return parts.join(' ');
};

export function accessibilityMetadata(facts: ContentFacts, lang: string): AccessibilityMetadata {
  const pageList = facts.pageBreaks > 0;
  const conforms = conformanceFailures(facts).length === 0;
  const visual = facts.images > 0;
  const features = ['tableOfContents', 'readingOrder', 'structuralNavigation', 'displayTransformability'];
  if (visual && facts.imagesWithoutAlt === 0) features.unshift('alternativeText');
  if (pageList) features.push('pageBreakMarkers', 'printPageNumbers');
  const summary = (lang.toLowerCase().startsWith('fr') ? summaryFr : summaryEn)(facts, conforms, pageList);
  const sufficient = visual ? (facts.imagesWithoutAlt === 0 ? ['textual', 'textual,visual'] : ['textual,visual']) : ['textual'];
  return {
    accessModes: visual ? ['textual', 'visual'] : ['textual'],
    accessModesSufficient: sufficient,
    features,
    hazards: ['none'],
    summary,
    ...(conforms ? { conformsTo: CONFORMANCE } : {}),
  };
}
