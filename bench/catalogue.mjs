#!/usr/bin/env node
/**
 * Catalogue benchmark (not a test: figures vary with the machine and its load).
 *
 * In one run, on ../shared/corpus (FOLIO_CORPUS overrides):
 *   - the articles, each its own publication, built by Folio (EPUB + PDF): cold, warm
 *     (nothing changed) and with one article edited;
 *   - 200 of the articles Folio builds, Folio EPUB + PDF (no cache) against pandoc making
 *     EPUBs of the same files, pandoc run as many at a time as Folio has workers;
 *   - the five books (four .md files and en_500lines/, 22 chapters made one publication
 *     by a folio.yaml), Folio EPUB + PDF against pandoc EPUB.
 * Each row gives wall time, per-item time, CPU time (user + sys) and peak RSS of the
 * whole process tree (/usr/bin/time), and the load average when it started.
 *
 *   npm run build:lib && node bench/catalogue.mjs [--sample N] [--jobs N] [--no-pandoc] [--no-books] [--json FILE]
 *
 * --sample N builds N articles (spread evenly over the corpus) instead of all: quick iterations.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const corpus = process.env.FOLIO_CORPUS ?? resolve(root, '..', 'shared', 'corpus');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sampleSize = value('--sample') ? Number(value('--sample')) : undefined;
const jobs = Number(value('--jobs') ?? cpus().length);
const comparePandoc = !flag('--no-pandoc') && spawnSync('pandoc', ['--version']).status === 0;
const books = !flag('--no-books');
if (!existsSync(join(corpus, 'articles'))) {
  console.log(`bench: no corpus at ${corpus}; nothing to measure`);
  process.exit(0);
}
if (!existsSync('/usr/bin/time')) {
  console.error('bench: /usr/bin/time is needed (apt-get install time)');
  process.exit(2);
}
const folio = join(root, 'bin', 'folio.js');
const work = mkdtempSync(join(tmpdir(), 'folio-bench-'));

function listMd(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMd(path));
    else if (/\.md$/.test(entry.name) && entry.name !== 'SOURCES.md') out.push(path);
  }
  return out.sort();
}

/** Every n-th of `items`, `count` of them. */
function spread(items, count) {
  if (count >= items.length) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

const loadNow = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** `/usr/bin/time` figures of one process tree: wall, user+sys CPU (s), peak RSS (MB). */
function parseTime(stderr) {
  const line = stderr.trim().split('\n').pop() ?? '';
  const m = /^TIME (\S+) (\S+) (\S+) (\d+)$/.exec(line);
  if (!m) return undefined;
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMb: Math.round(Number(m[4]) / 1024) };
}

function timed(cmd, cmdArgs, cwd) {
  const load = loadNow();
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...cmdArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const figures = parseTime(run.stderr ?? '') ?? { wall: NaN, cpu: NaN, rssMb: NaN };
  return { ...figures, load, code: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

function timedAsync(cmd, cmdArgs, cwd) {
  return new Promise((done) => {
    const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...cmdArgs], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ ...(parseTime(stderr) ?? { wall: NaN, cpu: NaN, rssMb: NaN }), code, stderr }));
  });
}

/** Runs `commands` (each [cmd, args, cwd]) `parallel` at a time; wall of the whole, CPU summed, RSS the largest. */
async function timedMany(commands, parallel) {
  const load = loadNow();
  const started = performance.now();
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, commands.length) }, async () => {
      while (next < commands.length) {
        const [cmd, cmdArgs, cwd] = commands[next++];
        results.push(await timedAsync(cmd, cmdArgs, cwd));
      }
    }),
  );
  const failed = results.filter((r) => r.code !== 0).length;
  return { wall: (performance.now() - started) / 1000, cpu: results.reduce((s, r) => s + r.cpu, 0), rssMb: Math.max(...results.map((r) => r.rssMb)), load, failed };
}

