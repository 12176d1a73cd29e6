import type { JobReport } from '../build.js';
import type { LayoutReport } from '../render/pdf/report.js';
import { formatMessageJson } from '../diagnostics/json.js';
import type { Io } from './io.js';

/**
 * What the user sees while building: on a terminal, one status line redrawn in
 * place (done/total, current item, elapsed); otherwise (CI, pipes) plain lines.
 * Messages are always printed as `file:line:column: severity: message [rule]`.
 */
export class Progress {
  private done = 0;
  private total = 0;
  private readonly started = performance.now();
  private readonly live: boolean;
  private current = '';

  constructor(
    private readonly io: Io,
    private readonly quiet: boolean,
    private readonly silent: boolean,
    private readonly rel: (path: string) => string,
    /** `--layout-report`: a line of layout figures after each PDF built. */
    private readonly layoutReport = false,
  ) {
    this.live = io.isTTY && !io.env.CI && !quiet && !silent;
  }

  start(total: number): void {
    this.total = total;
    this.draw();
  }

  begin(name: string): void {
    this.current = name;
    this.draw();
  }

  finish(report: JobReport): void {
    this.done++;
    this.clear();
    if (!this.silent) {
      for (const m of report.messages) if (!this.quiet || m.severity === 'error') this.io.stderr(`${formatMessageJson(m)}\n`);
      if (!this.quiet && report.outputs.length > 0) {
        const what = report.outputs.map((o) => `${this.rel(o.path)} (${o.bytes} bytes)`).join(', ');
        this.io.stderr(`${report.cached ? 'unchanged' : 'built'} ${what}${report.pages ? `, ${report.pages} pages` : ''}${report.cached ? '' : ` in ${(report.durationMs / 1000).toFixed(2)} s`}\n`);
        if (this.layoutReport && report.layout) this.io.stderr(`  layout: ${layoutLine(report.layout)}\n`);
      }
    }
    this.draw();
  }

  private clear(): void {
    if (this.live) this.io.stderr('\r\u001b[2K');
  }

  private draw(): void {
    if (!this.live || this.total === 0) return;
    const elapsed = ((performance.now() - this.started) / 1000).toFixed(1);
    this.io.stderr(`\r\u001b[2K[${this.done}/${this.total}] ${this.done < this.total ? this.current : 'done'} · ${elapsed} s`);
  }

  end(): void {
    this.clear();
  }
}

const count = new Intl.NumberFormat('en-US');

/** The layout figures of one PDF, as `--layout-report` prints them. */
export function layoutLine(r: LayoutReport): string {
  const share = (value: number) => `${(value * 100).toFixed(2)} %`;
  return `${share(r.stretchedShare)} of ${count.format(r.justified)} justified lines stretched past 150 %; ${share(r.hyphenatedShare)} of ${count.format(r.lines)} lines hyphenated; ${r.widows} widow(s), ${r.orphans} orphan(s)`;
}
