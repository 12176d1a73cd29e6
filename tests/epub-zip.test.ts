/**
 * The EPUB container's ZIP writer (src/render/epub/zip.ts): `mimetype` first, stored,
 * no extra field (OCF); the other entries deflated and read back intact by jszip and
 * by `unzip -t`; the same bytes whatever the process's time zone.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { zipEntries } from '../src/render/epub/zip.js';

const text = new TextEncoder();
const entries = [
  { name: 'mimetype', data: text.encode('application/epub+zip'), store: true },
  { name: 'META-INF/container.xml', data: text.encode('<?xml version="1.0"?><container/>') },
  { name: 'OEBPS/ch-1.xhtml', data: text.encode('<p>Marsh, heron, tide. '.repeat(200)) },
  { name: 'OEBPS/images/empty.bin', data: new Uint8Array(0) },
];
const date = new Date(Date.UTC(2026, 3, 2, 13, 45, 30));

describe('EPUB zip writer', () => {
  test('mimetype comes first, stored, with no extra field', () => {
    const zip = Buffer.from(zipEntries(entries, date));
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(0); // stored
    expect(zip.readUInt16LE(28)).toBe(0); // no extra field
    expect(zip.subarray(30, 38).toString()).toBe('mimetype');
    expect(zip.subarray(38, 58).toString()).toBe('application/epub+zip');
  });

  test('entries read back intact, in order, with their date', async () => {
    const read = await JSZip.loadAsync(zipEntries(entries, date));
    expect(Object.keys(read.files)).toEqual(entries.map((entry) => entry.name));
    for (const entry of entries) {
      const file = read.file(entry.name);
      expect(Buffer.from((await file?.async('uint8array')) ?? []).equals(Buffer.from(entry.data))).toBe(true);
    }
    // DOS time has two-second steps.
    expect(read.file('OEBPS/ch-1.xhtml')?.date.toISOString()).toBe('2026-04-02T13:45:30.000Z');
  });

  test.skipIf(spawnSync('unzip', ['-v']).error !== undefined)('unzip -t finds no error', () => {
    const path = join(tmpdir(), `folio-zip-${process.pid}.epub`);
    writeFileSync(path, zipEntries(entries, date));
    const result = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No errors detected');
  });

  test('the same bytes in any time zone', () => {
    const here = Buffer.from(zipEntries(entries, date));
    const script = `import('${join(import.meta.dirname, '..', 'dist-lib', 'render', 'epub', 'zip.js')}').then(({ zipEntries }) => { const e = ${JSON.stringify(entries.map((entry) => ({ ...entry, data: [...entry.data] })))}.map((x) => ({ ...x, data: new Uint8Array(x.data) })); process.stdout.write(Buffer.from(zipEntries(e, new Date(${date.getTime()}))).toString('base64')); })`;
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ: tz } });
      expect(run.stderr).toBe('');
      expect(Buffer.from(run.stdout, 'base64').equals(here), tz).toBe(true);
    }
  });
});
