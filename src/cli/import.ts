import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { importBrief } from '../manuscript/import-brief.js';
import { outputName } from '../manuscript/inputs.js';
import { writeOutput } from '../output/write.js';
import type { CliOptions } from './args.js';
import type { Io } from './io.js';

/** `folio import FILE.txt [-o OUT.md] [--force]`. */
export function importCommand(options: CliOptions, io: Io): number {
  const [input, ...extra] = options.inputs;
  if (!input || extra.length > 0) {
    io.stderr('folio import: give exactly one plain-text brief: folio import FILE.txt [-o OUT.md]\n');
    return 2;
  }
  const source = resolve(io.cwd, input);
  if (!existsSync(source)) {
    io.stderr(`${input}: error: no such file [input-missing]\n`);
    return 2;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(source));
  } catch {
    io.stderr(`${input}:1:1: error: file is not valid UTF-8 text: save it as UTF-8 [input-encoding]\n`);
    return 1;
  }
  const target = options.outDir !== undefined ? resolve(io.cwd, options.outDir) : join(io.cwd, 'manuscripts', `${outputName(basename(source, extname(source)))}.md`);
  if (existsSync(target) && !options.force) {
    io.stderr(`${relative(io.cwd, target)}: error: file exists; pass --force to overwrite it\n`);
    return 2;
  }
  const result = importBrief(text);
  writeOutput(dirname(target), basename(target), new TextEncoder().encode(result.markdown));
  io.stderr(`wrote ${relative(io.cwd, target) || target}: "${result.title}"\n${result.notes.map((n) => `  guessed ${n}`).join('\n')}\n`);
  return 0;
}
