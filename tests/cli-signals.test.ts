/**
 * Ctrl-C and SIGTERM on a real multi-manuscript build: the workers stop, finished
 * outputs are complete, the others keep their previous bytes, no temp file stays
 * (nor one a killed earlier build left), and the exit code is 130 (143 for SIGTERM).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { folio, repoRoot, scratch } from './helpers/cli.js';

const count = 10;
const manuscript = (i: number, edit: string) => `---
title: Brief ${i}${edit}
lang: en
date: 2026-01-02
---

## What happened?

${'Something happened on the quay, and the harbour master wrote it down. '.repeat(40)}

## And then?

${'The boats came back before the storm, one by one, and nobody was lost. '.repeat(40)}
`;

function project(): string {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts'));
  for (let i = 1; i <= count; i++) writeFileSync(join(dir, 'manuscripts', `b${String(i).padStart(2, '0')}.md`), manuscript(i, ''));
  return dir;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Spawns `folio build`, sends `signal` once the first publication is built; resolves with the exit code and stderr. */
function interrupt(dir: string, signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'folio.js'), 'build', '--jobs', '1', '--no-index'], { cwd: dir, env: { ...process.env, CI: '1' } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && /^built /m.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stderr }));
  });
}

describe('interrupting a build', () => {
  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    test(`${signal} stops the workers, keeps previous outputs, removes temp files, exits ${exitCode}`, async () => {
      const dir = project();
      expect(folio(['build', '--no-index'], dir).code).toBe(0);
      const out = join(dir, 'dist');
      const before = new Map(readdirSync(out).filter((f) => /\.(epub|pdf)$/.test(f)).map((f) => [f, sha(join(out, f))]));
      expect(before.size).toBe(2 * count);
      // A temp file from a killed build (its process is gone) and every source edited.
      writeFileSync(join(out, '.999999999-0123456789ab.folio-tmp'), 'half a PDF');
      for (let i = 1; i <= count; i++) writeFileSync(join(dir, 'manuscripts', `b${String(i).padStart(2, '0')}.md`), manuscript(i, ', edited'));

      const run = await interrupt(dir, signal);
      expect(run.code).toBe(exitCode);
      expect(run.stderr).toContain('folio: interrupted');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr).not.toContain('[build-interrupted]');
      const built = [...run.stderr.matchAll(/^built (\S+)\.epub /gm)].map((m) => m[1]);
      expect(built.length).toBeGreaterThan(0);
      expect(built.length).toBeLessThan(count);
      const left = readdirSync(out, { recursive: true, encoding: 'utf8' });
      expect(left.filter((f) => f.endsWith('.folio-tmp'))).toEqual([]);
      // Every output is either the previous one, untouched, or a complete new one.
      for (const [file, hash] of before) {
        expect(existsSync(join(out, file))).toBe(true);
        const name = file.replace(/\.(epub|pdf)$/, '');
        if (built.some((b) => b?.endsWith(name))) expect(sha(join(out, file))).not.toBe(hash);
        else expect(sha(join(out, file))).toBe(hash);
      }
      // The next build finishes the job: the interrupted ones are not cached as failures.
      const resumed = JSON.parse(folio(['build', '--json', '--no-index'], dir).stdout);
      expect(resumed.ok).toBe(true);
      expect(resumed.publications.filter((p: { cached: boolean }) => p.cached).length).toBe(built.length);
    });
  }
});
