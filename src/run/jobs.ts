import { dirname } from 'node:path';
import type { FolioConfig } from '../config/config.js';
import { configOutputName, outputName } from '../manuscript/inputs.js';

/** One publication to build. Plain data: it crosses into pool workers. */
export interface PublicationJob {
  /** Output base name (`dist/<name>.epub`). */
  name: string;
  /** Absolute manuscript paths, in order. */
  manuscripts: string[];
  /** Folder images must stay inside. */
  root: string;
}

/** One publication per manuscript (no config): named after the file, images confined to its folder. */
export function jobsForManuscripts(manuscripts: string[]): PublicationJob[] {
  const jobs = manuscripts.map((path) => ({ name: outputName(path), manuscripts: [path], root: dirname(path) }));
  // Two manuscripts with one name in different folders must not overwrite each other's outputs.
  const seen = new Map<string, number>();
  for (const job of jobs) {
    const n = (seen.get(job.name) ?? 0) + 1;
    seen.set(job.name, n);
    if (n > 1) job.name = `${job.name}-${n}`;
  }
  return jobs;
}

/** A collection: every manuscript of the config, one publication named after the config. */
export function jobForConfig(config: FolioConfig, manuscripts: string[]): PublicationJob {
  return { name: configOutputName(config.path), manuscripts, root: config.dir };
}
