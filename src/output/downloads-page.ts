/**
 * The downloads page (`dist/index.html`): one static, self-contained, accessible
 * page listing the built publications — cover thumbnail, title, subtitle,
 * authors, language, page count, and the EPUB and PDF links with their sizes
 * and SHA-256. Made from the same `JobReport`s as the `--json` report. Relative
 * links only, inline CSS, no script, no external request: it works opened from
 * disk and from any static host. Same reports, same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { JobReport, OutputReport } from '../build.js';
import { typographicCover } from '../render/epub/cover.js';
import { escapeHtml } from './escape-html.js';
import { downloadsCss } from './downloads-style.js';
import { writeOutput, writeOutputIfChanged, type WrittenFile } from './write.js';

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
const languageLabels = new Map<string, string>();

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

function coverFor(report: DownloadsReport, info: PublicationInfo): { path: string; data: Uint8Array; alt: string } {
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

function fallbackInfo(report: DownloadsReport): PublicationInfo {
  return report.publication ?? { title: report.name, authors: [], lang: 'und' };
}

/**
 * One publication's card, cut where its id goes (the id is its position on the page):
 * the card is `cardHead + id + mid + id + tail`.
 */
interface Card {
  mid: string;
  tail: string;
}

const cardHead = '<li class="publication">\n<article aria-labelledby="';

