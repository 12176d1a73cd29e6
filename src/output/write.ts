import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Writes `data` to `name` inside `outDir` atomically: a temp file in the same folder,
 * then a rename, so a failed or killed build leaves the previous file intact.
 * Refuses any name that would land outside `outDir`.
 */
export function writeOutput(outDir: string, name: string, data: Uint8Array): WrittenFile {
  const root = resolve(outDir);
  const target = resolve(root, name);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`refusing to write "${name}" outside ${outDir}`);
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.folio-tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { path: target, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}
