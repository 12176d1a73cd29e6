import { cpus } from 'node:os';
import type { JobOptions, JobReport, PublicationJob } from '../build.js';
import { BuildThread, takeEarly } from './threads.js';

export interface PoolOptions {
  /** Worker threads (default: the number of cores, at most the number of jobs). */
  threads?: number;
  /** A publication that takes longer is stopped and reported as failed. */
  timeoutMs: number;
}

export const defaultJobTimeoutMs = 120_000;

/**
 * Runs jobs on a pool of worker threads (threads.ts), one publication per task, each
 * under a time limit: a task past it has its worker terminated (so a pathological
 * parse cannot hang the build) and gets an error report; the other jobs go on, and a
 * new worker takes the stopped one's place when a job needs it.
 *
 * At most one task per thread runs at a time; the others wait here. So a
 * publication's time limit counts its own build, never the time it waited behind the
 * rest of a large catalogue, and an interrupted build drops the queue without
 * starting anything.
 *
 * Workers start on the first task (or `warm`): a build served from the cache starts
 * none. One starts at once, more as tasks wait, up to `threads`: rebuilding one
 * publication starts one worker, not one per core. Idle workers stay until `close`
 * (a watch keeps them between rebuilds) but never keep the process alive.
 */
export class BuildPool {
  /** Per-publication time limit; a pool started before the build was planned gets the plan's. */
  timeoutMs: number;
  private readonly threads: number;
  private readonly workers: BuildThread[] = [];
  /** Workers being terminated: `close` waits for them. */
  private readonly stopping = new Set<Promise<number>>();
  private readonly controllers = new Set<AbortController>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private cancelled = false;
  private nextId = 1;

  constructor(jobCount: number, options: PoolOptions) {
    this.threads = Math.max(1, Math.min(options.threads ?? cpus().length, jobCount));
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Starts the first worker now (or adopts the one bin started, threads.ts), so that it
   * loads Folio while the caller is still busy, e.g. checking the cache for the other
   * publications.
   */
  warm(): void {
    if (this.workers.length === 0) this.spawn();
  }

  private spawn(): BuildThread {
    const thread = takeEarly() ?? new BuildThread();
    this.workers.push(thread);
    return thread;
  }

  /** An idle live worker, else a new one (`slot` keeps the busy ones under `threads`). */
  private worker(): BuildThread {
    for (let i = this.workers.length - 1; i >= 0; i--) if (!this.workers[i]?.alive) this.workers.splice(i, 1);
    return this.workers.find((w) => w.idle) ?? this.spawn();
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
    const thread = this.worker();
    // Stopping the worker is the only way to stop a build mid-parse; the task is rejected at once.
    const stop = () => {
      const stopped = thread.stop(controller.signal.reason instanceof Error ? controller.signal.reason : new Error('aborted'));
      this.stopping.add(stopped);
      void stopped.finally(() => this.stopping.delete(stopped));
    };
    controller.signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
    try {
      return await thread.run(this.nextId++, { job, options });
    } catch (error) {
      const timedOut = controller.signal.aborted && controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout';
      if (timedOut) {
        return failed('build-timeout', `building this publication took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped: the manuscript may be pathological (deep nesting, huge tables); raise the limit with --timeout or limits.timeout in folio.yaml`);
      }
      if (controller.signal.aborted) return failed('build-interrupted', 'build interrupted; nothing was written for this publication');
      return failed('render-failed', `the build worker failed (${error instanceof Error ? error.message : String(error)}): this is a Folio bug, please report it`);
    } finally {
      clearTimeout(timer);
      controller.signal.removeEventListener('abort', stop);
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
    const workers = this.workers.splice(0);
    await Promise.all([...workers.map((w) => w.stop(new Error('the pool was closed'))), ...this.stopping]);
  }
}
