import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';

export interface ResolvedInputs {
  /** Manuscripts, absolute paths, in a stable order (as given; folders sorted by name). */
  manuscripts: string[];
  /** A folio.yaml given or found, if any. */
  config?: string;
  /** Inputs that do not exist or are not manuscripts, with a reason. */
  problems: Array<{ input: string; reason: string }>;
}

const manuscriptExtensions = new Set(['.md', '.markdown']);

function isManuscript(path: string): boolean {
  return manuscriptExtensions.has(extname(path).toLowerCase());
}

function listFolder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isManuscript(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => join(dir, entry.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Expands CLI inputs: `.md` files, folders (their `.md` files, not recursive), or a
 * `folio.yaml`. With no input: `./folio.yaml` if present, else `./manuscripts/`.
 */
export function resolveInputs(inputs: string[], cwd: string): ResolvedInputs {
  const result: ResolvedInputs = { manuscripts: [], problems: [] };
  const given = inputs.length > 0 ? inputs : existsSync(join(cwd, 'folio.yaml')) ? ['folio.yaml'] : ['manuscripts'];
  const seen = new Set<string>();
  for (const input of given) {
    const full = resolve(cwd, input);
    if (!existsSync(full)) {
      result.problems.push({ input, reason: inputs.length === 0 ? 'no folio.yaml and no manuscripts/ folder here: give .md files or a folder' : 'no such file or folder' });
      continue;
    }
    const stat = statSync(full);
    const found = stat.isDirectory() ? listFolder(full) : [full];
    if (stat.isFile() && /^folio\.ya?ml$/i.test(basename(full))) {
      result.config = full;
      continue;
    }
    if (stat.isFile() && !isManuscript(full)) {
      result.problems.push({ input, reason: 'not a Markdown manuscript (.md) or folio.yaml' });
      continue;
    }
    if (stat.isDirectory() && found.length === 0) {
      result.problems.push({ input, reason: `no .md manuscripts in ${relative(cwd, full) || '.'}` });
      continue;
    }
    for (const path of found) {
      if (seen.has(path)) continue;
      seen.add(path);
      result.manuscripts.push(path);
    }
  }
  return result;
}

/** Output base name of a manuscript: its file name without `.md`, made safe for any file system. */
export function outputName(manuscriptPath: string): string {
  const base = basename(manuscriptPath, extname(manuscriptPath));
  const safe = base.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').replace(/^\.+/, '_').slice(0, 200);
  return safe || 'manuscript';
}
