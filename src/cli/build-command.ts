import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { JobOptions, JobReport } from '../build.js';
import { jobForConfig, jobsForManuscripts, type PublicationJob } from '../run/jobs.js';
import { ConfigError, loadConfig, type FolioConfig } from '../config/config.js';
import { defaultEpubOptions, defaultPdfOptions, type OutputFormat, type RenderOptions } from '../config/options.js';
import { loadTheme, textBlockProblem, ThemeError } from '../config/theme.js';
import { expandManuscripts, resolveInputs } from '../manuscript/inputs.js';
import { writeDownloadsPage } from '../output/downloads-page.js';
import { MemoizedDownloadsPage } from '../output/downloads-memo.js';
import { withPublicationInfo } from '../output/publication-info.js';
import { removeTempFiles } from '../output/temp-files.js';
import { BuildCache, cacheFilePath, cacheKey, folioCodeHash } from '../run/cache.js';
import { BuildPool, defaultJobTimeoutMs } from '../run/pool.js';
import { selectShard } from '../run/shard.js';
import type { CliOptions } from './args.js';
import { relativeTo, type Io } from './io.js';
import { Progress } from './progress.js';
import { ReportText } from './report.js';
import { watchAndRebuild } from './watch.js';

/** Everything a build needs, resolved from flags, folio.yaml and defaults (in that order of precedence). */
export interface Plan {
  jobs: PublicationJob[];
  options: Omit<JobOptions, 'cwd'> & { cwd: string };
  config?: FolioConfig;
  /** Folders and files to watch. */
  watchPaths: string[];
  /** Per-publication time limit: --timeout, else folio.yaml `limits.timeout`, else the default. */
  timeoutMs: number;
  inputProblems: number;
}

/** Resolves inputs, config and theme; prints problems; returns an exit code on failure. */
export function plan(options: CliOptions, io: Io): Plan | number {
  const cwd = io.cwd;
  const rel = relativeTo(cwd);
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
    // The page size and margins may each come from the theme, folio.yaml or --page-size: check them together.
    const block = textBlockProblem(theme.pdf);
    if (block) {
      // At the folio.yaml line that set the page size or the margins, else at the flag or the theme.
      const at = config?.pageLayoutAt;
      if (config && at) io.stderr(`${rel(config.path)}:${at.line}:${at.column}: error: ${block} [config-type]\n`);
      else io.stderr(`folio: ${options.pageSize ? `--page-size ${options.pageSize.name}` : `theme ${theme.name}`}: ${block}\n`);
      return 2;
    }
    render = {
      theme,
      pdf: { ...(config?.pdf ?? defaultPdfOptions), ...(options.pdfa ? { pdfa: options.pdfa } : {}) },
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
  // The time limit is the pool's; the other limits travel with each job.
  const { timeout, ...jobLimits } = config?.limits ?? {};
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
      ...(Object.keys(jobLimits).length > 0 ? { limits: jobLimits } : {}),
    },
    ...(config ? { config } : {}),
    watchPaths,
    timeoutMs: (options.timeoutSeconds ?? timeout ?? defaultJobTimeoutMs / 1000) * 1000,
    inputProblems: inputs.problems.length,
  };
}

/** Work on the reports already known (served from the cache) while the other publications build. */
export type WhileBuilding = (known: JobReport[]) => Promise<void>;

/** Builds the planned jobs: cache first, the rest on the worker pool. Reports in job order. */
export async function execute(p: Plan, pool: BuildPool | undefined, options: CliOptions, progress: Progress, whileBuilding?: WhileBuilding): Promise<JobReport[]> {
  const reports = new Array<JobReport | undefined>(p.jobs.length);
  const useCache = options.cache && p.options.write && !p.options.formats.includes('ast');
  // With a second core, the first worker starts loading Folio (about 0.3 s) before the cache
  // is even read (`build` started it earlier still): an edited publication anywhere in a large
  // catalogue then waits for neither. When nothing changed, that worker is stopped unused.
  if (useCache && p.jobs.length > 0 && availableParallelism() > 1) pool?.warm();
  const cache = useCache ? new BuildCache(p.options) : undefined;
  const building: Array<Promise<void>> = [];
  let ownPool: BuildPool | undefined;
  let runner = pool;
  progress.start(p.jobs.length);
  const build = async (index: number, job: PublicationJob, key: string | undefined, on: BuildPool): Promise<void> => {
    progress.begin(job.name);
    const report = await on.run(job, p.options);
    if (key) cache?.store(job, report, key);
    reports[index] = report;
    // An interrupted build says so once, not once per publication it did not start.
    if (!report.messages.some((m) => m.ruleId === 'build-interrupted')) progress.finish(report);
  };
  try {
    for (const [index, job] of p.jobs.entries()) {
      const key = cache ? cacheKey(job, p.options) : undefined;
      const cached = key ? cache?.lookup(job, key) : undefined;
      if (cached) {
        reports[index] = cached;
        progress.finish(cached);
        continue;
      }
      runner ??= ownPool = new BuildPool(p.jobs.length, { timeoutMs: p.timeoutMs, ...(options.jobs ? { threads: options.jobs } : {}) });
      building.push(build(index, job, key, runner));
      // The first miss goes to a worker at once (one turn of the event loop hands it over):
      // an edited article builds while the rest of a large catalogue is looked up.
      if (building.length === 1) await new Promise((next) => setImmediate(next));
    }
    const known = whileBuilding && building.length > 0 ? reports.filter((r): r is JobReport => r !== undefined) : [];
    await Promise.all([...(known.length > 0 && whileBuilding ? [whileBuilding(known)] : []), ...building]);
    cache?.save();
  } finally {
    progress.end();
    await ownPool?.close();
  }
  return reports.filter((r): r is JobReport => r !== undefined);
}

