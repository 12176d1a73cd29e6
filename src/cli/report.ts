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
    ...(r.layout !== undefined ? { layout: r.layout } : {}),
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
  /** Each entry as UTF-8 bytes: encoding a megabytes-long report at the end cost as much as the rest of the bookkeeping. */
  private readonly pieces = new WeakMap<JobReport, Buffer>();

  constructor(private readonly rel: (path: string) => string) {}

  private piece(report: JobReport): Buffer {
    return Buffer.from(JSON.stringify(publicationJson(report, this.rel)), 'utf8');
  }

  prepare(report: JobReport): void {
    if (!this.pieces.has(report)) this.pieces.set(report, this.piece(report));
  }

  /** The report, followed by `end`, as the bytes to write. */
  bytes(reports: JobReport[], ok: boolean, shard?: Shard, end = ''): Buffer {
    // The report without publications ends in `"publications":[]}`: the entries go inside the brackets.
    const envelope = JSON.stringify(buildReportJson([], ok, this.rel, shard));
    const parts: Buffer[] = [Buffer.from(envelope.slice(0, -2), 'utf8')];
    const comma = Buffer.from(',');
    reports.forEach((r, i) => {
      if (i > 0) parts.push(comma);
      parts.push(this.pieces.get(r) ?? this.piece(r));
    });
    parts.push(Buffer.from(`]}${end}`, 'utf8'));
    return Buffer.concat(parts);
  }

  text(reports: JobReport[], ok: boolean, shard?: Shard): string {
    return this.bytes(reports, ok, shard).toString('utf8');
  }
}
