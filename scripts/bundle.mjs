#!/usr/bin/env node
/**
 * Part of `npm run build:lib`, after tsc: bundles the command line and the pool
 * worker into one CommonJS file each (dist-lib/bundle/cli.cjs, worker.cjs), which
 * src/boot/ loads through V8's code cache. One file instead of some 600 modules
 * cuts a thread's start from about 0.8 s to 0.25 s (see src/boot/load-bundle.ts).
 *
 * Bundling uses rolldown, the bundler vite (a dev dependency, for vitest) already installs.
 * Names are not mangled, so that CPU profiles stay readable (it costs no measurable load time).
 * Output is ASCII (`charset: 'ascii'`: other characters escaped): V8 then holds the source
 * one byte a character instead of two, and a worker decodes and compiles it ~10 ms sooner.
 *
 * Adjustments:
 *   - pdfkit resolves its standard fonts through its own package.json's "imports" and
 *     reads its ICC profile beside its module, both from `import.meta.url`: in the
 *     bundle that is made pdfkit's own module file again (resolved at run time, so the
 *     installed package can move);
 *   - fontkit's brotli decompressor (WOFF2 only) is loaded on first use, not at start
 *     (scripts/bundle-shims/brotli-decompress.cjs);
 *   - the Unicode tries of fontkit, unicode-properties and linebreak are built on first
 *     use, not at start (scripts/bundle-shims/lazy-unicode-trie.cjs);
 *   - pdfkit's AES (encrypted PDFs only) is loaded on first use
 *     (scripts/bundle-shims/lazy-aes.cjs);
 *   - epub-gen-memory's node-fetch is a refusal (scripts/bundle-shims/no-network.cjs):
 *     Folio gives it every file from memory and makes no network request.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { build } from 'rolldown';

const root = resolve(import.meta.dirname, '..');
const lib = join(root, 'dist-lib');
const out = join(lib, 'bundle');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** pdfkit's `import.meta.url`, made its own module's URL again (see above). */
const pdfkitOwnUrl = {
  name: 'folio-pdfkit-own-url',
  transform(code, id) {
    if (!id.includes(`${sep}node_modules${sep}pdfkit${sep}`) || !code.includes('import.meta.url')) return null;
    return code.replaceAll('import.meta.url', "require('node:url').pathToFileURL(require.resolve('pdfkit')).href");
  },
};

const entries = { cli: join(lib, 'cli', 'run.js'), worker: join(lib, 'run', 'worker.js') };
for (const [name, input] of Object.entries(entries)) {
  await build({
    input,
    platform: 'node',
    plugins: [pdfkitOwnUrl],
    resolve: {
      alias: {
        'brotli/decompress.js': join(root, 'scripts', 'bundle-shims', 'brotli-decompress.cjs'),
        'node-fetch': join(root, 'scripts', 'bundle-shims', 'no-network.cjs'),
        'unicode-trie': join(root, 'scripts', 'bundle-shims', 'lazy-unicode-trie.cjs'),
        '@noble/ciphers/aes': join(root, 'scripts', 'bundle-shims', 'lazy-aes.cjs'),
      },
    },
    logLevel: 'warn',
    output: { file: join(out, `${name}.cjs`), format: 'cjs', exports: 'named', charset: 'ascii', minify: { mangle: false, compress: true } },
  });
}

