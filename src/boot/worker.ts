/**
 * The pool's worker entry: loads the bundled build pipeline (`dist-lib/bundle/worker.cjs`)
 * through V8's code cache and hands Piscina its task function. After the worker's first
 * publication the cache is written if it was missing, with the code that build compiled.
 */
import { fileURLToPath } from 'node:url';
import { loadBundle } from './load-bundle.js';
import type { WorkerTask } from '../run/worker.js';
import type { JobReport } from '../build.js';

const bundle = loadBundle(fileURLToPath(new URL('../bundle/worker.cjs', import.meta.url)));
// The bundle is src/run/worker.ts compiled: its default export is the task function.
const { default: build } = bundle.exports as { default: (task: WorkerTask) => Promise<JobReport> };

export default async function buildInWorker(task: WorkerTask): Promise<JobReport> {
  try {
    return await build(task);
  } finally {
    bundle.saveCache();
  }
}
