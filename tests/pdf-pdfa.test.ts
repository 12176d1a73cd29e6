/**
 * PDF/A output (`pdf.pdfa` in folio.yaml, `--pdfa [2b|1b]` on the command line): the
 * sample manuscripts and a manuscript with transparent images, built as PDF/A-1b, pass
 * Apache PDFBox Preflight with no error (all files in one java run); as PDF/A-2b they
 * stay tagged and declare part 2, conformance B, in their one XMP packet, with an sRGB
 * output intent. The CLI parts spawn bin/folio.js, which runs dist-lib: `npm run build:lib` first.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Publication } from '../src/ast/publication.js';
import { defaultPdfOptions, type PdfaLevel } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { applyTypography } from '../src/typography/index.js';
import { folio, repoRoot, scratch } from './helpers/cli.js';
import { hasPreflight, preflightA1b, type PreflightResult } from './helpers/pdfbox.js';
import { hasTool, run } from './helpers/pdf-tools.js';
import { publicationFromFile, publicationFromText } from './helpers/publication.js';
import { makePng, pngChunk } from './helpers/robust-images.js';

const theme = loadTheme('default');
const preflight = hasPreflight();
const poppler = hasTool('pdfinfo') && hasTool('pdfimages');
const qpdf = hasTool('qpdf');
const samples = readdirSync(join(repoRoot, 'manuscripts'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => join(repoRoot, 'manuscripts', name));
const out = scratch();

/** A 4×2 palette PNG: entry 0 opaque red, entry 1 half-transparent blue, entry 2 fully transparent green. */
function palettePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const rows = Buffer.from([0, 0, 1, 2, 0, 0, 1, 1, 2, 2]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('PLTE', Buffer.from([255, 0, 0, 0, 0, 255, 0, 255, 0])),
    pngChunk('tRNS', Buffer.from([255, 128, 0])),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A manuscript with an RGBA image and a palette image with alpha, and a title XML would choke on. */
const transparentTitle = 'Glass & <Steel> "tides"';
function transparentManuscript(): string {
  const dir = scratch();
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'rgba.png'), makePng({ width: 40, height: 30, colorType: 6 }));
  writeFileSync(join(dir, 'images', 'palette.png'), palettePng());
  writeFileSync(join(dir, 'images', 'rgba16.png'), makePng({ width: 24, height: 20, colorType: 6, depth: 16, interlaced: true }));
  writeFileSync(join(dir, 'images', 'rgb16.png'), makePng({ width: 24, height: 18, colorType: 2, depth: 16 }));
  const text = [
    '---',
    `title: '${transparentTitle}'`,
    'author: [Ann Editor, Bo Writer]',
    'date: 2026-03-14',
    'lang: en',
    '---',
    '',
    'Two images with transparency follow.',
    '',
    '![A gradient, partly transparent](images/rgba.png "An RGBA image")',
    '',
    '![Red, blue and green squares, some transparent](images/palette.png "A palette image with alpha")',
    '',
    '![A 16-bit interlaced gradient, partly transparent](images/rgba16.png "A 16-bit RGBA image")',
    '',
    '![A 16-bit gradient](images/rgb16.png "A 16-bit RGB image")',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'transparent.md'), text);
  return join(dir, 'transparent.md');
}

/**
 * A 16×16 CMYK baseline JPEG built by hand, like `makeJpeg` (flat blocks: DC difference
 * 0, no AC coefficient), with four components in one interleaved scan.
 */
