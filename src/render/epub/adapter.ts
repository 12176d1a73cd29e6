/**
 * The only module that touches epub-gen-memory (1.1.2). Everything Folio writes is
 * prepared beforehand (XHTML documents, nav, NCX, OPF, images as bytes); the library
 * assembles the container through its template options, and this adapter works
 * around its traps:
 *
 * - ESM: the default export is not callable from ESM → import the `EPub` class.
 * - Chapter HTML is re-parsed by htmlparser2 and filtered (drops `scope`, `width`,
 *   `height`, `data-*`, `xmlns:epub`…; keeps `<script>`/`on*`), and every `<img src>`
 *   is queued for download → our documents never pass through `content`: each
 *   chapter's content is empty and the `chapterXHTML` template prints our own,
 *   already serialised document (`<%- xhtml %>`).
 * - It fetches images, fonts and the cover over HTTP or `file://` → no `<img>` ever
 *   reaches it and no `cover`/`fonts` option is given; `downloadAllImages`,
 *   `downloadAllFonts` and `makeCover` are overridden to write our in-memory bytes.
 * - Its OPF/nav/NCX templates hard-code `xml:lang="en"`, a random UUID identifier,
 *   "now" dates, an empty `dc:description` (EPUBCheck error without one), a single
 *   comma-joined creator and no `cover-image` → `contentOPF`, `tocXHTML` and `tocNCX`
 *   are replaced by templates that print documents built from the Publication.
 * - Zip entries carry the current time and its zip has folder entries → the archive
 *   is re-zipped: `mimetype` first and STORED, fixed entry dates (the publication's
 *   `modified`), no folder entries, DEFLATE level 9. Same input, same bytes.
 */
import { EPub, type Chapter as GenChapter, type Options as GenOptions } from 'epub-gen-memory';
import type JSZip from 'jszip';
import { zipEntries, type ZipEntry } from './zip.js';

export interface PackagedDocument {
  /** File name next to the package document (no slashes). */
  filename: string;
  title: string;
  /** Complete XHTML document. */
  xhtml: string;
}

export interface PackagedFile {
  /** Path relative to the package document, e.g. `images/img-hero.png`. */
  href: string;
  data: Uint8Array;
}

export interface ContainerInput {
  title: string;
  authors: string[];
  lang: string;
  description: string;
  /** Stylesheet text, written as `style.css`. */
  css: string;
  /** Serialised package document, navigation document and NCX. */
  opf: string;
  nav: string;
  ncx: string;
  /** Content documents in spine order. */
  documents: PackagedDocument[];
  /** Binary resources (images, later fonts and cover). */
  files: PackagedFile[];
  /** Date stamped on every zip entry. */
  date: Date;
}

/** The template data epub-gen-memory passes through to our templates (it spreads unknown options). */
interface FolioTemplateData {
  folio: { opf: string; nav: string; ncx: string };
}

type FolioChapter = GenChapter & { xhtml: string };

class InMemoryEPub extends EPub {
  readonly #files: PackagedFile[];

  constructor(options: GenOptions & FolioTemplateData, content: FolioChapter[], files: PackagedFile[]) {
    super(options, content);
    this.#files = files;
  }

  protected override async downloadAllImages(): Promise<void> {
    const oebps = this.zip.folder('OEBPS');
    if (!oebps) throw new Error('epub-gen-memory: no OEBPS folder');
    for (const file of this.#files) oebps.file(file.href, file.data, { binary: true, createFolders: false });
  }

  protected override async downloadAllFonts(): Promise<void> {
    // Fonts, when the theme embeds them, travel as `files` too: never fetched.
  }

  protected override async makeCover(): Promise<void> {
    // The cover (issue 3) is an ordinary file plus a manifest property in our OPF.
  }

  /** The library's zip, after its templates and our files are written. */
  async assemble(): Promise<JSZip> {
    await this.render();
    return this.zip;
  }
}

/** Fixed DOS dates start in 1980; clamp anything earlier. */
function zipDate(date: Date): Date {
  const min = Date.UTC(1980, 0, 1, 0, 0, 0);
  return Number.isNaN(date.getTime()) || date.getTime() < min ? new Date(min) : date;
}

export async function packageContainer(input: ContainerInput): Promise<Uint8Array> {
  const options: GenOptions & FolioTemplateData = {
    title: input.title,
    author: input.authors,
    lang: input.lang,
    description: input.description,
    date: input.date.toISOString(),
    css: input.css,
    version: 3,
    verbose: false,
    ignoreFailedDownloads: false,
    chapterXHTML: '<%- xhtml %>',
    contentOPF: '<%- folio.opf %>',
    tocXHTML: '<%- folio.nav %>',
    tocNCX: '<%- folio.ncx %>',
    folio: { opf: input.opf, nav: input.nav, ncx: input.ncx },
  };
  const chapters: FolioChapter[] = input.documents.map((doc) => ({
    title: doc.title,
    filename: doc.filename,
    content: '',
    xhtml: doc.xhtml,
  }));
  const source = await new InMemoryEPub(options, chapters, input.files).assemble();

  const date = zipDate(input.date);
  const names = Object.keys(source.files).filter((name) => name !== 'mimetype' && !source.files[name]?.dir);
  // Container first, then the package document, then everything in the library's order.
  const rank = (name: string) => (name.startsWith('META-INF/') ? 0 : name.endsWith('.opf') ? 1 : 2);
  names.sort((a, b) => rank(a) - rank(b));
  const entries: ZipEntry[] = [{ name: 'mimetype', data: new TextEncoder().encode('application/epub+zip'), store: true }];
  for (const name of names) {
    const entry = source.file(name);
    if (entry) entries.push({ name, data: await entry.async('uint8array') });
  }
  return zipEntries(entries, date);
}
