/**
 * Reads a built EPUB back: its files (served to the preview as they are), the
 * package metadata, the reading order and the table of contents. Only our own
 * renderer's output is read, so a few regular expressions over the OPF and the
 * navigation document are enough (no XML parser dependency).
 */
import JSZip from 'jszip';
import { posix } from 'node:path';

export interface TocItem {
  title: string;
  /** Path inside the zip, with its fragment (`OEBPS/ch-1.xhtml#what`). */
  href: string;
  children: TocItem[];
}

export interface SpineDocument {
  /** Path inside the zip (`OEBPS/ch-1.xhtml`). */
  path: string;
  title: string;
  /** The manifest id (`cover`, `nav`, `ch-1`, `credits`…). */
  id: string;
}

export interface EpubMetadata {
  title: string;
  subtitle?: string;
  authors: string[];
  lang: string;
  description?: string;
  date?: string;
}

export interface EpubSnapshot {
  /** Every file of the zip but folders, by path. */
  files: Map<string, Uint8Array>;
  metadata: EpubMetadata;
  spine: SpineDocument[];
  toc: TocItem[];
  /** Path inside the zip of the `cover-image` item, if any. */
  cover?: { path: string; mediaType: string };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return entities[body.toLowerCase()] ?? whole;
  });
}

function textOf(markup: string): string {
  return decodeXml(markup.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/** The attributes of one start tag, decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const name = match[1];
    if (name) out[name] = decodeXml(match[3] ?? match[4] ?? '');
  }
  return out;
}

/** Resolves `href` (relative to the document at `from`) to a zip path, keeping its fragment. */
function resolveHref(from: string, href: string): string {
  const [path = '', fragment] = href.split('#', 2);
  const resolved = path === '' ? from : posix.normalize(posix.join(posix.dirname(from), decodeURIComponent(path)));
  return fragment === undefined ? resolved : `${resolved}#${fragment}`;
}

function metadataOf(opf: string): EpubMetadata {
  const titles = [...opf.matchAll(/<dc:title\b([^>]*)>([\s\S]*?)<\/dc:title>/g)].map((m) => ({ id: attributes(m[1] ?? '').id, text: textOf(m[2] ?? '') }));
  const titleType = (id: string | undefined) => (id ? new RegExp(`<meta[^>]*refines="#${id}"[^>]*property="title-type"[^>]*>\\s*(\\w+)`).exec(opf)?.[1] : undefined);
  const main = titles.find((t) => titleType(t.id) === 'main') ?? titles[0];
  const subtitle = titles.find((t) => titleType(t.id) === 'subtitle');
  const one = (tag: string) => {
    const found = new RegExp(`<dc:${tag}\\b[^>]*>([\\s\\S]*?)</dc:${tag}>`).exec(opf)?.[1];
    return found === undefined ? undefined : textOf(found);
  };
  const description = one('description');
  const date = one('date');
  return {
    title: main?.text ?? '',
    ...(subtitle ? { subtitle: subtitle.text } : {}),
    authors: [...opf.matchAll(/<dc:creator\b[^>]*>([\s\S]*?)<\/dc:creator>/g)].map((m) => textOf(m[1] ?? '')),
    lang: one('language') ?? 'und',
    ...(description ? { description } : {}),
    ...(date ? { date } : {}),
  };
}

function tocOf(nav: string, navPath: string): TocItem[] {
  const block = /<nav\b[^>]*epub:type="toc"[^>]*>([\s\S]*?)<\/nav>/.exec(nav)?.[1] ?? '';
  const root: TocItem[] = [];
  const stack: TocItem[][] = [];
  let current = root;
  let last: TocItem | undefined;
  for (const token of block.matchAll(/<ol\b[^>]*>|<\/ol>|<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
    const [whole] = token;
    if (whole.startsWith('<ol')) {
      stack.push(current);
      if (last && stack.length > 1) current = last.children;
    } else if (whole === '</ol>') {
      current = stack.pop() ?? root;
    } else {
      const href = attributes(token[1] ?? '').href;
      last = { title: textOf(token[2] ?? ''), href: href ? resolveHref(navPath, href) : navPath, children: [] };
      current.push(last);
    }
  }
  return root;
}

/** Unpacks an EPUB built by Folio. Throws when it is not a readable EPUB. */
export async function readEpub(data: Uint8Array): Promise<EpubSnapshot> {
  const zip = await JSZip.loadAsync(data);
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    Object.values(zip.files)
      .filter((entry) => !entry.dir)
      .map(async (entry) => files.set(entry.name, await entry.async('uint8array'))),
  );
  const text = (path: string) => {
    const bytes = files.get(path);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  };
  const container = text('META-INF/container.xml') ?? '';
  const opfPath = /full-path="([^"]+)"/.exec(container)?.[1];
  const opf = opfPath ? text(opfPath) : undefined;
  if (!opfPath || opf === undefined) throw new Error('not an EPUB: no package document');
  const manifest = new Map<string, { path: string; mediaType: string; properties: string }>();
  for (const match of opf.matchAll(/<item\b[^>]*>/g)) {
    const a = attributes(match[0]);
    if (a.id && a.href) manifest.set(a.id, { path: resolveHref(opfPath, a.href), mediaType: a['media-type'] ?? '', properties: a.properties ?? '' });
  }
  const items = [...manifest.values()];
  const navItem = items.find((item) => item.properties.split(/\s+/).includes('nav'));
  const toc = navItem ? tocOf(text(navItem.path) ?? '', navItem.path) : [];
  const titles = new Map<string, string>();
  const walk = (list: TocItem[]) => {
    for (const item of list) {
      const path = item.href.split('#')[0] ?? '';
      if (!titles.has(path)) titles.set(path, item.title);
      walk(item.children);
    }
  };
  walk(toc);
  const spine: SpineDocument[] = [];
  for (const match of opf.matchAll(/<itemref\b[^>]*>/g)) {
    const id = attributes(match[0]).idref;
    const item = id ? manifest.get(id) : undefined;
    if (!id || !item) continue;
    const ownTitle = /<title>([\s\S]*?)<\/title>/.exec(text(item.path) ?? '')?.[1];
    spine.push({ id, path: item.path, title: titles.get(item.path) ?? (ownTitle ? textOf(ownTitle) : id) });
  }
  const cover = items.find((item) => item.properties.split(/\s+/).includes('cover-image'));
  return { files, metadata: metadataOf(opf), spine, toc, ...(cover ? { cover: { path: cover.path, mediaType: cover.mediaType } } : {}) };
}
