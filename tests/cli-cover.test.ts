/**
 * A cover of its own: `cover` in folio.yaml (a collection) or in a manuscript's front
 * matter names the cover image. The EPUB flags it `cover-image` and shows it on its
 * cover page, the PDF puts it on the title page, the downloads page shows it; a missing cover is an error with its position. Spawns the real binary.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { folio, scratch } from './helpers/cli.js';
import { hasTool, run } from './helpers/pdf-tools.js';
import { makePng } from './helpers/robust-images.js';

function article(title: string, extra = ''): string {
  return `---\ntitle: ${title}\nauthor: Nell Harrow\nlang: en\ndate: 2026-03-01\n${extra}---\n\nA short paragraph of our own about ${title.toLowerCase()}, enough to set a page.\n`;
}

function project(): string {
  const dir = scratch();
  mkdirSync(join(dir, 'manuscripts', 'images'), { recursive: true });
  mkdirSync(join(dir, 'art'), { recursive: true });
  writeFileSync(join(dir, 'art', 'cover.png'), makePng({ width: 400, height: 600 }));
  writeFileSync(join(dir, 'manuscripts', 'images', 'hero.png'), makePng({ width: 600, height: 400 }));
  const hero = 'image:\n  src: images/hero.png\n  alt: A grey gradient standing in for a photograph\n  credit: © Test Studio\n';
  writeFileSync(join(dir, 'manuscripts', 'one.md'), article('Tides', hero));
  writeFileSync(join(dir, 'manuscripts', 'two.md'), article('Ferries'));
  return dir;
}

async function manifestCover(path: string): Promise<{ href: string; bytes: number }> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const opfPath = Object.keys(zip.files).find((name) => name.endsWith('.opf'));
  const opf = opfPath ? await zip.file(opfPath)?.async('string') : undefined;
  const item = /<item\b[^>]*properties="cover-image"[^>]*>/.exec(opf ?? '')?.[0] ?? '';
  const href = /href="([^"]+)"/.exec(item)?.[1] ?? '';
  const base = opfPath?.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const data = await zip.file(base + href)?.async('uint8array');
  return { href, bytes: data?.length ?? 0 };
}

describe('cover images', () => {
  test('folio.yaml cover: the EPUB cover-image, the PDF title page, the downloads page', async () => {
    const dir = project();
    writeFileSync(join(dir, 'folio.yaml'), 'title: Harbour Digest\ncover: art/cover.png\nmanuscripts: [manuscripts/one.md, manuscripts/two.md]\n');
    const result = folio(['build', 'folio.yaml'], dir);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    // The downloads page shows the cover art, not the first article's hero.
    // A collection's outputs are named after its folder.
    const name = basename(dir);
    expect(readFileSync(join(dir, 'dist', 'covers', `${name}.png`)).length).toBe(makePng({ width: 400, height: 600 }).length);
    expect(readFileSync(join(dir, 'dist', 'index.html'), 'utf8')).toContain(`covers/${name}.png`);
    const cover = await manifestCover(join(dir, 'dist', `${name}.epub`));
    expect(cover.href).toMatch(/\.png$/);
    // The cover is the 400×600 art, not the hero: compare sizes with the files written.
    expect(cover.bytes).toBe(makePng({ width: 400, height: 600 }).length);
    if (hasTool('pdfimages')) {
      const list = run('pdfimages', ['-list', '-f', '1', '-l', '1', join(dir, 'dist', `${name}.pdf`)]).stdout;
      expect(list).toMatch(/\n\s*1\s+\d+\s+image\s+400\s+600\b/);
    }
  });

  test('front matter cover on a single manuscript; without one, the hero is the cover', async () => {
    const dir = project();
    const own = folio(['build', 'manuscripts/one.md', 'manuscripts/two.md'], dir);
    expect(own.code).toBe(0);
    expect((await manifestCover(join(dir, 'dist', 'one.epub'))).bytes).toBe(makePng({ width: 600, height: 400 }).length);
    writeFileSync(join(dir, 'manuscripts', 'two.md'), article('Ferries', 'cover:\n  src: ../art/cover.png\n  alt: A grey gradient cover\n').replace('../art/cover.png', 'images/cover.png'));
    writeFileSync(join(dir, 'manuscripts', 'images', 'cover.png'), makePng({ width: 400, height: 600 }));
    expect(folio(['build', 'manuscripts/two.md'], dir).code).toBe(0);
    expect((await manifestCover(join(dir, 'dist', 'two.epub'))).bytes).toBe(makePng({ width: 400, height: 600 }).length);
  });

  test('a missing cover is an error with its position', () => {
    const dir = project();
    writeFileSync(join(dir, 'manuscripts', 'two.md'), article('Ferries', 'cover: images/nowhere.png\n'));
    const result = folio(['build', 'manuscripts/two.md'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/manuscripts\/two\.md:6:8: error: [^\n]*nowhere\.png/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('a missing or remote cover in folio.yaml is a config error at its position, exit 2', () => {
    const dir = project();
    writeFileSync(join(dir, 'folio.yaml'), 'title: Harbour Digest\ncover: art/nowhere.png\nmanuscripts: [manuscripts/one.md]\n');
    const missing = folio(['build', 'folio.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/folio\.yaml:2:8: error: cover image "art\/nowhere\.png" not found next to folio\.yaml[^\n]*\[config-cover\]/);
    expect(missing.stderr).not.toMatch(/one\.md/);
    writeFileSync(join(dir, 'folio.yaml'), 'title: Harbour Digest\ncover: https://example.com/c.png\nmanuscripts: [manuscripts/one.md]\n');
    const remote = folio(['build', 'folio.yaml'], dir);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/folio\.yaml:2:8: error: [^\n]*not a URL[^\n]*\[config-cover\]/);
  });

  test('an unknown key under cover gets a did-you-mean', () => {
    const dir = project();
    writeFileSync(join(dir, 'manuscripts', 'images', 'cover.png'), makePng({ width: 40, height: 60 }));
    writeFileSync(join(dir, 'manuscripts', 'two.md'), article('Ferries', 'cover:\n  src: images/cover.png\n  atl: A cover\n'));
    const result = folio(['build', 'manuscripts/two.md'], dir);
    expect(result.stderr).toMatch(/two\.md:8:3: [^\n]*"cover\.atl"[^\n]*alt/);
  });
});