function renderCard(report: DownloadsReport, info: PublicationInfo, cover: { path: string; data: Uint8Array; alt: string }, outDir: string): Card {
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

function cardText(card: Card, index: number): string {
  const id = `pub-${index + 1}`;
  return `${cardHead}${id}${card.mid}${id}${card.tail}`;
}

/** The whole page around its cards (in the order of `built`). */
function pageHtml(built: DownloadsReport[], cards: string[], meta: DownloadsMeta): string {
  const titleLang = meta.lang ? ` lang="${escapeHtml(meta.lang)}"` : '';
  const formats = [...new Set(built.flatMap((r) => r.outputs.map((o) => formatLabels[o.format]?.label ?? o.format.toUpperCase())))].sort();
  const count = `${built.length} publication${built.length === 1 ? '' : 's'}${formats.length > 0 ? `, as ${formats.join(' and ')}` : ''}`;
  return `<!DOCTYPE html>
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
${built.length > 0 ? `<ul class="publications">\n${cards.join('\n')}\n</ul>` : '<p>No publication was built.</p>'}
</main>
<footer class="page-footer">
<p>To check a download, compare its SHA-256 with the one shown: <code>sha256sum FILE</code> (Linux), <code>shasum -a 256 FILE</code> (macOS), <code>Get-FileHash FILE</code> (Windows).</p>
<p>Made with Folio.</p>
</footer>
</body>
</html>
`;
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
 * Where `writeDownloadsPage` keeps what it wrote last (in the build cache folder), so
 * that an unchanged catalogue is not laid out again: `page` holds each card's key and
 * cover file and index.html's size and mtime; `cards` the cards' text.
 */
export interface DownloadsMemo {
  page: string;
  cards: string;
  /** Folio's code: another version discards the memo. */
  version: string;
}

interface PageMemo {
  version: string;
  page?: { key: string; size: number; mtimeMs: number; bytes: number; sha256: string };
  covers: Record<string, { key: string; path: string; size: number; mtimeMs: number } | undefined>;
  /** `languageName`'s answers (making the formatter costs more than a card). */
  languages?: Record<string, string>;
}

interface CardMemo {
  version: string;
  cards: Record<string, ({ key: string } & Card) | undefined>;
}

/** A memo file written by this version of Folio, else undefined. */
function readMemo(path: string, version: string): object | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && 'version' in value && value.version === version ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeMemo(path: string, memo: PageMemo | CardMemo): void {
  writeOutput(dirname(path), basename(path), new TextEncoder().encode(JSON.stringify(memo)));
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Everything a card and its cover are made of, hashed: the cover image is known by size and mtime. */
function cardKey(report: DownloadsReport, info: PublicationInfo, outDir: string): string {
  const { cover, ...fields } = info;
  let image: unknown = null;
  if (cover?.data) image = sha256(cover.data);
  else if (cover?.path) {
    try {
      const stat = statSync(cover.path, { throwIfNoEntry: false });
      image = stat ? [stat.size, stat.mtimeMs] : null;
    } catch {
      image = null;
    }
  }
  const coverFields = cover ? [cover.path ?? null, cover.mediaType, cover.alt] : null;
  return sha256(JSON.stringify([outDir, report.name, report.pages ?? null, report.outputs, fields, coverFields, image]));
}

function sameFile(path: string, recorded: { size: number; mtimeMs: number }): boolean {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat !== undefined && stat.size === recorded.size && stat.mtimeMs === recorded.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * `writeDownloadsPage` with a memo: a card whose key is unchanged is not laid out again,
 * its cover (when its file is intact) not read nor compared, and index.html is not
 * remade when no card, nor the page's metadata, changed and the file is intact.
 * The bytes written are those `downloadsPage` makes.
 */
function writeWithMemo(reports: DownloadsReport[], meta: DownloadsMeta, outDir: string, memo: DownloadsMemo): WrittenFile {
  const built = reports.filter((r) => r.outputs.length > 0);
  // A memo written by this code (same version): its shape is PageMemo; a damaged one just misses.
  const known = (readMemo(memo.page, memo.version) as PageMemo | undefined) ?? { version: memo.version, covers: {} };
  const next: PageMemo = { version: memo.version, covers: {} };
  const languages = typeof known.languages === 'object' && known.languages !== null ? known.languages : {};
  for (const [lang, label] of Object.entries(languages)) if (typeof label === 'string' && !languageLabels.has(lang)) languageLabels.set(lang, label);
  const labelCount = languageLabels.size;
  const infos = built.map(fallbackInfo);
  const keys = built.map((report, i) => cardKey(report, infos[i] ?? fallbackInfo(report), outDir));
  const fresh = new Map<number, Card>();
  let kept = 0;
  built.forEach((report, i) => {
    const key = keys[i] ?? '';
    const recorded = known.covers?.[report.name];
    if (recorded?.key === key && typeof recorded.path === 'string' && sameFile(join(outDir, recorded.path), recorded)) {
      next.covers[report.name] = recorded;
      kept++;
      return;
    }
    const info = infos[i] ?? fallbackInfo(report);
    const cover = coverFor(report, info);
    writeOutputIfChanged(outDir, cover.path, cover.data);
    const stat = statSync(join(outDir, cover.path));
    next.covers[report.name] = { key, path: cover.path, size: stat.size, mtimeMs: stat.mtimeMs };
    fresh.set(i, renderCard(report, info, cover, outDir));
  });
  const pageKey = sha256(JSON.stringify([meta, keys]));
  const target = join(outDir, 'index.html');
  const page = known.page;
  if (page?.key === pageKey && sameFile(target, page)) {
    next.page = page;
    next.languages = Object.fromEntries(languageLabels);
    if (kept !== Object.keys(known.covers ?? {}).length || fresh.size > 0 || languageLabels.size !== labelCount) writeMemo(memo.page, next);
    return { path: resolve(target), bytes: page.bytes, sha256: page.sha256 };
  }
  // Cards not laid out above come from the card memo, when it has them with the same key.
  const cardMemo = fresh.size < built.length ? (readMemo(memo.cards, memo.version) as CardMemo | undefined) : undefined; // Same shape argument as above.
  const cards: CardMemo = { version: memo.version, cards: {} };
  const texts = built.map((report, i) => {
    const key = keys[i] ?? '';
    const stored = cardMemo?.cards?.[report.name];
    let card = fresh.get(i);
    if (!card && stored?.key === key && typeof stored.mid === 'string' && typeof stored.tail === 'string') card = { mid: stored.mid, tail: stored.tail };
    if (!card) {
      const info = infos[i] ?? fallbackInfo(report);
      card = renderCard(report, info, coverFor(report, info), outDir);
    }
    cards.cards[report.name] = { key, mid: card.mid, tail: card.tail };
    return cardText(card, i);
  });
  const written = writeOutputIfChanged(outDir, 'index.html', new TextEncoder().encode(pageHtml(built, texts, meta)));
  const stat = statSync(target);
  next.page = { key: pageKey, size: stat.size, mtimeMs: stat.mtimeMs, bytes: written.bytes, sha256: written.sha256 };
  next.languages = Object.fromEntries(languageLabels);
  writeMemo(memo.cards, cards);
  writeMemo(memo.page, next);
  return written;
}

/**
 * Writes `index.html` and its cover files into `outDir` (atomically, like every output).
 * With a memo (a build that uses the cache), only what changed is made again.
 */
export function writeDownloadsPage(reports: DownloadsReport[], meta: DownloadsMeta, outDir: string, memo?: DownloadsMemo): WrittenFile {
  if (memo) return writeWithMemo(reports, meta, outDir, memo);
  const page = downloadsPage(reports, meta, outDir);
  for (const file of page.files) writeOutputIfChanged(outDir, file.path, file.data);
  return writeOutputIfChanged(outDir, 'index.html', new TextEncoder().encode(page.html));
}
