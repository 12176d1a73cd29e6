/**
 * Invariants over every sample manuscript and hand-built publication, in several
 * option variants: EPUBCheck (one JVM for all) and epubcheck-ts clean, every
 * epub:type with its role, every image with alt text or a warning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { epubcheckTs, invariantProblems, readEpub } from './helpers/epub-invariants.js';
import { buildSamples, type SampleEpub } from './helpers/epub-samples.js';

let samples: SampleEpub[] = [];

beforeAll(async () => {
  samples = await buildSamples();
}, 120_000);

describe('EPUB invariants on every sample', () => {
  it('builds every sample and variant', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });

  it('gives every epub:type its DPUB-ARIA role, every image alt text (or a warning), no script', async () => {
    for (const sample of samples) {
      expect({ name: sample.name, problems: invariantProblems(await readEpub(sample.bytes), sample.files) }).toEqual({ name: sample.name, problems: [] });
    }
  });

  it('passes epubcheck-ts with 0 errors and 0 warnings', async () => {
    for (const sample of samples) {
      const result = await epubcheckTs(sample.bytes);
      if (!result) return; // package not installed: the Java EPUBCheck below still runs where Java is
      expect({ name: sample.name, ...result }).toEqual({ name: sample.name, errors: 0, warnings: 0, messages: [] });
    }
  }, 120_000);
});

describe.skipIf(!hasEpubcheck())('EPUBCheck 4.2.6 on every sample', () => {
  it('reports 0 fatals, 0 errors, 0 warnings', () => {
    const results = epubcheck(Object.fromEntries(samples.map((s) => [s.name, s.bytes])));
    for (const result of results) {
      const problems = result.messages.filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity)).map((m) => `${m.severity} ${m.id} ${m.message} @ ${m.locations.join(', ')}`);
      expect({ name: result.name, problems }).toEqual({ name: result.name, problems: [] });
    }
    expect(results).toHaveLength(samples.length);
  }, 180_000);
});
