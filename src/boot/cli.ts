/**
 * What `bin/folio.js` runs: the bundled command line (`dist-lib/bundle/cli.cjs`), loaded
 * through V8's code cache. The cache is written when the process ends, if it was missing.
 * A `folio build` first starts its first pool worker (src/run/threads.ts), which then
 * starts up while the command line loads.
 */
import { fileURLToPath } from 'node:url';
import { startEarly } from '../run/threads.js';
import { loadBundle } from './load-bundle.js';

startEarly(process.argv.slice(2));
const bundle = loadBundle(fileURLToPath(new URL('../bundle/cli.cjs', import.meta.url)));
process.once('exit', () => bundle.saveCache());
