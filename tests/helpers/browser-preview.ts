/**
 * Starts `folio preview` on a free port in a child process (the compiled library,
 * so the build pool's workers run as in production) and stops it. The command is
 * called through its module, so these tests do not depend on the CLI's dispatch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './cli.js';

/** The compiled library (`npm test` builds dist-lib first); FOLIO_LIB points elsewhere for local runs. */
export const libRoot = process.env.FOLIO_LIB ?? join(repoRoot, 'dist-lib');

export interface RunningPreview {
  url: string;
  child: ChildProcess;
  /** Everything the preview printed on stderr so far. */
  log: () => string;
  stop: () => Promise<number | null>;
}

export function previewScript(inputs: string[], port: number, theme?: string): string {
  const module = pathToFileURL(join(libRoot, 'cli', 'preview.js')).href;
  return `import { previewCommand } from ${JSON.stringify(module)};
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), env: process.env, isTTY: false };
const options = { command: 'build', inputs: ${JSON.stringify(inputs)}, json: false, strict: false, quiet: false, help: false, force: false, watch: false, timeoutSeconds: 120, cache: true, port: ${port}${theme ? `, theme: ${JSON.stringify(theme)}` : ''} };
process.exitCode = await previewCommand(options, io);`;
}

/** Runs the preview in `cwd`; resolves once it listens (or rejects with what it printed when it exits first). */
export function startPreview(cwd: string, inputs: string[] = [], port = 0, theme?: string): Promise<RunningPreview> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', previewScript(inputs, port, theme)], { cwd, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${stderr}`)), 60_000);
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const url = /folio preview: (http:\/\/\S+\/)/.exec(stderr)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveStart({
          url,
          child,
          log: () => stderr,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`preview exited with ${String(code)}:\n${stderr}`), { code, stderr }));
    });
  });
}

/** A scratch project holding copies of sample manuscripts (and their images). */
export function sampleProject(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-preview-'));
  mkdirSync(join(dir, 'manuscripts', 'images'), { recursive: true });
  for (const name of names) cpSync(join(repoRoot, 'manuscripts', `${name}.md`), join(dir, 'manuscripts', `${name}.md`));
  cpSync(join(repoRoot, 'manuscripts', 'images'), join(dir, 'manuscripts', 'images'), { recursive: true });
  // A theme of its own, so a test can edit it (and other work on the shared theme cannot disturb the test).
  cpSync(join(repoRoot, 'templates', 'default'), join(dir, 'theme'), { recursive: true });
  return dir;
}

interface StateLike {
  building: boolean;
  publications: Array<{ name: string; status: string; render?: { version: string; pdf?: { pages?: number } } }>;
}

function isStateLike(value: unknown): value is StateLike {
  return typeof value === 'object' && value !== null && 'building' in value && 'publications' in value && Array.isArray(value.publications);
}

/** Polls /api/state until `ready` holds. */
export async function waitForState(url: string, ready: (state: StateLike) => boolean, timeoutMs = 90_000): Promise<StateLike> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    const response = await fetch(new URL('/api/state', url));
    last = await response.json();
    if (isStateLike(last) && ready(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`preview state never became ready: ${JSON.stringify(last)}`);
}
