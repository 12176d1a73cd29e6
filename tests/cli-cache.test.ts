/**
 * The build cache's index (`<out>/.folio-cache/.index`, one file for every entry)
 * and the downloads page's memo: a warm build reads them instead of one entry per
 * publication, yet anything edited, deleted or damaged is still rebuilt, and the
 * page it leaves is byte for byte the one a build without the cache writes.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { folio, repoRoot, scratch } from './helpers/cli.js';

const brief = (title: string, image = '') => `---
title: ${title}
lang: en
date: 2026-01-02
${image}---

## What happened?

Something did.
`;

/** Front matter of a hero image: the publication's cover, and a thumbnail on the downloads page. */
const hero = 'image:\n  src: images/hero.jpg\n  alt: A harbour at dusk\n  credit: Folio test\n';

function project(): string {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts', 'images'), { recursive: true });
  writeFileSync(join(dir, 'manuscripts', 'a.md'), brief('Brief A', hero));
  writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B'));
  cpSync(join(repoRoot, 'manuscripts', 'images', 'brief-en-harbour.jpg'), join(dir, 'manuscripts', 'images', 'hero.jpg'));
  return dir;
}

const build = ['build', '--format', 'epub', '--json'];

function cachedOf(dir: string): string[] {
  const run = folio(build, dir);
  expect(run.stderr).not.toContain('internal error');
  return JSON.parse(run.stdout).publications.map((p: { name: string; cached: boolean }) => `${p.name}:${p.cached}`);
}

const cacheDir = (dir: string) => join(dir, 'dist', '.folio-cache');

describe('cache index', () => {
  test('one index serves a warm build; edited images, deleted outputs and deleted entries are rebuilt', () => {
    const dir = project();
    expect(cachedOf(dir)).toEqual(['a:false', 'b:false']);
    const index = readFileSync(join(cacheDir(dir), '.index'), 'utf8');
    expect(index.split('\n')[0]).toBe('folio-cache-index 1');
    expect(index).toContain('"a"\t{');
    expect(cachedOf(dir)).toEqual(['a:true', 'b:true']);
    // A warm build that found everything in the index leaves it alone.
    expect(readFileSync(join(cacheDir(dir), '.index'), 'utf8')).toBe(index);

    // The same size, another mtime and other bytes: the image is a dependency.
    const image = join(dir, 'manuscripts', 'images', 'hero.jpg');
    const bytes = readFileSync(image);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1;
    writeFileSync(image, bytes);
    expect(cachedOf(dir)).toEqual(['a:false', 'b:true']);
    expect(cachedOf(dir)).toEqual(['a:true', 'b:true']);

    rmSync(join(dir, 'dist', 'b.epub'));
    expect(cachedOf(dir)).toEqual(['a:true', 'b:false']);
    expect(existsSync(join(dir, 'dist', 'b.epub'))).toBe(true);

    rmSync(join(cacheDir(dir), 'a.json'));
    expect(cachedOf(dir)).toEqual(['a:false', 'b:true']);
    expect(cachedOf(dir)).toEqual(['a:true', 'b:true']);
  });

  test('an index older than the entries (a build killed before saving it) only costs a read', () => {
    const dir = project();
    expect(cachedOf(dir)).toEqual(['a:false', 'b:false']);
    const old = readFileSync(join(cacheDir(dir), '.index'));
    writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B, edited'));
    expect(cachedOf(dir)).toEqual(['a:true', 'b:false']);
    // Put the stale index back: b's entry in it no longer matches, its entry file does.
    writeFileSync(join(cacheDir(dir), '.index'), old);
    expect(cachedOf(dir)).toEqual(['a:true', 'b:true']);
    expect(readFileSync(join(cacheDir(dir), '.index'), 'utf8')).toContain('Brief B, edited');
    // A damaged index is ignored.
    writeFileSync(join(cacheDir(dir), '.index'), 'folio-cache-index 1\na\t{"key":');
    expect(cachedOf(dir)).toEqual(['a:true', 'b:true']);
  });

  test('a changed theme or --no-cache still rebuilds', () => {
    const dir = project();
    expect(cachedOf(dir)).toEqual(['a:false', 'b:false']);
    const run = folio([...build, '--page-size', 'Letter'], dir);
    expect(JSON.parse(run.stdout).publications.map((p: { cached: boolean }) => p.cached)).toEqual([false, false]);
    const uncached = folio([...build, '--page-size', 'Letter', '--no-cache'], dir);
    expect(JSON.parse(uncached.stdout).publications.map((p: { cached: boolean }) => p.cached)).toEqual([false, false]);
  });
});

