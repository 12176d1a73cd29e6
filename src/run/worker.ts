/** Pool worker entry: builds one publication per task. Fonts and patterns stay loaded between tasks. */
import { fileURLToPath } from 'node:url';
import { runJob, type JobOptions, type JobReport, type PublicationJob } from '../build.js';
import { keepLearntTables, saveLearntTables } from '../render/pdf/learnt-tables.js';

// Beside the bundles (dist-lib/bundle/, one level below dist-lib like this file): emptied by every build of Folio.
keepLearntTables(fileURLToPath(new URL('../bundle/shaping/', import.meta.url)));

export interface WorkerTask {
  job: PublicationJob;
  options: JobOptions;
}

export default async function buildInWorker(task: WorkerTask): Promise<JobReport> {
  try {
    return await runJob(task.job, task.options);
  } finally {
    saveLearntTables();
  }
}
