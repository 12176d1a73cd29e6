/**
 * The shaper's learnt tables, kept between processes (src/render/pdf/learnt-tables.ts):
 * a shaper that starts from another's tables shapes every text exactly as the one that
 * learnt them (glyph ids, advances, the characters each glyph stands for).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { keepLearntTables, saveLearntTables, startFromLearnt } from '../src/render/pdf/learnt-tables.js';
import { Shaper, type ShapedRun } from '../src/render/pdf/shaper.js';

const theme = loadTheme('default');

function open(path: string): Font {
  const font = create(readFileSync(path));
  if ('fonts' in font) throw new Error('a collection');
  return font;
}

const texts = ['office', 'affluent', 'Waffle,', 'AVATAR', 'Tout à fait\u202f!', '«\u00a0Oui\u00a0»', 'naïve—café', 'x\u2009y', 'T.Y.', 'ffi ffl fi fl', 'Ωmega', '12\u202f000'];

function view(run: ShapedRun | undefined): unknown {
  return run && { ids: run.glyphs.map((g) => g.id), chars: run.glyphs.map((g) => g.codePoints), advances: run.advances, width: run.advanceWidth };
}

describe('learnt tables', () => {
  for (const variant of ['regular', 'italic'] as const) {
    it(`a shaper started from exported tables shapes as the one that learnt them (${variant})`, () => {
      const path = theme.pdf.fonts.text[variant];
      const learner = new Shaper(open(path), undefined);
      const learnt = texts.map((t) => view(learner.shape(t)));
      expect(learnt.filter(Boolean).length).toBeGreaterThan(texts.length / 2);
      // Through JSON, as the file carries them, into a shaper on a separately parsed font.
      const tables = JSON.parse(JSON.stringify(learner.exportTables()));
      const fresh = new Shaper(open(path), undefined);
      fresh.importTables(tables);
      expect(fresh.learnt).toBe(learner.learnt);
      expect(texts.map((t) => view(fresh.shape(t)))).toEqual(learnt);
      // Nothing was left to learn: the tables held every character and pair.
      expect(fresh.learnt).toBe(learner.learnt);
    });
  }

  it('keeps imported entries it was never asked for when it exports (glyphs are only made on first use)', () => {
    const path = theme.pdf.fonts.text.regular;
    const learner = new Shaper(open(path), undefined);
    for (const t of texts) learner.shape(t);
    const tables = JSON.parse(JSON.stringify(learner.exportTables())) as ReturnType<Shaper['exportTables']>;
    const sorted = (t: ReturnType<Shaper['exportTables']>) => ({ singles: t.singles.map(String).sort(), pairs: t.pairs.map(String).sort(), triples: t.triples.map(String).sort() });
    const fresh = new Shaper(open(path), undefined);
    fresh.importTables(tables);
    expect(sorted(fresh.exportTables())).toEqual(sorted(tables));
    // Some used, the rest still waiting: the export is the same.
    fresh.shape('office');
    expect(sorted(fresh.exportTables())).toEqual(sorted(tables));
  });

  it('two workers that learnt different letters both leave them in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-learnt-'));
    try {
      keepLearntTables(dir);
      const path = theme.pdf.fonts.text.regular;
      const bytes = readFileSync(path);
      // Both start from the same (empty) folder, as the pool's workers do.
      const first = new Shaper(open(path), undefined);
      startFromLearnt(first, bytes, undefined);
      const second = new Shaper(open(path), undefined);
      startFromLearnt(second, bytes, undefined);
      first.shape('office hours');
      second.shape('AVATAR Ωmega');
      saveLearntTables();
      const both = new Shaper(open(path), undefined);
      both.shape('office hours');
      both.shape('AVATAR Ωmega');
      const next = new Shaper(open(path), undefined);
      startFromLearnt(next, bytes, undefined);
      expect(next.learnt).toBe(both.learnt);
      next.shape('office hours');
      next.shape('AVATAR Ωmega');
      expect(next.learnt).toBe(both.learnt);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