const rows = [];
function row(what, items, r, note = '') {
  const entry = {
    what,
    items,
    wall_s: Number(r.wall.toFixed(2)),
    per_item_ms: items ? Math.round((r.wall / items) * 1000) : null,
    cpu_s: Number(r.cpu.toFixed(2)),
    peak_rss_mb: r.rssMb,
    load: r.load,
    note,
  };
  rows.push(entry);
  console.log(`${what}: ${entry.wall_s} s wall, ${entry.per_item_ms ?? '-'} ms/item, ${entry.cpu_s} s CPU, peak RSS ${entry.peak_rss_mb} MB, load ${r.load}${note ? ` — ${note}` : ''}`);
  return entry;
}

const report = (r) => {
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { publications: [] };
  }
};
const count = (rep, test) => rep.publications.filter(test).length;

console.log(`bench: ${cpus().length} cores, Folio --jobs ${jobs}, load ${loadNow()}, work in ${work}`);

// 1. The articles: cold, warm, one edited.
const articles = join(work, 'articles');
cpSync(join(corpus, 'articles'), articles, { recursive: true });
// The corpus's SOURCES.md files are notes, not articles: the catalogue is the 1,456 articles.
for (const file of readdirSync(articles, { recursive: true, encoding: 'utf8' })) if (basename(file) === 'SOURCES.md') rmSync(join(articles, file));
let all = listMd(articles);
if (sampleSize) {
  const keep = new Set(spread(all, sampleSize));
  for (const file of all) if (!keep.has(file)) rmSync(file);
  all = [...keep];
}
const out = join(work, 'out');
const build = (extra = []) => timed('node', [folio, 'build', articles, '-o', out, '--json', '--jobs', String(jobs), ...extra], work);
const cold = build();
const coldReport = report(cold);
const built = count(coldReport, (p) => p.ok);
const timeouts = count(coldReport, (p) => p.messages.some((m) => m.ruleId === 'build-timeout'));
row('articles cold (EPUB+PDF)', all.length, cold, `${built} built, ${all.length - built} refused with a message${timeouts ? `, ${timeouts} TIMED OUT` : ''}`);
const warm = build();
row('articles warm (nothing changed)', all.length, warm, `${count(report(warm), (p) => p.cached)} unchanged`);
const okArticles = coldReport.publications.filter((p) => p.ok).map((p) => resolve(work, p.inputs[0]));
const edited = okArticles[0];
if (edited) {
  appendFileSync(edited, '\n\nOne more paragraph, added by the benchmark.\n');
  const one = build();
  row('articles, one edited', all.length, one, `${count(report(one), (p) => !p.cached)} rebuilt (${relative(articles, edited)})`);
  const failed = coldReport.publications.find((p) => !p.ok);
  if (failed) {
    appendFileSync(resolve(work, failed.inputs[0]), '\n\nOne more paragraph, added by the benchmark.\n');
    const broken = build();
    row('articles, one refused one edited', all.length, broken, `${count(report(broken), (p) => !p.cached)} rebuilt, still refused`);
  }
}

// 2. 200 articles Folio builds: Folio EPUB+PDF vs pandoc EPUB alone, same files, same parallelism.
const sample = spread(okArticles.slice(1), 200);
if (sample.length > 0) {
  const folioSample = timed('node', [folio, 'build', ...sample, '-o', join(work, 'out-sample'), '--no-cache', '--no-index', '--jobs', String(jobs), '--quiet'], work);
  const f = row(`${sample.length} articles, Folio EPUB+PDF`, sample.length, folioSample, folioSample.code === 0 ? '' : `exit ${folioSample.code}`);
  if (comparePandoc) {
    mkdirSync(join(work, 'pandoc'), { recursive: true });
    const commands = sample.map((file, i) => ['pandoc', [basename(file), '-o', join(work, 'pandoc', `a${i}.epub`), '--resource-path', dirname(file)], dirname(file)]);
    const pandoc = await timedMany(commands, jobs);
    const p = row(`${sample.length} articles, pandoc EPUB only (${jobs} at a time)`, sample.length, pandoc, pandoc.failed ? `${pandoc.failed} failed` : '');
    console.log(`  → Folio EPUB+PDF is ${(p.wall_s / f.wall_s).toFixed(1)}× faster than pandoc's EPUBs alone (wall), ${(p.cpu_s / f.cpu_s).toFixed(1)}× on CPU time (goal ≥ 3×)`);
  }
}

