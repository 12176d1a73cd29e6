/**
 * `folio preview` at the HTTP level (no browser): loopback only, Host header
 * checked against DNS rebinding, no path traversal or listing, a clear message
 * when the port is taken.
 */
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, pathSegments, containedFile } from '../src/preview/http-util.js';
import { parseMessages } from '../src/preview/session.js';
import { libRoot, sampleProject, startPreview, waitForState, type RunningPreview } from './helpers/browser-preview.js';
import { repoRoot } from './helpers/cli.js';

const compiled = existsSync(join(libRoot, 'cli', 'preview.js'));

interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A request sent as written: no URL normalisation, any Host header. */
function raw(url: string, path: string, options: { host?: string; method?: string } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolveResponse, reject) => {
    const req = request({ host: hostname, port, path, method: options.method ?? 'GET', headers: { Host: options.host ?? `${hostname}:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('preview security rules (units)', () => {
  it('accepts only loopback Host names', () => {
    for (const host of ['localhost', 'localhost:4173', '127.0.0.1:4173', '127.1.2.3', '[::1]:4173', 'app.localhost:80']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [undefined, '', 'evil.example', 'evil.example:4173', '127.0.0.1.evil.example', 'localhost.evil.example', '192.168.1.10:4173', '0.0.0.0', '[::2]', '127.0.0.256', 'localhost:4173@evil']) expect(isLoopbackHost(host), String(host)).toBe(false);
  });

  it('refuses dot segments, encoded separators and control characters', () => {
    expect(pathSegments('/pub/a%20b/v1/epub/OEBPS/ch-1.xhtml')).toEqual(['pub', 'a b', 'v1', 'epub', 'OEBPS', 'ch-1.xhtml']);
    for (const path of ['/../etc/passwd', '/assets/%2e%2e/x', '/a/%2F..%2Fb', '/a/..%5c..%5cb', '/a/%00', '/a/%E0%A4%A']) expect(() => pathSegments(path), path).toThrow();
    expect(containedFile(join(repoRoot, 'src'), ['preview', 'server.ts'])).toBeDefined();
    expect(containedFile(join(repoRoot, 'src', 'preview'), ['..', 'build.ts'])).toBeUndefined();
  });

  it('turns planning output into positioned messages', () => {
    expect(parseMessages('folio.yaml:5:3: error: unknown key "pdf.pagesize" [config-key]\nfolio: theme "x" not found\n')).toEqual([
      { file: 'folio.yaml', line: 5, column: 3, severity: 'error', ruleId: 'config-key', message: 'unknown key "pdf.pagesize"' },
      { file: '', line: 0, column: 0, severity: 'error', ruleId: null, message: 'theme "x" not found' },
    ]);
  });
});

describe.skipIf(!compiled)('preview server over HTTP', () => {
  let project: string;
  let preview: RunningPreview;

  beforeAll(async () => {
    project = sampleProject(['brief-en']);
    preview = await startPreview(project);
    await waitForState(preview.url, (s) => !s.building && s.publications.every((p) => p.status === 'ok'));
  });

  afterAll(async () => {
    expect(await preview?.stop()).toBe(0);
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('binds the loopback interface and serves the page to localhost names', async () => {
    expect(new URL(preview.url).hostname).toBe('127.0.0.1');
    const { port } = new URL(preview.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const res = await raw(preview.url, '/', { host });
      expect(res.status, host).toBe(200);
      expect(res.body).toContain('Folio preview');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    }
  });

  it('refuses any other Host header (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${new URL(preview.url).port}`, '192.168.0.2', 'localhost.evil.example']) {
      for (const path of ['/', '/api/state', '/events']) {
        const res = await raw(preview.url, path, { host });
        expect(res.status, `${host} ${path}`).toBe(403);
        expect(res.body).not.toContain('brief-en');
      }
    }
  });

  it('serves the built EPUB files and PDF, and nothing outside them', async () => {
    const state = await waitForState(preview.url, () => true);
    const version = state.publications[0]?.render?.version ?? '';
    expect((await raw(preview.url, `/pub/brief-en/${version}/epub/OEBPS/style.css`)).status).toBe(200);
    expect((await raw(preview.url, `/pub/brief-en/${version}/brief-en.pdf`)).status).toBe(200);
    const refused = [
      '/../package.json',
      '/assets/../../package.json',
      '/assets/pdfjs/../../../package.json',
      '/assets/pdfjs/build/%2e%2e/%2e%2e/package.json',
      '/assets/pdfjs/build/..%2f..%2fpackage.json',
      '/assets/pdfjs/..%5c..%5cpackage.json',
      `/pub/brief-en/${version}/epub/../../../../etc/passwd`,
      `/pub/brief-en/${version}/epub/OEBPS/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      '/downloads/../manuscripts/brief-en.md',
    ];
    for (const path of refused) {
      const res = await raw(preview.url, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toMatch(/"name"|root:|title:/);
    }
    // Sources, the package and folders are never served or listed.
    for (const path of ['/manuscripts/brief-en.md', '/package.json', '/assets/', '/assets/pdfjs/', '/assets/pdfjs/build/', '/assets/pdfjs/build/pdf.mjs', '/assets/pdfjs/package.json', '/pub/', '/pub/brief-en/', `/pub/brief-en/${version}/epub/`, '/downloads/covers/', '/dist/brief-en.epub']) {
      expect((await raw(preview.url, path)).status, path).toBe(404);
    }
    expect((await raw(preview.url, '/', { method: 'POST' })).status).toBe(405);
  });

  it('says clearly when the port is taken, and exits with 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const failure = await startPreview(project, [], port).then(
        async (started) => {
          await started.stop();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: 2 });
      const stderr = typeof failure === 'object' && failure !== null && 'stderr' in failure ? String(failure.stderr) : '';
      expect(stderr).toContain(`port ${port} is already in use on 127.0.0.1`);
      expect(stderr).toContain('--port');
    } finally {
      blocker.close();
    }
  });
});
