import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';

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

/** `isManuscript` for a file name that does not start with a dot (its extension is what follows its last dot). */
function isManuscriptName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.md') || lower.endsWith('.markdown');
}

/** Manuscripts in a folder and its subfolders (hidden folders, node_modules and dist skipped), sorted by path. */
function listFolder(dir: string, depth = 0, out: string[] = []): string[] {
  // `dir` is absolute and normalised, and a name read from it holds no separator: `join` would change nothing.
  const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    if (entry.isFile() && isManuscriptName(name)) out.push(`${prefix}${name}`);
    else if (entry.isDirectory() && depth < 8 && name !== 'node_modules' && name !== 'dist') listFolder(`${prefix}${name}`, depth + 1, out);
  }
  // Sorted once, by whole path, at the top: the same order as sorting every level.
  if (depth === 0) out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

/**
 * Expands CLI inputs: `.md` files, folders (their `.md` files, subfolders included), or a
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
    if (stat.isFile() && /\.ya?ml$/i.test(full)) {
      result.config = full;
      continue;
    }
    if (stat.isFile() && !isManuscript(full)) {
      result.problems.push({ input, reason: 'not a Markdown manuscript (.md) or a folio.yaml config' });
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

/**
 * Output base name of a manuscript: its file name without `.md`, made safe for any file
 * system and shell: no path separators or characters Windows refuses, no control
 * characters, no leading dot or dash (a hidden file, an option to `rm *`), no trailing
 * dot or space, not a reserved Windows device name, at most 200 bytes of UTF-8.
 */
export function outputName(manuscriptPath: string): string {
  const base = basename(manuscriptPath, extname(manuscriptPath));
  let safe = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u2028\u2029\uFEFF]/g, '_')
    .replace(/^[.\-\s]+/, '_')
    .replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(safe)) safe = `_${safe}`;
  return truncateUtf8(safe, 200) || 'manuscript';
}

/** At most `max` bytes of UTF-8, cut between code points. */
function truncateUtf8(text: string, max: number): string {
  // Each UTF-16 unit is at most 3 bytes of UTF-8: a short name needs no counting.
  if (text.length * 3 <= max || Buffer.byteLength(text, 'utf8') <= max) return text;
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

function globToRegExp(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function walk(dir: string, segments: string[], out: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === '**') {
    walk(dir, rest, out);
    for (const entry of safeList(dir)) if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(join(dir, entry.name), segments, out);
    return;
  }
  if (!/[*?]/.test(head)) {
    const next = join(dir, head);
    if (rest.length === 0) {
      if (existsSync(next)) out.push(next);
    } else if (existsSync(next) && statSync(next).isDirectory()) walk(next, rest, out);
    return;
  }
  const pattern = globToRegExp(head);
  const names = safeList(dir)
    .filter((e) => pattern.test(e.name) && !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const next = join(dir, entry.name);
    if (rest.length === 0) {
      if (entry.isFile()) out.push(next);
    } else if (entry.isDirectory()) walk(next, rest, out);
  }
}

function safeList(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Expands a config's `manuscripts:` entries (paths or globs with `*`, `?`, `**`),
 * relative to `baseDir`, keeping the order written; matches of one glob are sorted.
 * Entries that leave `baseDir` or match nothing are reported as problems.
 */
export function expandManuscripts(entries: string[], baseDir: string): ResolvedInputs {
  const result: ResolvedInputs = { manuscripts: [], problems: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    const normalized = entry.replace(/\\/g, '/');
    const rel = relative(baseDir, resolve(baseDir, normalized));
    if (rel.startsWith('..') || resolve(normalized) === normalized) {
      result.problems.push({ input: entry, reason: 'manuscripts must be inside the folder of folio.yaml' });
      continue;
    }
    const found: string[] = [];
    walk(baseDir, normalized.split('/').filter((s) => s !== '' && s !== '.'), found);
    const matches = found.filter((p) => isManuscript(p) && statSync(p).isFile());
    if (matches.length === 0) result.problems.push({ input: entry, reason: /[*?]/.test(entry) ? 'the pattern matches no .md file' : 'no such manuscript' });
    for (const path of matches) {
      if (seen.has(path)) continue;
      seen.add(path);
      result.manuscripts.push(path);
    }
  }
  return result;
}

/** Output name of a collection: the config's file name, or its folder's name for `folio.yaml`. */
export function configOutputName(configPath: string): string {
  const base = basename(configPath, extname(configPath));
  return outputName(base.toLowerCase() === 'folio' ? basename(dirname(configPath)) || 'publication' : base);
}
