/**
 * The worker pool (src/run/pool.ts, threads.ts) as built (dist-lib: a worker thread runs
 * the compiled entry): builds, a time limit that stops the worker and a fresh worker for
 * the next job, Ctrl-C that stops what runs and drops the queue, the early thread bin
 * starts, and `close` that leaves no thread behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobOptions, PublicationJob } from '../src/build.js';
import type * as PoolModule from '../src/run/pool.js';
import type * as ThreadsModule from '../src/run/threads.js';
import { defaultEpubOptions, defaultPdfOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';

const root = join(import.meta.dirname, '..');
const lib = (path: string) => pathToFileURL(join(root, 'dist-lib', path)).href;
let pool: typeof PoolModule;
let threads: typeof ThreadsModule;
let dir: string;
let options: JobOptions;

function job(name: string, text: string): PublicationJob {
  const path = join(dir, `${name}.md`);
  writeFileSync(path, text);
  return { name, manuscripts: [path], root: dir };
}

/** Starts the early thread as bin does, and keeps a handle on it to see it stop. */
function startEarlyThread(): ThreadsModule.BuildThread {
  threads.startEarly(['build', 'a.md']);
  const thread = (globalThis as { [key: symbol]: unknown })[Symbol.for('folio.earlyThread')];
  if (!(thread instanceof threads.BuildThread)) throw new Error('no early thread');
  return thread;
}

beforeAll(async () => {
  pool = (await import(lib('run/pool.js'))) as typeof PoolModule;
  threads = (await import(lib('run/threads.js'))) as typeof ThreadsModule;
  dir = mkdtempSync(join(tmpdir(), 'folio-pool-'));
  options = {
    cwd: dir,
    outDir: join(dir, 'out'),
    formats: ['epub'],
    write: true,
    render: { theme: loadTheme('default', root), pdf: { ...defaultPdfOptions }, epub: { ...defaultEpubOptions } },
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('BuildPool', () => {
  it('builds on a worker thread, and stops the worker of a publication past its time limit; the next one gets a fresh worker', async () => {
    const early = startEarlyThread();
    const p = new pool.BuildPool(3, { timeoutMs: 60_000, threads: 1 });
    const first = await p.run(job('first', '# First\n\nOne paragraph.\n'), options);
    expect(first.ok).toBe(true);
    expect(first.outputs.map((o) => o.format)).toEqual(['epub']);
    p.timeoutMs = 1;
    const slow = await p.run(job('slow', '# Slow\n\nAnother paragraph.\n'), options);
    expect(slow.ok).toBe(false);
    expect(slow.messages[0]?.ruleId).toBe('build-timeout');
    expect(early.alive).toBe(false);
    p.timeoutMs = 60_000;
    const after = await p.run(job('after', '# After\n\nA third paragraph.\n'), options);
    expect(after.ok).toBe(true);
    await p.close();
  });

  it('cancelAll stops the running build and drops the queued ones', async () => {
    const p = new pool.BuildPool(2, { timeoutMs: 60_000, threads: 1 });
    const running = p.run(job('a', '# A\n\nText.\n'), options);
    const queued = p.run(job('b', '# B\n\nText.\n'), options);
    // The first is on its worker (loading Folio takes longer than this), the second waits.
    await new Promise((next) => setTimeout(next, 50));
    p.cancelAll();
    const [a, b] = await Promise.all([running, queued]);
    expect(a.messages[0]?.ruleId).toBe('build-interrupted');
    expect(b.messages[0]?.message).toBe('build interrupted before this publication started');
    expect(p.interrupted).toBe(true);
    await p.close();
  });

  it('a worker that dies mid-build fails that publication as a Folio bug, and the pool goes on', async () => {
    const early = startEarlyThread();
    const p = new pool.BuildPool(2, { timeoutMs: 60_000, threads: 1 });
    const dying = p.run(job('dying', '# Dying\n\nText.\n'), options);
    await new Promise((next) => setTimeout(next, 50));
    await early.worker.terminate();
    const report = await dying;
    expect(report.messages[0]?.ruleId).toBe('render-failed');
    // Code 1 when stopped while running JavaScript, 0 when stopped while Node was still starting it.
    expect(report.messages[0]?.message).toMatch(/^the build worker failed \(the worker thread exited with code \d+\): this is a Folio bug/);
    expect((await p.run(job('next', '# Next\n\nText.\n'), options)).ok).toBe(true);
    await p.close();
  });

  it('starts workers from a process run as an inline script (node --input-type=module -e), whose options they would inherit', () => {
    expect(threads.workerExecArgv(['--input-type=module', '-e', 'code', '--max-old-space-size=900', '--print', 'x', '--enable-source-maps'])).toEqual(['--max-old-space-size=900', '--enable-source-maps']);
    const script = `import { BuildPool } from ${JSON.stringify(lib('run/pool.js'))};
const pool = new BuildPool(1, { timeoutMs: 60000 });
const report = await pool.run(${JSON.stringify(job('inline', '# Inline\n\nText.\n'))}, ${JSON.stringify(options)});
await pool.close();
process.stdout.write(JSON.stringify({ ok: report.ok, messages: report.messages }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ ok: true, messages: [] });
  });

  it('adopts the thread bin started early, and a dead early thread is not adopted', async () => {
    threads.startEarly(['build', '--watch']);
    expect(threads.takeEarly()).toBeUndefined();
    threads.startEarly(['preview', 'x.md']);
    expect(threads.takeEarly()).toBeUndefined();
    const early = startEarlyThread();
    const p = new pool.BuildPool(1, { timeoutMs: 60_000 });
    p.warm();
    // The pool took it: nothing is left to take.
    expect(threads.takeEarly()).toBeUndefined();
    const built = await p.run(job('early', '# Early\n\nText.\n'), options);
    expect(built.ok).toBe(true);
    expect(early.idle).toBe(true);
    await p.close();
    expect(early.alive).toBe(false);

    threads.startEarly(['check', 'a.md']);
    const taken = threads.takeEarly();
    expect(taken?.alive).toBe(true);
    await taken?.stop(new Error('test'));
    expect(taken?.alive).toBe(false);
    await expect(taken?.run(1, { job: job('dead', '# Dead\n'), options })).rejects.toThrow('already stopped');
  });
});
