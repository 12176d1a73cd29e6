/**
 * The sample manuscripts through the real parser into the PDF renderer: every page
 * inside the margins, every font embedded, the structure in reading order.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPublication } from '../src/ast/build-publication.js';
import { loadTheme } from '../src/config/theme.js';
import { AssetResolver } from '../src/manuscript/assets.js';
import { readManuscript } from '../src/manuscript/read.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { hasTool, pdfFile, run, wordBoxes } from './helpers/pdf-tools.js';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'manuscripts');
const samples = readdirSync(dir).filter((name) => name.endsWith('.md'));
const theme = loadTheme('default');
const poppler = hasTool('pdftotext') && hasTool('pdffonts');

describe.each(samples)('sample %s as PDF', (name) => {
  test('renders inside the margins with embedded fonts', async () => {
    const path = join(dir, name);
    const file = readManuscript(path, { displayPath: relative(root, path) });
    const pub = buildPublication([{ path, file }], { resolver: new AssetResolver(dir), sourceDateEpoch: '1767225600' });
    const bytes = await renderPdf(pub, { theme });
    const out = process.env.FOLIO_PDF_OUT;
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, name.replace(/\.md$/, '.pdf')), bytes);
    }
    const pdfMessages = pub.chapters.flatMap((c) => c.file.messages).filter((m) => String(m.ruleId).startsWith('pdf-'));
    expect(pdfMessages.map(String)).toEqual([]);
    if (!poppler) return;
    const pdf = pdfFile(bytes, name.replace(/\.md$/, '.pdf'));
    const fonts = run('pdffonts', [pdf]).stdout.split('\n').slice(2).filter((l) => l.trim());
    for (const row of fonts) expect(row).toMatch(/\s+yes\s+yes\s+yes\s/);
    const { margins, pageSize } = theme.pdf;
    for (const box of wordBoxes(pdf)) {
      const left = box.page % 2 === 1 ? margins.inner : margins.outer;
      expect(box.xMin, box.text).toBeGreaterThanOrEqual(left - 0.5);
      expect(box.xMax, box.text).toBeLessThanOrEqual(left + pageSize.width - margins.inner - margins.outer + 0.5);
    }
    const text = run('pdftotext', [pdf, '-']).stdout;
    for (const chapter of pub.chapters) expect(text).toContain(chapter.titleText.split(/\s+/)[0]);
  });
});
