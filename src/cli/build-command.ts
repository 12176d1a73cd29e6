import { join, relative, resolve } from 'node:path';
import type { JobOptions, JobReport } from '../build.js';
import { jobForConfig, jobsForManuscripts, type PublicationJob } from '../run/jobs.js';
import { ConfigError, loadConfig, type FolioConfig } from '../config/config.js';
import { defaultEpubOptions, defaultPdfOptions, type OutputFormat, type RenderOptions } from '../config/options.js';
import { loadTheme, ThemeError } from '../config/theme.js';
import { expandManuscripts, resolveInputs } from '../manuscript/inputs.js';
import { writeDownloadsPage } from '../output/downloads-page.js';
import { withPublicationInfo } from '../output/publication-info.js';
import { cacheKey, lookup, store } from '../run/cache.js';
import { BuildPool } from '../run/pool.js';
import { selectShard } from '../run/shard.js';
import type { CliOptions } from './args.js';
import type { Io } from './io.js';
import { Progress } from './progress.js';
import { buildReportJson } from './report.js';
import { watchAndRebuild } from './watch.js';

/** Everything a build needs, resolved from flags, folio.yaml and defaults (in that order of precedence). */
export interface Plan {
  jobs: PublicationJob[];
  options: Omit<JobOptions, 'cwd'> & { cwd: string };
  config?: FolioConfig;
  /** Folders and files to watch. */
  watchPaths: string[];
  inputProblems: number;
}

