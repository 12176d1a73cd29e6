#!/usr/bin/env node
/**
 * PDF benchmark (not a test): pages per second and peak memory of Folio's PDF renderer
 * on the corpus books, set to A5, and — when pandoc and xelatex are installed — the
 * time `pandoc --pdf-engine=xelatex -V papersize=a5` takes on the same file.
 *
 *   npm run build:lib && node bench/pdf.mjs [--no-xelatex] [--books a.md,b.md]
 *
 * Each book runs in its own Node process, so that peak RSS is that book's alone. The
 * `cli_s` column is the whole command a user runs, `folio build BOOK -f pdf` (process
 * start and module loading included, as xelatex's time includes its own start).
 * Reads the corpus from ../shared/corpus/books (FOLIO_CORPUS overrides).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const lib = join(root, 'dist-lib');
const corpus = process.env.FOLIO_CORPUS ?? resolve(root, '..', 'shared', 'corpus', 'books');
const defaultBooks = [
  'en_austen_pride-and-prejudice.md',
  'fr_dumas_monte-cristo_tome1.md',
  'en_melville_moby-dick.md',
  'fr_dumas_monte-cristo_complet.md',
];
/** xelatex runs on the long books take minutes; compare on these by default. */
const xelatexBooks = new Set(['en_austen_pride-and-prejudice.md', 'fr_dumas_monte-cristo_tome1.md']);

/** Child mode: set one book, print one JSON line. */
async function one(file) {
  const url = (path) => pathToFileURL(join(lib, path)).href;
  const { readManuscript } = await import(url('manuscript/read.js'));
  const { buildPublication } = await import(url('ast/build-publication.js'));
  const { AssetResolver } = await import(url('manuscript/assets.js'));
  const { loadTheme } = await import(url('config/theme.js'));
  const { parsePageSize } = await import(url('config/page-size.js'));
  const { renderPdf } = await import(url('render/pdf/index.js'));
  const { applyTypography } = await import(url('typography/index.js'));
  const theme = loadTheme('default', root);
  theme.pdf.pageSize = parsePageSize('A5');
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const manuscript = readManuscript(file, { displayPath: file });
  const pub = buildPublication([{ path: file, file: manuscript }], { resolver: new AssetResolver(dirname(file)), sourceDateEpoch: '1767225600' });
  applyTypography(pub, { enabled: true });
  const parsed = performance.now();
  let pages = 0;
  const bytes = await renderPdf(pub, { theme }, () => pages++);
  const rendered = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  const out = join(mkdtempSync(join(tmpdir(), 'folio-bench-')), 'out.pdf');
  writeFileSync(out, bytes);
  console.log(
    JSON.stringify({
      parseSeconds: (parsed - started) / 1000,
      renderSeconds: (rendered - parsed) / 1000,
      pages,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      bytes: bytes.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      out,
    }),
  );
}

/** Wall time of the CLI building the book's PDF, as a user runs it (A5, no cache). */
function cli(file) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-cli-'));
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'bin', 'folio.js'), 'build', file, '-f', 'pdf', '--page-size', 'A5', '-o', dir, '--no-cache', '--no-index', '--quiet'], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return result.status === 0 ? seconds : undefined;
}

function has(tool) {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** Seconds from bash's `times` line for children: `0m1.234s 0m0.100s`. */
function childCpu(text) {
  const line = text.trim().split('\n').pop() ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return parts.length === 2 ? (parts[0] ?? 0) + (parts[1] ?? 0) : undefined;
}

function xelatex(file) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-xelatex-'));
  const out = join(dir, 'out.pdf');
  const started = performance.now();
  // bash's `times` gives the CPU time of pandoc and the TeX runs it starts (less noisy than wall time on a busy machine).
  const script = 'pandoc "$1" -o "$2" --pdf-engine=xelatex -V papersize=a5 >&2; status=$?; times; exit $status';
  const result = spawnSync('bash', ['-c', script, 'bench', file, out], { encoding: 'utf8', cwd: dirname(file), timeout: 20 * 60 * 1000 });
  const seconds = (performance.now() - started) / 1000;
  let pages;
  if (existsSync(out)) pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout ?? '')?.[1]);
  rmSync(dir, { recursive: true, force: true });
  return result.status === 0 ? { seconds, cpu: childCpu(result.stdout ?? ''), pages } : { error: (result.stderr || String(result.error ?? 'failed')).split('\n').slice(-3).join(' ') };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--one') return one(args[1]);
  if (!existsSync(join(lib, 'render', 'pdf', 'index.js'))) {
    console.error('dist-lib is missing: run `npm run build:lib` first');
    process.exit(2);
  }
  if (!existsSync(corpus)) {
    console.error(`no corpus at ${corpus} (set FOLIO_CORPUS): nothing to measure`);
    return;
  }
  const listed = args.includes('--books') ? (args[args.indexOf('--books') + 1] ?? '').split(',') : defaultBooks;
  const compare = !args.includes('--no-xelatex') && has('pandoc') && has('xelatex');
  if (!compare) console.log('pandoc + xelatex not installed (or --no-xelatex): no comparison');
  // The first command after `npm run build:lib` writes V8's code cache beside the bundles
  // (src/boot/load-bundle.ts): build a sample once so that `cli_s` is what a user sees on
  // every later run, not that one-time cost.
  cli(join(root, 'manuscripts', 'brief-en.md'));
  const rows = [];
  for (const name of listed) {
    const file = join(corpus, name);
    if (!existsSync(file)) continue;
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.log(`${name}: failed: ${(child.stderr ?? '').split('\n').slice(-5).join(' ')}`);
      continue;
    }
    const folio = JSON.parse(line);
    rmSync(dirname(folio.out), { recursive: true, force: true });
    const total = folio.parseSeconds + folio.renderSeconds;
    const row = {
      book: name,
      pages: folio.pages,
      parse_s: folio.parseSeconds.toFixed(2),
      render_s: folio.renderSeconds.toFixed(2),
      total_s: total.toFixed(2),
      cpu_s: folio.cpuSeconds.toFixed(2),
      pages_per_s: (folio.pages / folio.renderSeconds).toFixed(1),
      peak_rss_mb: Math.round(folio.peakRssMb),
    };
    const cliSeconds = cli(file);
    if (cliSeconds !== undefined) row.cli_s = cliSeconds.toFixed(2);
    if (compare && xelatexBooks.has(name)) {
      const tex = xelatex(file);
      if ('seconds' in tex) {
        Object.assign(row, { xelatex_s: tex.seconds.toFixed(2), xelatex_cpu_s: tex.cpu?.toFixed(2), xelatex_pages: tex.pages, speedup: (tex.seconds / total).toFixed(1) });
        if (cliSeconds !== undefined) Object.assign(row, { cli_speedup: (tex.seconds / cliSeconds).toFixed(1) });
        if (tex.cpu !== undefined) Object.assign(row, { cpu_speedup: (tex.cpu / folio.cpuSeconds).toFixed(1) });
      }
      else Object.assign(row, { xelatex: tex.error });
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.table(rows);
}

await main();
