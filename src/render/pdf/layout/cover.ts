/**
 * The cover image on the PDF title page. The publication's cover is the image the EPUB
 * takes as its cover (render/epub/cover.ts): the first chapter's hero. In the PDF it is
 * set above the title, scaled to fit the upper part of the text block, rather than as a
 * full-bleed page of its own: page 1 stays the title page (a recto), folios and the
 * credits page's numbers stay as they are, and a print shop gets its cover as a
 * separate file anyway. Tagged as a Figure with the image's alt text.
 */
import type { Figure } from '../../../ast/nodes.js';
import { coverOf, type Publication } from '../../../ast/publication.js';
import { imageProblem } from './image-data.js';
import type { Item, LayoutEnv, StructNode } from './types.js';

/** Share of the text block's height the cover may take at most, and at least (else it is left out). */
const COVER_HEIGHT = 0.5;
const COVER_MIN_HEIGHT = 0.18;

/** The publication's cover image, if it has one the PDF can draw. */
export function coverFigure(pub: Publication): Figure | undefined {
  const figure = coverOf(pub);
  if (!figure?.assetId) return undefined;
  return imageProblem(pub.assets.get(figure.assetId)) === undefined ? figure : undefined;
}

/**
 * The cover as one centred item at most `room` points high, or undefined without a
 * drawable cover or without room for it (a title too long leaves too little).
 */
export function coverItem(pub: Publication, env: LayoutEnv, parent: StructNode, room: number): Item | undefined {
  const figure = coverFigure(pub);
  const asset = figure?.assetId === undefined ? undefined : pub.assets.get(figure.assetId);
  if (!figure || !asset || asset.width <= 0 || asset.height <= 0) return undefined;
  const limit = Math.min(room, env.areaHeight * COVER_HEIGHT);
  if (limit < env.areaHeight * COVER_MIN_HEIGHT) return undefined;
  const scale = Math.min(env.measure / asset.width, limit / asset.height);
  const width = asset.width * scale;
  const height = asset.height * scale;
  const alt = figure.alt.trim() || pub.meta.title;
  const tag: StructNode = { role: 'Figure', parent, alt };
  return {
    height,
    spaceBefore: 0,
    boxes: [{ kind: 'image', x: (env.measure - width) / 2, y: 0, width, height, data: asset.data, alt, assetId: asset.id, tag }],
    tag,
    keepWithNext: true,
  };
}
