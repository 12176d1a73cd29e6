/**
 * Orchestration only: manuscripts → publication → typography → renderers → files.
 * Every decision lives in the stage that owns it. `runJob` builds one publication
 * and returns a plain, serialisable report (it also runs inside pool workers).
 */
import { join, relative } from 'node:path';
import type { VFile } from 'vfile';
import { buildPublication } from './ast/build-publication.js';
import { coverOf, type Publication } from './ast/publication.js';
import { configMeta, type FolioConfig } from './config/config.js';
import type { BuildLimits, OutputFormat, RenderOptions } from './config/options.js';
import { hasErrors, report } from './diagnostics/report.js';
import { toMessageJson, type MessageJson } from './diagnostics/json.js';
import { AssetResolver, defaultAssetLimits } from './manuscript/assets.js';
import { readManuscript } from './manuscript/read.js';
import { writeOutput } from './output/write.js';
import type { PublicationJob } from './run/jobs.js';
import { publicationJson } from './ast/json.js';
import { renderEpub } from './render/epub/index.js';
import { PageMapCollector, pageMapOf, renderPdf } from './render/pdf/index.js';
import { ReportCollector, type LayoutReport } from './render/pdf/report.js';
import type { ParseLimits } from './ast/limits.js';
import { applyTypography } from './typography/index.js';

export type RenderFormat = Exclude<OutputFormat, 'ast'>;

export type { PublicationJob } from './run/jobs.js';

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
  /** Limits set in folio.yaml (`timeout` is the pool's); absent ones keep each stage's default. */
  limits?: Partial<BuildLimits>;
}

export interface OutputReport {
  format: RenderFormat;
  /** Absolute path. */
  path: string;
  bytes: number;
  sha256: string;
}

/** What one publication's build produced: plain data, safe to pass between threads. */
export interface JobReport {
  name: string;
  /** Absolute manuscript paths. */
  inputs: string[];
  /** Absolute paths of every file the build read (manuscripts and images), for the cache. */
  dependencies: string[];
  ok: boolean;
  outputs: OutputReport[];
  messages: MessageJson[];
  /** PDF page count, when a PDF was made. */
  pages?: number;
  /** The PDF's layout figures (render/pdf/report.ts), when a PDF was made. */
  layout?: LayoutReport;
  /** `--format ast`: the tree as JSON. */
  ast?: unknown;
  /** Served from the cache: nothing was rebuilt. */
  cached?: boolean;
  /** The publication as the downloads page and the --json report describe it. */
  publication?: PublicationSummary;
  durationMs: number;
}

export interface PublicationSummary {
  title: string;
  subtitle?: string;
  authors: string[];
  lang: string;
  identifier: string;
  date?: string;
  description?: string;
  /** The cover image (the first chapter's hero), as a file the build read. */
  cover?: { path: string; mediaType: string; alt: string };
}

