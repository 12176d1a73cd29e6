#!/usr/bin/env node
// Catalogue benchmark (issue 6): the corpus articles, each its own publication, and the
// five books, built by Folio (EPUB + PDF) — cold, warm (nothing changed), and with one
// article edited — and, in the same run, pandoc making EPUBs of 200 of the same articles.
// Prints wall time, per-item time and peak RSS. Not a test: numbers vary with the machine.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
if (!existsSync(corpus)) {
  console.log('bench: ../shared/corpus is absent; nothing to measure');
  process.exit(0);
}
const folio = join(root, 'bin', 'folio.js');
const work = mkdtempSync(join(tmpdir(), 'folio-bench-'));
const articles = join(work, 'articles');
cpSync(join(corpus, 'articles'), articles, { recursive: true });

/** Runs a command under /usr/bin/time; returns wall seconds, peak RSS (MB) and the exit code. */
function timed(cmd, args, cwd) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = run.stderr.trim().split('\n').pop() ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  return { wall, rssMb: Math.round(kb / 1024), code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function listMd(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMd(path));
    else if (/\.md$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

const rows = [];
const row = (what, items, r, note = '') => {
  rows.push({ what, items, wall: r.wall, perItem: items ? `${((r.wall / items) * 1000).toFixed(0)} ms` : '', rss: `${r.rssMb} MB`, note });
  console.log(`${what}: ${r.wall.toFixed(2)} s, ${items} items, peak RSS ${r.rssMb} MB ${note}`);
};

const all = listMd(articles);
const out = join(work, 'out');
const cold = timed('node', [folio, 'build', articles, '-o', out, '--json', '--quiet'], work);
const report = JSON.parse(cold.stdout || '{"publications":[]}');
const built = report.publications.filter((p) => p.ok).length;
row('articles cold (EPUB+PDF)', all.length, cold, `(${built} built, ${all.length - built} refused with a message)`);
const warm = timed('node', [folio, 'build', articles, '-o', out, '--json', '--quiet'], work);
const warmReport = JSON.parse(warm.stdout || '{"publications":[]}');
row('articles warm (nothing changed)', all.length, warm, `(${warmReport.publications.filter((p) => p.cached).length} unchanged)`);
const edited = report.publications.find((p) => p.ok)?.inputs[0];
if (edited) {
  appendFileSync(join(work, edited), '\n\nOne more paragraph, added by the benchmark.\n');
  const one = timed('node', [folio, 'build', articles, '-o', out, '--json', '--quiet'], work);
  const oneReport = JSON.parse(one.stdout || '{"publications":[]}');
  row('articles, one edited', all.length, one, `(${oneReport.publications.filter((p) => !p.cached).length} rebuilt)`);
}

// 200 articles: Folio EPUB+PDF vs pandoc EPUB alone, same files.
const sample = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 200)) === 0).slice(0, 200);
const sampleDir = join(work, 'sample');
sample.forEach((file, i) => {
  const dest = join(sampleDir, String(i).padStart(3, '0'));
  cpSync(resolve(file, '..'), dest, { recursive: true, filter: (src) => statSync(src).isDirectory() || src === file || !/\.md$/.test(src) });
});
const folio200 = timed('node', [folio, 'build', sampleDir, '-o', join(work, 'out200'), '--no-cache', '--quiet'], work);
row('200 articles, Folio EPUB+PDF', sample.length, folio200);
const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
if (pandoc.status === 0) {
  const started = performance.now();
  let peak = 0;
  for (const [i, file] of sample.entries()) {
    const r = timed('pandoc', [file, '-o', join(work, `p${i}.epub`), '--resource-path', resolve(file, '..')], work);
    peak = Math.max(peak, r.rssMb);
  }
  const wall = (performance.now() - started) / 1000;
  row('200 articles, pandoc EPUB only', sample.length, { wall, rssMb: peak });
  console.log(`ratio: Folio EPUB+PDF is ${(wall / folio200.wall).toFixed(1)}× faster than pandoc EPUB alone`);
} else {
  console.log('pandoc not installed: no comparison (apt-get install pandoc)');
}

// Books, each its own publication.
for (const book of readdirSync(join(corpus, 'books')).filter((f) => f.endsWith('.md') && f !== 'SOURCES.md')) {
  const r = timed('node', [folio, 'build', join(corpus, 'books', book), '-o', join(work, 'books'), '--no-cache', '--json', '--quiet'], work);
  const pub = JSON.parse(r.stdout || '{"publications":[{}]}').publications[0] ?? {};
  row(`book ${book}`, 1, r, `(${pub.pages ?? '?'} pages${pub.ok ? '' : ', FAILED'})`);
}
console.table(rows);
if (!process.env.FOLIO_BENCH_KEEP) rmSync(work, { recursive: true, force: true });
