/** The credits page: every image credit in reading order, each linked to its figure. */
import type { ElementContent } from 'hast';
import type { PhrasingContent } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { CreditEntry, Publication } from '../../ast/publication.js';
import { h, mdastText, text } from './hast.js';
import { CREDITS, type EpubPaths } from './paths.js';
import { fill, type Labels } from '../../typography/labels.js';

export function creditEntryId(entry: CreditEntry): string {
  return `credits-${entry.credit.id}`;
}

/** credit id → `credits.xhtml#…`, for the back links in figures. Empty without credits. */
export function creditTargets(pub: Publication): Map<string, string> {
  return new Map(pub.credits.map((entry) => [entry.credit.id, `${CREDITS}#${creditEntryId(entry)}`]));
}

/** The credits page lists text: an inline image inside a credit (a logo) is given by its alt text. */
function withoutImages(children: PhrasingContent[]): PhrasingContent[] {
  return children.map((child): PhrasingContent => {
    if (child.type === 'image' || child.type === 'imageReference') return { type: 'text', value: child.alt ?? '' };
    if ('children' in child) return { ...child, children: withoutImages(child.children) } as PhrasingContent; // Same node type, children of the same kind.
    return child;
  });
}

/** Phrasing content → hast with the default handlers (credits hold text, emphasis, links). */
function phrasing(children: PhrasingContent[], file: VFile | undefined): ElementContent[] {
  const root = unified().use(remarkRehype).runSync({ type: 'root', children: [{ type: 'paragraph', children: withoutImages(children) }] }, file);
  const paragraph = root.children.find((child) => child.type === 'element');
  return paragraph && paragraph.type === 'element' ? paragraph.children : [];
}

function figureLabel(entry: CreditEntry, strings: Labels): string {
  const caption = entry.figure.children.find((child) => child.type === 'figureCaption');
  const label = (caption ? mdastText(caption) : '').trim() || entry.figure.alt.trim();
  return label || strings.image;
}

export function creditsBody(pub: Publication, paths: EpubPaths, strings: Labels): ElementContent[] {
  const chapters = new Map(pub.chapters.map((chapter) => [chapter.id, chapter]));
  const items = pub.credits.map((entry) => {
    const chapter = chapters.get(entry.chapterId);
    const file = paths.chapters.get(entry.chapterId);
    const credit = entry.credit;
    // Credit and caption are in the chapter's language, the page in the publication's.
    const lang = chapter && chapter.lang !== pub.meta.lang ? { lang: chapter.lang, xmlLang: chapter.lang } : {};
    const children: ElementContent[] = [h('span', { className: ['credit-text'], ...lang }, phrasing(credit.children, chapter?.file))];
    if (credit.license) {
      children.push(text(' ('), credit.url ? h('a', { href: credit.url }, [text(credit.license)]) : text(credit.license), text(')'));
    } else if (credit.url) {
      children.push(text(' '), h('a', { href: credit.url, className: ['source'] }, [text(credit.url.replace(/^[a-z]+:\/\//i, ''))]));
    }
    children.push(text(' — '));
    const label = figureLabel(entry, strings);
    children.push(file ? h('a', { href: `${file}#${entry.figure.id}`, className: ['figure-link'], ...lang }, [text(label)]) : h('span', lang, [text(label)]));
    if (chapter && pub.chapters.length > 1) children.push(text(` ${fill(strings.inChapter, { title: chapter.titleText })}`));
    return h('li', { id: creditEntryId(entry) }, children);
  });
  return [
    h('section', { id: 'credits', className: ['credits'], 'epub:type': 'credits', role: 'doc-credits', ariaLabelledBy: ['credits-title'] }, [
      text('\n'),
      h('h1', { id: 'credits-title' }, [text(strings.credits)]),
      text('\n'),
      h('ol', { className: ['credits-list'] }, items.flatMap((item) => [text('\n'), item]).concat(text('\n'))),
      text('\n'),
    ]),
  ];
}