function summary(pub: Publication, root: string): PublicationSummary {
  const { meta } = pub;
  const hero = coverOf(pub);
  const asset = hero?.assetId ? pub.assets.get(hero.assetId) : undefined;
  return {
    title: meta.title,
    authors: meta.authors,
    lang: meta.lang,
    identifier: meta.identifier,
    ...(meta.subtitle ? { subtitle: meta.subtitle } : {}),
    ...(meta.date ? { date: meta.date } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    ...(hero && asset ? { cover: { path: join(root, asset.href), mediaType: asset.mediaType, alt: hero.alt } } : {}),
  };
}

/** The parser's share of the build limits. */
function parseLimitsOf(limits: Partial<BuildLimits>): Partial<ParseLimits> {
  const { maxDepth, maxInlineMarkers, maxDefinitions, maxBlockChars } = limits;
  return {
    ...(maxDepth ? { maxDepth } : {}),
    ...(maxInlineMarkers ? { maxInlineMarkers } : {}),
    ...(maxDefinitions ? { maxDefinitions } : {}),
    ...(maxBlockChars ? { maxBlockChars } : {}),
  };
}

/** Builds one publication: parse, and unless a manuscript has errors, render and write each format. */
export async function runJob(job: PublicationJob, options: JobOptions): Promise<JobReport> {
  const started = performance.now();
  const limits = options.limits ?? {};
  const sources = job.manuscripts.map((path) => ({ path, file: readManuscript(path, { displayPath: relative(options.cwd, path) || path, ...(limits.maxManuscriptBytes ? { maxBytes: limits.maxManuscriptBytes } : {}) }) }));
  const files = sources.map((s) => s.file);
  const resolver = new AssetResolver(job.root, { maxBytes: limits.maxImageBytes ?? defaultAssetLimits.maxBytes, maxPixels: limits.maxImagePixels ?? defaultAssetLimits.maxPixels });
  const finish = (fields: Partial<JobReport>, publication?: Publication): JobReport => ({
    name: job.name,
    inputs: job.manuscripts,
    // Images asked for, found or not: adding a missing image must invalidate a cached failure.
    dependencies: [...new Set([...job.manuscripts, ...resolver.attempted])],
    ok: !files.some(hasErrors),
    outputs: [],
    messages: files.flatMap((file: VFile) => toMessageJson(file)),
    durationMs: Math.round(performance.now() - started),
    ...(publication ? { publication: summary(publication, job.root) } : {}),
    ...fields,
  });
  if (files.some(hasErrors)) return finish({});
  const publication = buildPublication(sources, {
    resolver,
    ...(options.config ? { meta: configMeta(options.config) } : {}),
    ...(options.config?.cover ? { cover: { src: options.config.cover, baseDir: options.config.dir } } : {}),
    ...(options.sourceDateEpoch ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
    parseLimits: parseLimitsOf(limits),
  });
  // A publication with errors is not rendered: unless its tree is asked for, typography on it would be wasted.
  if (files.some(hasErrors) && !options.formats.includes('ast')) return finish({}, publication);
  applyTypography(publication, { enabled: options.config?.typography.enabled ?? true });
  const ast = options.formats.includes('ast') ? publicationJson(publication) : undefined;
  if (files.some(hasErrors)) return finish(ast ? { ast } : {}, publication);
  const formats = options.formats.filter((f): f is RenderFormat => f !== 'ast');
  const rendered: Array<{ format: RenderFormat; data: Uint8Array }> = [];
  let current: RenderFormat = 'pdf';
  // The PDF goes first: its layout gives the page map the EPUB's page list follows (and the page count).
  const pageMap = new PageMapCollector();
  const layout = new ReportCollector();
  try {
    if (formats.includes('pdf')) rendered.push({ format: 'pdf', data: await renderPdf(publication, options.render, (page) => {
      pageMap.add(page);
      layout.page(page);
    }) });
    if (formats.includes('epub')) {
      current = 'epub';
      const map = formats.includes('pdf') ? pageMap.map() : pageMapOf(publication, options.render);
      rendered.push({ format: 'epub', data: await renderEpub(publication, { ...options.render, pageMap: map }) });
    }
  } catch (error) {
    // A renderer bug must not take the other publications down: report it on this one.
    const first = files[0];
    if (first) report(first, 'render-failed', `the ${current.toUpperCase()} renderer failed (${error instanceof Error ? error.message : String(error)}); nothing was written for this publication. This is a Folio bug: please report it with the manuscript`);
    return finish({}, publication);
  }
  if (files.some(hasErrors)) return finish({}, publication);
  const outputs: OutputReport[] = [];
  if (options.write) {
    rendered.sort((a, b) => formats.indexOf(a.format) - formats.indexOf(b.format));
    for (const { format, data } of rendered) outputs.push({ format, ...writeOutput(options.outDir, `${job.name}.${format}`, data) });
  }
  return finish({ outputs, ...(formats.includes('pdf') ? { pages: pageMap.pages, layout: layout.report } : {}), ...(ast ? { ast } : {}) }, publication);
}
