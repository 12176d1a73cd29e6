/**
 * `folio preview [INPUT]`: builds like `folio build`, serves a live preview on
 * 127.0.0.1 (EPUB documents, PDF pages, chapters, messages), and rebuilds what
 * changed whenever a manuscript, image, theme or config is saved. Ctrl-C stops it.
 */
import { spawn } from 'node:child_process';
import type { CliOptions } from './args.js';
import { execute, plan } from './build-command.js';
import type { Io } from './io.js';
import { PortInUseError, startPreviewServer } from '../preview/server.js';
import { PreviewSession } from '../preview/session.js';
import { pdfjsRoot } from '../preview/vendor.js';

export const defaultPreviewPort = 4173;
/** Always loopback: the preview is for the author's own browser. */
export const previewHost = '127.0.0.1';

/** Flags of `folio preview` (to be parsed into `CliOptions` by args.ts). */
export interface PreviewFlags {
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Open the preview in the default browser. */
  open?: boolean;
}

export interface PreviewHooks {
  /** Stops the preview (tests); Ctrl-C and SIGTERM do the same. */
  signal?: AbortSignal;
  /** Called once the server listens, with its address. */
  onReady?: (url: string) => void;
}

function openBrowser(url: string, io: Io): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => io.stderr(`folio: could not open a browser; open ${url} yourself\n`));
    child.unref();
  } catch {
    io.stderr(`folio: could not open a browser; open ${url} yourself\n`);
  }
}

export async function previewCommand(options: CliOptions & PreviewFlags, io: Io, hooks: PreviewHooks = {}): Promise<number> {
  const buildOptions: CliOptions = { ...options, command: 'build', watch: false, json: false, ...(options.formats ? { formats: options.formats.filter((f) => f !== 'ast') } : {}) };
  const first = plan(buildOptions, io);
  if (typeof first === 'number') return first;
  const port = options.port ?? defaultPreviewPort;
  const session = new PreviewSession(buildOptions, io, { plan, execute }, pdfjsRoot() !== undefined);
  let server;
  try {
    server = await startPreviewServer(session, { host: previewHost, port, outDir: first.options.outDir, title: first.config?.title ?? 'Publications' });
  } catch (error) {
    await session.close();
    if (error instanceof PortInUseError) {
      io.stderr(`folio: port ${error.port} is already in use on ${error.host} (another preview or server?). Stop it, or choose another port with --port N (--port 0 picks a free one).\n`);
      return 2;
    }
    io.stderr(`folio: cannot start the preview server: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const url = server.url;
  if (!pdfjsRoot()) io.stderr('folio: pdfjs-dist is not installed: the preview shows EPUB documents, and links the PDF instead of drawing it\n');
  io.stderr(`folio preview: ${url} (Ctrl-C to stop)\n`);
  hooks.onReady?.(url);
  if (options.open) openBrowser(url, io);

  // The session's rebuild loop (shared with `folio build --watch`) watches the sources from here on.
  await session.rebuild();

  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (hooks.signal?.aborted) stop();
    hooks.signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  await session.close();
  return 0;
}
