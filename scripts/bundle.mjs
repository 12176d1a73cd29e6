#!/usr/bin/env node
/**
 * Part of `npm run build:lib`, after tsc: bundles the command line and the pool
 * worker into one CommonJS file each (dist-lib/bundle/cli.cjs, worker.cjs), which
 * src/boot/ loads through V8's code cache. One file instead of some 600 modules
 * cuts a thread's start from about 0.8 s to 0.25 s (see src/boot/load-bundle.ts).
 *
 * Bundling uses rolldown, the bundler vite (a dev dependency, for vitest) already installs.
 * Names are not mangled, so that CPU profiles stay readable (it costs no measurable load time).
 * Kept outside the bundles, loaded from node_modules as usual: piscina (it starts its
 * workers from its own files) and pdfkit (it resolves its standard fonts through its own
 * package.json's "imports" and reads its ICC profile beside its module) with fontkit, which
 * pdfkit requires: bundled, ours would be a second copy, loaded twice.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

const root = resolve(import.meta.dirname, '..');
const lib = join(root, 'dist-lib');
const out = join(lib, 'bundle');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const entries = { cli: join(lib, 'cli', 'run.js'), worker: join(lib, 'run', 'worker.js') };
for (const [name, input] of Object.entries(entries)) {
  await build({
    input,
    platform: 'node',
    external: ['piscina', 'pdfkit', 'fontkit'],
    logLevel: 'warn',
    output: { file: join(out, `${name}.cjs`), format: 'cjs', exports: 'named', minify: { mangle: false, compress: true } },
  });
}

