/**
 * Corpus sweeps: build each input as `folio build` would (read, parse, transform, both
 * renderers), and sort the outcome into built (then checked: qpdf now, EPUBCheck later
 * in one JVM for the whole sweep), refused (every error positioned), or crashed (an
 * exception escaped: a bug). A summary of every sweep is written for the issue notes.
 */
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VFile } from 'vfile';
import { buildPublication } from '../../src/ast/build-publication.js';
import { loadTheme } from '../../src/config/theme.js';
import { AssetResolver } from '../../src/manuscript/assets.js';
import { readManuscript } from '../../src/manuscript/read.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { epubcheck, hasEpubcheck } from './epub-check.js';
import { hasTool, pdfFile, run } from './pdf-tools.js';

export const corpusRoot = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
export const hasCorpus = existsSync(corpusRoot);
export const fullSweep = process.env.FOLIO_FULL_SWEEP === '1';
export const summaryFile = join(tmpdir(), 'folio-robustness-summary.txt');

const theme = loadTheme('default');
const qpdf = hasTool('qpdf');

export interface Source {
  /** Where the manuscript is (its folder serves images). */
  path: string;
  /** Text to build instead of the file's content. */
  text?: string;
}

export interface Outcome {
  name: string;
  status: 'built' | 'refused' | 'crashed';
  ms: number;
  /** Problems that count against robustness: an exception, an error without position, a stack trace, a bad PDF. */
  problems: string[];
  errors: string[];
}

/** Outcomes and EPUBs of one sweep, checked together at the end. */
export class Sweep {
  readonly outcomes: Outcome[] = [];
  readonly epubs: Record<string, Uint8Array> = {};

  constructor(readonly title: string) {}

  /** Builds one publication from `sources` (images confined to `root`). */
  async build(name: string, sources: Source[], root: string): Promise<Outcome> {
    const start = performance.now();
    const outcome: Outcome = { name, status: 'built', ms: 0, problems: [], errors: [] };
    const files: VFile[] = [];
    try {
      const inputs = sources.map((s) => {
        const file = s.text === undefined ? readManuscript(s.path, { displayPath: s.path }) : new VFile({ path: s.path, value: s.text });
        files.push(file);
        return { path: s.path, file };
      });
      if (!files.some((f) => f.messages.some((m) => m.fatal === true))) {
        const publication = buildPublication(inputs, { resolver: new AssetResolver(root) });
        if (!files.some((f) => f.messages.some((m) => m.fatal === true))) {
          const epub = await renderEpub(publication, { theme });
          const pdf = await renderPdf(publication, { theme });
          this.epubs[name] = epub;
          if (qpdf) {
            const check = run('qpdf', ['--check', pdfFile(pdf, 'sweep.pdf')]);
            if (check.code !== 0) outcome.problems.push(`qpdf: ${(check.stdout + check.stderr).split('\n').slice(0, 3).join(' ')}`);
          }
        }
      }
    } catch (error) {
      outcome.status = 'crashed';
      outcome.problems.push(`exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    for (const file of files) {
      for (const m of file.messages) {
        if (/\n\s+at .+:\d+/.test(m.reason)) outcome.problems.push(`stack trace in a message: ${m.reason.slice(0, 200)}`);
        if (m.fatal !== true) continue;
        outcome.errors.push(`${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? ''}`);
        if (!(m.line && m.line > 0 && m.column && m.column > 0)) outcome.problems.push(`error without a position: ${m.ruleId ?? ''} ${m.reason}`);
      }
    }
    if (outcome.status !== 'crashed' && outcome.errors.length > 0) outcome.status = 'refused';
    outcome.ms = performance.now() - start;
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Renderer bugs already reported (EPUBCheck id, message, location): counted apart, not failed on. */
  knownIssues = 0;

  /** EPUBCheck over every EPUB of the sweep in one JVM: names of EPUBs with errors, and why. */
  check(known: (id: string, message: string, location: string) => boolean = () => false): string[] {
    if (!hasEpubcheck() || Object.keys(this.epubs).length === 0) return [];
    return epubcheck(this.epubs)
      .map((r) => {
        const errors = r.messages.filter((m) => m.severity === 'ERROR' || m.severity === 'FATAL');
        const bad = errors.filter((m) => !m.locations.every((l) => known(m.id, m.message, l)));
        if (bad.length < errors.length) this.knownIssues++;
        return { name: r.name, bad };
      })
      .filter((r) => r.bad.length > 0)
      .map((r) => `${r.name}: ${r.bad.map((m) => `${m.id} ${m.message.slice(0, 160)} @${m.locations.join(',')}`).join('; ').slice(0, 600)}`);
  }

  /** Appends this sweep's tally to the summary file, and returns it. */
  summarize(epubFailures: string[]): string {
    const count = (status: Outcome['status']) => this.outcomes.filter((o) => o.status === status).length;
    const slowest = this.outcomes.reduce((a, b) => (b.ms > a.ms ? b : a), { name: '-', ms: 0 });
    const line = `${this.title}: ${this.outcomes.length} inputs, ${count('built')} built, ${count('refused')} refused with a positioned message, ${count('crashed')} crashed, ${this.outcomes.reduce((n, o) => n + o.problems.length, 0)} problems, ${epubFailures.length} EPUBs with EPUBCheck errors (+${this.knownIssues} with known renderer bugs); slowest ${slowest.name} ${Math.round(slowest.ms)} ms`;
    const rules = new Map<string, number>();
    for (const o of this.outcomes) for (const e of new Set(o.errors.map((x) => x.split(' ')[1] ?? ''))) rules.set(e, (rules.get(e) ?? 0) + 1);
    const refusedBy = [...rules].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
    appendFileSync(summaryFile, `${line}\n  refused by: ${refusedBy}\n${failuresText(epubFailures)}`);
    return line;
  }

  problems(): string[] {
    return this.outcomes.flatMap((o) => o.problems.map((p) => `${o.name}: ${p}`));
  }
}

/** Files under `dir` (recursively) whose names match, sorted. */
export function filesUnder(dir: string, match: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (match.test(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Every `step`-th item, starting from the first: a deterministic sample. */
export function sample<T>(items: T[], size: number): T[] {
  if (items.length <= size) return items;
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]).filter((x): x is T => x !== undefined);
}

function failuresText(failures: string[]): string {
  return failures.map((f) => `  epubcheck: ${f}\n`).join('');
}
