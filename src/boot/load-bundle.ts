/**
 * Loads one of Folio's CommonJS bundles (`dist-lib/bundle/*.cjs`, made by
 * `scripts/bundle.mjs`) through V8's code cache.
 *
 * Why: the command and each pool worker used to import some 600 ES modules
 * (ours and unified's, micromark's, pdfkit's…). Resolving, reading and compiling
 * them cost about 0.8 s per thread, which is most of the time of a command
 * that rebuilds one brief. One bundled file loads in about 0.4 s; with V8's
 * compiled code kept beside it (`<bundle>.v8-cache`, what Node 22's
 * `module.enableCompileCache` does, which Node 20 lacks), in about 0.25 s.
 *
 * The cache is only a speed-up. It starts with the sha256 of the source it was
 * made from (V8's own check compares only the source's length, and its own
 * version and flags); a cache of another source, or one V8 rejects, is rewritten.
 * A cache that cannot be written (a read-only install) is simply not kept.
 * Imports only Node's built-ins: this runs before anything else is loaded.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Script, constants } from 'node:vm';

export interface LoadedBundle {
  exports: unknown;
  /** V8 took the compiled code from the cache (false: none yet, or stale). */
  fromCache: boolean;
  /**
   * Writes V8's code cache for the bundle if none was usable. Called once the
   * bundle has done real work, so that the functions it compiled lazily are in
   * the cache too.
   */
  saveCache(): void;
}

const wrapperArgs = ['exports', 'require', 'module', '__filename', '__dirname'] as const;

export function loadBundle(path: string): LoadedBundle {
  const cachePath = `${path}.v8-cache`;
  const bytes = readFileSync(path);
  // The bundles are ASCII (scripts/bundle.mjs escapes the rest): V8 keeps such a source one byte a character, and latin1 reads it fastest.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const sourceHash = createHash('sha256').update(bytes).digest();
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(cachePath);
    if (cache.subarray(0, sourceHash.length).equals(sourceHash)) cachedData = cache.subarray(sourceHash.length);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (${wrapperArgs.join(', ')}) {${source}\n})`, {
    filename: path,
    ...(cachedData ? { cachedData } : {}),
    // A dynamic import() in the bundle resolves as it would in an ordinary module.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as unknown };
  // runInThisContext returns the wrapper function compiled above: its type is only known from the source text.
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(path), module, path, dirname(path));
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  let needed = !fromCache;
  return {
    exports: module.exports,
    fromCache,
    saveCache() {
      if (!needed) return;
      needed = false;
      const temp = `${cachePath}.${process.pid}-${threadId}.tmp`;
      try {
        writeFileSync(temp, Buffer.concat([sourceHash, script.createCachedData()]));
        renameSync(temp, cachePath);
      } catch {
        // A read-only install: run without the cache.
        rmSync(temp, { force: true });
      }
    },
  };
}
