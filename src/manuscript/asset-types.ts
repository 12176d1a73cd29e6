/** An image read from the manuscript's folder, ready for both renderers. */
export interface Asset {
  /** Stable id derived from the path (`img-<slug>`); also the EPUB manifest id. */
  id: string;
  /** Path relative to the manuscript's folder, POSIX separators (`images/hero.jpg`). */
  href: string;
  mediaType: ImageMediaType;
  data: Uint8Array;
  /** As displayed: for EXIF orientations 5–8, the stored pixel rows' width and height swapped. */
  width: number;
  height: number;
  /**
   * EXIF orientation of a JPEG (2–8) when it is not the default 1: renderers draw the
   * picture turned or mirrored accordingly (pdfkit does it by itself; reading systems
   * honour it through CSS `image-orientation: from-image`, the CSS default).
   */
  orientation?: number;
}

export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/svg+xml' | 'image/webp';
