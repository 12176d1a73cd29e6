/**
 * The bundles' loader (src/boot/load-bundle.ts): V8's code cache is written once, taken
 * on the next start, rejected and rewritten when the bundle changes, and never needed.
 */
import { isAscii } from 'node:buffer';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../src/boot/load-bundle.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

function bundle(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-boot-'));
  dirs.push(dir);
  const path = join(dir, 'b.cjs');
  writeFileSync(path, source);
  return path;
}

describe('loadBundle', () => {
  it('runs a CommonJS bundle with its own require and file names', () => {
    const path = bundle(`exports.answer = 6 * 7; exports.file = __filename; exports.sep = require('node:path').sep;`);
    const loaded = loadBundle(path);
    expect(loaded.exports).toEqual({ answer: 42, file: path, sep: '/' });
  });

  it('writes the code cache once, then starts from it', () => {
    const path = bundle(`function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); } exports.fib = f(15);`);
    const first = loadBundle(path);
    expect(first.fromCache).toBe(false);
    expect(existsSync(`${path}.v8-cache`)).toBe(false);
    first.saveCache();
    expect(existsSync(`${path}.v8-cache`)).toBe(true);
    const second = loadBundle(path);
    expect(second.fromCache).toBe(true);
    expect(second.exports).toEqual({ fib: 610 });
  });

  it('rejects the cache of another version of the bundle, and rewrites it', () => {
    const path = bundle(`exports.v = 1;`);
    loadBundle(path).saveCache();
    writeFileSync(path, `exports.v = 2; exports.w = 3;`);
    const changed = loadBundle(path);
    expect(changed.exports).toEqual({ v: 2, w: 3 });
    expect(changed.fromCache).toBe(false);
    changed.saveCache();
    expect(loadBundle(path).fromCache).toBe(true);
  });

  it('does not take the cache of a different source of the same length', () => {
    const path = bundle(`exports.v = function () { return 1; }();`);
    loadBundle(path).saveCache();
    writeFileSync(path, `exports.v = function () { return 2; }();`);
    const changed = loadBundle(path);
    expect(changed.fromCache).toBe(false);
    expect(changed.exports).toEqual({ v: 2 });
  });

  it('runs without a cache where it cannot write one', () => {
    const path = bundle(`exports.ok = true;`);
    const dir = join(path, '..');
    chmodSync(dir, 0o555);
    const loaded = loadBundle(path);
    // root ignores directory permissions: then the cache is written, which is fine too.
    expect(() => loaded.saveCache()).not.toThrow();
    expect(loaded.exports).toEqual({ ok: true });
  });

  it('reads a source with characters beyond ASCII as UTF-8', () => {
    const path = bundle(`exports.text = '« é € 😀 »';`);
    expect(loadBundle(path).exports).toEqual({ text: '« é € 😀 »' });
  });

  it('is given ASCII bundles by build:lib, which V8 keeps one byte a character', () => {
    for (const name of ['cli', 'worker']) {
      const file = new URL(`../dist-lib/bundle/${name}.cjs`, import.meta.url);
      expect(isAscii(readFileSync(file)), name).toBe(true);
    }
  });
});
