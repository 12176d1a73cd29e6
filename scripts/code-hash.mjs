#!/usr/bin/env node
/**
 * Last step of `npm run build:lib`: the hash of what the command and its workers run
 * (dist-lib/bundle/*.cjs, dist-lib/boot/*.js, dist-lib/hyphen-patterns/*.json), saved
 * as dist-lib/bundle/code-hash. The build cache keys every entry on it
 * (src/run/cache.ts, `folioCodeHash`), with package.json and the lock file: reading and
 * hashing the 3.3 MB of dist-lib on every `folio build` cost the command ~25 ms.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const lib = join(resolve(import.meta.dirname, '..'), 'dist-lib');
const hash = createHash('sha256');
for (const [folder, ending] of [['bundle', '.cjs'], ['boot', '.js'], ['hyphen-patterns', '.json']]) {
  for (const name of readdirSync(join(lib, folder)).filter((n) => n.endsWith(ending)).sort()) {
    hash.update(`${folder}/${name}\n`).update(readFileSync(join(lib, folder, name)));
  }
}
writeFileSync(join(lib, 'bundle', 'code-hash'), `${hash.digest('hex')}\n`);
