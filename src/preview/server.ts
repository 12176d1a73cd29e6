/**
 * The preview's HTTP server (node:http, no framework). It serves only:
 *   /                          the preview page, /assets/… its script, style and pdf.js
 *   /events, /api/state        the state, live (server-sent events) and on demand
 *   /pub/NAME/VERSION/epub/…   files of a publication's last good EPUB, from memory
 *   /pub/NAME/VERSION/FILE     that publication's EPUB or PDF
 *   /downloads/…               the downloads page of what is on screen, and the files it links
 * Every request must carry a loopback Host (DNS rebinding); only GET and HEAD;
 * paths with dot segments or encoded separators are refused; nothing is listed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadsPage, type DownloadsReport } from '../output/downloads-page.js';
import { appPolicy, BadPath, contentType, isLoopbackHost, pathSegments, requestUrl, send, sendText } from './http-util.js';
import type { PreviewSession, PreviewState } from './session.js';
import { appCss, iconSvg, shellHtml } from './shell.js';
import { pdfjsFile } from './vendor.js';

export class PortInUseError extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`port ${port} is already in use on ${host}`);
  }
}

export interface PreviewServer {
  server: Server;
  url: string;
  port: number;
  close: () => Promise<void>;
}

export interface ServerOptions {
  host: string;
  port: number;
  outDir: string;
  /** Heading of the downloads page. */
  title: string;
}

/** The compiled browser modules (`client/*.js` beside this file), read once. */
function clientScripts(): Map<string, Uint8Array> {
  const scripts = new Map<string, Uint8Array>();
  // From dist-lib/preview/ and from the bundle in dist-lib/bundle/ alike.
  const folder = fileURLToPath(new URL('../preview/client/', import.meta.url));
  try {
    for (const name of readdirSync(folder)) if (/^[a-z][a-z-]*\.js$/.test(name)) scripts.set(name, readFileSync(join(folder, name)));
  } catch {
    // Not compiled (running from sources): the page says it cannot start.
  }
  return scripts;
}

function sendFile(res: ServerResponse, path: string): void {
  try {
    send(res, 200, readFileSync(path), contentType(path), appPolicy);
  } catch {
    sendText(res, 404, 'not found');
  }
}

export interface PreviewHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Ends every live-reload stream (before closing the server). */
  closeClients: () => void;
}

