/**
 * The EPUB's ZIP container, written directly: entries in the order given (`mimetype`
 * first, stored, without extra fields, as OCF requires), the others deflated by Node's
 * native zlib at level 9 (jszip's JavaScript deflate was the EPUB renderer's largest
 * cost), every entry dated `date` in DOS time read in UTC (as jszip does), so the
 * bytes depend neither on the clock nor on the time zone.
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../manuscript/image-check.js';

export interface ZipEntry {
  /** Path inside the container (ASCII: our names are). */
  name: string;
  data: Uint8Array;
  /** Stored as is (the `mimetype` entry). */
  store?: boolean;
}

function dosTime(date: Date): { time: number; date: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, date: day };
}

/** A ZIP file of `entries`, each dated `date` (from 1980 on). */
export function zipEntries(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const stamp = dosTime(date);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.store ? 0 : 8;
    const body = entry.store ? Buffer.from(entry.data) : deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const flags = /[^\x20-\x7e]/.test(entry.name) ? 0x0800 : 0; // UTF-8 names
    // The local header and the central directory repeat the same run of fields (from "version needed").
    const fields = (into: Buffer, at: number): void => {
      into.writeUInt16LE(method === 8 ? 20 : 10, at);
      into.writeUInt16LE(flags, at + 2);
      into.writeUInt16LE(method, at + 4);
      into.writeUInt16LE(stamp.time, at + 6);
      into.writeUInt16LE(stamp.date, at + 8);
      into.writeUInt32LE(crc, at + 10);
      into.writeUInt32LE(body.length, at + 14);
      into.writeUInt32LE(entry.data.length, at + 18);
      into.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4); // extra field length (28): none
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: MS-DOS, ZIP 2.0
    fields(header, 6);
    // Extra field, comment, disk number, internal and external attributes: none (zeros).
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
