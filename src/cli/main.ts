import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/theme.js';
import { helpText, parseCli, UsageError, type CliOptions } from './args.js';
import { buildCommand } from './build-command.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import type { Io } from './io.js';
import { mergeReportsCommand } from './merge-reports.js';
import { previewCommand } from './preview.js';

export type { Io } from './io.js';

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stderr.isTTY === true,
};

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
}

/** Runs the CLI; returns the exit code (0 built, 1 manuscript errors, 2 usage or config error). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`folio: ${error.message}\nRun "folio --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (options.command === 'help' || options.help) {
    const topic = options.command === 'help' ? options.inputs[0] : options.command;
    const known = (['build', 'check', 'preview', 'import', 'init', 'merge-reports'] as const).find((t) => t === topic);
    io.stdout(`${helpText[known ?? 'main']}\n`);
    return 0;
  }
  if (options.command === 'preview') return previewCommand(options, io);
  if (options.command === 'import') return importCommand(options, io);
  if (options.command === 'init') return initCommand(options, io);
  if (options.command === 'merge-reports') return mergeReportsCommand(options, io);
  return buildCommand(options, io);
}

