/**
 * Incremental builds: a publication whose inputs are unchanged is not rebuilt.
 * The key hashes Folio's own code, the job and every option; each entry also
 * records the files the build read (manuscripts and images) with size, mtime and
 * sha256, and the outputs it wrote. Entries live in `<out>/.folio-cache/`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/theme.js';
import type { JobOptions, JobReport, PublicationJob } from '../build.js';
import { writeOutput } from '../output/write.js';

/** A file as the build saw it; `size: -1` records a file that did not exist. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  sha256: string;
}

const absent: FileStamp = { size: -1, mtimeMs: 0, sha256: '' };

interface CacheEntry {
  key: string;
  dependencies: Record<string, FileStamp>;
  outputs: Record<string, { size: number; mtimeMs: number }>;
  report: JobReport;
}

const cacheFolder = '.folio-cache';
let codeHash: string | undefined;

/** Hash of Folio's compiled code and package.json: a new Folio invalidates every entry. */
function folioCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) hash.update(entry.name).update(readFileSync(path));
    }
  };
  const lib = join(packageRoot, 'dist-lib');
  if (existsSync(lib)) walk(lib);
  hash.update(readFileSync(join(packageRoot, 'package.json')));
  for (const lock of ['package-lock.json']) if (existsSync(join(packageRoot, lock))) hash.update(readFileSync(join(packageRoot, lock)));
  codeHash = hash.digest('hex');
  return codeHash;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function stamp(path: string): FileStamp {
  try {
    const stat = statSync(path);
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256File(path) } : absent;
  } catch {
    return absent;
  }
}

function unchanged(path: string, recorded: FileStamp): boolean {
  if (recorded.size === -1) return !existsSync(path);
  try {
    const stat = statSync(path);
    if (stat.size !== recorded.size) return false;
    if (stat.mtimeMs === recorded.mtimeMs) return true;
    return sha256File(path) === recorded.sha256;
  } catch {
    return false;
  }
}

const optionHashes = new WeakMap<JobOptions, string>();

/** Hash of everything but the job: computed once per build plan, shared by all its jobs. */
function optionsHash(options: JobOptions): string {
  const known = optionHashes.get(options);
  if (known) return known;
  const { theme, pageMap: _pageMap, ...rest } = options.render;
  const fonts = Object.values(theme.pdf.fonts).flatMap((faces) => Object.values(faces).map((path) => `${path}:${statSync(path).size}`));
  const hash = createHash('sha256')
    .update(JSON.stringify({ code: folioCodeHash(), formats: options.formats, theme, fonts, rest, config: options.config ?? null, limits: options.limits ?? null, sde: options.sourceDateEpoch ?? null }))
    .digest('hex');
  optionHashes.set(options, hash);
  return hash;
}

export function cacheKey(job: PublicationJob, options: JobOptions): string {
  return createHash('sha256').update(optionsHash(options)).update(JSON.stringify(job)).digest('hex');
}

function entryPath(outDir: string, name: string): string {
  return join(outDir, cacheFolder, `${name}.json`);
}

/** The cached report when nothing the job depends on changed and its outputs are intact. */
export function lookup(job: PublicationJob, options: JobOptions, key = cacheKey(job, options)): JobReport | undefined {
  const path = entryPath(options.outDir, job.name);
  if (!existsSync(path)) return undefined;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(path, 'utf8')) as CacheEntry; // Written by `store` below; a broken file just misses.
  } catch {
    return undefined;
  }
  if (entry.key !== key) return undefined;
  for (const [dep, recorded] of Object.entries(entry.dependencies)) if (!unchanged(dep, recorded)) return undefined;
  for (const [out, recorded] of Object.entries(entry.outputs)) {
    try {
      const stat = statSync(out);
      if (stat.size !== recorded.size || stat.mtimeMs !== recorded.mtimeMs) return undefined;
    } catch {
      return undefined;
    }
  }
  return { ...entry.report, cached: true, durationMs: 0 };
}

// Failures that come from Folio or the machine, not from the sources: never cached.
const uncachable = new Set(['render-failed', 'build-timeout', 'build-interrupted']);

/**
 * Records a build. A failure caused by its sources (a missing image, broken YAML) is
 * cached too, with the files it looked for, so an unchanged broken manuscript is not
 * re-parsed on every build; its messages are replayed from the entry.
 */
export function store(job: PublicationJob, options: JobOptions, report: JobReport, key = cacheKey(job, options)): void {
  if (!options.write || options.formats.includes('ast')) return;
  if (report.messages.some((m) => m.ruleId !== null && uncachable.has(m.ruleId))) return;
  const dependencies: Record<string, FileStamp> = {};
  for (const dep of report.dependencies) dependencies[dep] = stamp(dep);
  const outputs: Record<string, { size: number; mtimeMs: number }> = {};
  for (const output of report.outputs) {
    const stat = statSync(output.path);
    outputs[output.path] = { size: stat.size, mtimeMs: stat.mtimeMs };
  }
  const entry: CacheEntry = { key, dependencies, outputs, report };
  writeOutput(join(options.outDir, cacheFolder), `${job.name}.json`, new TextEncoder().encode(JSON.stringify(entry)));
}