function cmykJpeg(): Buffer {
  const bits = '00'.repeat(4 * 4);
  const scan = [...bits.padEnd(Math.ceil(bits.length / 8) * 8, '1').matchAll(/.{8}/g)].map((m) => parseInt(m[0], 2));
  const table = (cls: number) => [0xff, 0xc4, 0x00, 0x14, cls, 1, ...new Array<number>(15).fill(0), 0x00];
  const ids = [1, 2, 3, 4];
  return Buffer.from([
    0xff, 0xd8,
    0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1),
    0xff, 0xc0, 0x00, 8 + 3 * 4, 0x08, 0, 16, 0, 16, 4, ...ids.flatMap((id) => [id, 0x11, 0]),
    ...table(0x00),
    ...table(0x10),
    0xff, 0xda, 0x00, 6 + 2 * 4, 4, ...ids.flatMap((id) => [id, 0]), 0x00, 0x3f, 0x00,
    ...scan,
    0xff, 0xd9,
  ]);
}

function cmykManuscript(): string {
  const dir = scratch();
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'cmyk.jpg'), cmykJpeg());
  writeFileSync(join(dir, 'cmyk.md'), '---\ntitle: Process colour\nauthor: Ann Editor\n---\n\n![A flat CMYK square](images/cmyk.jpg "A CMYK JPEG")\n');
  return join(dir, 'cmyk.md');
}

/** A manuscript with the least metadata: no author, date, language or description. */
function bareManuscript(): string {
  const dir = scratch();
  writeFileSync(join(dir, 'bare.md'), '---\ntitle: Bare\n---\n\nJust a paragraph, with a [link](https://example.org/).\n');
  return join(dir, 'bare.md');
}

interface Built {
  name: string;
  level: PdfaLevel | false;
  path: string;
  pub: Publication;
}

async function build(manuscript: string, level: PdfaLevel | false): Promise<Built> {
  const { publication } = publicationFromFile(manuscript);
  applyTypography(publication);
  const bytes = await renderPdf(publication, { theme, pdf: { ...defaultPdfOptions, pdfa: level } });
  const name = basename(manuscript, '.md');
  const path = join(out, `${name}-${level === false ? 'plain' : level}.pdf`);
  writeFileSync(path, bytes);
  return { name, level, path, pub: publication };
}

function info(path: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of run('pdfinfo', [path]).stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1]) fields[match[1]] = match[2] ?? '';
  }
  return fields;
}

/** The PDF's objects as qpdf sees them (`--json=2`, stream data inline, base64). */
interface QpdfObject {
  value?: unknown;
  stream?: { dict: Record<string, unknown>; data?: string };
}
function objects(path: string): Map<string, QpdfObject> {
  const json: unknown = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', path]).stdout);
  const list = Reflect.get(Object(json), 'qpdf');
  const table: unknown = Array.isArray(list) ? list[1] : undefined;
  const map = new Map<string, QpdfObject>();
  for (const [key, value] of Object.entries(Object(table))) map.set(key.replace(/^obj:/, ''), Object(value));
  return map;
}
function dict(objs: Map<string, QpdfObject>, ref: unknown): Record<string, unknown> {
  const object = typeof ref === 'string' ? objs.get(ref) : undefined;
  return Object(object?.value ?? object?.stream?.dict ?? ref);
}

/** The XMP packet (the catalog's /Metadata stream) as text. */
function xmpOf(path: string): string {
  const objs = objects(path);
  const catalog = dict(objs, dict(objs, objs.get('trailer')?.value)['/Root']);
  const metadata = catalog['/Metadata'];
  const data = typeof metadata === 'string' ? objs.get(metadata)?.stream?.data : undefined;
  return Buffer.from(data ?? '', 'base64').toString('utf8');
}

/** Every image of the PDF, in order, as RGB samples (pdfimages writes PPM by default). */
function imagesOf(path: string): Array<{ width: number; height: number; rgb: Buffer }> {
  const dir = scratch();
  run('pdfimages', [path, join(dir, 'img')]);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ppm'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
      return { width: Number(header?.[1]), height: Number(header?.[2]), rgb: bytes.subarray((header?.[0] ?? '').length) };
    });
}

function overWhite(sample: number, alpha: number): number {
  return Math.round((sample * alpha + 255 * (255 - alpha)) / 255);
}

