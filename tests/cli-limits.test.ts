/**
 * Build limits set in folio.yaml (`limits:`): each reaches its stage (manuscript
 * reader, image resolver, parser, worker pool), errors point at the key with a
 * suggestion, and `--timeout` overrides `limits.timeout` (defaults < file < flags).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { folio, repoRoot, scratch } from './helpers/cli.js';

const article = `---
title: A limited brief
lang: en
date: 2026-01-02
---

## Quoted

> > > > > > > > Eight block quotes deep.

![Tallies of the field guide](images/tallies.png)

Credit: Folio test
`;

function project(limits: string): string {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts', 'images'), { recursive: true });
  writeFileSync(join(dir, 'manuscripts', 'a.md'), article);
  cpSync(join(repoRoot, 'manuscripts', 'images', 'field-guide-tallies.png'), join(dir, 'manuscripts', 'images', 'tallies.png'));
  writeFileSync(join(dir, 'folio.yaml'), `title: Limits\nlang: en\nmanuscripts: [manuscripts/a.md]\n${limits}`);
  return dir;
}

const epub = ['build', '--format', 'epub', '--no-index', '--no-cache'];

describe('limits in folio.yaml', () => {
  test('without limits the defaults apply and the publication builds', () => {
    expect(folio(epub, project('')).code).toBe(0);
  });

  test('parser limits: maxDepth', () => {
    const run = folio(epub, project('limits:\n  maxDepth: 5\n'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/manuscripts\/a\.md:9:1: error: block quotes and lists nest more than 5 levels deep here.*\[input-too-deep\]/);
  });

  test('manuscript size and image pixels', () => {
    const small = folio(epub, project('limits: { maxManuscriptBytes: 100 }\n'));
    expect(small.code).toBe(1);
    expect(small.stderr).toContain('manuscript is over the 100-byte limit');
    const pixels = folio(epub, project('limits: { maxImagePixels: 1000 }\n'));
    expect(pixels.code).toBe(1);
    expect(pixels.stderr).toMatch(/manuscripts\/a\.md:11:1: error: image "images\/tallies\.png" is \d+×\d+ pixels, over the 1000-pixel limit/);
    const bytes = folio(epub, project('limits: { maxImageBytes: 10 }\n'));
    expect(bytes.code).toBe(1);
    expect(bytes.stderr).toContain('over the 10-byte limit');
  });

  test('limits.timeout stops a slow publication; --timeout overrides it', () => {
    const dir = project('limits:\n  timeout: 0.001\n');
    const slow = folio(epub, dir);
    expect(slow.code).toBe(1);
    expect(slow.stderr).toContain('[build-timeout]');
    expect(slow.stderr).toContain('limits.timeout in folio.yaml');
    expect(folio([...epub, '--timeout', '120'], dir).code).toBe(0);
  });

  test('a changed limit invalidates the cache', () => {
    const dir = project('');
    expect(folio(['build', '--format', 'epub', '--no-index'], dir).code).toBe(0);
    writeFileSync(join(dir, 'folio.yaml'), 'title: Limits\nlang: en\nmanuscripts: [manuscripts/a.md]\nlimits: { maxDepth: 5 }\n');
    expect(folio(['build', '--format', 'epub', '--no-index'], dir).code).toBe(1);
  });

  test('unknown keys and bad values are positioned errors, exit 2', () => {
    const run = folio(epub, project('limits:\n  maxDeph: 5\n  maxImagePixels: -3\n  timeout: soon\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('folio.yaml:5:3: error: unknown key "limits.maxDeph" (did you mean "maxDepth"?) [config-unknown-key]');
    expect(run.stderr).toContain('folio.yaml:6:19: error: "limits.maxImagePixels" must be a positive whole number [config-type]');
    expect(run.stderr).toContain('folio.yaml:7:12: error: "limits.timeout" must be a positive number of seconds [config-type]');
    const notMap = folio(epub, project('limits: 5\n'));
    expect(notMap.code).toBe(2);
    expect(notMap.stderr).toContain('folio.yaml:4:9: error: "limits" must be a mapping');
  });
});
