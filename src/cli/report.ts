import type { JobReport } from '../build.js';
import type { Shard } from '../run/shard.js';

/** The `--json` report: per publication, inputs, outputs (bytes, sha256), pages and every message. */
export function buildReportJson(reports: JobReport[], ok: boolean, rel: (path: string) => string, shard?: Shard): object {
  return {
    ok,
    ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
    publications: reports.map((r) => {
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
    }),
  };
}
