import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { scaffoldFiles } from '../manuscript/scaffold.js';
import { writeOutput } from '../output/write.js';
import type { CliOptions } from './args.js';
import type { Io } from './io.js';

/** `folio init [DIR]`: a working project; never overwrites a file without --force. */
export function initCommand(options: CliOptions, io: Io): number {
  if (options.inputs.length > 1) {
    io.stderr('folio init: give at most one folder\n');
    return 2;
  }
  const dir = resolve(io.cwd, options.inputs[0] ?? '.');
  const files = scaffoldFiles(basename(dir) || 'publication');
  const clashes = files.filter((f) => existsSync(join(dir, f.path)));
  if (clashes.length > 0 && !options.force) {
    io.stderr(`folio init: ${clashes.map((f) => relative(io.cwd, join(dir, f.path))).join(', ')} already exist; pass --force to overwrite\n`);
    return 2;
  }
  for (const file of files) writeOutput(dir, file.path, file.data);
  const where = relative(io.cwd, dir) || '.';
  io.stderr(`created a Folio project in ${where}: ${files.map((f) => f.path).join(', ')}\nnext: cd ${where} && npx folio build\n`);
  return 0;
}
