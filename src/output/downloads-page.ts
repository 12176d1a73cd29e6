/**
 * The downloads page (`dist/index.html`): one static, self-contained, accessible
 * page listing the built publications — cover thumbnail, title, subtitle,
 * authors, language, page count, and the EPUB and PDF links with their sizes
 * and SHA-256. Made from the same `JobReport`s as the `--json` report. Relative
 * links only, inline CSS, no script, no external request: it works opened from
 * disk and from any static host. Same reports, same bytes.
 */
import { readFileSync } from 'node:fs';
import { extname, relative, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { JobReport, OutputReport } from '../build.js';
import { typographicCover } from '../render/epub/cover.js';
import { escapeHtml } from './escape-html.js';
import { downloadsCss } from './downloads-style.js';
import { writeOutputIfChanged, type WrittenFile } from './write.js';

/** What the page says about one publication (the fields proposed for `JobReport.publication`). */
export interface PublicationInfo {
  title: string;
  subtitle?: string;
  authors: string[];
  /** BCP 47. */
  lang: string;
  date?: string;
  description?: string;
  /** The cover the publication opens with: an image file (absolute path) or its bytes. */
  cover?: { path?: string; data?: Uint8Array; mediaType: string; alt: string };
}

/** A build report, with the publication's metadata when the build recorded it. */
export type DownloadsReport = Omit<JobReport, 'publication'> & { publication?: PublicationInfo };

export interface DownloadsMeta {
  /** Page heading: the collection's title, or a generic one. */
  title: string;
  /** Language of `title` (the page's own words are English). */
  lang?: string;
  description?: string;
}

export interface DownloadsPage {
  html: string;
  /** Extra files the page links to (cover thumbnails), relative to the output folder. */
  files: Array<{ path: string; data: Uint8Array }>;
}

const coverExtensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };
const formatLabels: Record<string, { label: string; type: string; note: string }> = {
  epub: { label: 'EPUB', type: 'application/epub+zip', note: 'for e-readers and reading apps' },
  pdf: { label: 'PDF', type: 'application/pdf', note: 'print layout' },
};

/** `1 234 567` bytes → `1.2 MB`. Decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit] ?? 'GB'}`;
}

/** A relative URL from the output folder to `path`, each segment percent-encoded. */
function hrefFor(outDir: string, path: string): string {
  return relative(outDir, path).split(sep).map(encodeURIComponent).join('/');
}

/** One formatter for the page (making one per card cost more than the rest of the card). */
let languageNames: Intl.DisplayNames | undefined;
/** A catalogue has a few languages and many cards: each name is looked up once. */
export const languageLabels = new Map<string, string>();

function languageName(lang: string): string {
  let label = languageLabels.get(lang);
  if (label === undefined) {
    try {
      languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
      const name = languageNames.of(lang);
      label = name && name !== lang ? `${name} (${lang})` : lang;
    } catch {
      label = lang;
    }
    languageLabels.set(lang, label);
  }
  return label;
}

/** A safe file name for a publication's cover thumbnail. */
function coverName(name: string, extension: string): string {
  return `covers/${name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '') || 'cover'}.${extension}`;
}

function dimensions(data: Uint8Array): { width: number; height: number } | undefined {
  try {
    const size = imageSize(data);
    return size.width && size.height ? { width: size.width, height: size.height } : undefined;
  } catch {
    return undefined;
  }
}

export function coverFor(report: DownloadsReport, info: PublicationInfo): { path: string; data: Uint8Array; alt: string } {
  const given = info.cover;
  let data = given?.data;
  if (!data && given?.path) {
    try {
      data = new Uint8Array(readFileSync(given.path));
    } catch {
      data = undefined;
    }
  }
  const extension = given ? coverExtensions[given.mediaType] ?? extname(given.path ?? '').slice(1) : undefined;
  if (data && given && extension) return { path: coverName(report.name, extension), data, alt: given.alt };
  // The same typographic cover the EPUB opens with when it has no cover image.
  const svg = typographicCover(info.title, info.subtitle, info.authors.join(', '), undefined, info.lang);
  return { path: coverName(report.name, 'svg'), data: new TextEncoder().encode(svg), alt: '' };
}

function outputItem(info: PublicationInfo, output: OutputReport, outDir: string): string {
  const format = formatLabels[output.format] ?? { label: output.format.toUpperCase(), type: 'application/octet-stream', note: '' };
  const href = hrefFor(outDir, output.path);
  const file = href.split('/').pop() ?? href;
  const download = output.format === 'epub' ? ` download="${escapeHtml(decodeURIComponent(file))}"` : '';
  return `<li class="download">
<a class="button" href="${escapeHtml(href)}" type="${format.type}"${download}><span class="format">${format.label}</span><span class="visually-hidden"> of ${escapeHtml(info.title)}</span> <span class="size">${formatBytes(output.bytes)}</span></a>
<span class="note">${escapeHtml(format.note)}</span>
<p class="checksum"><span class="label">SHA-256 <span class="visually-hidden">of ${escapeHtml(decodeURIComponent(file))}</span></span> <code data-sha256="${output.sha256}">${output.sha256}</code></p>
</li>`;
}

export function fallbackInfo(report: DownloadsReport): PublicationInfo {
  return report.publication ?? { title: report.name, authors: [], lang: 'und' };
}

/**
 * One publication's card, cut where its id goes (the id is its position on the page):
 * the card is `cardHead + id + mid + id + tail`.
 */
export interface Card {
  mid: string;
  tail: string;
}

const cardHead = '<li class="publication">\n<article aria-labelledby="';