export function summarize(reports: JobReport[], p: Plan, options: CliOptions, io: Io, reportText?: ReportText): number {
  const rel = relativeTo(io.cwd);
  const failed = reports.filter((r) => !r.ok).length;
  const warnings = reports.reduce((n, r) => n + r.messages.filter((m) => m.severity === 'warning').length, 0);
  const strictFail = options.strict && warnings > 0;
  const ok = failed === 0 && !strictFail && p.inputProblems === 0;
  if (p.options.formats.includes('ast') && options.command === 'build') {
    const trees = reports.map((r) => r.ast ?? null);
    io.stdout(`${JSON.stringify(trees.length === 1 ? trees[0] : trees, null, 2)}\n`);
  } else if (options.json) {
    // One line: the report of a large catalogue is megabytes, and indenting it took longer
    // than the rest of a one-article rebuild's bookkeeping (`| jq .` shows it indented).
    io.stdout((reportText ?? new ReportText(rel)).bytes(reports, ok, options.shard, '\n'));
  }
  if (!options.quiet && !options.json) {
    // A failure remembered from the last run is still a failure, not an unchanged publication.
    const cached = reports.filter((r) => r.cached && r.ok).length;
    io.stderr(`${reports.length - failed} of ${reports.length} publication(s) ${p.options.write ? 'built' : 'checked'}${cached ? ` (${cached} unchanged)` : ''}; ${failed} failed; ${warnings} warning(s)${strictFail ? ' (--strict: failing)' : ''}\n`);
  }
  return ok ? 0 : 1;
}

/** Exit codes of a build stopped by a signal: 128 + the signal's number, as shells report them. */
const signalExitCodes: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export async function buildCommand(options: CliOptions, io: Io): Promise<number> {
  // With a second core, the first worker starts loading Folio (about 0.3 s) at once, while
  // the build is planned and the cache read; a build with nothing to do stops it unused.
  const early = !options.watch && availableParallelism() > 1 ? new BuildPool(Number.MAX_SAFE_INTEGER, { timeoutMs: defaultJobTimeoutMs, ...(options.jobs ? { threads: options.jobs } : {}) }) : undefined;
  early?.warm();
  const planned = plan(options, io);
  if (typeof planned === 'number' || planned.jobs.length === 0) await early?.close();
  if (typeof planned === 'number') return planned;
  const rel = relativeTo(io.cwd);
  // Temp files a killed earlier build left behind (their process is gone).
  if (planned.options.write) removeTempFiles(planned.options.outDir, 'stale');
  if (options.watch) return watchAndRebuild(planned, options, io, { plan, execute, summarize });
  const progress = new Progress(io, options.quiet, options.json || planned.options.formats.includes('ast'), rel, options.layoutReport);
  const pool = planned.jobs.length > 0 ? (early ?? new BuildPool(planned.jobs.length, { timeoutMs: planned.timeoutMs, ...(options.jobs ? { threads: options.jobs } : {}) })) : undefined;
  if (pool) pool.timeoutMs = planned.timeoutMs;
  // First Ctrl-C (or SIGTERM): stop the workers and drop the queue, keep what is finished,
  // remove our temp files, exit 130 (143). The handlers are `once`: a second Ctrl-C kills at once.
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    stoppedBy = signal;
    pool?.cancelAll();
    progress.end();
    io.stderr('\nfolio: interrupted; stopping the workers (finished outputs are complete, unfinished ones are not written)\n');
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  const c = planned.config;
  const outDir = planned.options.outDir;
  const wantsPage = planned.options.write && options.index && !options.shard && !planned.options.formats.includes('ast');
  const pageMeta = { title: c?.title ?? 'Publications', ...(c?.lang ? { lang: c.lang } : {}), ...(c?.description ? { description: c.description } : {}) };
  // With the cache, the page keeps a memo beside it and remakes only what changed. Node's
  // version too invalidates it: the language names on the page are its ICU's.
  const page = wantsPage && options.cache ? new MemoizedDownloadsPage(pageMeta, outDir, { page: cacheFilePath(outDir, '.downloads-page.json'), cards: cacheFilePath(outDir, '.downloads-cards.json'), version: `${folioCodeHash()} ${process.version}` }) : undefined;
  const reportText = options.json ? new ReportText(rel) : undefined;
  // While a few publications build (an edited article in a warm catalogue), the report and
  // the downloads page are made ready for all the others, a slice at a time so that the
  // pool's messages are not kept waiting.
  const whileBuilding: WhileBuilding = async (known) => {
    let slice = performance.now();
    for (const report of known) {
      if (performance.now() - slice > 8) {
        await new Promise((next) => setImmediate(next));
        slice = performance.now();
      }
      reportText?.prepare(report);
      if (report.publication) page?.prepare(report);
    }
    page?.preload();
  };
  try {
    const reports = await execute(planned, pool, options, progress, whileBuilding);
    if (stoppedBy) {
      await pool?.close();
      if (planned.options.write) removeTempFiles(planned.options.outDir, 'own');
      const done = reports.filter((r) => !r.messages.some((m) => m.ruleId === 'build-interrupted')).length;
      io.stderr(`folio: interrupted: ${done} of ${planned.jobs.length} publication(s) finished before the stop; previous outputs of the others are untouched\n`);
      return signalExitCodes[stoppedBy];
    }
    if (wantsPage && reports.some((r) => r.outputs.length > 0)) {
      const withInfo = await withPublicationInfo(reports);
      if (page) page.write(withInfo);
      else writeDownloadsPage(withInfo, pageMeta, outDir);
    }
    return summarize(reports, planned, options, io, reportText);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await pool?.close();
  }
}
