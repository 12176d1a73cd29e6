import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { VFile } from 'vfile';
import { report, type Place } from '../diagnostics/report.js';
import type { Asset, ImageMediaType } from './asset-types.js';
import { checkJpeg, checkPng, type Checked } from './image-check.js';

export interface AssetLimits {
  /** Largest image file read, bytes. */
  maxBytes: number;
  /** Largest decoded image, pixels (width × height). */
  maxPixels: number;
}

export const defaultAssetLimits: AssetLimits = { maxBytes: 50 * 1024 * 1024, maxPixels: 50_000_000 };

function sniff(bytes: Uint8Array): ImageMediaType | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46) return 'image/gif';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45) return 'image/webp';
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^>[]*(\[[\s\S]*?\])?\s*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'image';
}

/**
 * Serves images from one folder (a manuscript's, or a collection's config folder):
 * never a network request, never a path outside the folder, never a symlink out.
 * Loaded assets are cached by resolved path, so an image used twice is one asset.
 */
export class AssetResolver {
  readonly root: string;
  private readonly realRoot: string;
  private readonly cache = new Map<string, Asset>();
  /** Every local path asked for, found or not: what a cached build must re-check. */
  readonly attempted = new Set<string>();
  private readonly limits: AssetLimits;

  constructor(root: string, limits: AssetLimits = defaultAssetLimits) {
    this.root = resolve(root);
    this.realRoot = realpathSync(this.root);
    this.limits = limits;
  }

