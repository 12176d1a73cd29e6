#!/usr/bin/env node
/**
 * Part of `npm run build:lib`, after tsc: saves the pattern data of every `hyphen` folder
 * Folio can use as JSON (dist-lib/hyphen-patterns/<folder>.json), which
 * src/typography/hyphenation.ts reads instead of requiring the package's modules: a
 * large array literal costs far more to compile and run than the same data to parse.
 * The data is the package's own, unchanged (tests/hyphen-data.test.ts compares them).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist-lib', 'hyphen-patterns');
const require = createRequire(join(root, 'package.json'));
const { patternFolders } = await import(join(root, 'dist-lib', 'typography', 'hyphenation.js'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const folder of patternFolders()) {
  const { patterns } = require(`hyphen/${folder}/index.js`);
  writeFileSync(join(out, `${folder}.json`), JSON.stringify(patterns));
}
