/**
 * The small rules every preview response follows: loopback Host names only
 * (DNS rebinding), request paths split into decoded segments that can never
 * climb out of a folder, content types by extension, and security headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** `localhost`, `*.localhost`, `127.x.y.z`, `[::1]`, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const value = host.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return bracketed[1] === '::1' || bracketed[1] === '0:0:0:0:0:0:0:1';
  const name = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(value)?.[1];
  if (!name) return false;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const octets = name.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** Whether `address` is a loopback interface address (what `--host` may bind without a warning). */
export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export class BadPath extends Error {}

/**
 * The decoded segments of a URL path. Refuses `.`/`..` segments, encoded slashes
 * and backslashes, NUL and other control characters, so no segment can name a parent.
 */
export function pathSegments(pathname: string): string[] {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new BadPath('malformed percent-encoding');
    }
    // eslint-disable-next-line no-control-regex
    if (segment === '.' || segment === '..' || /[/\\\u0000-\u001f]/.test(segment)) throw new BadPath(`refused path segment "${raw}"`);
    segments.push(segment);
  }
  return segments;
}

/** The file `segments` name inside `root`, only if it really is inside (symlinks resolved). */
export function containedFile(root: string, segments: string[]): string | undefined {
  const base = resolve(root);
  const target = resolve(base, join(...(segments.length > 0 ? segments : ['.'])));
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  try {
    const real = realpathSync(target);
    const realRel = relative(realpathSync(base), real);
    return realRel === '' || realRel.startsWith('..') || isAbsolute(realRel) ? undefined : real;
  } catch {
    return undefined;
  }
}

const types: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  xhtml: 'application/xhtml+xml; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  wasm: 'application/wasm',
  ncx: 'application/x-dtbncx+xml',
  opf: 'application/oebps-package+xml',
  xml: 'application/xml',
  ttf: 'font/ttf',
  otf: 'font/otf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  icc: 'application/vnd.iccprofile',
};

export function contentType(path: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return types[extension] ?? 'application/octet-stream';
}

/** The preview shell and its scripts: same-origin only; no inline script. */
export const appPolicy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
/** Publication documents (EPUB XHTML, downloads page): no script at all, framed only by the preview. */
export const contentPolicy = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string, policy = contentPolicy, extra: Record<string, string> = {}): void {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(data.byteLength),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': policy,
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : data);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, `${text}\n`, 'text/plain; charset=utf-8');
}

export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
