/**
 * The layout report: figures on the quality of a publication's PDF layout, from the
 * same layout as the renderer. Lines are the set lines of body paragraphs (headings,
 * captions and other blocks kept together are not counted as widows or orphans).
 */
import type { Publication } from '../../ast/publication.js';
import type { RenderOptions } from '../../config/options.js';
import { forEachPage } from './index.js';
import { withoutNewMessages } from './passes.js';
import type { Page } from './layout/paginate.js';

export interface LayoutReport {
  pages: number;
  /** Lines of text set by the line breaker. */
  lines: number;
  /** Lines justified to the measure, and those whose word spaces stretch past 150% of normal. */
  justified: number;
  stretched: number;
  /** Lines ending with a hyphen the hyphenator put there. */
  hyphenated: number;
  /** The last line of a paragraph alone at the top of a page / its first line alone at the bottom. */
  widows: number;
  orphans: number;
  /** Share of justified lines stretched past 150%, and of lines hyphenated (0–1). */
  stretchedShare: number;
  hyphenatedShare: number;
}

export class ReportCollector {
  readonly report: LayoutReport = { pages: 0, lines: 0, justified: 0, stretched: 0, hyphenated: 0, widows: 0, orphans: 0, stretchedShare: 0, hyphenatedShare: 0 };

  page(page: Page): void {
    const r = this.report;
    r.pages++;
    const body = page.placed.filter((placed) => !placed.item.artifact);
    for (const placed of body) {
      const line = placed.item.line;
      if (!line) continue;
      r.lines++;
      if (line.info.justified) {
        r.justified++;
        if (line.info.spaceRatio > 1.5 + 1e-6) r.stretched++;
      }
      if (line.info.hyphenated) r.hyphenated++;
    }
    const lines = body.filter((placed) => placed.item.line && !placed.item.float);
    const first = lines[0]?.item.line;
    const last = lines[lines.length - 1]?.item.line;
    if (first && first.count > 1 && first.index === first.count - 1) r.widows++;
    if (last && last.count > 1 && last.index === 0) r.orphans++;
    r.stretchedShare = r.justified > 0 ? r.stretched / r.justified : 0;
    r.hyphenatedShare = r.lines > 0 ? r.hyphenated / r.lines : 0;
  }
}

export function layoutReport(pub: Publication, options: RenderOptions): LayoutReport {
  const collector = new ReportCollector();
  // The report must not repeat the layout's warnings.
  withoutNewMessages(pub, () => forEachPage(pub, options, (page) => collector.page(page)));
  return collector.report;
}
