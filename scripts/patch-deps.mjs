#!/usr/bin/env node
/**
 * Runs after `npm ci` / `npm install` (package.json "postinstall"): small, checked fixes
 * to installed dependencies, each a text replacement in a file of the exact version
 * package.json pins. A fix already applied is left alone; a file that holds neither the
 * original text nor the fix (another version installed) stops the install with a message,
 * rather than leaving a dependency silently unfixed. The packages are found where Node
 * resolves them (this project's node_modules, or a parent's when Folio is installed as a
 * dependency; the script ships in the package for that).
 *
 * micromark-extension-definition-list 2.0.1: a definition list inside a list item was
 * not recognised ("- Term\n  : Description" stayed a paragraph). The extension looks back
 * past the prefixes of a line's containers for the term's paragraph, and knew those of
 * block quotes but not the indent of a list item's continuation lines (`listItemIndent`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Where a package is installed (this project's node_modules, or a hoisting parent's); undefined when it is not. */
function packageDir(name) {
  try {
    return dirname(require.resolve(name));
  } catch {
    return undefined;
  }
}

const fixes = [
  {
    package: 'micromark-extension-definition-list',
    files: ['lib/syntax.js'],
    from: 'const ignorablePrefixTypes = new Set(["linePrefix", ',
    to: 'const ignorablePrefixTypes = new Set(["linePrefix", "listItemIndent", ',
  },
  {
    // The package's "development" build (bundlers and vitest may resolve it).
    package: 'micromark-extension-definition-list',
    files: ['dev/lib/syntax.js'],
    from: 'const ignorablePrefixTypes = new Set([\n    types.linePrefix,\n',
    to: 'const ignorablePrefixTypes = new Set([\n    types.linePrefix,\n    types.listItemIndent,\n',
  },
];

let failed = false;
for (const fix of fixes) {
  const dir = packageDir(fix.package);
  if (dir === undefined) continue; // not installed
  for (const name of fix.files) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (text.includes(fix.to)) continue;
    if (!text.includes(fix.from)) {
      console.error(`scripts/patch-deps.mjs: ${fix.package}/${name} does not hold the text this fix replaces (another version installed?): update the fix or the pinned version`);
      failed = true;
      continue;
    }
    writeFileSync(file, text.replace(fix.from, fix.to));
  }
}
if (failed) process.exit(1);
