import type { Publication } from './publication.js';

/** The publication as JSON for `--format ast`: trees with positions, assets without their bytes. */
export function publicationJson(publication: Publication): unknown {
  return {
    meta: publication.meta,
    chapters: publication.chapters.map(({ file, ...chapter }) => ({ ...chapter, source: file.path })),
    assets: [...publication.assets.values()].map(({ data, ...asset }) => ({ ...asset, bytes: data.byteLength })),
    credits: publication.credits.map((c) => ({ creditId: c.credit.id, figureId: c.figure.id, chapterId: c.chapterId })),
  };
}
