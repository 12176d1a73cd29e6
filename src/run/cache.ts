/**
 * Incremental builds: a publication whose inputs are unchanged is not rebuilt.
 * The key hashes Folio's own code, the job and every option; each entry also
 * records the files the build read (manuscripts and images) with size, mtime and
 * sha256, and the outputs it wrote. Entries live in `<out>/.folio-cache/`: one
 * file per publication (`<name>.json`, written as each build finishes), and an
 * index of them all (`.index`: a build that changed some appends them at its end),
 * so that a warm build reads one file instead of one per publication.
 *
 * An entry is checked against the files themselves (sources, outputs), never
 * against the time it was written: an index entry older than its publication's
 * file is still correct if it passes, and when it does not, the file is tried.
 */
import { createHash, type Hash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/theme.js';
import type { JobOptions, JobReport, PublicationJob } from '../build.js';
import { sameFileStat, writeOutput } from '../output/write.js';

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
/**
 * After this header, one line per entry: its name and its JSON, both as JSON text with
 * every non-ASCII character escaped (`\u00e9`), separated by a tab. An ASCII file is read
 * without UTF-8 decoding, and its strings parse faster. Entry files never start with a
 * dot (see `outputName`).
 */
const indexFile = '.index';
const indexHeader = 'folio-cache-index 1';
let codeHash: string | undefined;

/**
 * Hash of Folio's code and package.json and lock file: a new Folio invalidates every entry.
 * The code's part is the hash build:lib saves of what the command runs (bundles, boot
 * files, hyphenation data: scripts/code-hash.mjs); without it (sources not built),
 * every compiled file is read.
 */
export function folioCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  const saved = readText(join(packageRoot, 'dist-lib', 'bundle', 'code-hash'));
  if (saved) hash.update(`built ${saved}`);
  else walkCode(hash);
  hash.update(readFileSync(join(packageRoot, 'package.json')));
  for (const lock of ['package-lock.json']) if (existsSync(join(packageRoot, lock))) hash.update(readFileSync(join(packageRoot, lock)));
  codeHash = hash.digest('hex');
  return codeHash;
}

/** Every compiled file of dist-lib, bundles included, into `hash`. */
function walkCode(hash: Hash): void {
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      // .cjs: the bundles (dist-lib/bundle/), which also hold the dependencies' code.
      else if (entry.name.endsWith('.js') || entry.name.endsWith('.cjs')) hash.update(entry.name).update(readFileSync(path));
    }
  };
  const lib = join(packageRoot, 'dist-lib');
  if (existsSync(lib)) walk(lib);
}

/** A file of the cache folder that is not a publication's entry (its name starts with a dot). */
export function cacheFilePath(outDir: string, dotName: string): string {
  return join(outDir, cacheFolder, dotName);
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
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || stat.size !== recorded.size) return false;
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
  const fonts = Object.values(theme.pdf.fonts).flatMap((faces) => Object.values(faces ?? {}).map((path) => `${path}:${statSync(path).size}`));
  const hash = createHash('sha256')
    .update(JSON.stringify({ code: folioCodeHash(), formats: options.formats, theme, fonts, rest, config: options.config ?? null, limits: options.limits ?? null, sde: options.sourceDateEpoch ?? null }))
    .digest('hex');
  optionHashes.set(options, hash);
  return hash;
}

export function cacheKey(job: PublicationJob, options: JobOptions): string {
  return createHash('sha256').update(optionsHash(options)).update(JSON.stringify(job)).digest('hex');
}

/** The entry's report when its key matches, nothing it read changed and its outputs are intact. */
function validReport(text: string, key: string): JobReport | undefined {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(text) as CacheEntry; // Written by `store` below; a broken entry just misses.
  } catch {
    return undefined;
  }
  if (entry.key !== key) return undefined;
  for (const dep in entry.dependencies) {
    const recorded = entry.dependencies[dep];
    if (!recorded || !unchanged(dep, recorded)) return undefined;
  }
  for (const out in entry.outputs) {
    const recorded = entry.outputs[out];
    if (!recorded || !sameFileStat(out, recorded)) return undefined;
  }
  return { ...entry.report, cached: true, durationMs: 0 };
}

// Failures that come from Folio or the machine, not from the sources: never cached.
const uncachable = new Set(['render-failed', 'build-timeout', 'build-interrupted']);

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The same JSON value in ASCII: non-ASCII characters, which JSON text only has inside strings, as `\uXXXX`. */
function asciiJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** ASCII text as bytes (latin1 is its UTF-8). */
function asciiBytes(ascii: string): Uint8Array {
  return Buffer.from(ascii, 'latin1');
}

