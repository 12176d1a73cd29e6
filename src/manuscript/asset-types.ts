/** An image read from the manuscript's folder, ready for both renderers. */
export interface Asset {
  /** Stable id derived from the path (`img-<slug>`); also the EPUB manifest id. */
  id: string;
  /** Path relative to the manuscript's folder, POSIX separators (`images/hero.jpg`). */
  href: string;
  mediaType: ImageMediaType;
  data: Uint8Array;
  width: number;
  height: number;
}

export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/svg+xml' | 'image/webp';
