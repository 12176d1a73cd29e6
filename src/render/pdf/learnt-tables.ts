/**
 * The shapers' learnt tables kept between processes. A fresh worker otherwise learns
 * every letter and pair of letters again from fontkit's full shaping (about a fifth of
 * the first article it builds). Each file holds one face's tables, named after the
 * sha256 of the font file and the features; the folder is Folio's own (beside its
 * bundles, emptied by every rebuild of Folio). What a table says is what shaping that
 * font says, so a PDF's bytes do not depend on whether it was there.
 *
 * Off unless a folder is given (the pool worker gives one): tests and library use
 * learn in memory only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { LearntTables, Shaper } from './shaper.js';

let folder: string | undefined;
const kept = new Map<Shaper, { file: string; learnt: number }>();

export function keepLearntTables(dir: string): void {
  folder = dir;
}

function isTables(value: unknown): value is LearntTables {
  return typeof value === 'object' && value !== null && 'singles' in value && 'pairs' in value && 'triples' in value && Array.isArray(value.singles) && Array.isArray(value.pairs) && Array.isArray(value.triples);
}

/** The tables in `file`, if it holds any. */
function readTables(file: string): LearntTables | undefined {
  try {
    const tables: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isTables(tables) ? tables : undefined;
  } catch {
    // None yet, or unreadable: learn from scratch.
    return undefined;
  }
}

/** Gives a new shaper what an earlier process learnt for this face, if anything. */
export function startFromLearnt(shaper: Shaper, fontFile: Uint8Array, features: unknown): void {
  if (!folder || kept.has(shaper)) return;
  const hash = createHash('sha256').update(fontFile).update(JSON.stringify(features ?? null)).digest('hex');
  const file = join(folder, `${hash.slice(0, 32)}.json`);
  const tables = readTables(file);
  if (tables) shaper.importTables(tables);
  kept.set(shaper, { file, learnt: shaper.learnt });
}

/**
 * Writes the tables of the faces that learnt something since they were read or written,
 * joined with what the file holds now: the pool's workers all start from the same file
 * and learn different letters, and none of them must write over what the others added.
 */
export function saveLearntTables(): void {
  if (!folder) return;
  for (const [shaper, entry] of kept) {
    if (shaper.learnt === entry.learnt) continue;
    const temp = `${entry.file}.${process.pid}-${threadId}.tmp`;
    try {
      const current = readTables(entry.file);
      if (current) shaper.importTables(current);
      mkdirSync(folder, { recursive: true });
      writeFileSync(temp, JSON.stringify(shaper.exportTables()));
      renameSync(temp, entry.file);
      entry.learnt = shaper.learnt;
    } catch {
      // A read-only install: the next process learns again.
      rmSync(temp, { force: true });
    }
  }
}
