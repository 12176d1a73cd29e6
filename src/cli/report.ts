import type { JobReport } from '../build.js';
import type { Shard } from '../run/shard.js';

/** One publication's entry in the `--json` report. */
function publicationJson(r: JobReport, rel: (path: string) => string): object {
  let errors = 0;
  let warnings = 0;
  for (const m of r.messages) {
    if (m.severity === 'error') errors++;
    else if (m.severity === 'warning') warnings++;
  }
  return {
    name: r.name,
    inputs: r.inputs.map(rel),
    ok: r.ok,
    cached: r.cached ?? false,
    outputs: r.outputs.map((o) => ({ format: o.format, path: rel(o.path), bytes: o.bytes, sha256: o.sha256 })),
    ...(r.pages !== undefined ? { pages: r.pages } : {}),
    errors,
    warnings,
    messages: r.messages,
    durationMs: r.durationMs,
  };
}

/** The `--json` report: per publication, inputs, outputs (bytes, sha256), pages and every message. */
export function buildReportJson(reports: JobReport[], ok: boolean, rel: (path: string) => string, shard?: Shard): object {
  return {
    ok,
    ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
    publications: reports.map((r) => publicationJson(r, rel)),
  };
}

/**
 * The `--json` report as text, `JSON.stringify(buildReportJson(…))` to the byte, made
 * piece by piece: the entries of publications served from the cache are written while
 * the others are still being built (a catalogue's report is megabytes), and only the
 * rebuilt ones are left for the end.
 */
export class ReportText {
  private readonly pieces = new WeakMap<JobReport, string>();

  constructor(private readonly rel: (path: string) => string) {}

  prepare(report: JobReport): void {
    if (!this.pieces.has(report)) this.pieces.set(report, JSON.stringify(publicationJson(report, this.rel)));
  }

  text(reports: JobReport[], ok: boolean, shard?: Shard): string {
    const entries = reports.map((r) => this.pieces.get(r) ?? JSON.stringify(publicationJson(r, this.rel)));
    // The report without publications ends in `"publications":[]}`: the entries go inside the brackets.
    const envelope = JSON.stringify(buildReportJson([], ok, this.rel, shard));
    return `${envelope.slice(0, -2)}${entries.join(',')}]}`;
  }
}
