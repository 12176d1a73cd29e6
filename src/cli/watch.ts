import type { JobReport } from '../build.js';
import type { CliOptions } from './args.js';
import type { Plan } from './build-command.js';
import { relativeTo, type Io } from './io.js';
import { RebuildLoop, type BuildSteps } from './rebuild-loop.js';

interface Steps extends BuildSteps {
  summarize: (reports: JobReport[], p: Plan, options: CliOptions, io: Io) => number;
}

/**
 * `folio build --watch`: builds, then rebuilds on every change to a manuscript,
 * image, theme or config (debounced), on the rebuild loop it shares with `folio
 * preview`. The cache skips what did not change, so a brief rebuilds alone. Errors
 * are shown and the watcher goes on; Ctrl-C (or SIGTERM) ends it, exit code 0.
 */
export async function watchAndRebuild(first: Plan, options: CliOptions, io: Io, steps: Steps): Promise<number> {
  const rel = relativeTo(io.cwd);
  const loop = new RebuildLoop(
    options,
    io,
    steps,
    {
      built: (reports, planned, ms) => {
        steps.summarize(reports, planned, options, io);
        io.stderr(`watching ${planned.watchPaths.map(rel).join(', ')} (${ms} ms); Ctrl-C to stop\n`);
      },
      failed: (error) => io.stderr(`folio: ${error instanceof Error ? error.message : String(error)}\n`),
    },
    120,
  );
  await loop.rebuild(first);
  return new Promise<number>((resolveExit) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void loop.close().then(() => resolveExit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
