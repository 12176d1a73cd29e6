/**
 * The sample publications (manuscripts/, the collection fixture) and reading PDFs back
 * with pdf.js for the structure tests: each page's structure tree, its link
 * annotations, named destinations, positioned text and the outline.
 */
import { join, relative, resolve } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildPublication } from '../../src/ast/build-publication.js';
import type { Publication } from '../../src/ast/publication.js';
import { configMeta, loadConfig } from '../../src/config/config.js';
import { defaultPdfOptions, type PdfOptions, type Theme } from '../../src/config/options.js';
import { loadTheme } from '../../src/config/theme.js';
import { AssetResolver } from '../../src/manuscript/assets.js';
import { readManuscript } from '../../src/manuscript/read.js';
import { renderPdf } from '../../src/render/pdf/index.js';

const root = resolve(import.meta.dirname, '..', '..');
const theme = loadTheme('default');
export const collectionYaml = join(root, 'tests', 'fixtures', 'pdf-collection', 'folio.yaml');

/** A node of pdf.js's structure tree: an element, a marked-content reference or an annotation/object reference. */
export interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
  type?: string;
  id?: string;
}

export interface LinkAnnotation {
  page: number;
  id: string;
  url?: string;
  dest?: string;
  contents: string;
}

export interface Loaded {
  pub: Publication;
  bytes: Uint8Array;
  pdf: PDFDocumentProxy;
  trees: StructNode[];
  links: LinkAnnotation[];
}

export function samplePublication(name: string): Publication {
  const dir = join(root, 'manuscripts');
  const path = join(dir, name);
  const file = readManuscript(path, { displayPath: relative(root, path) });
  return buildPublication([{ path, file }], { resolver: new AssetResolver(dir), sourceDateEpoch: '1767225600' });
}

export function collectionPublication(): { pub: Publication; pdf: PdfOptions } {
  const config = loadConfig(collectionYaml);
  const sources = config.manuscripts.map((entry) => {
    const path = resolve(config.dir, entry);
    return { path, file: readManuscript(path, { displayPath: relative(root, path) }) };
  });
  return { pub: buildPublication(sources, { resolver: new AssetResolver(config.dir), meta: configMeta(config), sourceDateEpoch: '1767225600' }), pdf: config.pdf };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function load(pub: Publication, pdf: PdfOptions = defaultPdfOptions, withTheme: Theme = theme): Promise<Loaded> {
  const bytes = await renderPdf(pub, { theme: withTheme, pdf });
  // pdf.js takes (detaches) the buffer it is given: give it a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const trees: StructNode[] = [];
  const links: LinkAnnotation[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const tree: unknown = await page.getStructTree();
    trees.push(isRecord(tree) ? tree : {});
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== 'Link') continue;
      const contents: unknown = annotation.contentsObj?.str;
      links.push({
        page: n,
        id: String(annotation.id),
        ...(typeof annotation.url === 'string' ? { url: annotation.url } : {}),
        ...(typeof annotation.dest === 'string' ? { dest: annotation.dest } : {}),
        contents: typeof contents === 'string' ? contents : '',
      });
    }
  }
  return { pub, bytes, pdf: doc, trees, links };
}

export function* walk(node: StructNode): Generator<StructNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
}

export function elements(trees: StructNode[], role: string): StructNode[] {
  return trees.flatMap((tree) => [...walk(tree)].filter((node) => node.role === role));
}

/** The ids of annotations a Link element refers to (pdf.js: `object` for an OBJR, `annotation` for a lone one). */
export function annotationIds(link: StructNode): string[] {
  return (link.children ?? []).filter((c) => c.type === 'object' || c.type === 'annotation').map((c) => (c.id ?? '').replace(/^pdfjs_internal_id_/, ''));
}

/** 1-based page a named destination points at. */
export async function destPage(doc: PDFDocumentProxy, name: string): Promise<number> {
  const dest = await doc.getDestination(name);
  const ref: unknown = dest?.[0];
  if (!isRecord(ref) || typeof ref.num !== 'number' || typeof ref.gen !== 'number') throw new Error(`no destination ${name}`);
  return (await doc.getPageIndex({ num: ref.num, gen: ref.gen })) + 1;
}

export interface TextLine {
  text: string;
  x: number;
  y: number;
}

/** The text of a page as positioned runs (pdf.js text content). */
export async function textItems(doc: PDFDocumentProxy, n: number): Promise<TextLine[]> {
  const content = await (await doc.getPage(n)).getTextContent();
  const out: TextLine[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const [, , , , x, y] = item.transform;
    if (typeof x === 'number' && typeof y === 'number') out.push({ text: item.str, x, y });
  }
  return out;
}

export async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  return (await textItems(doc, n)).map((item) => item.text).join(' ').replace(/\s+/g, ' ');
}

export interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

export function outlineTree(items: Array<{ title: string; items: unknown[] }> | null): OutlineNode[] {
  return (items ?? []).map((item) => ({ title: item.title, items: outlineTree(item.items.filter((i): i is { title: string; items: unknown[] } => isRecord(i) && typeof i.title === 'string' && Array.isArray(i.items))) }));
}