// 3. The five books: four manuscripts, and the 22 chapters of en_500lines as one publication.
if (books) {
  const bookDir = join(corpus, 'books');
  const mdBooks = readdirSync(bookDir).filter((f) => f.endsWith('.md') && f !== 'SOURCES.md').sort();
  const lines = join(work, 'en_500lines');
  cpSync(join(bookDir, 'en_500lines'), lines, { recursive: true });
  const chapters = readdirSync(lines).filter((f) => f.endsWith('.markdown')).sort();
  // The chapters open with pandoc-style `title: …` / `author: …` lines, not YAML front matter:
  // fence them (values quoted) so that each chapter has its title, as pandoc's reader would give it.
  for (const chapter of chapters) {
    const text = readFileSync(join(lines, chapter), 'utf8').split('\n');
    const meta = [];
    let m;
    while (meta.length < text.length && (m = /^([A-Za-z-]+):[ \t]+(\S.*?)\s*$/.exec(text[meta.length] ?? ''))) meta.push(`${m[1]}: ${JSON.stringify(m[2])}`);
    if (meta.length > 0) writeFileSync(join(lines, chapter), `---\n${meta.join('\n')}\n---\n${text.slice(meta.length).join('\n')}`);
  }
  writeFileSync(join(lines, 'folio.yaml'), `title: "500 Lines or Less"\nlang: en\ndate: 2016-07-12\nmanuscripts:\n${chapters.map((c) => `  - ${c}\n`).join('')}`);
  const outBooks = join(work, 'out-books');
  const folioBooks = timed('node', [folio, 'build', ...mdBooks.map((b) => join(bookDir, b)), '-o', outBooks, '--no-cache', '--no-index', '--json', '--jobs', String(jobs)], work);
  const folioLines = timed('node', [folio, 'build', join(lines, 'folio.yaml'), '-o', outBooks, '--no-cache', '--no-index', '--json'], work);
    const describe = (p) => `${p.name} ${p.ok ? `${p.pages ?? '?'} p. in ${(p.durationMs / 1000).toFixed(1)} s` : `FAILED: ${p.messages.find((m) => m.severity === 'error')?.message ?? '?'}`}`;
  row(`${mdBooks.length} books, Folio EPUB+PDF (one run)`, mdBooks.length, folioBooks, report(folioBooks).publications.map(describe).join('; '));
  row(`en_500lines (${chapters.length} chapters, one publication), Folio EPUB+PDF`, 1, folioLines, report(folioLines).publications.map(describe).join('; '));
  if (comparePandoc) {
    const commands = mdBooks.map((b) => ['pandoc', [join(bookDir, b), '-o', join(work, 'pandoc', `${b}.epub`), '--resource-path', bookDir], bookDir]);
    mkdirSync(join(work, 'pandoc'), { recursive: true });
    row(`${mdBooks.length} books, pandoc EPUB only (${jobs} at a time)`, mdBooks.length, await timedMany(commands, jobs));
    row(`en_500lines (${chapters.length} chapters), pandoc EPUB only`, 1, await timedMany([['pandoc', [...chapters, '-o', join(work, 'pandoc', '500lines.epub'), '--resource-path', lines], lines]], 1));
  }
}

console.table(rows.map(({ note: _note, ...r }) => r));
if (value('--json')) writeFileSync(value('--json'), `${JSON.stringify({ cores: cpus().length, jobs, rows }, null, 2)}\n`);
if (!process.env.FOLIO_BENCH_KEEP) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