let builds: Built[] = [];
const find = (name: string, level: PdfaLevel | false): Built => {
  const found = builds.find((b) => b.name === name && b.level === level);
  if (!found) throw new Error(`not built: ${name} ${String(level)}`);
  return found;
};

beforeAll(async () => {
  const transparent = transparentManuscript();
  for (const manuscript of [...samples, transparent, bareManuscript(), cmykManuscript()]) {
    for (const level of ['1b', '2b'] as const) builds.push(await build(manuscript, level));
  }
  builds.push(await build(join(repoRoot, 'manuscripts', 'brief-en.md'), false));
}, 120_000);

describe('PDF/A-1b', () => {
  it.skipIf(!preflight)('every sample and the transparent images pass PDFBox Preflight with 0 errors (a plain PDF does not)', () => {
    const files = builds.filter((b) => b.level !== '2b');
    const results = preflightA1b(files.map((b) => b.path));
    const summary = (r: PreflightResult | undefined) => r?.errors.map((e) => `${e.code} ${e.details}`) ?? ['no result'];
    for (const b of files.filter((f) => f.level === '1b' && f.name !== 'cmyk')) {
      expect(summary(results.get(b.path)), b.name).toEqual([]);
      expect(results.get(b.path)?.valid, b.name).toBe(true);
    }
    // The control: Preflight really checks (no output intent, no pdfaid, no CIDSet in a plain PDF).
    const plain = results.get(find('brief-en', false).path);
    expect(plain?.valid).toBe(false);
    expect(plain?.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['7.11', '3.1.11']));
    // A CMYK JPEG is the known limit (no JPEG decoder to convert it): Preflight rejects it
    // for its colour space alone, and the build warns (next test).
    expect(summary(results.get(find('cmyk', '1b').path))).toEqual(["2.4.2 Invalid Color space, DestOutputProfile isn't CMYK ColorSpace"]);
  }, 300_000);

  it.skipIf(!poppler)('says PDF 1.4, stays tagged, and flattens alpha onto white with no soft mask', () => {
    const b = find('transparent', '1b');
    const fields = info(b.path);
    expect(fields['PDF version']).toBe('1.4');
    expect(fields['Tagged']).toBe('yes');
    const list = run('pdfimages', ['-list', b.path]).stdout;
    expect(list).toMatch(/\bimage\b/);
    expect(list).not.toMatch(/\bsmask\b/);
    // The RGBA gradient's first pixel (alpha 200) and the palette image's pixels.
    const images = imagesOf(b.path);
    const gradient = images.find((image) => image.width === 40);
    expect(gradient?.rgb.subarray(0, 3)).toEqual(Buffer.from([overWhite(0, 200), overWhite(Math.round((255 * 7) / 70), 200), overWhite(Math.round((255 * 14) / 70), 200)]));
    const palette = images.find((image) => image.width === 4);
    // Row 0: red (opaque), blue at alpha 128, green fully transparent (white).
    expect([...(palette?.rgb.subarray(0, 9) ?? [])]).toEqual([255, 0, 0, overWhite(0, 128), overWhite(0, 128), overWhite(255, 128), 255, 255, 255]);
  });

  it('warns once, with its rule id, when it flattens transparency, and warns for CMYK images', () => {
    const warnings = (b: Built, ruleId: string) => b.pub.chapters.flatMap((c) => c.file.messages).filter((m) => m.ruleId === ruleId);
    expect(warnings(find('transparent', '1b'), 'pdfa-transparency')).toHaveLength(1);
    expect(warnings(find('transparent', '2b'), 'pdfa-transparency')).toHaveLength(0);
    expect(warnings(find('field-guide', '1b'), 'pdfa-transparency')).toHaveLength(0);
    for (const level of ['1b', '2b'] as const) {
      expect(warnings(find('cmyk', level), 'pdfa-cmyk')).toHaveLength(1);
      expect(warnings(find('transparent', level), 'pdfa-cmyk')).toHaveLength(0);
    }
    expect(warnings(find('cmyk', '1b'), 'pdfa-cmyk')[0]?.fatal).toBe(false);
  });
});

