import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { folio, repoRoot, scratch } from './helpers/cli.js';

const good = `---
title: A good brief
lang: en
date: 2026-01-02
---

## What happened?

Something did.
`;

function project(files: Record<string, string>): string {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'manuscripts', name), text);
  return dir;
}

describe('folio CLI', () => {
  test('--help and --version exit 0', () => {
    const help = folio(['--help'], repoRoot);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('folio build');
    const buildHelp = folio(['build', '--help'], repoRoot);
    expect(buildHelp.stdout).toContain('--page-size');
    expect(folio(['--version'], repoRoot).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('usage errors exit 2 with a message, no stack trace', () => {
    for (const args of [['frobnicate'], ['build', '--format', 'docx'], ['build', '--page-size', 'huge'], ['build', '--nope'], ['build', 'no-such-file.md']]) {
      const run = folio(args, scratch());
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/\S/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('builds every manuscript in manuscripts/ by default, EPUB and PDF', () => {
    const dir = project({ 'a.md': good, 'b.md': good.replace('A good brief', 'Another brief') });
    const run = folio(['build'], dir);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(visible(join(dir, 'dist'))).toEqual(['a.epub', 'a.pdf', 'b.epub', 'b.pdf']);
    expect(readFileSync(join(dir, 'dist', 'a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(dir, 'dist', 'a.epub')).subarray(0, 2).toString()).toBe('PK');
  });

  test('build writes a downloads page listing every publication; --no-index skips it', () => {
    const dir = project({ 'a.md': good, 'b.md': good.replace('A good brief', 'Brief B') });
    expect(folio(['build'], dir).code).toBe(0);
    const page = readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
    expect(page).toContain('A good brief');
    expect(page).toContain('Brief B');
    expect(page).toContain('href="a.epub"');
    expect(page).toContain('href="b.pdf"');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    const other = project({ 'a.md': good });
    expect(folio(['build', '--no-index'], other).code).toBe(0);
    expect(existsSync(join(other, 'dist', 'index.html'))).toBe(false);
  });

  test('a manuscript with errors exits 1 with file:line:column, the others still build', () => {
    const dir = project({
      'good.md': good,
      'bad.md': '---\ntitle: Bad\n---\n\nText.\n\n![A photo](images/missing.jpg)\n',
    });
    const run = folio(['build'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('manuscripts/bad.md:7:1: error:');
    expect(run.stderr).toContain('[image-missing]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'dist', 'good.epub'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'good.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'bad.epub'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'bad.pdf'))).toBe(false);
  });

  test('broken YAML front matter points at the line, and a failed build keeps the previous output', () => {
    const dir = project({ 'brief.md': good });
    expect(folio(['build'], dir).code).toBe(0);
    const before = readFileSync(join(dir, 'dist', 'brief.epub'));
    writeFileSync(join(dir, 'manuscripts', 'brief.md'), '---\ntitle: "unclosed\nlang: en\n---\n\nText.\n');
    const run = folio(['build'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/manuscripts\/brief\.md:\d+:\d+: error: front matter is not valid YAML/);
    expect(readFileSync(join(dir, 'dist', 'brief.epub')).equals(before)).toBe(true);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  test('--strict turns warnings into failure', () => {
    const dir = project({ 'brief.md': `${good}\n:::mystery\nkept\n:::\n` });
    const relaxed = folio(['build'], dir);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toContain('[directive-unknown]');
    expect(folio(['build', '--strict'], dir).code).toBe(1);
  });

  test('check writes nothing; --json reports outputs with sha256 and messages', () => {
    const dir = project({ 'brief.md': good });
    const check = folio(['check'], dir);
    expect(check.code).toBe(0);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    const run = folio(['build', '--json', '-o', 'out'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    const [pub] = report.publications;
    expect(pub.inputs).toEqual(['manuscripts/brief.md']);
    expect(pub.outputs.map((o: { format: string }) => o.format)).toEqual(['epub', 'pdf']);
    for (const output of pub.outputs) expect(output.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(dir, 'out', 'brief.pdf'))).toBe(true);
  });

  test('--format ast prints the tree as JSON with our node types', () => {
    const dir = project({ 'brief.md': `${good}\n:::pullquote{attribution="Me"}\nQuoted.\n:::\n` });
    const run = folio(['build', '--format', 'ast'], dir);
    expect(run.code).toBe(0);
    const tree = JSON.parse(run.stdout);
    expect(tree.meta.title).toBe('A good brief');
    const types = JSON.stringify(tree.chapters[0].tree);
    expect(types).toContain('"type":"section"');
    expect(types).toContain('"type":"pullQuote"');
  });

  test('same sources give the same bytes, whatever the time zone', () => {
    const dir = scratch();
    cpSync(join(repoRoot, 'manuscripts'), join(dir, 'manuscripts'), { recursive: true });
    expect(folio(['build', 'manuscripts/brief-fr.md', '-o', 'one'], dir, { TZ: 'UTC' }).code).toBe(0);
    expect(folio(['build', 'manuscripts/brief-fr.md', '-o', 'two'], dir, { TZ: 'Pacific/Kiritimati' }).code).toBe(0);
    for (const ext of ['epub', 'pdf']) {
      expect(readFileSync(join(dir, 'one', `brief-fr.${ext}`)).equals(readFileSync(join(dir, 'two', `brief-fr.${ext}`)))).toBe(true);
    }
  });
});

test('a PDF does not depend on what its worker built before (glyphs shared by two characters)', () => {
  // Source Serif 4 draws U+2009 and U+202F with one glyph, and U+2010 and U+002D with
  // another: the text layer must name the characters of this manuscript, not those of
  // an earlier publication the same worker happened to set.
  const dir = scratch();
  writeFileSync(join(dir, 'a.md'), '---\ntitle: Thin\nlang: en\n---\n\nA thin\u2009space and a hyphen\u2010here.\n');
  writeFileSync(join(dir, 'b.md'), '---\ntitle: Essai\nlang: fr\n---\n\nIl a dit\u202foui ; un trait-d-union.\n');
  expect(folio(['build', 'b.md', '-o', 'alone', '--format', 'pdf', '--jobs', '1', '--no-cache', '--no-index'], dir).code).toBe(0);
  expect(folio(['build', 'a.md', 'b.md', '-o', 'after', '--format', 'pdf', '--jobs', '1', '--no-cache', '--no-index'], dir).code).toBe(0);
  expect(readFileSync(join(dir, 'after', 'b.pdf')).equals(readFileSync(join(dir, 'alone', 'b.pdf')))).toBe(true);
});

describe('folio import, init and folio.yaml collections', () => {
  const seed = join(repoRoot, '..', 'shared', 'seed', 'brief-fr.txt');
  test.skipIf(!existsSync(seed))('import the seed brief, then build it: four sections and the credit', () => {
    const dir = scratch();
    const imported = folio(['import', seed, '-o', 'brief.md'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('language: fr');
    expect(folio(['import', seed, '-o', 'brief.md'], dir).code).toBe(2);
    const built = folio(['build', 'brief.md', '--format', 'pdf'], dir);
    expect(built.code).toBe(0);
    const text = pdfText(join(dir, 'dist', 'brief.pdf'));
    if (text === undefined) return;
    const order = ['Pentagone', '©', 'De quoi on parle', 'Pourquoi c', 'Ce que ça change', 'Pour finir'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('init makes a project that builds as one publication', () => {
    const dir = join(scratch(), 'my-digest');
    expect(folio(['init', dir], repoRoot).code).toBe(0);
    expect(folio(['init', dir], repoRoot).code).toBe(2);
    const built = folio(['build'], dir);
    expect(built.code).toBe(0);
    expect(visible(join(dir, 'dist'))).toEqual(['my-digest.epub', 'my-digest.pdf']);
  });

  test('a collection keeps the order written, and config errors point at the key with a suggestion', () => {
    const dir = project({ 'b.md': good.replace('A good brief', 'Second piece'), 'a.md': good.replace('A good brief', 'First piece') });
    writeFileSync(join(dir, 'issue-7.yaml'), 'title: Issue 7\nlang: en\nmanuscripts:\n  - manuscripts/b.md\n  - manuscripts/a.md\n');
    const built = folio(['build', 'issue-7.yaml', '--format', 'ast'], dir);
    expect(built.code).toBe(0);
    const tree = JSON.parse(built.stdout);
    expect(tree.meta.title).toBe('Issue 7');
    expect(tree.chapters.map((c: { titleText: string }) => c.titleText)).toEqual(['Second piece', 'First piece']);
    writeFileSync(join(dir, 'folio.yaml'), 'title: Broken\nmanuscript:\n  - manuscripts/*.md\npdf:\n  pagesize: A4\n');
    const broken = folio(['build'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('folio.yaml:2:1: error: unknown key "manuscript" (did you mean "manuscripts"?)');
    expect(broken.stderr).toContain('folio.yaml:5:3: error: unknown key "pdf.pagesize" (did you mean "pageSize"?)');
  });

  test('--layout-report prints each PDF\'s layout figures; --json always carries them', () => {
    const dir = project({ 'a.md': good });
    const text = folio(['build', 'manuscripts/a.md', '-o', 'out', '--layout-report'], dir);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/^ {2}layout: \d+\.\d\d % of \d+ justified lines stretched past 150 %; \d+\.\d\d % of \d+ lines hyphenated; 0 widow\(s\), 0 orphan\(s\)$/m);
    expect(folio(['build', 'manuscripts/a.md', '-o', 'out2'], dir).stderr).not.toContain('layout:');
    const json = JSON.parse(folio(['build', 'manuscripts/a.md', '-o', 'out3', '--json'], dir).stdout);
    const layout = json.publications[0].layout;
    expect(layout).toMatchObject({ pages: json.publications[0].pages, widows: 0, orphans: 0 });
    expect(layout.lines).toBeGreaterThan(0);
    expect(layout.justified).toBeLessThanOrEqual(layout.lines);
    // EPUB alone: no PDF, no layout figures.
    expect(JSON.parse(folio(['build', 'manuscripts/a.md', '-o', 'out4', '-f', 'epub', '--json'], dir).stdout).publications[0].layout).toBeUndefined();
  });

  test('a page too small, or margins that leave no text block, are refused with where and why; nothing is written', () => {
    const dir = project({ 'a.md': good });
    const tiny = folio(['build', 'manuscripts/a.md', '--page-size', '100x100pt', '-o', 'out'], dir);
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toContain('page size "100x100pt" is 100 × 100 pt: each side must be between 2 in (144 pt) and 200 in (14400 pt)');
    const narrow = folio(['build', 'manuscripts/a.md', '--page-size', '150x150pt', '-o', 'out'], dir);
    expect(narrow.code).toBe(2);
    expect(narrow.stderr).toMatch(/^folio: --page-size 150x150pt: the margins .* leave a text block of 48 × 36 pt .* at least 72 pt each way/m);
    writeFileSync(join(dir, 'folio.yaml'), 'title: Wide margins\nmanuscripts:\n  - manuscripts/a.md\npdf:\n  margins:\n    inner: 300\n    outer: 300\n');
    const margins = folio(['build', '-o', 'out'], dir);
    expect(margins.code).toBe(2);
    expect(margins.stderr).toMatch(/^folio\.yaml:6:5: error: the margins \(inner 300, outer 300, .*\) leave a text block of -180\.47 × \d+(\.\d+)? pt .*\[config-type\]$/m);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

function pdfText(path: string): string | undefined {
  const run = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}

/** The publications in an output folder (not the cache, the downloads page or its covers). */
function visible(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.(epub|pdf)$/.test(f)).sort();
}

describe('collections', () => {
  test('config authors keep their roles; article authors become contributors', async () => {
    const dir = project({
      'one.md': good.replace('lang: en', 'lang: en\nauthor: Cy Writer'),
      'two.md': good.replace('A good brief', 'Second').replace('lang: en', 'lang: en\nauthor: Di Writer'),
    });
    writeFileSync(join(dir, 'folio.yaml'), 'title: Digest\nauthors:\n  - { name: Ann Editor, role: edt }\nmanuscripts: [manuscripts/one.md, manuscripts/two.md]\n');
    expect(folio(['build', '--format', 'epub'], dir).code).toBe(0);
    const name = readdirSync(join(dir, 'dist')).find((f) => f.endsWith('.epub')) ?? '';
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'dist', name)));
    const opf = (await zip.file('OEBPS/content.opf')?.async('string')) ?? '';
    expect(opf).toMatch(/<dc:creator id="creator-1">Ann Editor<\/dc:creator>/);
    expect(opf).toContain('<meta refines="#creator-1" property="role" scheme="marc:relators">edt</meta>');
    expect(opf).toContain('>Cy Writer</dc:contributor>');
    expect(opf).toContain('>Di Writer</dc:contributor>');
  });
});

describe('scale: cache, shards, reports, time limit', () => {
  test('an unchanged publication is not rebuilt; an edited one is, alone', () => {
    const dir = project({ 'a.md': good, 'b.md': good.replace('A good brief', 'Brief B') });
    expect(folio(['build'], dir).code).toBe(0);
    const again = folio(['build', '--json'], dir);
    const report = JSON.parse(again.stdout);
    expect(report.publications.map((p: { cached: boolean }) => p.cached)).toEqual([true, true]);
    writeFileSync(join(dir, 'manuscripts', 'b.md'), good.replace('A good brief', 'Brief B, edited'));
    const edited = JSON.parse(folio(['build', '--json'], dir).stdout);
    expect(edited.publications.map((p: { name: string; cached: boolean }) => `${p.name}:${p.cached}`)).toEqual(['a:true', 'b:false']);
    // A deleted output is rebuilt even though the sources did not change.
    rmSync(join(dir, 'dist', 'a.pdf'));
    const repaired = JSON.parse(folio(['build', '--json'], dir).stdout);
    expect(repaired.publications[0].cached).toBe(false);
    expect(existsSync(join(dir, 'dist', 'a.pdf'))).toBe(true);
  });

  test('an unchanged broken manuscript is not re-parsed, and adding its missing image fixes it', () => {
    const dir = project({ 'pic.md': `${good}\n![A harbour](images/harbour.png)\n` });
    const first = JSON.parse(folio(['build', '--json'], dir).stdout);
    expect(first.publications[0].ok).toBe(false);
    const again = folio(['build', '--json'], dir);
    expect(again.code).toBe(1);
    const cached = JSON.parse(again.stdout).publications[0];
    expect(cached.cached).toBe(true);
    expect(cached.messages.map((m: { ruleId: string }) => m.ruleId)).toContain('image-missing');
    // The summary counts it as failed, not as unchanged.
    const text = folio(['build'], dir).stderr;
    expect(text).toMatch(/^0 of 1 publication\(s\) built; 1 failed; /m);
    expect(text).not.toContain('unchanged');
    mkdirSync(join(dir, 'manuscripts', 'images'));
    cpSync(join(repoRoot, 'manuscripts', 'images', 'field-guide-tallies.png'), join(dir, 'manuscripts', 'images', 'harbour.png'));
    const fixed = folio(['build', '--json'], dir);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).publications[0].cached).toBe(false);
  });

  test('--shard K/N splits the catalogue without overlap; merge-reports joins the parts', () => {
    const names = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const dir = project(Object.fromEntries(names.map((n) => [`${n}.md`, good.replace('A good brief', `Brief ${n}`)])));
    const parts = [1, 2].map((k) => {
      const run = folio(['build', '--shard', `${k}/2`, '--json', '--format', 'epub', '-o', `out${k}`], dir);
      expect(run.code).toBe(0);
      writeFileSync(join(dir, `r${k}.json`), run.stdout);
      return JSON.parse(run.stdout).publications.map((p: { name: string }) => p.name);
    });
    expect([...parts[0], ...parts[1]].sort()).toEqual(names);
    expect(parts[0].filter((n: string) => parts[1].includes(n))).toEqual([]);
    const merged = folio(['merge-reports', 'r1.json', 'r2.json'], dir);
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout);
    expect(report.ok).toBe(true);
    expect(report.shards).toEqual(['1/2', '2/2']);
    expect(report.publications.map((p: { name: string }) => p.name)).toEqual(names);
    expect(folio(['build', '--shard', '3/2'], dir).code).toBe(2);
  });

  test('a publication over the time limit fails alone, with a message', () => {
    const dir = project({ 'a.md': good });
    const run = folio(['build', '--timeout', '0.001', '--no-cache'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[build-timeout]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('SOURCE_DATE_EPOCH sets the modification date, and the bytes follow it', () => {
    const dir = project({ 'a.md': good });
    const first = JSON.parse(folio(['build', '--json', '-o', 'one'], dir, { SOURCE_DATE_EPOCH: '1700000000' }).stdout);
    const second = JSON.parse(folio(['build', '--json', '-o', 'two'], dir, { SOURCE_DATE_EPOCH: '1700000000', TZ: 'America/Anchorage' }).stdout);
    const third = JSON.parse(folio(['build', '--json', '-o', 'three'], dir, { SOURCE_DATE_EPOCH: '1800000000' }).stdout);
    const sums = (r: { publications: Array<{ outputs: Array<{ sha256: string }> }> }) => r.publications[0]?.outputs.map((o) => o.sha256);
    expect(sums(first)).toEqual(sums(second));
    expect(sums(first)).not.toEqual(sums(third));
  });
});
