import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
const bin = join(repoRoot, 'bin', 'folio.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `folio` binary (compiled by `npm test`'s build step). */
export function folio(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A scratch folder, optionally seeded with a copy of a fixture folder. */
export function scratch(seed?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-test-'));
  if (seed) cpSync(seed, dir, { recursive: true });
  return dir;
}
