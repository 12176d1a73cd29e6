/**
 * The layout of a whole publication, in one pass, pages streamed out as they are
 * finished. A printed contents page needs the page numbers of what follows it; its
 * numbers sit in a fixed-width column (layout/toc.ts), so its lines and its page count do
 * not depend on them. The pass therefore sets the front matter (title page, contents)
 * with placeholder numbers, holds those pages back, streams every later page out as
 * final, and at the end sets the front matter again with the numbers it found. The front
 * pages come last: the painter puts them back in front (paint.ts, `front`).
 */
import type { Chapter, Publication } from '../../ast/publication.js';
import { defaultPdfOptions, type RenderOptions } from '../../config/options.js';
import { report } from '../../diagnostics/report.js';
import { getHyphenator } from '../../typography/hyphenation.js';
import type { FontBook } from './fonts.js';
import { chapterItems, creditsItems, noteSeparator, titlePageItems } from './layout/chapter.js';
import { columnGeometry } from './layout/columns.js';
import { Paginator, type Page } from './layout/paginate.js';
import { linkTargets } from './layout/targets.js';
import { tocItems } from './layout/toc.js';
import type { LayoutEnv } from './layout/types.js';

/**
 * Runs `work` and drops the messages it reported on the chapters' files: for a layout
 * run again (the page map, the layout report, the contents set a second time), whose
 * warnings the first run reported already.
 */
export function withoutNewMessages<T>(pub: Publication, work: () => T): T {
  const counts = pub.chapters.map((chapter) => chapter.file.messages.length);
  const result = work();
  pub.chapters.forEach((chapter, index) => chapter.file.messages.splice(counts[index] ?? 0));
  return result;
}

/** Receives each finished page; `front` for the title and contents pages, which come after the others. */
export type PageSink = (page: Page, front: boolean) => void;

interface PassResult {
  /** First page of each named destination of an outlined item (chapter openers, section headings): the TOC's numbers. */
  destPages: Map<string, number>;
}

/** What both the pass and the front matter's second setting need: each chapter's environment, a paginator. */
class LayoutSetup {
  readonly first: Chapter | undefined;
  readonly book: boolean;
  readonly toc: boolean;
  private readonly byId: Map<string, Chapter>;
  private readonly targets: ReadonlySet<string>;

  constructor(
    readonly pub: Publication,
    private readonly options: RenderOptions,
    private readonly fonts: FontBook,
  ) {
    this.first = pub.chapters[0];
    this.book = pub.chapters.length > 1;
    // A contents page only helps a book or a collection, not a single brief.
    this.toc = (options.pdf ?? defaultPdfOptions).toc && this.book;
    this.byId = new Map(pub.chapters.map((chapter) => [chapter.id, chapter]));
    this.targets = linkTargets(pub);
  }

  get pdf() {
    return this.options.pdf ?? defaultPdfOptions;
  }

  env(chapter: Chapter | undefined): LayoutEnv {
    const theme = this.options.theme.pdf;
    const { pageSize, margins } = theme;
    const lang = chapter?.lang ?? this.pub.meta.lang;
    const exceptions = this.options.hyphenationExceptions;
    return {
      metrics: this.fonts,
      theme,
      measure: pageSize.width - margins.inner - margins.outer,
      areaHeight: pageSize.height - margins.top - margins.bottom,
      lang,
      hyphenate: getHyphenator(lang, exceptions ? { exceptions } : {}),
      assets: this.pub.assets,
      columns: this.pdf.columns,
      warn: (ruleId, reason, place) => {
        if (chapter) report(chapter.file, ruleId, reason, place);
      },
      source: chapter ? String(chapter.file.value) : undefined,
      targets: this.targets,
    };
  }

  envById(id: string): LayoutEnv {
    return this.env(this.byId.get(id));
  }

  paginator(onPage: (page: Page) => void): Paginator {
    const env = this.env(this.first);
    return new Paginator({
      areaHeight: env.areaHeight,
      noteSeparator: noteSeparator(env),
      keep: false,
      columns: columnGeometry(env.measure, this.pdf.columns, env.theme),
      recto: this.pdf.recto,
      onPage,
    });
  }

  /** Title page (books and empty publications) and contents page; `tocPages` gives the numbers (placeholders when absent). */
  addFront(paginator: Paginator, tocPages?: Map<string, number>): void {
    if (this.book || !this.first) paginator.add(titlePageItems(this.pub, this.env(this.first)));
    if (this.toc) paginator.add(tocItems(this.pub, this.env(this.first), tocPages, this.pdf.tocDepth));
  }
}

/** The single pass: front pages (placeholder numbers) to `front`, every later page to `sink` as it is finished. */
function layoutPass(setup: LayoutSetup, sink: (page: Page) => void, front: (page: Page) => void): PassResult {
  const { pub } = setup;
  const destPages = new Map<string, number>();
  const figurePages = new Map<string, number>();
  // Pages up to this number are front matter; unknown until the front items are all added.
  let frontCount = Number.POSITIVE_INFINITY;
  const paginator = setup.paginator((page) => {
    for (const id of page.marks) if (!figurePages.has(id)) figurePages.set(id, page.number);
    for (const placed of page.placed) {
      if (placed.item.outline) for (const box of placed.item.boxes) if (box.kind === 'dest' && !destPages.has(box.name)) destPages.set(box.name, page.number);
    }
    if (page.number <= frontCount) front(page);
    else sink(page);
  });
  setup.addFront(paginator);
  frontCount = paginator.started;
  for (const chapter of pub.chapters) paginator.add(chapterItems(chapter, setup.env(chapter), setup.book));
  if (setup.pdf.creditsPage && pub.credits.length > 0) {
    paginator.endPage();
    paginator.add(creditsItems(pub, figurePages, (id) => setup.envById(id), setup.env(setup.first)));
  }
  paginator.finish();
  return { destPages };
}

/**
 * Lays the publication out and hands each finished page to `sink`: every page after the
 * front matter as soon as it is finished, in order, then the front pages, in order, with
 * their final numbers. Pages are not kept.
 */
export function layoutAll(pub: Publication, options: RenderOptions, fonts: FontBook, sink: PageSink): void {
  const setup = new LayoutSetup(pub, options, fonts);
  const body = (page: Page) => sink(page, false);
  // The front pages of the pass have placeholder numbers: only their count is kept. Without a contents page, the title page is final as it is.
  let placeholders = 0;
  const { destPages } = layoutPass(setup, body, setup.toc ? () => placeholders++ : body);
  if (!setup.toc) return;
  // The contents again, with its numbers. Its warnings were reported by the pass already.
  const front: Page[] = [];
  withoutNewMessages(pub, () => {
    const paginator = setup.paginator((page) => front.push(page));
    setup.addFront(paginator, destPages);
    paginator.finish();
  });
  // Fixed-width numbers keep the contents' lines: a different page count is a Folio bug, not a manuscript's.
  if (front.length !== placeholders) throw new Error(`the contents took ${front.length} page(s) with its numbers and ${placeholders} without`);
  for (const page of front) sink(page, true);
}
