import { cpus } from 'node:os';
import { Piscina } from 'piscina';
import type { JobOptions, JobReport, PublicationJob } from '../build.js';
import type { WorkerTask } from './worker.js';

export interface PoolOptions {
  /** Worker threads (default: the number of cores, at most the number of jobs). */
  threads?: number;
  /** A publication that takes longer is stopped and reported as failed. */
  timeoutMs: number;
}

export const defaultJobTimeoutMs = 120_000;

/**
 * Runs jobs on a pool of worker threads, one publication per task, each under a
 * time limit: a task past it has its worker terminated (so a pathological parse
 * cannot hang the build) and gets an error report; the other jobs go on.
 *
 * At most one task per thread is handed to Piscina at a time; the others wait
 * here. So a publication's time limit counts its own build, never the time it
 * waited behind the rest of a large catalogue, and an interrupted build drops the
 * queue without starting anything.
 */
export class BuildPool {
  private started: Piscina<WorkerTask, JobReport> | undefined;
  /** Per-publication time limit; a pool started before the build was planned gets the plan's. */
  timeoutMs: number;
  private readonly threads: number;
  private readonly controllers = new Set<AbortController>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private cancelled = false;

  constructor(jobCount: number, options: PoolOptions) {
    this.threads = Math.max(1, Math.min(options.threads ?? cpus().length, jobCount));
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Starts the first worker now, so that it loads Folio (about a second of CPU) while
   * the caller is still busy, e.g. checking the cache for the other publications.
   */
  warm(): void {
    void this.pool;
  }

  /**
   * Workers start on the first task (or `warm`): a build served from the cache starts
   * none. One starts at once, more as tasks wait, up to `threads`: rebuilding one
   * publication starts one worker, not one per core.
   */
  private get pool(): Piscina<WorkerTask, JobReport> {
    if (this.started) return this.started;
    const threads = this.threads;
    this.started = new Piscina<WorkerTask, JobReport>({
      // The worker entry loads the bundled pipeline (src/boot/worker.ts); this path holds from
      // dist-lib/run/ and from dist-lib/bundle/, one level below dist-lib alike.
      filename: new URL('../boot/worker.js', import.meta.url).href,
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Deep recursion in pathological Markdown is bounded by the parser's caps; give it room anyway.
      resourceLimits: { stackSizeMb: 16 },
    });
    // A worker that dies (out of memory, a missing module) rejects its task; without a
    // listener Piscina's 'error' event would also take the whole process down.
    this.started.on('error', () => {});
    return this.started;
  }

  /** Waits for a free thread. False when the build was cancelled meanwhile. */
  private async slot(): Promise<boolean> {
    while (!this.cancelled && this.running >= this.threads) await new Promise<void>((wake) => this.waiting.push(wake));
    if (this.cancelled) return false;
    this.running++;
    return true;
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }

  async run(job: PublicationJob, options: JobOptions): Promise<JobReport> {
    const started = performance.now();
    const failed = (ruleId: 'build-timeout' | 'render-failed' | 'build-interrupted', message: string): JobReport => ({
      name: job.name,
      inputs: job.manuscripts,
      dependencies: job.manuscripts,
      ok: false,
      outputs: [],
      messages: [{ file: job.manuscripts[0] ?? job.name, line: 1, column: 1, severity: 'error', ruleId, message }],
      durationMs: Math.round(performance.now() - started),
    });
    if (!(await this.slot())) return failed('build-interrupted', 'build interrupted before this publication started');
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
    try {
      return await this.pool.run({ job, options }, { signal: controller.signal });
    } catch (error) {
      const timedOut = controller.signal.aborted && controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout';
      if (timedOut) {
        return failed('build-timeout', `building this publication took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped: the manuscript may be pathological (deep nesting, huge tables); raise the limit with --timeout or limits.timeout in folio.yaml`);
      }
      if (controller.signal.aborted) return failed('build-interrupted', 'build interrupted; nothing was written for this publication');
      return failed('render-failed', `the build worker failed (${error instanceof Error ? error.message : String(error)}): this is a Folio bug, please report it`);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
      this.release();
    }
  }

  /** Stops every running task and drops the queue (Ctrl-C): their workers end, nothing half-written stays (writes are atomic). */
  cancelAll(): void {
    this.cancelled = true;
    for (const wake of this.waiting.splice(0)) wake();
    for (const controller of this.controllers) controller.abort(new Error('interrupted'));
  }

  /** Whether `cancelAll` was called. */
  get interrupted(): boolean {
    return this.cancelled;
  }

  async close(): Promise<void> {
    await this.started?.destroy();
    this.started = undefined;
  }
}
