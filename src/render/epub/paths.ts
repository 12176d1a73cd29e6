/**
 * Where every file lives inside the EPUB (relative to the package document),
 * and the manifest id of each. File names are ASCII-safe and unique; the names
 * that epub-gen-memory fixes itself (style.css, toc.xhtml, toc.ncx) are reserved.
 */
import type { ImageMediaType } from '../../manuscript/asset-types.js';
import type { Publication } from '../../ast/publication.js';

export const STYLESHEET = 'style.css';
export const NAV = 'toc.xhtml';
export const NCX = 'toc.ncx';
export const CREDITS = 'credits.xhtml';

/** Image types an EPUB 3.2 reading system must support (WebP only arrives with EPUB 3.3). */
const extensions: Partial<Record<ImageMediaType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
};

export interface EpubImage {
  assetId: string;
  /** Path relative to the package document, e.g. `images/img-hero.jpg`. */
  href: string;
  manifestId: string;
  mediaType: ImageMediaType;
  data: Uint8Array;
}

export interface EpubPaths {
  /** chapter id → XHTML file name. */
  chapters: Map<string, string>;
  /** chapter id → manifest id. */
  chapterIds: Map<string, string>;
  /** asset id → image entry; assets of a type EPUB 3.2 cannot carry are absent. */
  images: Map<string, EpubImage>;
}

/** A valid XML NCName built from `raw` (manifest ids must be NCNames). */
export function ncName(raw: string, fallback: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (cleaned === '') return fallback;
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `${fallback}-${cleaned}`;
}

function unique(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${base}-${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function planPaths(pub: Publication): EpubPaths {
  // Names compared case-insensitively: zip tools on some systems fold case.
  const files = new Set(['toc', 'credits', 'content', 'cover', 'style', 'nav']);
  const ids = new Set(['ncx', 'nav', 'css', 'credits', 'cover', 'cover-image', 'toc', 'font-text-regular', 'font-text-italic', 'font-text-bold', 'font-text-bold-italic', 'font-mono-regular']);
  const chapters = new Map<string, string>();
  const chapterIds = new Map<string, string>();
  pub.chapters.forEach((chapter, index) => {
    const base = unique(ncName(chapter.id, `chapter-${index + 1}`), files);
    chapters.set(chapter.id, `${base}.xhtml`);
    chapterIds.set(chapter.id, unique(base, ids));
  });
  const images = new Map<string, EpubImage>();
  const imageFiles = new Set<string>();
  for (const asset of pub.assets.values()) {
    const extension = extensions[asset.mediaType];
    if (!extension) continue;
    const base = unique(ncName(asset.id, 'img'), imageFiles);
    images.set(asset.id, {
      assetId: asset.id,
      href: `images/${base}.${extension}`,
      manifestId: unique(base, ids),
      mediaType: asset.mediaType,
      data: asset.data,
    });
  }
  return { chapters, chapterIds, images };
}
