/**
 * A large --json report read through a pipe arrives whole: the CLI waits for stdout
 * to flush before it exits (a plain process.exit cut reports of a few hundred kB).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { folio, scratch } from './helpers/cli.js';

test('a --json report of 300 cached publications is complete on a pipe', () => {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts'));
  // Each brief has four unknown directives: four warnings each, to make the (one-line) report large.
  for (let i = 0; i < 300; i++) {
    writeFileSync(join(dir, 'manuscripts', `brief-${String(i).padStart(3, '0')}.md`), `---\ntitle: Brief ${i} ${'with a long title '.repeat(8)}\nlang: en\n---\n\n## What happened?\n\n${'Something happened. '.repeat(20)} :oddity[one] and :oddity[two], :oddity[three] and :oddity[four].\n`);
  }
  expect(folio(['build', '--format', 'epub', '--no-index', '--quiet'], dir).code).toBe(0);
  // All served from the cache: no worker runs, and the report used to be cut at 219,264 bytes.
  const run = folio(['build', '--format', 'epub', '--no-index', '--json'], dir);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('oddity');
  expect(run.stdout.length).toBeGreaterThan(256 * 1024);
  const report = JSON.parse(run.stdout);
  expect(report.publications).toHaveLength(300);
  expect(report.publications.every((p: { cached: boolean }) => p.cached)).toBe(true);
});
