/**
 * What `bin/folio.js` runs: the bundled command line (`dist-lib/bundle/cli.cjs`), loaded
 * through V8's code cache. The cache is written when the process ends, if it was missing.
 */
import { fileURLToPath } from 'node:url';
import { loadBundle } from './load-bundle.js';

const bundle = loadBundle(fileURLToPath(new URL('../bundle/cli.cjs', import.meta.url)));
process.once('exit', () => bundle.saveCache());
