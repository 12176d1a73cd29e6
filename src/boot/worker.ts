/**
 * A pool worker thread's entry (src/run/threads.ts starts it): loads the bundled build
 * pipeline (`dist-lib/bundle/worker.cjs`) through V8's code cache, then builds one
 * publication per message and answers with its report. After the worker's first
 * publication the cache is written if it was missing, with the code that build compiled.
 */
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { loadBundle } from './load-bundle.js';
import type { WorkerTask } from '../run/worker.js';
import type { ResultMessage, TaskMessage } from '../run/threads.js';
import type { JobReport } from '../build.js';

const bundle = loadBundle(fileURLToPath(new URL('../bundle/worker.cjs', import.meta.url)));
// The bundle is src/run/worker.ts compiled: its default export is the task function.
const { default: build } = bundle.exports as { default: (task: WorkerTask) => Promise<JobReport> };

const port = parentPort;
if (!port) throw new Error('src/boot/worker.ts runs as a worker thread of the build pool');

// Messages come from the pool (run/threads.ts), one at a time: a TaskMessage each.
port.on('message', (message: TaskMessage) => {
  void (async () => {
    let result: ResultMessage;
    try {
      result = { id: message.id, report: await build(message.task) };
    } catch (error) {
      result = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    // Before answering: the pool may stop this thread as soon as it has the answer.
    bundle.saveCache();
    port.postMessage(result);
  })();
});
