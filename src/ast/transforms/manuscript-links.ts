import { dirname, resolve } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ManuscriptSource } from '../build-publication.js';
import { decodeFragment, schemeOf } from '../links.js';
import type { Chapter } from '../publication.js';

/**
 * Links between the manuscripts of one publication (a book in chapter files, a
 * collection): `[the next chapter](ch02.md)` or `[its methods](ch02.md#methods)` become
 * links inside the book, `#` and the first chapter's anchor of that manuscript, or `#`
 * and the fragment. The address is read from the linking manuscript's folder, as a
 * Markdown previewer reads it. Other relative addresses are left for the renderers to
 * report.
 */
export function manuscriptLinks(chapters: readonly Chapter[], manuscripts: readonly ManuscriptSource[]): void {
  if (manuscripts.length < 2) return;
  const anchors = new Map<string, string>();
  for (const { path, file } of manuscripts) {
    const first = chapters.find((chapter) => chapter.file === file);
    if (first) anchors.set(resolve(path), first.anchor);
  }
  const folders = new Map(manuscripts.map(({ path, file }) => [file, dirname(resolve(path))]));
  for (const chapter of chapters) {
    const folder = folders.get(chapter.file);
    if (folder === undefined) continue;
    rewrite(chapter.tree, folder, anchors);
  }
}

function rewrite(tree: Root, folder: string, anchors: ReadonlyMap<string, string>): void {
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    const url = node.url;
    if (url === '' || url.startsWith('#') || schemeOf(url) !== undefined) return;
    const hash = url.indexOf('#');
    const path = hash < 0 ? url : url.slice(0, hash);
    const fragment = hash < 0 ? '' : url.slice(hash + 1);
    const anchor = anchors.get(resolve(folder, decodeFragment(path.split('?')[0] ?? '')));
    if (anchor === undefined) return;
    node.url = `#${fragment === '' ? anchor : fragment}`;
  });
}
