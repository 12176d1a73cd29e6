import { dirname, resolve } from 'node:path';
import { VFile } from 'vfile';
import { buildPublication } from '../../src/ast/build-publication.js';
import type { Publication } from '../../src/ast/publication.js';
import { AssetResolver } from '../../src/manuscript/assets.js';
import { readManuscript } from '../../src/manuscript/read.js';

/** Builds a publication from a manuscript on disk, as `folio build` does. */
export function publicationFromFile(path: string, root = dirname(path)): { publication: Publication; file: VFile } {
  const file = readManuscript(path, { displayPath: path });
  const publication = buildPublication([{ path, file }], { resolver: new AssetResolver(root) });
  return { publication, file };
}

/** Builds a publication from Markdown text, with images looked up under `dir`. */
export function publicationFromText(text: string, dir: string, name = 'input.md'): { publication: Publication; file: VFile } {
  const path = resolve(dir, name);
  const file = new VFile({ path: name, value: text });
  const publication = buildPublication([{ path, file }], { resolver: new AssetResolver(dir) });
  return { publication, file };
}
