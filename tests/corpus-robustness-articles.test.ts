/**
 * Corpus sweep of articles (skipped without ../shared/corpus): a deterministic sample
 * of 300 of the 1,456 articles, every one with FOLIO_FULL_SWEEP=1. Each is built in
 * both formats (EPUB checked by EPUBCheck in one JVM, PDF by qpdf) or refused with a
 * positioned message; none throws. No article is refused for its YAML: the 18F posts
 * whose YAML strict parsers reject (about a fifth of 18F's) are read with a warning.
 */
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot, filesUnder, fullSweep, hasCorpus, sample, Sweep } from './helpers/robust-sweep.js';



describe.skipIf(!hasCorpus)('corpus: articles', () => {
  const sweep = new Sweep(fullSweep ? 'articles (all)' : 'articles (sample)');
  const articles = join(corpusRoot, 'articles');

  it('builds each article, or refuses it with a positioned message', async () => {
    const all = filesUnder(articles, /\.md$/);
    expect(all.length).toBeGreaterThan(1400);
    const chosen = fullSweep ? all : sample(all, 300);
    let yamlRefused = 0;
    for (const path of chosen) {
      const outcome = await sweep.build(relative(articles, path), [{ path }], dirname(path));
      if (outcome.errors.some((e) => e.endsWith('frontmatter-yaml'))) yamlRefused++;
      expect(outcome.ms, outcome.name).toBeLessThan(120_000);
    }
    expect(chosen.length).toBeGreaterThanOrEqual(300);
    expect(yamlRefused).toBe(0);
    const built = sweep.outcomes.filter((o) => o.status === 'built').length;
    expect(built).toBeGreaterThan(chosen.length / 3);
    expect(sweep.problems()).toEqual([]);
  }, 900_000);

  it('gives EPUBs with no EPUBCheck error (one JVM)', () => {
    const failures = sweep.check();
    const line = sweep.summarize(failures);
    expect(line).toContain(' 0 crashed');
    expect(failures).toEqual([]);
  }, 900_000);
});
