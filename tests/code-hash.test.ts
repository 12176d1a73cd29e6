/**
 * The build cache's key for Folio's code: build:lib saves the hash of what the command
 * runs (scripts/code-hash.mjs), and `folioCodeHash` takes it instead of reading all of
 * dist-lib on every build. The saved hash must be current, and a change to any bundle,
 * boot file or hyphenation data must change it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/config/theme.js';
import { folioCodeHash } from '../src/run/cache.js';

const lib = join(packageRoot, 'dist-lib');
const folders: Array<[string, string]> = [['bundle', '.cjs'], ['boot', '.js'], ['hyphen-patterns', '.json']];

function hashOf(change?: { file: string; bytes: Buffer }): string {
  const hash = createHash('sha256');
  for (const [folder, ending] of folders) {
    for (const name of readdirSync(join(lib, folder)).filter((n) => n.endsWith(ending)).sort()) {
      const file = `${folder}/${name}`;
      hash.update(`${file}\n`).update(change?.file === file ? change.bytes : readFileSync(join(lib, folder, name)));
    }
  }
  return `${hash.digest('hex')}\n`;
}

describe('code hash', () => {
  const saved = join(lib, 'bundle', 'code-hash');

  it('is saved by build:lib for the files the command runs, and is current', () => {
    expect(existsSync(saved)).toBe(true);
    const text = readFileSync(saved, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    expect(text).toBe(hashOf());
    // One byte more in the worker bundle, or in a language's patterns, is another hash.
    for (const file of ['bundle/worker.cjs', 'hyphen-patterns/fr.json']) {
      expect(hashOf({ file, bytes: Buffer.concat([readFileSync(join(lib, file)), Buffer.from(' ')]) }), file).not.toBe(text);
    }
  });

  it('keys the cache on the saved hash, package.json and the lock file', () => {
    const expected = createHash('sha256')
      .update(`built ${readFileSync(saved, 'utf8')}`)
      .update(readFileSync(join(packageRoot, 'package.json')))
      .update(readFileSync(join(packageRoot, 'package-lock.json')))
      .digest('hex');
    expect(folioCodeHash()).toBe(expected);
  });
});
