/** Whether an image's bytes are what pdfkit can draw (JPEG, PNG), and its size inside a line of text. */
import type { ImageSize, Length } from '../../../ast/nodes.js';
import type { Asset } from '../../../manuscript/asset-types.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

function startsWith(data: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => data[index] === byte);
}

/** Why an asset cannot be drawn by pdfkit, or undefined when it can. */
export function imageProblem(asset: Asset | undefined): string | undefined {
  if (!asset) return 'the image was not loaded';
  if (asset.mediaType === 'image/png') return startsWith(asset.data, PNG) ? undefined : 'the file is not a valid PNG';
  if (asset.mediaType === 'image/jpeg') return startsWith(asset.data, JPEG) ? undefined : 'the file is not a valid JPEG';
  return `${asset.mediaType} images are not supported in the PDF (use JPEG or PNG)`;
}

/** A length the manuscript gives, in points: a share of `whole` (per cent), ems of type of size `em`, or points. */
export function lengthInPoints(length: Length, whole: number, em: number): number {
  return length.unit === '%' ? (whole * length.value) / 100 : length.unit === 'em' ? length.value * em : length.value;
}

/** Tallest an image inside a line of text is set, in ems of the text: the default EPUB CSS's `max-height` (img.inline). */
export const INLINE_IMAGE_EMS = 1.2;

/**
 * The size of an image inside a line of text, in points: the size the manuscript gives
 * it, else its own at 96 pixels to the inch (CSS's); at most INLINE_IMAGE_EMS of the
 * text tall and `measure` wide.
 */
export function inlineImageSize(asset: Asset, size: number, measure: number, given?: ImageSize): { width: number; height: number } {
  const ratio = asset.width > 0 && asset.height > 0 ? asset.width / asset.height : 1;
  // The size the manuscript gives it (`{height=1em}`), else its own; never taller than the cap.
  const wanted =
    given?.height && given.height.unit !== '%'
      ? lengthInPoints(given.height, size, size)
      : given?.width
        ? lengthInPoints(given.width, measure, size) / ratio
        : asset.height > 0
          ? asset.height * 0.75
          : size;
  let height = Math.min(wanted, size * INLINE_IMAGE_EMS);
  let width = height * ratio;
  if (width > measure) {
    width = measure;
    height = width / ratio;
  }
  return { width, height };
}