describe('both levels', () => {
  it('give the same bytes on every build', async () => {
    for (const level of ['1b', '2b'] as const) {
      const before = readFileSync(find('field-guide', level).path);
      const again = await build(join(repoRoot, 'manuscripts', 'field-guide.md'), level);
      expect(readFileSync(again.path).equals(before), level).toBe(true);
    }
  });
});

describe('PDF/A-2b', () => {
  it.skipIf(!qpdf || !poppler)('passes qpdf --check, is tagged PDF 1.7, with one XMP packet saying part 2, conformance B', () => {
    for (const b of builds.filter((f) => f.level === '2b')) {
      const check = run('qpdf', ['--check', b.path]);
      expect(check.code, `${b.name}: ${check.stdout}${check.stderr}`).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors');
      const fields = info(b.path);
      expect(fields['PDF version'], b.name).toBe('1.7');
      expect(fields['Tagged'], b.name).toBe('yes');
      const xmp = xmpOf(b.path);
      expect(xmp.match(/<pdfaid:part>/g), b.name).toHaveLength(1);
      expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
      expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
      expect(xmp.match(/<x:xmpmeta/g)).toHaveLength(1);
      // Nothing PDF/A forbids: no JavaScript or launch actions, no embedded files, no LZW;
      // every link annotation is printable (/F 4).
      const objs = objects(b.path);
      const text = JSON.stringify([...objs.values()].map((o) => o.value ?? o.stream?.dict));
      expect(text, b.name).not.toMatch(/"\/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|LZWDecode)"/);
      const links = [...objs.values()].map((o) => Object(o.value)).filter((d) => Reflect.get(d, '/Subtype') === '/Link');
      for (const link of links) expect(Reflect.get(link, '/F'), b.name).toBe(4);
    }
  });

  it.skipIf(!qpdf)('has an sRGB output intent with an embedded ICC profile, and keeps its soft masks (PDF/A-2 allows them)', () => {
    const b = find('transparent', '2b');
    const objs = objects(b.path);
    const catalog = dict(objs, dict(objs, objs.get('trailer')?.value)['/Root']);
    const intents = catalog['/OutputIntents'];
    expect(Array.isArray(intents) && intents.length).toBe(1);
    const intent = dict(objs, Array.isArray(intents) ? intents[0] : undefined);
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(intent['/OutputConditionIdentifier']).toBe('u:sRGB IEC61966-2.1');
    const profileRef = intent['/DestOutputProfile'];
    const profile = Buffer.from((typeof profileRef === 'string' ? objs.get(profileRef)?.stream?.data : undefined) ?? '', 'base64');
    expect(profile.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(profile.subarray(16, 20).toString('latin1')).toBe('RGB ');
    expect(dict(objs, objs.get('trailer')?.value)['/ID']).toHaveLength(2);
    if (poppler) expect(run('pdfimages', ['-list', b.path]).stdout).toMatch(/\bsmask\b/);
  });
});

describe('XMP', () => {
  it('stays well-formed with & and < in the title, and matches the info dictionary (one creator: the Author)', async () => {
    for (const level of ['1b', '2b'] as const) {
      const b = find('transparent', level);
      const doc = await getDocument({ data: new Uint8Array(readFileSync(b.path)), verbosity: 0 }).promise;
      const { info: infoDict, metadata } = await doc.getMetadata();
      await doc.destroy();
      // pdf.js parses the packet and gives no values when it is not well-formed XML.
      expect(metadata?.get('dc:title')).toBe(b.pub.meta.title);
      expect(b.pub.meta.title).toContain('&');
      expect(b.pub.meta.title).toContain('<');
      expect(Reflect.get(Object(infoDict), 'Title')).toBe(b.pub.meta.title);
      expect(metadata?.get('dc:creator')).toEqual(['Ann Editor, Bo Writer']);
      expect(Reflect.get(Object(infoDict), 'Author')).toBe('Ann Editor, Bo Writer');
      expect(metadata?.get('pdfaid:part')).toBe(level === '1b' ? '1' : '2');
    }
    // Outside PDF/A the packet keeps one creator per author.
    const { publication } = publicationFromText(`---\ntitle: 'A & <B>'\nauthor: [Ann, Bo]\n---\n\nText.\n`, scratch());
    const plain = await renderPdf(publication, { theme });
    const doc = await getDocument({ data: plain, verbosity: 0 }).promise;
    const { metadata } = await doc.getMetadata();
    await doc.destroy();
    expect(metadata?.get('dc:title')).toBe('A & <B>');
    expect(metadata?.get('dc:creator')).toEqual(['Ann', 'Bo']);
    expect(metadata?.get('pdfaid:part')).toBeNull();
  });
});

describe('folio build', () => {
  const project = (pdfa: string): string => {
    const dir = scratch(join(repoRoot, 'manuscripts'));
    writeFileSync(join(dir, 'folio.yaml'), `title: "Tides & <Harbours>"\nmanuscripts: [brief-en.md, brief-fr.md]\n${pdfa}`);
    return dir;
  };
  const pdfIn = (dir: string): string => join(dir, 'dist', readdirSync(join(dir, 'dist')).find((f) => f.endsWith('.pdf')) ?? 'missing.pdf');

  it.skipIf(!qpdf)('reads pdf.pdfa from folio.yaml (and the PDF passes Preflight as 1b)', () => {
    const dir = project('pdf: { pdfa: 1b }\n');
    const built = folio(['build', '--format', 'pdf', '--no-cache', '--quiet'], dir);
    expect(built.code, built.stderr).toBe(0);
    const xmp = xmpOf(pdfIn(dir));
    expect(xmp).toContain('<pdfaid:part>1</pdfaid:part>');
    expect(xmp).toContain('Tides &amp; &lt;Harbours&gt;');
    if (preflight) expect(preflightA1b([pdfIn(dir)]).get(pdfIn(dir))?.errors).toEqual([]);
  }, 300_000);

  // Needs src/cli/build-command.ts plan() to apply CliOptions.pdfa over config.pdf.
  it.skipIf(!qpdf)('--pdfa overrides folio.yaml; a bare --pdfa means 2b', () => {
    const dir = project('pdf: { pdfa: 1b }\n');
    expect(folio(['build', '--format', 'pdf', '--no-cache', '--quiet', '--pdfa', '2b'], dir).code).toBe(0);
    expect(xmpOf(pdfIn(dir))).toContain('<pdfaid:part>2</pdfaid:part>');
    const bare = project('');
    expect(folio(['build', '--pdfa', '--format', 'pdf', '--no-cache', '--quiet'], bare).code).toBe(0);
    expect(xmpOf(pdfIn(bare))).toContain('<pdfaid:part>2</pdfaid:part>');
    const none = project('');
    expect(folio(['build', '--format', 'pdf', '--no-cache', '--quiet'], none).code).toBe(0);
    expect(xmpOf(pdfIn(none))).not.toContain('pdfaid');
  }, 300_000);

  it('documents --pdfa with its default, and rejects a level it does not know', () => {
    const help = folio(['build', '--help'], repoRoot);
    expect(help.stdout).toMatch(/--pdfa \[2b\|1b\].*default: off/);
    expect(folio(['check', '--help'], repoRoot).stdout).toContain('--pdfa [2b|1b]');
    const bad = folio(['build', '--pdfa', '3a', 'manuscripts/brief-en.md'], repoRoot);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pdfa takes 2b or 1b');
  });
});