/** A file written from `asciiBytes`, as text (a copy, no UTF-8 decoding); undefined when missing or not ASCII. */
function readAscii(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- the test is for anything outside ASCII: not written by `save`.
  return /[^\x00-\x7f]/.test(text) ? undefined : text;
}

/** The index's entries by name (a later line for a name replaces an earlier one) and its number of lines. */
function readIndex(path: string): { entries: Map<string, string>; lines: number } | undefined {
  const entries = new Map<string, string>();
  const text = readAscii(path);
  if (!text?.startsWith(`${indexHeader}\n`)) return undefined;
  let lines = 0;
  let start = indexHeader.length + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) {
      try {
        const name: unknown = JSON.parse(text.slice(start, tab));
        if (typeof name === 'string') entries.set(name, text.slice(tab + 1, end));
        lines++;
      } catch {
        // A damaged line: that entry is read from its file.
      }
    }
    start = end + 1;
  }
  return { entries, lines };
}

function indexLine(name: string, ascii: string): string {
  return `${asciiJson(JSON.stringify(name))}\t${ascii}`;
}

/**
 * The cache of one output folder for one build: open it, look up and store
 * entries, then `save`, which appends the entries this build wrote or found to
 * the index, or rewrites it when there is none yet or it is mostly superseded lines.
 */
export class BuildCache {
  private readonly dir: string;
  /** Entry JSON (ASCII) by publication name, from the index and this build's stores. */
  private readonly entries: Map<string, string>;
  /** Lines in the index file; undefined when there is no usable index. */
  private lines: number | undefined;
  /** Entries the index lacks: appended by `save`. */
  private readonly added = new Map<string, string>();
  /** Names of the entry files present when the cache was opened. */
  private readonly files: Set<string>;

  constructor(private readonly options: JobOptions) {
    this.dir = join(options.outDir, cacheFolder);
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      names = [];
    }
    this.files = new Set(names);
    const index = this.files.has(indexFile) ? readIndex(join(this.dir, indexFile)) : undefined;
    this.entries = index?.entries ?? new Map();
    this.lines = index?.lines;
  }

  /** The cached report when nothing the job depends on changed and its outputs are intact. */
  lookup(job: PublicationJob, key = cacheKey(job, this.options)): JobReport | undefined {
    const file = `${job.name}.json`;
    // Deleting a publication's entry file still forces its rebuild.
    if (!this.files.has(file)) {
      this.entries.delete(job.name);
      return undefined;
    }
    const indexed = this.entries.get(job.name);
    const fromIndex = indexed === undefined ? undefined : validReport(indexed, key);
    if (fromIndex) return fromIndex;
    // Not in the index, or the index is older than the entry file (a build killed before saving it).
    const text = readText(join(this.dir, file));
    if (text === undefined) return undefined;
    const ascii = asciiJson(text);
    if (ascii === indexed) return undefined;
    const report = validReport(ascii, key);
    if (report) {
      this.entries.set(job.name, ascii);
      this.added.set(job.name, ascii);
    }
    return report;
  }

  /**
   * Records a build. A failure caused by its sources (a missing image, broken YAML) is
   * cached too, with the files it looked for, so an unchanged broken manuscript is not
   * re-parsed on every build; its messages are replayed from the entry.
   */
  store(job: PublicationJob, report: JobReport, key = cacheKey(job, this.options)): void {
    const options = this.options;
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
    const text = JSON.stringify(entry);
    writeOutput(this.dir, `${job.name}.json`, new TextEncoder().encode(text));
    this.files.add(`${job.name}.json`);
    const ascii = asciiJson(text);
    this.entries.set(job.name, ascii);
    this.added.set(job.name, ascii);
  }

  /** Adds to the index the entries this build stored or found that it did not hold. */
  save(): void {
    if (this.added.size === 0) return;
    const lines = this.lines;
    // Superseded lines are read for nothing: past a quarter of the index, it is rewritten.
    if (lines !== undefined && lines + this.added.size <= this.entries.size * 1.25 + 64) {
      // One line per entry (ASCII: latin1 is its UTF-8), after a newline in case a killed build left half a line.
      const text = `\n${[...this.added].map(([name, ascii]) => indexLine(name, ascii)).join('\n')}\n`;
      appendFileSync(join(this.dir, indexFile), asciiBytes(text));
      this.lines = lines + this.added.size;
    } else {
      const parts = [indexHeader];
      for (const [name, ascii] of this.entries) parts.push(indexLine(name, ascii));
      writeOutput(this.dir, indexFile, asciiBytes(`${parts.join('\n')}\n`));
      this.lines = this.entries.size;
    }
    this.added.clear();
  }
}
