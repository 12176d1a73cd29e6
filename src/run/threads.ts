/**
 * One pool worker thread, and the first one started before the command line loads.
 *
 * `bin/folio.js` starts a `folio build`'s first worker here (src/boot/cli.ts), before
 * it loads the bundled command line: Node takes about 0.1 s to start a thread and the
 * worker about 0.2 s to load the pipeline, and both now overlap the command line's own
 * loading and planning. The pool (pool.ts) adopts that thread. Imports only Node's
 * built-ins: this runs unbundled, before anything else is loaded.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobReport } from '../build.js';
import type { WorkerTask } from './worker.js';

/** What the pool sends a worker: one publication to build. */
export interface TaskMessage {
  id: number;
  task: WorkerTask;
}

/** What a worker answers: the report, or why the build threw (a Folio bug). */
export type ResultMessage = { id: number; report: JobReport } | { id: number; error: string };

interface Pending {
  id: number;
  resolve: (report: JobReport) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread running src/boot/worker.ts, one task at a time. It keeps the process
 * alive only while it has a task. Its listeners are attached at its start, so a thread
 * that dies before its first task (a missing bundle) is known dead, never waited on.
 */
export class BuildThread {
  readonly worker: Worker;
  private current: Pending | undefined;
  private exited = false;

  constructor() {
    // The entry resolves from dist-lib/run/ and from dist-lib/bundle/ alike, both one level below dist-lib.
    this.worker = new Worker(new URL('../boot/worker.js', import.meta.url), {
      execArgv: workerExecArgv(process.execArgv),
      // Deep recursion in pathological Markdown is bounded by the parser's caps; give it room anyway.
      resourceLimits: { stackSizeMb: 16 },
    });
    this.worker.unref();
    this.worker.on('message', (message: ResultMessage) => {
      const pending = this.current;
      if (!pending || message.id !== pending.id) return;
      this.settle();
      if ('report' in message) pending.resolve(message.report);
      else pending.reject(new Error(message.error));
    });
    // Out of memory, an uncaught error: 'error', then 'exit'. Either fails the task it had.
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the worker thread exited with code ${code}`)));
  }

  /** Alive and without a task. */
  get idle(): boolean {
    return !this.exited && this.current === undefined;
  }

  get alive(): boolean {
    return !this.exited;
  }

  run(id: number, task: WorkerTask): Promise<JobReport> {
    if (this.exited) return Promise.reject(new Error('the worker thread had already stopped'));
    if (this.current) return Promise.reject(new Error('the worker thread is busy'));
    return new Promise<JobReport>((resolve, reject) => {
      this.current = { id, resolve, reject };
      this.worker.ref();
      const message: TaskMessage = { id, task };
      this.worker.postMessage(message);
    });
  }

  /** Stops the thread; a task it had is rejected with `reason`. */
  stop(reason: Error): Promise<number> {
    this.fail(reason);
    return this.worker.terminate();
  }

  private settle(): void {
    this.current = undefined;
    this.worker.unref();
  }

  private fail(error: Error): void {
    this.exited = true;
    const pending = this.current;
    if (!pending) return;
    this.settle();
    pending.reject(error);
  }
}

/** Node's options that name an inline script; each takes a value (`--name=value`, or the next argument). */
const inlineScript = new Set(['-e', '--eval', '-p', '--print', '--input-type']);

/**
 * The parent's Node options for a worker, less those of an inline script: a worker
 * inherits them, and Node refuses to start a worker file (an ES module) under
 * `--input-type`, which a process started with `node --input-type=module -e …` has.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const arg = execArgv[index] ?? '';
    const name = arg.startsWith('--') ? arg.split('=', 1)[0] ?? arg : arg;
    if (!inlineScript.has(name)) kept.push(arg);
    else if (name === arg) index++;
  }
  return kept;
}

const early = Symbol.for('folio.earlyThread');

/** Where the thread `startEarly` made waits for the pool (a global: the pool lives in another bundle). */
function slot(): { [early]?: BuildThread } {
  return globalThis as { [early]?: BuildThread };
}

/**
 * Starts a build's first worker now, when the arguments are a one-off `folio build` (or `check`) and
 * the machine has a second core (on one core it would only slow the command line down).
 * A hint: the pool adopts it, or a build with nothing to do stops it; unadopted, it
 * never keeps the process alive.
 */
export function startEarly(args: readonly string[]): void {
  if ((args[0] !== 'build' && args[0] !== 'check') || args.some((a) => a === '--watch' || a === '-w' || a === '--help' || a === '-h')) return;
  if (availableParallelism() < 2) return;
  slot()[early] = new BuildThread();
}

/** The thread `startEarly` made, once (undefined when there is none or it died). */
export function takeEarly(): BuildThread | undefined {
  const thread = slot()[early];
  delete slot()[early];
  return thread?.alive ? thread : undefined;
}
