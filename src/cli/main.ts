import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { jobForConfig, jobsForManuscripts, runJob, type JobResult, type PublicationJob } from '../build.js';
import { ConfigError, loadConfig, type FolioConfig } from '../config/config.js';
import { defaultEpubOptions, defaultPdfOptions, type RenderOptions } from '../config/options.js';
import { loadTheme, packageRoot, ThemeError } from '../config/theme.js';
import { expandManuscripts, resolveInputs } from '../manuscript/inputs.js';
import { helpText, parseCli, UsageError, type CliOptions } from './args.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { formatLines, jobJson, messagesOf, publicationJson } from './report.js';

export type { Io } from './io.js';
import type { Io } from './io.js';


const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
}

/** Runs the CLI; returns the exit code (0 built, 1 manuscript errors, 2 usage or config error). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`folio: ${error.message}\nRun "folio --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (options.command === 'help' || options.help) {
    const topic = options.command === 'help' ? options.inputs[0] : options.command;
    const known = (['build', 'check', 'import', 'init'] as const).find((t) => t === topic);
    io.stdout(`${helpText[known ?? 'main']}\n`);
    return 0;
  }
  if (options.command === 'import') return importCommand(options, io);
  if (options.command === 'init') return initCommand(options, io);
  return buildCommand(options, io);
}

async function buildCommand(options: CliOptions, io: Io): Promise<number> {
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
    render = { theme, pdf: config?.pdf ?? { ...defaultPdfOptions }, epub: config?.epub ?? { ...defaultEpubOptions } };
  } catch (error) {
    if (error instanceof ThemeError) {
      io.stderr(`folio: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let jobs: PublicationJob[];
  if (config) {
    const expanded = expandManuscripts(config.manuscripts, config.dir);
    for (const problem of expanded.problems) io.stderr(`${rel(config.path)}: error: manuscripts: "${problem.input}": ${problem.reason} [input-missing]\n`);
    if (expanded.problems.length > 0) return 2;
    jobs = [jobForConfig(config, expanded.manuscripts)];
  } else {
    for (const problem of inputs.problems) io.stderr(`${problem.input}: error: ${problem.reason} [input-missing]\n`);
    if (inputs.problems.length > 0 && inputs.manuscripts.length === 0) return 2;
    jobs = jobsForManuscripts(inputs.manuscripts);
  }

  const formats = options.command === 'check' ? [] : options.formats ?? config?.formats ?? ['epub', 'pdf'];
  const outDir = options.outDir !== undefined ? resolve(cwd, options.outDir) : config?.out ? resolve(config.dir, config.out) : join(base, 'dist');
  const write = options.command === 'build';
  const results: JobResult[] = [];
  for (const job of jobs) {
    const result = await runJob(job, {
      cwd,
      outDir,
      formats,
      render,
      write,
      ...(config ? { config } : {}),
      ...(io.env.SOURCE_DATE_EPOCH ? { sourceDateEpoch: io.env.SOURCE_DATE_EPOCH } : {}),
    });
    results.push(result);
    if (!options.json) {
      for (const line of formatLines(result.files, options.quiet)) io.stderr(`${line}\n`);
      if (!options.quiet && result.outputs.length > 0) {
        io.stderr(`built ${result.outputs.map((o) => `${rel(o.path)} (${o.bytes} bytes)`).join(', ')}\n`);
      }
    }
  }

  const failed = results.filter((r) => r.failed).length;
  const warnings = results.reduce((n, r) => n + messagesOf(r.files).filter((m) => m.severity === 'warning').length, 0);
  const strictFail = options.strict && warnings > 0;
  const inputFail = inputs.problems.length > 0;
  if (formats.includes('ast') && options.command === 'build') {
    const trees = results.map((r) => (r.publication ? publicationJson(r.publication) : null));
    io.stdout(`${JSON.stringify(trees.length === 1 ? trees[0] : trees, null, 2)}\n`);
  } else if (options.json) {
    io.stdout(`${JSON.stringify({ ok: failed === 0 && !strictFail && !inputFail, publications: results.map((r) => jobJson(r, rel)) }, null, 2)}\n`);
  } else if (!options.quiet) {
    io.stderr(`${results.length - failed} of ${results.length} publication(s) ${write ? 'built' : 'checked'}; ${failed} failed; ${warnings} warning(s)${strictFail ? ' (--strict: failing)' : ''}\n`);
  }
  return failed > 0 || strictFail || inputFail ? 1 : 0;
}