describe('downloads page memo', () => {
  function page(dir: string): string {
    return readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
  }

  /** The page as a build without the cache (and so without the memo) writes it. */
  function fresh(dir: string): string {
    const copy = scratch(dir);
    rmSync(join(copy, 'dist'), { recursive: true, force: true });
    expect(folio(['build', '--format', 'epub', '--no-cache', '--quiet'], copy).code).toBe(0);
    // The same outputs, so the same checksums: only the folder differs, and links are relative.
    return page(copy);
  }

  test('a warm build leaves the page and covers as they are; edits, deletions and damage are redone', () => {
    const dir = project();
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    const first = page(dir);
    expect(existsSync(join(cacheDir(dir), '.downloads-page.json'))).toBe(true);
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    expect(page(dir)).toBe(first);
    expect(first).toBe(fresh(dir));

    // A damaged page or a deleted cover is written again, with the same bytes.
    writeFileSync(join(dir, 'dist', 'index.html'), 'damaged');
    rmSync(join(dir, 'dist', 'covers', 'a.jpg'));
    const cover = join(dir, 'dist', 'covers', 'b.svg');
    writeFileSync(cover, 'damaged');
    utimesSync(cover, new Date(2020, 1, 1), new Date(2020, 1, 1));
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    expect(page(dir)).toBe(first);
    expect(readFileSync(join(dir, 'dist', 'covers', 'a.jpg'))).toEqual(readFileSync(join(dir, 'manuscripts', 'images', 'hero.jpg')));
    expect(readFileSync(cover, 'utf8')).toContain('<svg');

    // An edited publication changes its card, and only it; the page is the one a fresh build makes.
    writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B, edited'));
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    expect(page(dir)).toContain('Brief B, edited');
    expect(page(dir)).toBe(fresh(dir));

    // A damaged memo is ignored.
    writeFileSync(join(cacheDir(dir), '.downloads-page.json'), '{"version":');
    writeFileSync(join(cacheDir(dir), '.downloads-cards.json'), 'null');
    writeFileSync(join(dir, 'manuscripts', 'a.md'), brief('Brief A, edited', hero));
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    expect(page(dir)).toBe(fresh(dir));
  });

  test('an edited card is appended to the card memo, not the whole memo rewritten; a half-written line is skipped', () => {
    const dir = project();
    const memo = join(cacheDir(dir), '.downloads-cards.json');
    const lines = () => readFileSync(memo, 'utf8').split('\n').filter((line) => line !== '');
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    const before = lines();
    expect(JSON.parse(before[0] ?? '')).toHaveProperty('version');
    writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B, edited once'));
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    const after = lines();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toContain('Brief B, edited once');
    expect(page(dir)).toBe(fresh(dir));

    // A build killed while appending leaves half a line: it is skipped, and that card laid out again.
    appendFileSync(memo, '\n["b","0000","<li class=');
    writeFileSync(join(dir, 'manuscripts', 'b.md'), brief('Brief B, edited twice'));
    expect(folio(['build', '--format', 'epub', '--quiet'], dir).code).toBe(0);
    expect(page(dir)).toContain('Brief B, edited twice');
    expect(page(dir)).toBe(fresh(dir));
  });
});
