/**
 * The temp files of atomic writes (`.<pid>-<random>.folio-tmp`, next to their
 * target). A build that is interrupted removes its own; a build that starts
 * removes those left by a build that was killed (its process is gone). Temp files
 * of another Folio process still running on the same folder (a second shard, a
 * watcher) are left alone.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const suffix = '.folio-tmp';
const named = /^\.(\d+)-[0-9a-f]+\.folio-tmp$/;
/** Temp files of Folio versions whose names carried no process id: stale once this old. */
const unnamedStaleMs = 60 * 60 * 1000;

export function tempFileName(random: string, pid = process.pid): string {
  return `.${pid}-${random}${suffix}`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** `outDir` and its direct subfolders (covers/, .folio-cache/): where writes land. */
function foldersOf(outDir: string): string[] {
  try {
    return [outDir, ...readdirSync(outDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(outDir, e.name))];
  } catch {
    return [];
  }
}

/**
 * Removes temp files under `outDir`: `own` removes this process's (after an
 * interrupted build), otherwise those whose process is gone. Returns how many.
 */
export function removeTempFiles(outDir: string, which: 'own' | 'stale'): number {
  let removed = 0;
  for (const folder of foldersOf(outDir)) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith(suffix)) continue;
      const path = join(folder, name);
      const pid = named.exec(name)?.[1];
      let remove: boolean;
      if (which === 'own') remove = pid !== undefined && Number(pid) === process.pid;
      else if (pid !== undefined) remove = !alive(Number(pid));
      else {
        try {
          remove = Date.now() - statSync(path).mtimeMs > unnamedStaleMs;
        } catch {
          remove = false;
        }
      }
      if (!remove) continue;
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}
