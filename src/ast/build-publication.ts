import { basename, dirname, extname, resolve } from 'node:path';
import type { PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import type { AssetResolver } from '../manuscript/assets.js';
import type { Asset } from '../manuscript/asset-types.js';
import { parseFrontMatter, type FrontMatter } from '../manuscript/front-matter.js';
import { uniqueId, type TransformContext } from './context.js';
import { modifiedDate, uuidV5 } from './identifier.js';
import type { Figure } from './nodes.js';
import { parseMarkdown, type ParseLimits } from './processor.js';
import type { Chapter, CreditEntry, Publication, PublicationMeta } from './publication.js';
import { splitChapters } from './transforms/chapters.js';
import { classAttributes } from './transforms/class-attributes.js';
import { definitionLists } from './transforms/definition-list.js';
import { unknownDirectives } from './transforms/directives.js';
import { fencedDivs } from './transforms/fenced-divs.js';
import { figures, makeCredit, makeFigure } from './transforms/figure.js';
import { headingAttributes } from './transforms/heading-attributes.js';
import { imageAttributesOf } from './transforms/image-attributes.js';
import { langSpans } from './transforms/lang-span.js';
import { manuscriptLinks } from './transforms/manuscript-links.js';
import { pullQuotes } from './transforms/pull-quote.js';
import { verses } from './transforms/verse.js';
import { resolveReferences } from './transforms/references.js';
import { tableCaptions } from './transforms/table-caption.js';
import { headingId, sections } from './transforms/section.js';

export interface ManuscriptSource {
  /** Absolute path on disk (for relative image paths). */
  path: string;
  /** Already read (see `readManuscript`); its `path` is what messages show. */
  file: VFile;
}

export interface PublicationOptions {
  resolver: AssetResolver;
  /** Overrides from a config file (collections): take precedence over the first manuscript's front matter. */
  meta?: Partial<Omit<PublicationMeta, 'modified' | 'identifier'>> & { identifier?: string };
  /** SOURCE_DATE_EPOCH, if set. */
  sourceDateEpoch?: string;
  /** Language when neither config nor front matter gives one. */
  defaultLang?: string;
  /** The cover image from folio.yaml (`cover`), a path relative to `baseDir`; it wins over a manuscript's `cover`. */
  cover?: { src: string; baseDir: string };
  /** Parser limits (folio.yaml `limits:`); absent ones keep their defaults. */
  parseLimits?: Partial<ParseLimits>;
}

export interface ParsedManuscript {
  frontMatter: FrontMatter;
  chapters: Chapter[];
}

function frontMatterOf(tree: Root, file: VFile): FrontMatter {
  const first = tree.children[0];
  if (first && first.type === 'yaml') {
    tree.children.shift();
    const start = first.position ? { line: first.position.start.line + 1, column: 1 } : { line: 2, column: 1 };
    return parseFrontMatter(first.value, start, file);
  }
  return { authors: [], positions: new Map() };
}

/** Parses one manuscript into chapters, running every transform. */
export function parseManuscript(source: ManuscriptSource, ctx: TransformContext, defaultLang: string, parseLimits: Partial<ParseLimits> = {}): ParsedManuscript {
  const { file } = source;
  const tree = parseMarkdown(file, parseLimits);
  const fm = frontMatterOf(tree, file);
  // The hero comes first in reading order, so it takes the first figure and credit ids.
  let hero: Figure | undefined;
  if (fm.image) {
    const position = { start: fm.image.position, end: fm.image.position };
    const credit = fm.image.credit ? makeCredit(fm.image.credit, ctx, position) : undefined;
    hero = makeFigure({ url: fm.image.src, alt: fm.image.alt, ...(credit ? { credit } : {}), position, role: 'hero' }, ctx);
  }
  resolveReferences(tree);
  headingAttributes(tree, ctx);
  imageAttributesOf(tree, ctx);
  fencedDivs(tree, ctx);
  classAttributes(tree, ctx);
  langSpans(tree, ctx);
  pullQuotes(tree, ctx);
  figures(tree, ctx);
  verses(tree, ctx);
  definitionLists(tree, ctx);
  tableCaptions(tree);
  unknownDirectives(tree, ctx);
  const parts = splitChapters(tree, ctx);
  const lang = fm.lang ?? defaultLang;
  const hasHeadings = parts.some((p) => p.heading);
  if (!fm.title && !hasHeadings) {
    report(file, 'frontmatter-title', 'manuscript has no title: add "title: …" to its front matter (between --- lines at the top)', { line: 1, column: 1 });
  }
  const fallbackTitle = fm.title ?? basename(source.path, extname(source.path));

  const chapters: Chapter[] = parts.map((part, i) => {
    const title: PhrasingContent[] = part.heading ? part.heading.children : [{ type: 'text', value: fallbackTitle }];
    const titleText = part.heading ? toString(part.heading) : fallbackTitle;
    // Before its sections': a section named like its chapter gets the suffix.
    const anchor = headingId(ctx, part.heading, titleText);
    sections(part.tree, ctx);
    const chapter: Chapter = {
      id: uniqueId(ctx, `ch-${++ctx.counters.chapter}`),
      title,
      titleText,
      anchor,
      authors: fm.authors,
      lang,
      tree: part.tree,
      file,
    };
    // Front matter describes the whole manuscript: its standfirst and hero open the first chapter.
    if (i === 0 && fm.subtitle && !hasHeadings) chapter.subtitle = fm.subtitle;
    if (i === 0 && hero) chapter.hero = hero;
    if (fm.date) chapter.date = fm.date;
    return chapter;
  });
  return { frontMatter: fm, chapters };
}

/**
 * A byline (authors and date) opens an article: a manuscript of one chapter, or the first
 * chapter of each manuscript of a collection. The chapters of a book do not repeat it:
 * its title page names the authors.
 */
function keepBylines(chapters: Chapter[], collection: boolean): void {
  chapters.forEach((chapter, index) => {
    if (index === 0 && (collection || chapters.length === 1)) return;
    chapter.authors = [];
    delete chapter.date;
  });
}

/**
 * Builds one publication from one or more manuscripts (a collection when more).
 * Errors are reported on each manuscript's VFile; the caller decides from them.
 */
export function buildPublication(sources: ManuscriptSource[], options: PublicationOptions): Publication {
  const assets = new Map<string, Asset>();
  const ids = new Set<string>(['credits', 'toc', 'cover', 'title-page']);
  const counters = { figure: 0, credit: 0, chapter: 0 };
  const chapters: Chapter[] = [];
  let first: FrontMatter | undefined;
  let firstCtx: TransformContext | undefined;
  for (const source of sources) {
    const ctx: TransformContext = { file: source.file, baseDir: dirname(resolve(source.path)), resolver: options.resolver, assets, ids, counters };
    const parsed = parseManuscript(source, ctx, options.meta?.lang ?? options.defaultLang ?? 'en', options.parseLimits);
    first ??= parsed.frontMatter;
    firstCtx ??= ctx;
    keepBylines(parsed.chapters, sources.length > 1);
    chapters.push(...parsed.chapters);
  }
  manuscriptLinks(chapters, sources);
  const fm: FrontMatter = first ?? { authors: [], positions: new Map() };
  const o = options.meta ?? {};
  const firstChapter = chapters[0];
  const title = o.title ?? fm.title ?? firstChapter?.titleText ?? 'Untitled';
  const authors = o.authors ?? (sources.length > 1 ? [...new Set(chapters.flatMap((c) => c.authors))] : fm.authors);
  const date = o.date ?? fm.date;
  const meta: PublicationMeta = {
    title,
    authors,
    lang: o.lang ?? fm.lang ?? options.defaultLang ?? 'en',
    identifier: o.identifier ?? fm.identifier ?? `urn:uuid:${uuidV5(`folio:${title}\u0000${authors.join('\u0000')}`)}`,
    modified: modifiedDate(date, options.sourceDateEpoch),
  };
  // A collection's first article's standfirst and description are that article's, not the whole issue's.
  const own = sources.length > 1 ? undefined : fm;
  const subtitle = o.subtitle ?? own?.subtitle;
  const description = o.description ?? own?.description ?? subtitle;
  const publisher = o.publisher ?? fm.publisher;
  const rights = o.rights ?? fm.rights;
  if (subtitle) meta.subtitle = subtitle;
  if (date) meta.date = date;
  if (description) meta.description = description;
  if (publisher) meta.publisher = publisher;
  if (rights) meta.rights = rights;
  if (o.authorRoles) meta.authorRoles = o.authorRoles;
  const contributors = [...new Set(chapters.flatMap((c) => c.authors))].filter((name) => !authors.includes(name));
  if (sources.length > 1 && contributors.length > 0) meta.contributors = contributors;

  const credits: CreditEntry[] = [];
  for (const chapter of chapters) {
    const visitFigure = (figure: Figure) => {
      for (const child of figure.children) if (child.type === 'credit') credits.push({ credit: child, figure, chapterId: chapter.id });
    };
    if (chapter.hero) visitFigure(chapter.hero);
    collectFigures(chapter.tree, visitFigure);
  }
  const publication: Publication = { meta, chapters, assets, credits };
  const cover = firstCtx ? coverFigure(options.cover, fm, firstCtx, title) : undefined;
  if (cover) publication.cover = cover;
  return publication;
}

/**
 * The cover image named in folio.yaml (paths from the config's folder; problems reported
 * at the top of the first manuscript, naming folio.yaml) or in the first manuscript's
 * front matter. Its alt text defaults to the title: a cover says which book it is.
 */
function coverFigure(fromConfig: PublicationOptions['cover'], fm: FrontMatter, ctx: TransformContext, title: string): Figure | undefined {
  if (fromConfig) {
    const start = { line: 1, column: 1 };
    return makeFigure({ url: fromConfig.src, alt: `Cover: ${title}`, position: { start, end: start } }, { ...ctx, baseDir: fromConfig.baseDir });
  }
  if (!fm.cover) return undefined;
  const position = { start: fm.cover.position, end: fm.cover.position };
  return makeFigure({ url: fm.cover.src, alt: fm.cover.alt ?? `Cover: ${title}`, position }, ctx);
}

function collectFigures(node: { type: string; children?: unknown }, each: (figure: Figure) => void): void {
  if (node.type === 'figure') {
    // Only figure nodes have type 'figure' (see nodes.ts); the check above narrows it.
    each(node as Figure);
    return;
  }
  if (Array.isArray(node.children)) for (const child of node.children) collectFigures(child, each);
}
