/**
 * The --json report is written piece by piece (src/cli/report.ts `ReportText`): pieces made
 * early and at the end must give exactly `JSON.stringify` of the whole report.
 */
import { describe, expect, it } from 'vitest';
import type { JobReport } from '../src/build.js';
import { buildReportJson, ReportText } from '../src/cli/report.js';

function report(name: string, extra: Partial<JobReport> = {}): JobReport {
  return {
    name,
    inputs: [`/work/m/${name}.md`],
    dependencies: [`/work/m/${name}.md`],
    ok: true,
    outputs: [{ format: 'pdf', path: `/work/dist/${name}.pdf`, bytes: 1234, sha256: 'ab'.repeat(32) }],
    messages: [{ file: `/work/m/${name}.md`, line: 3, column: 7, severity: 'warning', ruleId: 'figure-alt', message: 'une image « sans » texte\u202f: "quoted" \\ and \u2028' }],
    pages: 4,
    durationMs: 12,
    ...extra,
  };
}

const rel = (path: string) => path.replace('/work/', '');

describe('ReportText', () => {
  const reports = [report('a'), report('b', { cached: true, pages: undefined as unknown as number }), report('c', { ok: false, outputs: [], messages: [] })];

  it('equals JSON.stringify of the whole report, whichever pieces were made early', () => {
    for (const early of [[], [0], [1, 2], [0, 1, 2]]) {
      const text = new ReportText(rel);
      for (const i of early) text.prepare(reports[i] as JobReport);
      expect(text.text(reports, false)).toBe(JSON.stringify(buildReportJson(reports, false, rel)));
    }
  });

  it('with a shard, and with no publication', () => {
    const shard = { index: 2, count: 4 };
    expect(new ReportText(rel).text(reports, true, shard)).toBe(JSON.stringify(buildReportJson(reports, true, rel, shard)));
    expect(new ReportText(rel).text([], true)).toBe(JSON.stringify(buildReportJson([], true, rel)));
  });
});
