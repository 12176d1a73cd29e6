/** What the mdast → hast handlers of one chapter know about the book around them. */
import type { ElementContent } from 'hast';
import type { Parents as MdastParents, Nodes as MdastNodes } from 'mdast';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';
import type { VFile } from 'vfile';
import type { FolioNodeType } from '../../ast/nodes.js';
import type { Chapter, Publication } from '../../ast/publication.js';
import type { ChapterPageBreaks } from './page-breaks.js';
import type { EpubPaths } from './paths.js';
import type { Labels } from '../../typography/labels.js';

/** mdast-util-to-hast's handler map and state, reached through remark-rehype's public types. */
export type Handlers = NonNullable<RemarkRehypeOptions['handlers']>;
export type Handler = NonNullable<Handlers['paragraph']>;
export type State = Parameters<Handler>[0];

export type NodeOf<T extends MdastNodes['type']> = Extract<MdastNodes, { type: T }>;
export type HandlerResult = ElementContent | ElementContent[] | undefined;
export type TypedHandler<T extends MdastNodes['type']> = (state: State, node: NodeOf<T>, parent: MdastParents | undefined) => HandlerResult;

/** One handler per Folio node type: the compiler flags a type without one. */
export type FolioHandlers = { [T in FolioNodeType]: TypedHandler<T> };

export interface FootnoteState {
  /** Normalised identifiers in order of first reference; numbers are index + 1. */
  order: string[];
  /** identifier → ids of its reference links, in order. */
  references: Map<string, string[]>;
}

export interface ChapterContext {
  pub: Publication;
  chapter: Chapter;
  file: VFile;
  /** The chapter's language, else the publication's. */
  lang: string;
  paths: EpubPaths;
  strings: Labels;
  /** Prefix of generated ids in this document (footnotes, title). */
  idPrefix: string;
  /** credit id → href of its entry on the credits page (empty when there is none). */
  creditEntries: Map<string, string>;
  footnotes: FootnoteState;
  /** > 0 while rendering a repeated pull quote (hidden from assistive technology). */
  hiddenDepth: number;
  /** Where the PDF's pages start in this chapter, when the book has a page list. */
  pageBreaks?: ChapterPageBreaks;
}
