/**
 * Watches what a build reads (manuscript folders, theme, config) and asks for a
 * rebuild after a short debounce. Every folder gets its own non-recursive watcher:
 * Node 20's recursive watcher on Linux watches files one by one and misses a file
 * replaced by rename (what `sed -i`, vim and many editors do on save). Build
 * outputs, caches and VCS folders are ignored, so the preview's writes never trigger it.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

const ignoredName = /^(\.folio-cache|node_modules|\.git|\.hg|\.svn)$|\.folio-tmp$|~$|\.sw[po]$|^\.#|^4913$/;
/** A project with more folders than this is watched only down to this many. */
const maxFolders = 2000;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** `paths` and every folder below them, except ignored ones and the output folder. */
export function foldersToWatch(paths: string[], outDir: string): string[] {
  const out = resolve(outDir);
  const found = new Set<string>();
  const walk = (dir: string) => {
    if (found.size >= maxFolders || found.has(dir) || inside(out, dir)) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    found.add(dir);
    for (const entry of entries) if (entry.isDirectory() && !ignoredName.test(entry.name)) walk(join(dir, entry.name));
  };
  for (const path of paths) walk(resolve(path));
  return [...found].sort();
}

export class SourceWatcher {
  private watchers: FSWatcher[] = [];
  private watched = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: (path: string) => void,
    private readonly debounceMs = 40,
  ) {}

  /** (Re)watches `paths` and their subfolders, ignoring `outDir`. Cheap when the folders are the same. */
  update(paths: string[], outDir: string): void {
    const folders = foldersToWatch(paths, outDir);
    const key = folders.join('\n');
    if (key === this.watched) return;
    this.close();
    this.watched = key;
    for (const folder of folders) {
      try {
        this.watchers.push(
          watch(folder, (_event, name) => {
            if (name && ignoredName.test(String(name))) return;
            const changed = name ? join(folder, String(name)) : folder;
            clearTimeout(this.timer);
            this.timer = setTimeout(() => this.onChange(changed), this.debounceMs);
          }),
        );
      } catch {
        // A folder that vanished meanwhile: the next plan reports what is missing.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    this.watched = '';
  }
}
