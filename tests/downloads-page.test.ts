/**
 * The downloads page (dist/index.html) without a browser: what it lists, links
 * that resolve to the files whose sha256 it shows, covers copied or generated,
 * nothing external, escaping, and the same bytes for the same reports.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutputReport } from '../src/build.js';
import { downloadsPage, formatBytes, writeDownloadsPage, type DownloadsReport } from '../src/output/downloads-page.js';
import { repoRoot } from './helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-downloads-'));
  dirs.push(dir);
  return dir;
}

function output(dir: string, name: string, format: 'epub' | 'pdf', content: string): OutputReport {
  const path = join(dir, `${name}.${format}`);
  writeFileSync(path, content);
  return { format, path, bytes: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') };
}

function report(dir: string, name: string, extra: Partial<DownloadsReport> = {}): DownloadsReport {
  return {
    name,
    inputs: [],
    dependencies: [],
    ok: true,
    outputs: [output(dir, name, 'epub', `epub of ${name}`), output(dir, name, 'pdf', `pdf of ${name} `.repeat(300))],
    messages: [],
    pages: 4,
    durationMs: 12,
    ...extra,
  };
}

describe('downloads page', () => {
  it('lists every built publication with its metadata, sizes and checksums, linking files that match them', () => {
    const dir = outDir();
    const hero = join(repoRoot, 'manuscripts', 'images', 'brief-en-harbour.jpg');
    const reports = [
      report(dir, 'brief-en', { publication: { title: 'Port Ellery bets on battery ferries', subtitle: 'A harbour town goes electric', authors: ['Owen Castellan'], lang: 'en', date: '2026-04-02', cover: { path: hero, mediaType: 'image/jpeg', alt: 'A harbour at dusk' } } }),
      report(dir, 'brief-fr', { publication: { title: 'La Vernelle met 200 millions d’euros sur ses marais', authors: ['Claire Donnadieu', 'Ann Editor'], lang: 'fr' } }),
      report(dir, 'broken', { ok: false, outputs: [] }),
    ];
    const page = downloadsPage(reports, { title: 'The Harbour Digest' }, dir);
    expect(page.html).toContain('<h1>The Harbour Digest</h1>');
    expect(page.html).toContain('2 publications, as EPUB and PDF');
    expect(page.html).toContain('<h2 id="pub-1-title" lang="en">Port Ellery bets on battery ferries</h2>');
    expect(page.html).toContain('<p class="subtitle" lang="en">A harbour town goes electric</p>');
    expect(page.html).toContain('Claire Donnadieu, Ann Editor');
    expect(page.html).toContain('French (fr)');
    expect(page.html).toContain('4 (PDF)');
    expect(page.html).not.toContain('broken');
    for (const r of reports.slice(0, 2)) {
      for (const o of r.outputs) {
        const file = `${r.name}.${o.format}`;
        expect(page.html).toContain(`href="${file}"`);
        expect(page.html).toContain(`<code data-sha256="${o.sha256}">${o.sha256}</code>`);
        expect(createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')).toBe(o.sha256);
        expect(page.html).toContain(formatBytes(o.bytes));
      }
    }
    // The hero image is copied as the cover; without one, a typographic SVG cover is made.
    expect(page.files.map((f) => f.path)).toEqual(['covers/brief-en.jpg', 'covers/brief-fr.svg']);
    expect(Buffer.from(page.files[0]?.data ?? new Uint8Array()).equals(readFileSync(hero))).toBe(true);
    expect(new TextDecoder().decode(page.files[1]?.data)).toContain('>La Vernelle met<');
    expect(page.html).toMatch(/<img class="cover" src="covers\/brief-en\.jpg" alt="Cover: A harbour at dusk" width="\d+" height="\d+"/);
  });

  it('loads nothing from elsewhere and runs no script', () => {
    const dir = outDir();
    const { html, files } = downloadsPage([report(dir, 'a'), report(dir, 'b')], { title: 'T' }, dir);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script|<link |@import|url\(/);
    for (const file of files) expect(new TextDecoder().decode(file.data)).not.toMatch(/href="http|xlink:href|<image/);
  });

  it('escapes metadata and percent-encodes file names', () => {
    const dir = outDir();
    mkdirSync(join(dir, 'sub dir'));
    const r = report(join(dir, 'sub dir'), 'a&b <c>', { publication: { title: '<script>alert(1)</script> & "q"', authors: ['A <b>'], lang: 'en" onload="x' } });
    const { html, files } = downloadsPage([r], { title: 'Tom & Jerry' }, dir);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;');
    expect(html).toContain('href="sub%20dir/a%26b%20%3Cc%3E.epub"');
    expect(html).toContain('lang="en&quot; onload=&quot;x"');
    expect(files[0]?.path).toBe('covers/a-b-c-.svg');
    expect(html).toContain('Tom &amp; Jerry');
  });

  it('gives the same bytes for the same reports, and writes them atomically', () => {
    const dir = outDir();
    const reports = [report(dir, 'one', { publication: { title: 'One', authors: [], lang: 'en' } })];
    const first = writeDownloadsPage(reports, { title: 'Same' }, dir);
    const again = downloadsPage(reports, { title: 'Same' }, dir);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(again.html);
    expect(first.sha256).toBe(createHash('sha256').update(again.html).digest('hex'));
    expect(readFileSync(join(dir, 'covers', 'one.svg'))).toEqual(Buffer.from(again.files[0]?.data ?? new Uint8Array()));
  });

  it('formats sizes as file managers do', () => {
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(27015)).toBe('27.0 kB');
    expect(formatBytes(200353)).toBe('200 kB');
    expect(formatBytes(4_500_000)).toBe('4.5 MB');
  });
});
