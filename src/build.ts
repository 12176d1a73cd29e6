/**
 * Orchestration only: inputs → manuscripts → publication → renderers → files.
 * Every decision lives in the stage that owns it.
 */
import { dirname, relative } from 'node:path';
import type { VFile } from 'vfile';
import { buildPublication } from './ast/build-publication.js';
import type { Publication } from './ast/publication.js';
import { configMeta, type FolioConfig } from './config/config.js';
import type { OutputFormat, RenderOptions } from './config/options.js';
import { hasErrors, report } from './diagnostics/report.js';
import { AssetResolver } from './manuscript/assets.js';
import { configOutputName, outputName } from './manuscript/inputs.js';
import { readManuscript } from './manuscript/read.js';
import { writeOutput, type WrittenFile } from './output/write.js';
import { renderEpub } from './render/epub/index.js';
import { renderPdf } from './render/pdf/index.js';

export type RenderFormat = Exclude<OutputFormat, 'ast'>;
type Renderer = (publication: Publication, options: RenderOptions) => Promise<Uint8Array>;

const renderers: Record<RenderFormat, Renderer> = { epub: renderEpub, pdf: renderPdf };

export interface PublicationJob {
  /** Output base name (`dist/<name>.epub`). */
  name: string;
  /** Absolute manuscript paths, in order. */
  manuscripts: string[];
  /** Folder images must stay inside. */
  root: string;
}

export interface JobOptions {
  cwd: string;
  outDir: string;
  formats: OutputFormat[];
  render: RenderOptions;
  sourceDateEpoch?: string;
  /** Write outputs (false for `folio check`). */
  write: boolean;
  /** The folio.yaml of a collection: its metadata overrides the manuscripts'. */
  config?: FolioConfig;
}

export interface JobResult {
  job: PublicationJob;
  files: VFile[];
  outputs: Array<WrittenFile & { format: RenderFormat }>;
  publication?: Publication;
  /** True when a manuscript had an error: nothing was written for this job. */
  failed: boolean;
}

/** Builds one publication: parse, and unless a manuscript has errors, render and write each format. */
export async function runJob(job: PublicationJob, options: JobOptions): Promise<JobResult> {
  const sources = job.manuscripts.map((path) => ({ path, file: readManuscript(path, { displayPath: relative(options.cwd, path) || path }) }));
  const files = sources.map((s) => s.file);
  const result: JobResult = { job, files, outputs: [], failed: false };
  if (files.some(hasErrors)) return { ...result, failed: true };
  const publication = buildPublication(sources, {
    resolver: new AssetResolver(job.root),
    ...(options.config ? { meta: configMeta(options.config) } : {}),
    ...(options.sourceDateEpoch ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
  });
  result.publication = publication;
  if (files.some(hasErrors)) return { ...result, failed: true };
  const formats = options.formats.filter((f): f is RenderFormat => f !== 'ast');
  const rendered: Array<{ format: RenderFormat; data: Uint8Array }> = [];
  for (const format of formats) {
    try {
      rendered.push({ format, data: await renderers[format](publication, options.render) });
    } catch (error) {
      // A renderer bug must not take the other publications down: report it on this one.
      const first = files[0];
      if (first) report(first, 'render-failed', `the ${format.toUpperCase()} renderer failed (${error instanceof Error ? error.message : String(error)}); nothing was written for this publication. This is a Folio bug: please report it with the manuscript`);
      return { ...result, failed: true };
    }
  }
  if (files.some(hasErrors)) return { ...result, failed: true };
  if (options.write) {
    for (const { format, data } of rendered) result.outputs.push({ format, ...writeOutput(options.outDir, `${job.name}.${format}`, data) });
  }
  return result;
}

/** One publication per manuscript (no config): named after the file, images confined to its folder. */
export function jobsForManuscripts(manuscripts: string[]): PublicationJob[] {
  return manuscripts.map((path) => ({ name: outputName(path), manuscripts: [path], root: dirname(path) }));
}

/** A collection: every manuscript of the config, one publication named after the config. */
export function jobForConfig(config: FolioConfig, manuscripts: string[]): PublicationJob {
  return { name: configOutputName(config.path), manuscripts, root: config.dir };
}
