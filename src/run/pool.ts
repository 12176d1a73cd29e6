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
 */
export class BuildPool {
  private started: Piscina<WorkerTask, JobReport> | undefined;
  private readonly timeoutMs: number;
  private readonly threads: number;
  private readonly controllers = new Set<AbortController>();

  constructor(jobCount: number, options: PoolOptions) {
    this.threads = Math.max(1, Math.min(options.threads ?? cpus().length, jobCount));
    this.timeoutMs = options.timeoutMs;
  }

  /** Workers start on the first task: a build served from the cache starts none. */
  private get pool(): Piscina<WorkerTask, JobReport> {
    if (this.started) return this.started;
    const threads = this.threads;
    this.started = new Piscina<WorkerTask, JobReport>({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: threads,
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

  async run(job: PublicationJob, options: JobOptions): Promise<JobReport> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
    const started = performance.now();
    try {
      return await this.pool.run({ job, options }, { signal: controller.signal });
    } catch (error) {
      const timedOut = controller.signal.aborted && controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout';
      const reason = timedOut
        ? `building this publication took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped: the manuscript may be pathological (deep nesting, huge tables); raise the limit with --timeout`
        : controller.signal.aborted
          ? 'build interrupted'
          : `the build worker failed (${error instanceof Error ? error.message : String(error)}): this is a Folio bug, please report it`;
      return {
        name: job.name,
        inputs: job.manuscripts,
        dependencies: job.manuscripts,
        ok: false,
        outputs: [],
        messages: [{ file: job.manuscripts[0] ?? job.name, line: 1, column: 1, severity: 'error', ruleId: timedOut ? 'build-timeout' : 'render-failed', message: reason }],
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  /** Stops every running task (Ctrl-C): their workers end, nothing half-written stays (writes are atomic). */
  cancelAll(): void {
    for (const controller of this.controllers) controller.abort(new Error('interrupted'));
  }

  async close(): Promise<void> {
    await this.started?.destroy();
    this.started = undefined;
  }
}
