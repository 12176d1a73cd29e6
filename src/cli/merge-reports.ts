import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliOptions } from './args.js';
import type { Io } from './io.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `folio merge-reports a.json b.json …`: the shards' --json reports as one. */
export function mergeReportsCommand(options: CliOptions, io: Io): number {
  if (options.inputs.length === 0) {
    io.stderr('folio merge-reports: give the --json reports to join\n');
    return 2;
  }
  const publications: unknown[] = [];
  const shards: string[] = [];
  let ok = true;
  for (const input of options.inputs) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(resolve(io.cwd, input), 'utf8'));
    } catch (error) {
      io.stderr(`${input}: error: not a readable JSON report (${error instanceof Error ? error.message : String(error)})\n`);
      return 2;
    }
    if (!isRecord(data) || !Array.isArray(data.publications) || typeof data.ok !== 'boolean') {
      io.stderr(`${input}: error: not a folio --json report (needs "ok" and "publications")\n`);
      return 2;
    }
    ok &&= data.ok;
    if (typeof data.shard === 'string') shards.push(data.shard);
    publications.push(...data.publications);
  }
  const name = (p: unknown) => (isRecord(p) && typeof p.name === 'string' ? p.name : '');
  publications.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  // One line, like the reports it joins.
  io.stdout(`${JSON.stringify({ ok, shards, publications })}\n`);
  return ok ? 0 : 1;
}
