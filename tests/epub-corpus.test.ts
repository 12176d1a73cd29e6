/**
 * The corpus suite: real manuscripts Folio has not been written against. Builds the
 * books (each `.markdown` chapter of *500 Lines or Less* as a manuscript of its own)
 * and a deterministic sample of at least 100 articles, and requires 0 EPUBCheck
 * errors (one JVM for all) and 0 epubcheck-ts errors. Skips when ../shared/corpus
 * is absent. Articles whose front matter the parser rejects are skipped when the
 * rejection is a positioned error message (counted and printed).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../src/diagnostics/report.js';
import { renderEpub } from '../src/render/epub/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { epubcheckTs, invariantProblems, readEpub } from './helpers/epub-invariants.js';
import { renderOptions } from './helpers/epub-publication.js';
import { publicationFromFile, publicationFromText } from './helpers/publication.js';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const present = existsSync(join(corpus, 'books')) && existsSync(join(corpus, 'articles'));
const ARTICLE_STEP = 7; // every 7th article of the sorted list: 208 of 1 457 (about half have remote hero images)

function walk(dir: string, extension: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, extension));
    else if (extension.test(name)) out.push(path);
  }
  return out;
}

interface Built {
  name: string;
  bytes: Uint8Array;
}

const built: Built[] = [];
const skipped: string[] = [];
const invariantIssues: string[] = [];

/**
 * *500 Lines or Less* chapters open with pandoc-style pseudo front matter (`title: …`
 * lines without `---` fences): the fences are added, the text is otherwise unchanged.
 */
function fencePseudoFrontMatter(text: string): string {
  const lines = text.split('\n');
  let n = 0;
  while (n < lines.length && /^[A-Za-z-]+:\s/.test(lines[n] ?? '')) n += 1;
  return n === 0 ? text : ['---', ...lines.slice(0, n).map((l) => l.replace(/^([A-Za-z-]+):\s*(.*)$/, (_, k: string, v: string) => `${k}: ${JSON.stringify(v)}`)), '---', ...lines.slice(n)].join('\n');
}

async function build(path: string, kind: 'book' | 'article'): Promise<void> {
  const name = relative(corpus, path);
  const { publication, file } = path.endsWith('.markdown')
    ? publicationFromText(fencePseudoFrontMatter(readFileSync(path, 'utf8')), dirname(path), basename(path))
    : publicationFromFile(path);
  const files = [file, ...publication.chapters.map((c) => c.file)];
  if (files.some(hasErrors)) {
    const errors = files.flatMap((f) => f.messages.filter((m) => m.fatal === true));
    // A rejected manuscript is fine only with a positioned message (what `folio build` prints).
    const unpositioned = errors.filter((m) => m.line === undefined);
    if (kind === 'book' || unpositioned.length > 0) throw new Error(`${name}: ${errors.map((m) => `${m.line ?? '?'}:${m.column ?? '?'} ${m.reason}`).join('; ')}`);
    skipped.push(`${name}:${errors[0]?.line ?? ''}:${errors[0]?.column ?? ''} ${errors[0]?.reason ?? ''}`);
    return;
  }
  const bytes = await renderEpub(publication, renderOptions());
  invariantIssues.push(...invariantProblems(await readEpub(bytes), files).map((p) => `${name}: ${p}`));
  built.push({ name, bytes });
  // EPUB_OUT=dir keeps the EPUBs (for Ace by DAISY or a look in a reader).
  const out = process.env.EPUB_OUT;
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${name.replace(/[^\w.-]+/g, '_')}.epub`), bytes);
  }
}

describe.skipIf(!present)('EPUB corpus (../shared/corpus)', () => {
  beforeAll(async () => {
    const books = walk(join(corpus, 'books'), /\.(md|markdown)$/).filter((p) => !p.includes(`${join('books', 'tools')}`) && !p.endsWith('SOURCES.md'));
    for (const path of books) await build(path, 'book');
    const articles = walk(join(corpus, 'articles'), /\.md$/).filter((p) => !p.endsWith('SOURCES.md'));
    for (const path of articles.filter((_, i) => i % ARTICLE_STEP === ARTICLE_STEP - 1)) await build(path, 'article');
  }, 240_000);

  it('builds the five books and at least 100 articles', () => {
    if (skipped.length > 0) console.info(`epub-corpus: ${built.length} built, ${skipped.length} article(s) skipped (rejected with a positioned message):\n  ${skipped.join('\n  ')}`);
    expect(built.filter((b) => b.name.startsWith('books')).length).toBeGreaterThanOrEqual(4 + 20);
    expect(built.filter((b) => b.name.startsWith('articles')).length + skipped.length).toBeGreaterThanOrEqual(100);
  });

  it('holds the invariants (roles, alt text or warnings, no script)', () => {
    expect(invariantIssues).toEqual([]);
  });

  it.skipIf(!hasEpubcheck())('EPUBCheck 4.2.6: 0 errors, 0 fatals (one JVM)', () => {
    const results = epubcheck(Object.fromEntries(built.map((b) => [b.name, b.bytes])));
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 'ERROR' || m.severity === 'FATAL').map((m) => `${r.name}: ${m.id} ${m.message} @ ${m.locations.join(', ')}`));
    const warnings = results.flatMap((r) => r.messages.filter((m) => m.severity === 'WARNING').map((m) => `${r.name}: ${m.id} ${m.message} @ ${m.locations.join(', ')}`));
    console.info(`epub-corpus: EPUBCheck on ${results.length} EPUBs: ${problems.length} errors/fatals, ${warnings.length} warnings${warnings.length > 0 ? `\n  ${warnings.join('\n  ')}` : ''}`);
    expect(problems).toEqual([]);
  }, 240_000);

  it('epubcheck-ts: 0 errors', async () => {
    const problems: string[] = [];
    for (const b of built) {
      const result = await epubcheckTs(b.bytes);
      if (!result) return;
      if (result.errors > 0) problems.push(`${b.name}: ${result.messages.join(' | ')}`);
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
