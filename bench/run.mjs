#!/usr/bin/env node
// `npm run bench`: the PDF engine against pandoc + xelatex on the corpus books (bench/pdf.mjs),
// then the catalogue build against pandoc's EPUBs (bench/catalogue.mjs). Not a test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

for (const script of ['pdf.mjs', 'catalogue.mjs']) {
  console.log(`\n=== bench/${script}`);
  const run = spawnSync(process.execPath, [join(import.meta.dirname, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