export function createPreviewHandler(session: PreviewSession, options: ServerOptions): PreviewHandler {
  const scripts = clientScripts();
  const clients = new Set<ServerResponse>();
  session.onChange((state) => {
    for (const client of clients) client.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
  });
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  const downloads = () => {
    const reports: DownloadsReport[] = [];
    for (const render of session.renders.values()) {
      const { metadata } = render.view;
      const coverData = render.epub?.cover ? render.epub.files.get(render.epub.cover.path) : undefined;
      reports.push({
        ...render.report,
        publication: {
          ...metadata,
          ...(render.epub?.cover && coverData ? { cover: { data: coverData, mediaType: render.epub.cover.mediaType, alt: '' } } : {}),
        },
      });
    }
    const page = downloadsPage(reports, { title: options.title }, options.outDir);
    const files = new Map<string, Uint8Array>(page.files.map((f) => [f.path, f.data]));
    for (const render of session.renders.values()) {
      if (render.view.epub && render.epubBytes) files.set(render.view.epub.file.split(/[\\/]/).join('/'), render.epubBytes);
      if (render.view.pdf && render.pdfBytes) files.set(render.view.pdf.file.split(/[\\/]/).join('/'), render.pdfBytes);
    }
    return { html: page.html, files };
  };

  const routes = (req: IncomingMessage, res: ServerResponse, segments: string[]) => {
    const [first, ...rest] = segments;
    if (first === undefined) return send(res, 200, shellHtml(options.title), 'text/html; charset=utf-8', appPolicy);
    if (first === 'assets') {
      const script = rest.length === 1 ? scripts.get(rest[0] ?? '') : undefined;
      if (script) return send(res, 200, script, contentType('app.js'), appPolicy);
      if (rest.length === 1 && rest[0] === 'icon.svg') return send(res, 200, iconSvg, contentType('icon.svg'), appPolicy);
      if (rest.length === 1 && rest[0] === 'app.css') return send(res, 200, appCss, contentType('app.css'), appPolicy);
      if (rest[0] === 'pdfjs') {
        const file = pdfjsFile(rest.slice(1));
        if (file) return sendFile(res, file);
      }
      return sendText(res, 404, 'not found');
    }
    if (first === 'favicon.ico' && rest.length === 0) return send(res, 200, iconSvg, contentType('icon.svg'), appPolicy);
    if (first === 'api' && rest.length === 1 && rest[0] === 'state') return send(res, 200, JSON.stringify(session.state()), contentType('x.json'), appPolicy);
    if (first === 'events' && rest.length === 0) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive' });
      res.write(`retry: 500\nevent: state\ndata: ${JSON.stringify(session.state())}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (first === 'pub' && rest.length >= 3) {
      const [name = '', , kind = '', ...path] = rest;
      const render = session.renders.get(name);
      if (!render) return sendText(res, 404, `no render of "${name}" yet`);
      if (kind === 'epub' && render.epub) {
        const data = render.epub.files.get(path.join('/'));
        if (data) return send(res, 200, data, contentType(path.join('/')));
      } else if (path.length === 0) {
        if (render.view.pdf && render.pdfBytes && kind === render.view.pdf.file.split(/[\\/]/).pop()) return send(res, 200, render.pdfBytes, contentType(kind));
        if (render.view.epub && render.epubBytes && kind === render.view.epub.file.split(/[\\/]/).pop()) return send(res, 200, render.epubBytes, contentType(kind));
      }
      return sendText(res, 404, 'not found');
    }
    if (first === 'downloads') {
      if (rest.length === 0 && !(req.url ?? '').split('?')[0]?.endsWith('/')) return send(res, 308, '', 'text/plain', appPolicy, { Location: '/downloads/' });
      const page = downloads();
      if (rest.length === 0) return send(res, 200, page.html, 'text/html; charset=utf-8', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
      const data = page.files.get(rest.join('/'));
      if (data) return send(res, 200, data, contentType(rest.join('/')));
      return sendText(res, 404, 'not found');
    }
    return sendText(res, 404, 'not found');
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (process.env.FOLIO_DEBUG) res.on('finish', () => process.stderr.write(`preview: ${res.statusCode} ${req.method ?? ''} ${req.url ?? ''}\n`));
    if (!isLoopbackHost(req.headers.host)) return sendText(res, 403, 'forbidden: the preview answers only to localhost names (Host header refused)');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8', appPolicy, { Allow: 'GET, HEAD' });
    const url = requestUrl(req);
    if (!url) return sendText(res, 400, 'bad request');
    let segments: string[];
    try {
      // The raw path is checked before URL parsing could fold its dot segments away.
      pathSegments((req.url ?? '/').split('?')[0] ?? '/');
      segments = pathSegments(url.pathname);
    } catch (error) {
      return sendText(res, 400, error instanceof BadPath ? `bad request: ${error.message}` : 'bad request');
    }
    try {
      routes(req, res, segments);
    } catch (error) {
      if (!res.headersSent) sendText(res, 500, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      else res.end();
    }
  };
  return Object.assign(handler, {
    closeClients: () => {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
  });
}

/** Starts listening; rejects with `PortInUseError` when the port is taken. */
export async function startPreviewServer(session: PreviewSession, options: ServerOptions): Promise<PreviewServer> {
  const handler = createPreviewHandler(session, options);
  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.host, options.port) : error);
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? (address satisfies AddressInfo).port : options.port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${shown}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        handler.closeClients();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

export type { PreviewState };
