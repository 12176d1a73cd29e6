/**
 * The one rebuild loop behind `folio build --watch` and `folio preview`: plan, build
 * on a worker pool kept between builds (the cache skips what did not change, so a
 * saved brief rebuilds alone), watch what the plan reads (manuscript folders, images,
 * theme, config), and build again when it changes. Changes that arrive during a build
 * are coalesced into one more build. What each command does with a build's reports
 * (print a summary, refresh the browser) is its hooks'.
 */
import type { JobReport } from '../build.js';
import { BuildPool } from '../run/pool.js';
import { SourceWatcher } from '../run/watcher.js';
import type { CliOptions } from './args.js';
import type { Plan } from './build-command.js';
import { relativeTo, type Io } from './io.js';
import { Progress } from './progress.js';

export interface BuildSteps {
  plan: (options: CliOptions, io: Io) => Plan | number;
  execute: (p: Plan, pool: BuildPool | undefined, options: CliOptions, progress: Progress) => Promise<JobReport[]>;
}

export interface LoopHooks {
  /** After planning, before building; `printed` is what planning wrote to stderr (config errors, missing inputs). */
  planned?: (planned: Plan | number, printed: string) => void;
  /** After each build. */
  built: (reports: JobReport[], planned: Plan, ms: number) => void | Promise<void>;
  /** A build that threw (a Folio bug): the loop goes on. */
  failed?: (error: unknown) => void;
  /** Once no build is running or asked for (after the last of coalesced builds). */
  settled?: () => void;
}

export class RebuildLoop {
  /** The latest plan that succeeded. */
  current: Plan | undefined;
  private pool: BuildPool | undefined;
  private readonly watcher: SourceWatcher;
  private building = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly options: CliOptions,
    private readonly io: Io,
    private readonly steps: BuildSteps,
    private readonly hooks: LoopHooks,
    debounceMs?: number,
  ) {
    this.watcher = new SourceWatcher(() => void this.rebuild(), debounceMs);
  }

  /** Whether a build is running. */
  get running(): boolean {
    return this.building;
  }

  /**
   * Plans again (new manuscripts, a changed config) and builds; calls made while building
   * are coalesced. `first`: a plan just made (and its messages printed) to build as it is.
   */
  async rebuild(first?: Plan): Promise<void> {
    if (this.closed) return;
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    let given = first;
    try {
      do {
        this.again = false;
        try {
          const plan = given;
          given = undefined;
          await this.buildOnce(plan);
        } catch (error) {
          this.hooks.failed?.(error);
        }
      } while (this.again && !this.closed);
    } finally {
      this.building = false;
    }
    this.hooks.settled?.();
  }

  private async buildOnce(given: Plan | undefined): Promise<void> {
    let printed = '';
    const capture: Io = { ...this.io, stderr: (text) => { printed += text; this.io.stderr(text); } };
    const options: CliOptions = { ...this.options, command: 'build' };
    const planned = given ?? this.steps.plan(options, capture);
    this.hooks.planned?.(planned, printed);
    // A plan that fails (a broken folio.yaml) builds nothing; the folders already watched stay watched.
    if (typeof planned === 'number') return;
    this.current = planned;
    this.watcher.update(planned.watchPaths, planned.options.outDir);
    this.pool ??= new BuildPool(Math.max(2, planned.jobs.length), { timeoutMs: planned.timeoutMs, ...(this.options.jobs ? { threads: this.options.jobs } : {}) });
    const rel = relativeTo(this.io.cwd);
    const started = performance.now();
    const reports = await this.steps.execute(planned, this.pool, options, new Progress(this.io, this.options.quiet, false, rel, this.options.layoutReport));
    await this.hooks.built(reports, planned, Math.round(performance.now() - started));
  }

  /** Stops watching, stops the running build and ends the workers. */
  async close(): Promise<void> {
    this.closed = true;
    this.watcher.close();
    this.pool?.cancelAll();
    await this.pool?.close();
    this.pool = undefined;
  }
}