  /**
   * Resolves `url` as written in the manuscript `file` (whose folder is `baseDir`).
   * Reports a positioned error and returns undefined when it cannot be served.
   */
  resolve(url: string, baseDir: string, file: VFile, place: Place): Asset | undefined {
    const trimmed = url.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
      const scheme = trimmed.startsWith('//') ? 'protocol-relative' : trimmed.slice(0, trimmed.indexOf(':') + 1);
      report(file, 'image-remote', `image "${truncate(trimmed)}" is a ${scheme} URL: Folio never fetches; download it into the manuscript's folder and use a relative path`, place);
      return undefined;
    }
    let decoded = trimmed;
    try {
      decoded = decodeURIComponent(trimmed);
    } catch {
      // Not percent-encoded: use as written.
    }
    decoded = decoded.replace(/[?#].*$/, '');
    if (isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded)) {
      report(file, 'image-outside', `image "${truncate(trimmed)}" is an absolute path: use a path relative to the manuscript, inside its folder`, place);
      return undefined;
    }
    const full = resolve(baseDir, decoded);
    if (isInside(this.root, full)) this.attempted.add(full);
    if (!isInside(this.root, full)) {
      report(file, 'image-outside', `image "${truncate(trimmed)}" points outside the manuscript's folder: copy it inside and use a relative path`, place);
      return undefined;
    }
    const cached = this.cache.get(full);
    if (cached) return cached;
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      report(file, 'image-missing', `image "${truncate(trimmed)}" not found next to the manuscript: check the path and the file name's case`, place);
      return undefined;
    }
    if (!isInside(this.realRoot, real)) {
      report(file, 'image-outside', `image "${truncate(trimmed)}" is a link to a file outside the manuscript's folder`, place);
      return undefined;
    }
    const stat = statSync(real);
    if (!stat.isFile()) {
      report(file, 'image-missing', `image "${truncate(trimmed)}" is not a file`, place);
      return undefined;
    }
    if (stat.size > this.limits.maxBytes) {
      report(file, 'image-format', `image "${truncate(trimmed)}" is ${stat.size} bytes, over the ${this.limits.maxBytes}-byte limit`, place);
      return undefined;
    }
    const data = readFileSync(real);
    const mediaType = sniff(data);
    if (!mediaType) {
      report(file, 'image-format', `image "${truncate(trimmed)}" is not a JPEG, PNG, GIF, WebP or SVG file (empty, corrupt, or another format)`, place);
      return undefined;
    }
    const checked = inspect(data, mediaType, this.limits.maxPixels);
    if (!checked.ok) {
      report(file, 'image-format', `image "${truncate(trimmed)}" ${checked.reason}`, place);
      return undefined;
    }
    const { width, height, orientation } = checked.facts;
    if (width * height > this.limits.maxPixels) {
      report(file, 'image-format', `image "${truncate(trimmed)}" is ${width}×${height} pixels, over the ${this.limits.maxPixels}-pixel limit: scale it down`, place);
      return undefined;
    }
    const href = relative(this.root, full).split(sep).join('/');
    const hash = createHash('sha256').update(href).digest('hex').slice(0, 8);
    // EXIF orientations 5–8 turn the picture a quarter: the reader sees it with width and height swapped.
    const quarterTurn = orientation !== undefined && orientation >= 5;
    const bytes = mediaType === 'image/svg+xml' ? withoutDoctype(data) : data;
    const asset: Asset = { id: `img-${slug(href.split('/').pop() ?? href)}-${hash}`, href, mediaType, data: bytes, width: quarterTurn ? height : width, height: quarterTurn ? width : height };
    if (orientation !== undefined) asset.orientation = orientation;
    this.cache.set(full, asset);
    return asset;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Reads an image's size (and EXIF orientation) from its bytes, checking that every
 * renderer can decode it: PNG and JPEG structure, WebP container length, SVG content
 * that would run script or load remote files in a reading system.
 */
function inspect(data: Uint8Array, mediaType: ImageMediaType, maxPixels: number): Checked {
  if (mediaType === 'image/jpeg') return checkJpeg(data);
  if (mediaType === 'image/png') return checkPng(data, (width, height) => width * height <= maxPixels);
  if (mediaType === 'image/webp') {
    const riffSize = ((data[4] ?? 0) | ((data[5] ?? 0) << 8) | ((data[6] ?? 0) << 16) | ((data[7] ?? 0) << 24)) >>> 0;
    if (riffSize + 8 > data.length) return { ok: false, reason: 'is truncated (the WebP file is shorter than its header says)' };
  }
  if (mediaType === 'image/gif' && data.length < 14) return { ok: false, reason: 'is truncated (the GIF header is cut off)' };
  if (mediaType === 'image/svg+xml') {
    const svg = new TextDecoder().decode(data);
    if (/<script[\s>]|\son[a-z]+\s*=|javascript:/i.test(svg)) return { ok: false, reason: 'is an SVG with scripts or event handlers: remove them (reading systems would run them)' };
    if (/(?:href|src)\s*=\s*["']\s*(?:[a-z][a-z0-9+.-]*:|\/\/)(?!#)/i.test(svg.replace(/xmlns(?::\w+)?\s*=\s*["'][^"']*["']/g, ''))) {
      return { ok: false, reason: 'is an SVG that links to or loads other files by URL: remove the remote references (Folio never lets a book fetch)' };
    }
    if (/<!ENTITY/i.test(svg)) return { ok: false, reason: 'is an SVG that declares XML entities: remove them' };
  }
  try {
    const size = imageSize(data);
    if (!(size.width > 0 && size.height > 0)) return { ok: false, reason: 'has no usable dimensions' };
    return { ok: true, facts: { mediaType, width: size.width, height: size.height } };
  } catch {
    return { ok: false, reason: `looks like ${mediaType} but its size cannot be read: the file is corrupt or truncated` };
  }
}

/**
 * An SVG without its DOCTYPE: EPUB 3 forbids external DTDs (OPF-073, HTM-003) and an XML
 * parser could fetch one; SVG needs none. (Entity declarations are refused earlier.)
 */
function withoutDoctype(data: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(data);
  const stripped = text.replace(/<!DOCTYPE\s+svg[^>[]*>/i, '');
  return stripped === text ? data : new TextEncoder().encode(stripped);
}
