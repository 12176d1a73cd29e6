import type { VFile } from 'vfile';
import type { AssetResolver } from '../manuscript/assets.js';
import type { Asset } from '../manuscript/asset-types.js';

/** What transforms share while building one publication. */
export interface TransformContext {
  file: VFile;
  /** Folder of the manuscript, for relative image paths. */
  baseDir: string;
  resolver: AssetResolver;
  /** Assets used so far, by id, in first-use order. */
  assets: Map<string, Asset>;
  /** Ids already taken in the publication (sections, figures, credits, chapters). */
  ids: Set<string>;
  counters: { figure: number; credit: number; chapter: number };
}

/** Returns `base`, or `base-2`, `base-3`… so that ids stay unique in the publication. */
export function uniqueId(ctx: TransformContext, base: string): string {
  let id = base;
  for (let n = 2; ctx.ids.has(id); n++) id = `${base}-${n}`;
  ctx.ids.add(id);
  return id;
}

/** An XML-name-safe slug of `text` (ASCII letters, digits, hyphens; starts with a letter). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return /^[a-z]/.test(slug) ? slug : `s-${slug || 'section'}`;
}
