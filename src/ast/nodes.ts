/**
 * Folio's own node types, declared by module augmentation of `mdast` so that
 * positions, `unist-util-visit` and vfile messages keep working on them.
 */
import type { BlockContent, Parent, PhrasingContent, RootContent, Table } from 'mdast';

/** Who owns an image: phrasing children (the credit text), optional licence and link. */
export interface Credit extends Parent {
  type: 'credit';
  children: PhrasingContent[];
  /** Stable id (`credit-<n>` within the publication), the target of credits-page links. */
  id: string;
  license?: string;
  url?: string;
}

/** Caption of a figure (phrasing). */
export interface FigureCaption extends Parent {
  type: 'figureCaption';
  children: PhrasingContent[];
}

/** A length given in the manuscript: a share of the text's width (`%`), points, or ems of the body type. */
export interface Length {
  value: number;
  unit: '%' | 'pt' | 'em';
}

/** The size an image is given (`{width=50%}`, `::figure{width=…}`): one side, the other follows the image's proportions. */
export interface ImageSize {
  width?: Length;
  height?: Length;
}

/**
 * An image with optional caption and credit. `url` is the manuscript-relative path
 * as written; `assetId` keys the publication's asset store.
 */
export interface Figure extends Parent {
  type: 'figure';
  children: Array<FigureCaption | Credit>;
  /** Stable id: `fig-<n>` within the publication, or the one the manuscript gives it (`{#id}`). */
  id: string;
  url: string;
  alt: string;
  /** Key into `Publication.assets`; absent only when the image could not be loaded. */
  assetId?: string;
  width?: number;
  height?: number;
  /** `hero` for the front-matter image shown under the title. */
  role?: 'hero';
  /** The size the manuscript gives it; else it takes the text's width, within the page's height. */
  size?: ImageSize;
}

/**
 * A highlighted excerpt. `repeated` is true when it repeats text that stays in the
 * body (inline `:pullquote[…]`): EPUB hides it from assistive technology and the
 * tagged PDF must not read it twice.
 */
export interface PullQuote extends Parent {
  type: 'pullQuote';
  children: PhrasingContent[];
  attribution?: string;
  repeated: boolean;
}

/**
 * `:::verse` — a poem or song. Each paragraph is a stanza whose lines are separated by
 * `break` nodes, always direct children of the stanza (never inside emphasis or a link),
 * so that a renderer can set each line of verse on its own; other blocks are kept as
 * they are.
 */
export interface Verse extends Parent {
  type: 'verse';
  children: RootContent[];
  attribution?: string;
}

/**
 * A definition list (ast/definition-list.ts): terms, each group of terms followed by
 * its descriptions, in manuscript order.
 */
export interface DefList extends Parent {
  type: 'defList';
  children: Array<DefListTerm | DefListDescription>;
}

/** A term of a definition list (phrasing, one line of the manuscript). */
export interface DefListTerm extends Parent {
  type: 'defListTerm';
  children: PhrasingContent[];
}

/** A description (`: …`): blocks; `spread` when a blank line stood before it. */
export interface DefListDescription extends Parent {
  type: 'defListDescription';
  spread: boolean;
  children: BlockContent[];
}

/** A table and its caption (`Table: …` before or after it, ast/transforms/table-caption.ts). */
export interface CaptionedTable extends Parent {
  type: 'captionedTable';
  children: [FigureCaption, Table];
}

/** A heading and what follows it up to the next heading of the same or higher rank. */
export interface Section extends Parent {
  type: 'section';
  /** Rank of the heading that opens it (2–6 in a chapter). */
  depth: number;
  /** Stable, unique within the publication. */
  id: string;
  /** The opening heading first, then blocks and nested sections. */
  children: RootContent[];
  /** Left out of the contents (`{.unlisted}`), with the sections inside it. */
  unlisted?: boolean;
}

/** `:lang[Text]{lang=de}`: children set, quoted and hyphenated by the rules of `lang` (BCP 47). */
export interface LangSpan extends Parent {
  type: 'langSpan';
  lang: string;
  children: PhrasingContent[];
}

/** `:notypo[Text]`: children left exactly as typed (no quote, space or dash rules). */
export interface NoTypography extends Parent {
  type: 'noTypography';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    langSpan: LangSpan;
    noTypography: NoTypography;
  }
  interface RootContentMap {
    langSpan: LangSpan;
    noTypography: NoTypography;
    credit: Credit;
    figureCaption: FigureCaption;
    figure: Figure;
    pullQuote: PullQuote;
    section: Section;
    verse: Verse;
    defList: DefList;
    defListTerm: DefListTerm;
    defListDescription: DefListDescription;
    captionedTable: CaptionedTable;
  }
  interface BlockContentMap {
    figure: Figure;
    pullQuote: PullQuote;
    section: Section;
    verse: Verse;
    defList: DefList;
    captionedTable: CaptionedTable;
  }
}

/** Every node type both renderers must handle. */
export type FolioNodeType = 'credit' | 'figureCaption' | 'figure' | 'pullQuote' | 'section' | 'verse' | 'langSpan' | 'noTypography' | 'defList' | 'defListTerm' | 'defListDescription' | 'captionedTable';

declare module 'mdast' {
  interface HeadingData {
    /** An id given in the manuscript (`# Title {#id}`, ast/transforms/heading-attributes.ts). */
    id?: string;
    /** `{.unlisted}`: a section left out of the contents. */
    unlisted?: boolean;
  }
  interface ImageData {
    /** Key into `Publication.assets` for an inline image that could be loaded. */
    assetId?: string;
    /** `{#id width=…}` written right after the image (ast/transforms/image-attributes.ts). */
    id?: string;
    size?: ImageSize;
  }
}
