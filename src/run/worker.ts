/** Pool worker entry: builds one publication per task. Fonts and patterns stay loaded between tasks. */
import { runJob, type JobOptions, type JobReport, type PublicationJob } from '../build.js';

export interface WorkerTask {
  job: PublicationJob;
  options: JobOptions;
}

export default async function buildInWorker(task: WorkerTask): Promise<JobReport> {
  return runJob(task.job, task.options);
}
