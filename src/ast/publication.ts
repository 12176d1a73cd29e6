import type { PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Asset } from '../manuscript/asset-types.js';
import type { Credit, Figure } from './nodes.js';

export interface PublicationMeta {
  title: string;
  subtitle?: string;
  authors: string[];
  /** MARC relator code per author name (`edt`, `trl`…), from folio.yaml; default `aut`. */
  authorRoles?: Record<string, string>;
  /** In a collection: the articles' own authors who are not among `authors`. */
  contributors?: string[];
  /** BCP 47. */
  lang: string;
  /** `YYYY-MM-DD` when known. */
  date?: string;
  /** Stable identifier: front matter `identifier`, else `urn:uuid:` v5 of title + authors. */
  identifier: string;
  publisher?: string;
  rights?: string;
  description?: string;
  /** ISO 8601 UTC, from `date` or SOURCE_DATE_EPOCH; never the clock. */
  modified: string;
}

export interface Chapter {
  /** Stable id, unique within the publication (`ch-1`, `ch-2`…). */
  id: string;
  /** Title as phrasing (may hold emphasis), and as plain text. */
  title: PhrasingContent[];
  titleText: string;
  /**
   * The id links to the chapter name (`[text](#anchor)`): its heading's `{#id}`, else made
   * from its title as a section's is; unique in the publication.
   */
  anchor: string;
  subtitle?: string;
  /**
   * The byline's names: the manuscript's authors on an article's opener (a manuscript of
   * one chapter, or the first chapter of each manuscript of a collection); empty for the
   * chapters of a book, whose title page names them.
   */
  authors: string[];
  lang: string;
  /** The byline's date (`YYYY-MM-DD`), where the byline is. */
  date?: string;
  /** Hero image under the title, with its credit as a child. */
  hero?: Figure;
  /** Body: blocks and sections, footnote definitions of this chapter included. */
  tree: Root;
  /** The manuscript this chapter comes from; renderers report through it. */
  file: VFile;
}

export interface CreditEntry {
  credit: Credit;
  /** The figure it belongs to, and that figure's chapter. */
  figure: Figure;
  chapterId: string;
}

export interface Publication {
  meta: PublicationMeta;
  chapters: Chapter[];
  /** Images by `Asset.id`, in first-use order. */
  assets: Map<string, Asset>;
  /** Every image credit in reading order (hero credits included). */
  credits: CreditEntry[];
  /** The cover image given in folio.yaml or front matter (`cover`); without it, the first chapter's hero serves. */
  cover?: Figure;
}

/** The image a publication shows as its cover: its own, else the first chapter's hero. */
export function coverOf(pub: Publication): Figure | undefined {
  return pub.cover ?? pub.chapters[0]?.hero;
}
