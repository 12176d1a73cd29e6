/**
 * `folio build --watch` on the rebuild loop it shares with `folio preview`: builds,
 * rebuilds only the manuscript saved, reports a broken one and goes on, and ends
 * with exit code 0 on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot, scratch } from './helpers/cli.js';

const brief = (title: string) => `---\ntitle: ${title}\nlang: en\ndate: 2026-01-02\n---\n\n## What happened?\n\nSomething did.\n`;

test('build --watch rebuilds what is saved, alone, and stops on Ctrl-C with 0', async () => {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts'));
  writeFileSync(join(dir, 'manuscripts', 'a.md'), brief('Brief A'));
  writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B'));
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'folio.js'), 'build', '--watch', '--format', 'epub', '--no-index'], { cwd: dir, env: { ...process.env, CI: '1' } });
  let stderr = '';
  const waiters: Array<{ test: () => boolean; done: () => void }> = [];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiters.splice(0)) if (w.test()) w.done(); else waiters.push(w);
  });
  const until = (test: () => boolean) => new Promise<void>((done) => (test() ? done() : waiters.push({ test, done })));
  const builds = () => stderr.split('\nwatching ').length - 1 + (stderr.startsWith('watching ') ? 1 : 0);
  const exited = new Promise<number | null>((done) => child.on('close', done));

  await until(() => builds() >= 1);
  expect(stderr).toMatch(/^built dist\/a\.epub/m);
  expect(stderr).toMatch(/^built dist\/b\.epub/m);
  const before = stderr.length;
  writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B, edited'));
  await until(() => builds() >= 2);
  const second = stderr.slice(before);
  expect(second).toMatch(/^built dist\/b\.epub/m);
  expect(second).toMatch(/^unchanged dist\/a\.epub/m);
  const broken = stderr.length;
  writeFileSync(join(dir, 'manuscripts', 'a.md'), '---\ntitle: [unclosed\n---\n\nText.\n');
  await until(() => builds() >= 3);
  expect(stderr.slice(broken)).toMatch(/manuscripts\/a\.md:\d+:\d+: error: /);
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stderr).not.toMatch(/\n\s+at /);
});