export function renderCard(report: DownloadsReport, info: PublicationInfo, cover: { path: string; data: Uint8Array; alt: string }, outDir: string): Card {
  const size = dimensions(cover.data);
  const lang = info.lang && info.lang !== 'und' ? ` lang="${escapeHtml(info.lang)}"` : '';
  const facts: Array<[string, string]> = [];
  if (info.lang && info.lang !== 'und') facts.push(['Language', languageName(info.lang)]);
  if (report.pages !== undefined) facts.push(['Pages', `${report.pages} (PDF)`]);
  if (info.date) facts.push(['Date', info.date]);
  const outputs = [...report.outputs].sort((a, b) => (a.format < b.format ? -1 : a.format > b.format ? 1 : 0));
  return {
    mid: `-title">
<img class="cover" src="${escapeHtml(cover.path.split('/').map(encodeURIComponent).join('/'))}" alt="${escapeHtml(cover.alt ? `Cover: ${cover.alt}` : '')}"${size ? ` width="${size.width}" height="${size.height}"` : ''} loading="lazy" decoding="async">
<div class="details">
<h2 id="`,
    tail: `-title"${lang}>${escapeHtml(info.title)}</h2>
${info.subtitle ? `<p class="subtitle"${lang}>${escapeHtml(info.subtitle)}</p>\n` : ''}${info.authors.length > 0 ? `<p class="authors">${escapeHtml(info.authors.join(', '))}</p>\n` : ''}${info.description && info.description !== info.subtitle ? `<p class="description"${lang}>${escapeHtml(info.description)}</p>\n` : ''}<dl class="facts">
${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('\n')}
</dl>
<ul class="downloads" aria-label="Downloads of ${escapeHtml(info.title)}">
${outputs.map((output) => outputItem(info, output, outDir)).join('\n')}
</ul>
</div>
</article>
</li>`,
  };
}

export function cardText(card: Card, index: number): string {
  const id = `pub-${index + 1}`;
  return `${cardHead}${id}${card.mid}${id}${card.tail}`;
}

/** A card encoded as UTF-8 ahead of time (the memoized page joins bytes: strings of megabytes cost more). */
export interface CardBytes {
  mid: Buffer;
  tail: Buffer;
}

const cardHeadBytes = Buffer.from(cardHead, 'utf8');

export function encodeCard(card: Card): CardBytes {
  return { mid: Buffer.from(card.mid, 'utf8'), tail: Buffer.from(card.tail, 'utf8') };
}

/** `cardText` as the list of byte pieces to join. */
export function cardPieces(card: CardBytes, index: number): Buffer[] {
  const id = Buffer.from(`pub-${index + 1}`, 'latin1');
  return [cardHeadBytes, id, card.mid, id, card.tail];
}

/** The page around its cards: `before`, the cards (in the order of `built`) joined by newlines, `after`. */
export function pageFrame(built: DownloadsReport[], meta: DownloadsMeta): { before: string; after: string } {
  const titleLang = meta.lang ? ` lang="${escapeHtml(meta.lang)}"` : '';
  const formats = [...new Set(built.flatMap((r) => r.outputs.map((o) => formatLabels[o.format]?.label ?? o.format.toUpperCase())))].sort();
  const count = `${built.length} publication${built.length === 1 ? '' : 's'}${formats.length > 0 ? `, as ${formats.join(' and ')}` : ''}`;
  const before = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Folio">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title${titleLang}>${escapeHtml(meta.title)}: downloads</title>
<style>
${downloadsCss}
</style>
</head>
<body>
<a class="skip" href="#publications">Skip to the publications</a>
<header class="page-header">
<h1${titleLang}>${escapeHtml(meta.title)}</h1>
${meta.description ? `<p class="lead"${titleLang}>${escapeHtml(meta.description)}</p>\n` : ''}<p class="count">${count}</p>
</header>
<main id="publications" tabindex="-1">
${built.length > 0 ? '<ul class="publications">\n' : '<p>No publication was built.</p>'}`;
  const after = `${built.length > 0 ? '\n</ul>' : ''}
</main>
<footer class="page-footer">
<p>To check a download, compare its SHA-256 with the one shown: <code>sha256sum FILE</code> (Linux), <code>shasum -a 256 FILE</code> (macOS), <code>Get-FileHash FILE</code> (Windows).</p>
<p>Made with Folio.</p>
</footer>
</body>
</html>
`;
  return { before, after };
}

/** The whole page around its cards (in the order of `built`). */
export function pageHtml(built: DownloadsReport[], cards: string[], meta: DownloadsMeta): string {
  const { before, after } = pageFrame(built, meta);
  return `${before}${cards.join('\n')}${after}`;
}

/** The page and its cover files, for the publications that have outputs. */
export function downloadsPage(reports: DownloadsReport[], meta: DownloadsMeta, outDir: string): DownloadsPage {
  const files: DownloadsPage['files'] = [];
  const built = reports.filter((r) => r.outputs.length > 0);
  const cards = built.map((report, index) => {
    const info = fallbackInfo(report);
    const cover = coverFor(report, info);
    files.push({ path: cover.path, data: cover.data });
    return cardText(renderCard(report, info, cover, outDir), index);
  });
  return { html: pageHtml(built, cards, meta), files };
}

/**
 * Writes `index.html` and its cover files into `outDir` (atomically, like every output).
 * A build that uses the cache writes it through `MemoizedDownloadsPage` (downloads-memo.ts).
 */
export function writeDownloadsPage(reports: DownloadsReport[], meta: DownloadsMeta, outDir: string): WrittenFile {
  const page = downloadsPage(reports, meta, outDir);
  for (const file of page.files) writeOutputIfChanged(outDir, file.path, file.data);
  return writeOutputIfChanged(outDir, 'index.html', new TextEncoder().encode(page.html));
}
