/** `relativeTo` (src/cli/io.ts) cuts paths inside the working folder itself: it must agree with `path.relative` on every path. */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeTo } from '../src/cli/io.js';

describe('relativeTo', () => {
  const cwds = ['/work/project', '/work/project/', '/', '/work/./project'];
  const paths = [
    '/work/project/out/a.epub',
    '/work/project/a.md',
    '/work/project',
    '/work/project/',
    '/work/projects/a.md',
    '/work/project/../other/a.md',
    '/work/project/./a.md',
    '/work/project//a.md',
    '/work/project/sub/',
    '/work/project/.hidden/a.md',
    '/work/project/..a/b.md',
    '/elsewhere/a.md',
    '/work/project/été/ça.md',
  ];
  for (const cwd of cwds) {
    it(`agrees with path.relative from ${cwd}`, () => {
      const rel = relativeTo(cwd);
      for (const path of paths) expect(rel(path), path).toBe(relative(cwd, path) || path);
    });
  }
});