/** Resolves inputs, config and theme; prints problems; returns an exit code on failure. */
export function plan(options: CliOptions, io: Io): Plan | number {
  const cwd = io.cwd;
  const rel = (path: string) => relative(cwd, path) || path;
  const inputs = resolveInputs(options.inputs, cwd);
  let config: FolioConfig | undefined;
  if (inputs.config) {
    if (inputs.manuscripts.length > 0) {
      io.stderr('folio: give either a folio.yaml or manuscripts, not both (list manuscripts in the config)\n');
      return 2;
    }
    try {
      config = loadConfig(inputs.config);
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr(`${error.message.replaceAll(`${error.path}:`, `${rel(error.path)}:`)}\n`);
        return 2;
      }
      throw error;
    }
  }
  const base = config?.dir ?? cwd;
  let render: RenderOptions;
  try {
    const theme = loadTheme(options.theme ?? config?.theme ?? 'default', options.theme ? cwd : base);
    const pageSize = options.pageSize ?? config?.pageSize;
    if (pageSize) theme.pdf.pageSize = pageSize;
    if (config?.margins) theme.pdf.margins = { ...theme.pdf.margins, ...config.margins };
    render = {
      theme,
      pdf: config?.pdf ?? { ...defaultPdfOptions },
      epub: config?.epub ?? { ...defaultEpubOptions },
      ...(config?.hyphenation.exceptions.length ? { hyphenationExceptions: config.hyphenation.exceptions } : {}),
    };
  } catch (error) {
    if (error instanceof ThemeError) {
      io.stderr(`folio: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let jobs: PublicationJob[];
  const watchPaths: string[] = [render.theme.dir];
  if (config) {
    const expanded = expandManuscripts(config.manuscripts, config.dir);
    for (const problem of expanded.problems) io.stderr(`${rel(config.path)}: error: manuscripts: "${problem.input}": ${problem.reason} [input-missing]\n`);
    if (expanded.problems.length > 0) return 2;
    jobs = [jobForConfig(config, expanded.manuscripts)];
    watchPaths.push(config.dir);
  } else {
    for (const problem of inputs.problems) io.stderr(`${problem.input}: error: ${problem.reason} [input-missing]\n`);
    if (inputs.problems.length > 0 && inputs.manuscripts.length === 0) return 2;
    jobs = jobsForManuscripts(inputs.manuscripts);
    watchPaths.push(...new Set(jobs.map((j) => j.root)));
  }
  if (options.shard) jobs = selectShard(jobs, options.shard);
  const formats: OutputFormat[] = options.command === 'check' ? [] : options.formats ?? config?.formats ?? ['epub', 'pdf'];
  const outDir = options.outDir !== undefined ? resolve(cwd, options.outDir) : config?.out ? resolve(config.dir, config.out) : join(base, 'dist');
  return {
    jobs,
    options: {
      cwd,
      outDir,
      formats,
      render,
      write: options.command === 'build',
      ...(config ? { config } : {}),
      ...(io.env.SOURCE_DATE_EPOCH ? { sourceDateEpoch: io.env.SOURCE_DATE_EPOCH } : {}),
    },
    ...(config ? { config } : {}),
    watchPaths,
    inputProblems: inputs.problems.length,
  };
}

/** Builds the planned jobs: cache first, the rest on the worker pool. Reports in job order. */
export async function execute(p: Plan, pool: BuildPool | undefined, options: CliOptions, progress: Progress): Promise<JobReport[]> {
  const reports = new Array<JobReport | undefined>(p.jobs.length);
  const useCache = options.cache && p.options.write && !p.options.formats.includes('ast');
  const pending: Array<{ index: number; job: PublicationJob; key?: string }> = [];
  progress.start(p.jobs.length);
  p.jobs.forEach((job, index) => {
    const key = useCache ? cacheKey(job, p.options) : undefined;
    const cached = key ? lookup(job, p.options, key) : undefined;
    if (cached) {
      reports[index] = cached;
      progress.finish(cached);
    } else pending.push({ index, job, ...(key ? { key } : {}) });
  });
  const ownPool = pending.length > 0 && !pool ? new BuildPool(pending.length, { timeoutMs: options.timeoutSeconds * 1000, ...(options.jobs ? { threads: options.jobs } : {}) }) : undefined;
  const runner = pool ?? ownPool;
  try {
    await Promise.all(
      pending.map(async ({ index, job, key }) => {
        if (!runner) return;
        progress.begin(job.name);
        const report = await runner.run(job, p.options);
        if (key) store(job, p.options, report, key);
        reports[index] = report;
        progress.finish(report);
      }),
    );
  } finally {
    progress.end();
    await ownPool?.close();
  }
  return reports.filter((r): r is JobReport => r !== undefined);
}

export function summarize(reports: JobReport[], p: Plan, options: CliOptions, io: Io): number {
  const rel = (path: string) => relative(io.cwd, path) || path;
  const failed = reports.filter((r) => !r.ok).length;
  const warnings = reports.reduce((n, r) => n + r.messages.filter((m) => m.severity === 'warning').length, 0);
  const strictFail = options.strict && warnings > 0;
  const ok = failed === 0 && !strictFail && p.inputProblems === 0;
  if (p.options.formats.includes('ast') && options.command === 'build') {
    const trees = reports.map((r) => r.ast ?? null);
    io.stdout(`${JSON.stringify(trees.length === 1 ? trees[0] : trees, null, 2)}\n`);
  } else if (options.json) {
    io.stdout(`${JSON.stringify(buildReportJson(reports, ok, rel, options.shard), null, 2)}\n`);
  }
  if (!options.quiet && !options.json) {
    const cached = reports.filter((r) => r.cached).length;
    io.stderr(`${reports.length - failed} of ${reports.length} publication(s) ${p.options.write ? 'built' : 'checked'}${cached ? ` (${cached} unchanged)` : ''}; ${failed} failed; ${warnings} warning(s)${strictFail ? ' (--strict: failing)' : ''}\n`);
  }
  return ok ? 0 : 1;
}

export async function buildCommand(options: CliOptions, io: Io): Promise<number> {
  const planned = plan(options, io);
  if (typeof planned === 'number') return planned;
  const rel = (path: string) => relative(io.cwd, path) || path;
  if (options.watch) return watchAndRebuild(planned, options, io, { plan, execute, summarize });
  const progress = new Progress(io, options.quiet, options.json || planned.options.formats.includes('ast'), rel);
  const pool = planned.jobs.length > 0 ? new BuildPool(planned.jobs.length, { timeoutMs: options.timeoutSeconds * 1000, ...(options.jobs ? { threads: options.jobs } : {}) }) : undefined;
  const onSignal = () => {
    pool?.cancelAll();
    io.stderr('\nfolio: interrupted; finished outputs are complete, unfinished ones were not written\n');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const reports = await execute(planned, pool, options, progress);
    if (planned.options.write && options.index && !options.shard && !planned.options.formats.includes('ast') && reports.some((r) => r.outputs.length > 0)) {
      const c = planned.config;
      writeDownloadsPage(await withPublicationInfo(reports), { title: c?.title ?? 'Publications', ...(c?.lang ? { lang: c.lang } : {}), ...(c?.description ? { description: c.description } : {}) }, planned.options.outDir);
    }
    return summarize(reports, planned, options, io);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool?.close();
  }
}
