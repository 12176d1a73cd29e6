import { relative } from 'node:path';
import type { JobReport } from '../build.js';
import { BuildPool } from '../run/pool.js';
import { SourceWatcher } from '../run/watcher.js';
import type { CliOptions } from './args.js';
import type { Plan } from './build-command.js';
import type { Io } from './io.js';
import { Progress } from './progress.js';

interface Steps {
  plan: (options: CliOptions, io: Io) => Plan | number;
  execute: (p: Plan, pool: BuildPool | undefined, options: CliOptions, progress: Progress) => Promise<JobReport[]>;
  summarize: (reports: JobReport[], p: Plan, options: CliOptions, io: Io) => number;
}

/**
 * `folio build --watch`: builds, then rebuilds on every change to a manuscript,
 * image, theme or config (debounced). The cache skips what did not change, so a
 * brief rebuilds alone. Errors are shown and the watcher goes on; Ctrl-C ends it.
 */
export async function watchAndRebuild(first: Plan, options: CliOptions, io: Io, steps: Steps): Promise<number> {
  const rel = (path: string) => relative(io.cwd, path) || path;
  const pool = new BuildPool(Math.max(2, first.jobs.length), { timeoutMs: options.timeoutSeconds * 1000, ...(options.jobs ? { threads: options.jobs } : {}) });
  let current: Plan = first;
  let running = false;
  let again = false;

  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const started = performance.now();
      const reports = await steps.execute(current, pool, options, new Progress(io, options.quiet, false, rel));
      steps.summarize(reports, current, options, io);
      io.stderr(`watching ${current.watchPaths.map(rel).join(', ')} (${Math.round(performance.now() - started)} ms); Ctrl-C to stop\n`);
    } catch (error) {
      io.stderr(`folio: ${error instanceof Error ? error.message : String(error)}\n`);
    } finally {
      running = false;
      if (again) {
        again = false;
        void rebuild();
      }
    }
  };
  // One watcher per folder: Node 20's recursive watcher misses files replaced by rename (editors' saves).
  const watcher = new SourceWatcher(() => {
    const next = steps.plan(options, io);
    if (typeof next !== 'number') current = next;
    watcher.update(current.watchPaths, current.options.outDir);
    void rebuild();
  }, 120);
  watcher.update(current.watchPaths, current.options.outDir);
  await rebuild();
  return new Promise<number>((resolveExit) => {
    const stop = () => {
      watcher.close();
      pool.cancelAll();
      void pool.close().then(() => resolveExit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
