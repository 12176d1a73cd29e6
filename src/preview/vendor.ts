/**
 * pdf.js, served from the installed `pdfjs-dist` package (never a CDN). Only its
 * browser build and the data folders it loads at run time are reachable.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { containedFile } from './http-util.js';

const require = createRequire(import.meta.url);

/** Folders of pdfjs-dist the browser may load from (build: the library and its worker). */
const servedFolders = new Set(['build', 'wasm', 'cmaps', 'standard_fonts', 'iccs']);

let root: string | null | undefined;

/** The pdfjs-dist folder, or undefined when it is not installed (the PDF pane then offers the file instead). */
export function pdfjsRoot(): string | undefined {
  if (root === undefined) {
    try {
      const found = dirname(require.resolve('pdfjs-dist/package.json'));
      root = existsSync(`${found}/build/pdf.min.mjs`) ? found : null;
    } catch {
      root = null;
    }
  }
  return root ?? undefined;
}

/** The pdfjs-dist file named by URL segments under `/assets/pdfjs/`, if it may be served. */
export function pdfjsFile(segments: string[]): string | undefined {
  const base = pdfjsRoot();
  const [folder] = segments;
  if (!base || !folder || !servedFolders.has(folder) || segments.length < 2) return undefined;
  const name = segments[segments.length - 1] ?? '';
  if (folder === 'build' && !/^pdf(\.worker)?\.min\.mjs$/.test(name)) return undefined;
  return containedFile(base, segments);
}
