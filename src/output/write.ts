import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { tempFileName } from './temp-files.js';

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Writes `data` to `name` inside `outDir` atomically: a temp file in the same folder,
 * then a rename, so a failed or killed build leaves the previous file intact.
 * Refuses any name that would land outside `outDir`. The temp file's name carries
 * the process id, so the temp files of a killed build can be told from those of a
 * build still running (see `removeTempFiles`).
 */
export function writeOutput(outDir: string, name: string, data: Uint8Array): WrittenFile {
  const root = resolve(outDir);
  const target = resolve(root, name);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`refusing to write "${name}" outside ${outDir}`);
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), tempFileName(randomBytes(6).toString('hex')));
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { path: target, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}

/**
 * Like `writeOutput`, but leaves the file alone when it already holds these bytes
 * (the downloads page's covers on a rebuild: no write, no rename, same mtime).
 */
export function writeOutputIfChanged(outDir: string, name: string, data: Uint8Array): WrittenFile {
  const target = resolve(outDir, name);
  try {
    if (statSync(target).size === data.byteLength && Buffer.compare(readFileSync(target), data) === 0) {
      return { path: target, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
    }
  } catch {
    // Absent or unreadable: written below.
  }
  return writeOutput(outDir, name, data);
}

/** Whether `path` is still the file recorded (same size and mtime); a missing or unreadable one is not. */
export function sameFileStat(path: string, recorded: { size: number; mtimeMs: number }): boolean {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat !== undefined && stat.size === recorded.size && stat.mtimeMs === recorded.mtimeMs;
  } catch {
    return false;
  }
}
