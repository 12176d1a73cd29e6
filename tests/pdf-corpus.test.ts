/**
 * The corpus books (../shared/corpus, skipped when absent) through the PDF engine:
 * every word inside the text block on every page, fonts embedded, and the layout
 * report's figures (printed, and held to the issue's targets). Pride and Prejudice and
 * Monte-Cristo tome 1 are set in full; the others in part, to stay within CI time.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Publication } from '../src/ast/publication.js';
import { loadTheme } from '../src/config/theme.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { ReportCollector } from '../src/render/pdf/report.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';
import { publicationFromFile } from './helpers/publication.js';

const corpus = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'books');
const present = existsSync(corpus);
const poppler = hasTool('pdftotext') && hasTool('pdffonts');
const theme = loadTheme('default');

interface Book {
  file: string;
  /** Chapters to set (all when absent). */
  chapters?: number;
  /** Targets from the issue, for the books set in full. */
  targets?: { stretched?: number; hyphenatedAtLeast?: number };
}

const books: Book[] = [
  { file: 'en_austen_pride-and-prejudice.md', targets: { stretched: 0.02 } },
  { file: 'fr_dumas_monte-cristo_tome1.md', targets: { stretched: 0.025, hyphenatedAtLeast: 0.02 } },
  { file: 'en_melville_moby-dick.md', chapters: 12 },
  { file: 'en_500lines/ci.markdown' },
  { file: 'en_500lines/crawler.markdown', chapters: 3 },
];

function partial(pub: Publication, chapters: number | undefined): Publication {
  if (chapters === undefined) return pub;
  const kept = pub.chapters.slice(0, chapters);
  const ids = new Set(kept.map((chapter) => chapter.id));
  return { ...pub, chapters: kept, credits: pub.credits.filter((entry) => ids.has(entry.chapterId)) };
}

describe.skipIf(!present)('corpus books as PDF', () => {
  test.each(books)('$file', async (book) => {
    const path = join(corpus, book.file);
    const { publication } = publicationFromFile(path);
    const pub = partial(publication, book.chapters);
    const collector = new ReportCollector();
    const started = performance.now();
    const bytes = await renderPdf(pub, { theme }, (page) => collector.page(page));
    const seconds = (performance.now() - started) / 1000;
    const report = collector.report;
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    console.log(
      `${book.file}${book.chapters ? ` (${book.chapters} chapters)` : ''}: ${report.pages} pages in ${seconds.toFixed(1)} s; ` +
        `stretched >150%: ${pct(report.stretchedShare)} of ${report.justified} justified lines; ` +
        `hyphenated: ${pct(report.hyphenatedShare)} of ${report.lines} lines; widows ${report.widows}, orphans ${report.orphans}`,
    );
    expect(report.widows).toBe(0);
    expect(report.orphans).toBe(0);
    if (book.targets?.stretched !== undefined) expect(report.stretchedShare).toBeLessThan(book.targets.stretched);
    if (book.targets?.hyphenatedAtLeast !== undefined) expect(report.hyphenatedShare).toBeGreaterThan(book.targets.hyphenatedAtLeast);
    if (!poppler) return;
    const pdf = pdfFile(bytes, `${book.file.replace(/[/.]/g, '_')}.pdf`);
    const info = run('pdfinfo', [pdf]).stdout;
    expect(info).toMatch(new RegExp(`Pages:\\s+${report.pages}\\n`));
    expect(info).toMatch(/Tagged:\s+yes/);
    for (const row of run('pdffonts', [pdf]).stdout.split('\n').slice(2).filter((l) => l.trim())) expect(row).toMatch(/\s+yes\s+yes\s+yes\s/);
    const { margins, pageSize } = theme.pdf;
    const outside = wordBoxes(pdf).filter((box) => {
      const left = box.page % 2 === 1 ? margins.inner : margins.outer;
      const right = left + pageSize.width - margins.inner - margins.outer;
      return box.xMin < left - 0.5 || box.xMax > right + 0.5;
    });
    expect(outside.slice(0, 5).map((box) => `p.${box.page} ${box.text} ${box.xMin}-${box.xMax}`)).toEqual([]);
  });
});
