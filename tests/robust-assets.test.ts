/**
 * Images: every file is either accepted with the right media type, size and EXIF
 * orientation, or refused with a message before a renderer sees it; accepted ones
 * render in both formats without an exception. And no network request, ever.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { loadTheme } from '../src/config/theme.js';
import type { Asset } from '../src/manuscript/asset-types.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { hasTool, pdfFile, run } from './helpers/pdf-tools.js';
import { publicationFromText } from './helpers/publication.js';
import { bombHeader, jpegWithComponents, jpegWithOrientation, makeJpeg, makePng } from './helpers/robust-images.js';

const theme = loadTheme('default');
const dir = mkdtempSync(join(tmpdir(), 'folio-robust-assets-'));

function load(name: string, bytes: Uint8Array | string): { asset?: Asset; file: VFile } {
  writeFileSync(join(dir, name), bytes);
  const { publication, file } = publicationFromText(`---\ntitle: ${name}\n---\n\n![Alt](<${name}>)\n`, dir, `${name}.md`);
  return { asset: [...publication.assets.values()][0], file };
}

function refusal(file: VFile): string {
  const m = file.messages.find((x) => x.ruleId === 'image-format');
  expect(m?.fatal).toBe(true);
  expect(m?.line).toBe(5);
  return m?.reason ?? '';
}

describe('images made in code', () => {
  const idat = (bytes: Buffer): { start: number; length: number } => {
    const at = bytes.indexOf('IDAT', 0, 'latin1');
    return { start: at + 4, length: bytes.readUInt32BE(at - 4) };
  };

  it('accepts 16-bit, interlaced and alpha PNGs, and renders them', async () => {
    for (const [name, options] of [
      ['rgb16-adam7.png', { width: 37, height: 23, depth: 16, interlaced: true }],
      ['rgba16.png', { width: 20, height: 9, depth: 16, colorType: 6 }],
      ['rgba8-adam7.png', { width: 9, height: 17, colorType: 6, interlaced: true }],
      ['grey-adam7.png', { width: 3, height: 2, colorType: 0, interlaced: true }],
    ] as const) {
      const { asset, file } = load(name, makePng(options));
      expect(file.messages.filter((m) => m.fatal)).toEqual([]);
      expect(asset).toMatchObject({ mediaType: 'image/png', width: options.width, height: options.height });
    }
  });

  it('refuses PNGs that would crash a decoder: bad checksum, bad zlib data, bad filter, truncated, no IEND', () => {
    const good = makePng({ width: 40, height: 30 });
    const { start } = idat(good);
    const badCrc = Buffer.from(good);
    badCrc[start + 6] = (badCrc[start + 6] ?? 0) ^ 0xff;
    expect(refusal(load('bad-crc.png', badCrc).file)).toContain('checksum of its IDAT chunk');
    expect(refusal(load('bad-zlib.png', makePng({ width: 40, height: 30, idat: Buffer.from('not zlib data at all') })).file)).toContain('does not decompress');
    expect(refusal(load('bad-filter.png', makePng({ width: 40, height: 30, filter: 9 })).file)).toContain('unknown filter');
    expect(refusal(load('short-data.png', makePng({ width: 40, height: 30, idat: makePng({ width: 40, height: 3 }).subarray(start, start + 20) })).file)).toMatch(/stops early|does not decompress/);
    expect(refusal(load('cut.png', good.subarray(0, good.length - 30)).file)).toContain('truncated');
    expect(refusal(load('no-iend.png', good.subarray(0, good.length - 12)).file)).toContain('end chunk is missing');
  });

  it('refuses a decompression bomb from its header, without inflating it', () => {
    const start = performance.now();
    expect(refusal(load('bomb.png', bombHeader(30000, 30000)).file)).toContain('30000×30000 pixels, over the 50000000-pixel limit');
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('records the EXIF orientation of a JPEG and swaps width and height for quarter turns', () => {
    for (const [orientation, little] of [[6, false], [8, true], [3, false], [1, true]] as const) {
      const { asset, file } = load(`o${orientation}.jpg`, jpegWithOrientation(48, 32, orientation, little));
      expect(file.messages.filter((m) => m.fatal)).toEqual([]);
      const turned = orientation >= 5;
      expect(asset).toMatchObject({ mediaType: 'image/jpeg', width: turned ? 32 : 48, height: turned ? 48 : 32 });
      expect(asset?.orientation).toBe(orientation === 1 ? undefined : orientation);
    }
  });

  it('refuses truncated JPEGs and JPEGs with an odd number of colour components', () => {
    const jpeg = Buffer.from(makeJpeg(64, 64));
    expect(refusal(load('cut.jpg', jpeg.subarray(0, jpeg.length - 4)).file)).toContain('truncated');
    expect(refusal(load('header-only.jpg', jpeg.subarray(0, 30)).file)).toContain('truncated');
    expect(refusal(load('two.jpg', jpegWithComponents(2)).file)).toContain('2 colour components');
  });

  it('takes the media type from the content, whatever the extension says', () => {
    expect(load('png-named.jpg', makePng({ width: 4, height: 4 })).asset?.mediaType).toBe('image/png');
    expect(load('jpeg-named.png', makeJpeg(8, 8)).asset?.mediaType).toBe('image/jpeg');
    expect(refusal(load('text.png', 'just some text').file)).toContain('not a JPEG, PNG, GIF, WebP or SVG');
    expect(refusal(load('empty.jpg', '').file)).toContain('not a JPEG');
  });

  it('refuses SVGs that script or fetch, accepts plain ones', () => {
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">${body}</svg>`;
    expect(load('plain.svg', svg('<rect width="5" height="5" fill="red"/><use xlink:href="#a"/>')).asset?.mediaType).toBe('image/svg+xml');
    expect(refusal(load('script.svg', svg('<script>alert(1)</script>')).file)).toContain('scripts');
    expect(refusal(load('onload.svg', svg('<rect onload="x()" width="1" height="1"/>')).file)).toContain('scripts');
    expect(refusal(load('remote.svg', svg('<image href="http://127.0.0.1:1/x.png" width="1" height="1"/>')).file)).toContain('by URL');
    expect(refusal(load('entity.svg', `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>${svg('')}`).file)).toContain('entities');
  });

  it('refuses a truncated WebP', () => {
    const webp = Buffer.alloc(40);
    webp.write('RIFF', 0, 'latin1');
    webp.writeUInt32LE(1000, 4);
    webp.write('WEBPVP8 ', 8, 'latin1');
    expect(refusal(load('cut.webp', webp).file)).toContain('truncated');
  });
});

const corpusImages = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'images');

describe.skipIf(!existsSync(corpusImages))('every image of the corpus', () => {
  // What each corpus file must give: accepted (media type, width × height) or refused (words of the reason).
  const expected: Record<string, string> = {
    'animated.gif': 'image/gif 1111x668',
    'chart.svg': 'image/svg+xml 600x371',
    'cmyk-photo.jpg': 'image/jpeg 800x534',
    'cmyk.jpg': 'image/jpeg 100x100',
    'corrupt-crc.png': 'refused: is corrupt',
    'decompression-bomb-20000px.png': 'refused: over the 50000000-pixel limit',
    'drawing.svg': 'image/svg+xml 1100x600',
    'empty.jpg': 'refused: not a JPEG',
    'exif-orientation-6.jpg': 'image/jpeg 128x128 orientation 6',
    'file with spaces.png': 'image/png 200x150',
    'huge-6000px.jpg': 'image/jpeg 6528x4896',
    'icc-profile-big.jpg': 'image/jpeg 425x250',
    'interlaced-16bit.png': 'image/png 800x534',
    'not-an-image.png': 'refused: not a JPEG',
    'painting-leighton-wet-sunday-morning.jpg': 'image/jpeg 1400x2100',
    'painting-ryder-flying-dutchman.jpg': 'image/jpeg 1400x1139',
    'photo-medium-progressive.jpg': 'image/jpeg 1600x1067',
    'photo-portrait.JPG': 'image/jpeg 2448x3264',
    'photo-small.jpg': 'image/jpeg 800x534',
    'photo.webp': 'image/webp 480x360',
    'png-data-named.jpg': 'image/png 200x150',
    'progressive.jpg': 'image/jpeg 3264x2448',
    'queequegs-mark.svg': 'image/svg+xml 60x60',
    'text-with-missing-font.svg': 'image/svg+xml 1400x340',
    'tiny-1x1.png': 'image/png 1x1',
    'transparent.png': 'image/png 200x150',
    'transparent.webp': 'image/webp 200x150',
    'truncated-small.jpg': 'refused: is truncated',
    'truncated.jpg': 'refused: is truncated',
  };

  it('accepts or refuses each file as expected (the corpus sweep renders and checks them)', () => {
    const names = readdirSync(corpusImages).filter((n) => !n.endsWith('.md')).sort();
    expect(names).toEqual(Object.keys(expected).sort());
    for (const name of names) {
      const { publication, file } = publicationFromText(`---\ntitle: Image\n---\n\n![An image](<${name}> "Caption")\n`, corpusImages, `robust-${name}.md`);
      const asset = [...publication.assets.values()][0];
      const got = asset ? `${asset.mediaType} ${asset.width}x${asset.height}${asset.orientation ? ` orientation ${asset.orientation}` : ''}` : `refused: ${file.messages.find((m) => m.ruleId === 'image-format')?.reason ?? 'no message'}`;
      const want = expected[name] ?? '';
      if (want.startsWith('refused')) expect(got, name).toContain(want.slice('refused: '.length));
      else expect(got, name).toBe(want);
    }
  });

  it('renders the orientation-6 photo, the CMYK and 16-bit interlaced images in both formats', async () => {
    for (const name of ['exif-orientation-6.jpg', 'cmyk.jpg', 'cmyk-photo.jpg', 'interlaced-16bit.png', 'animated.gif', 'photo.webp', 'chart.svg']) {
      const { publication, file } = publicationFromText(`---\ntitle: Image\n---\n\n![An image](<${name}>)\n`, corpusImages, `robust-${name}.md`);
      expect(file.messages.filter((m) => m.fatal)).toEqual([]);
      await renderEpub(publication, { theme });
      const pdf = await renderPdf(publication, { theme });
      if (hasTool('qpdf')) expect(run('qpdf', ['--check', pdfFile(pdf, `robust-${name.replace(/\W/g, '_')}.pdf`)]).code, name).toBe(0);
    }
  }, 120_000);
});

describe('no network request, ever', () => {
  let server: Server;
  let requests: string[];
  let base = '';

  beforeAll(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(makePng({ width: 2, height: 2 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // listen() on a port gives an AddressInfo
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('builds both formats of a manuscript full of URLs to a live local server without a request', async () => {
    writeFileSync(join(dir, 'local.png'), makePng({ width: 8, height: 8 }));
    const text = `---
title: Net
image:
  src: ${base}/hero.png
  alt: Hero
  credit: "© Someone"
---

![Remote](${base}/x.png)

![Local](local.png)

Inline ![remote inline](${base}/inline.png) image, [a link](${base}/page) and <${base}/auto>.

<img src="${base}/raw.png" alt="raw"> <iframe src="${base}/frame"></iframe> <script src="${base}/s.js"></script>
<link rel="stylesheet" href="${base}/style.css"><video src="${base}/v.mp4" poster="${base}/p.png"></video>
<object data="${base}/o.svg"></object><svg><image href="${base}/svg.png"/></svg>
<a href="${base}/html-link">html link</a><img srcset="${base}/a.png 1x, ${base}/b.png 2x">

::figure[Caption]{src="${base}/fig.png" alt="Figure"}

![ref][r]

[r]: ${base}/ref.png
`;
    const { publication, file } = publicationFromText(text, dir, 'net.md');
    expect(file.messages.filter((m) => m.ruleId === 'image-remote').length).toBeGreaterThanOrEqual(5);
    await renderEpub(publication, { theme });
    await renderPdf(publication, { theme });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).toEqual([]);
  }, 120_000);
});
