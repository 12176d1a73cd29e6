/**
 * Browser side: the PDF pane. pdf.js (served by the preview from pdfjs-dist)
 * draws each page into a canvas when it scrolls into view; a new version of the
 * PDF replaces the pages and keeps the scroll position. The PDF's bookmarks map
 * chapter titles to pages, so choosing a chapter can show its first page.
 */

interface Viewport {
  width: number;
  height: number;
}
interface PdfPage {
  getViewport(parameters: { scale: number }): Viewport;
  render(parameters: { canvas: HTMLCanvasElement; viewport: Viewport }): { promise: Promise<void> };
}
interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineItem[];
}
interface PdfDocument {
  numPages: number;
  getPage(number: number): Promise<PdfPage>;
  getOutline(): Promise<OutlineItem[] | null>;
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: { num: number; gen: number }): Promise<number>;
  destroy(): Promise<void>;
}
interface PdfJs {
  GlobalWorkerOptions: { workerSrc: string };
  getDocument(parameters: Record<string, unknown>): { promise: Promise<PdfDocument> };
}

const base = '/assets/pdfjs';

function isPdfJs(value: unknown): value is PdfJs {
  return typeof value === 'object' && value !== null && 'getDocument' in value && typeof value.getDocument === 'function' && 'GlobalWorkerOptions' in value;
}

function isRef(value: unknown): value is { num: number; gen: number } {
  return typeof value === 'object' && value !== null && 'num' in value && 'gen' in value && typeof value.num === 'number' && typeof value.gen === 'number';
}

let library: Promise<PdfJs> | undefined;

function loadLibrary(): Promise<PdfJs> {
  library ??= import(`${base}/build/pdf.min.mjs`).then((module: unknown) => {
    if (!isPdfJs(module)) throw new Error('pdf.js did not load');
    module.GlobalWorkerOptions.workerSrc = `${base}/build/pdf.worker.min.mjs`;
    return module;
  });
  return library;
}

export function normalizeTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export class PdfPane {
  private doc: PdfDocument | undefined;
  private token = 0;
  private observer: IntersectionObserver | undefined;
  /** Normalised bookmark title → page number (1-based). */
  private bookmarks = new Map<string, number>();
  version: string | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly onStatus: (text: string) => void,
  ) {}

  showMessage(text: string): void {
    this.token++;
    this.version = undefined;
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    this.container.replaceChildren(p);
  }

  /** Loads a new version of the PDF; the pages on screen stay until the new ones are ready. */
  async load(url: string, version: string): Promise<void> {
    if (version === this.version) return;
    this.version = version;
    const token = ++this.token;
    const pdfjs = await loadLibrary();
    // The bytes are fetched here, whole: pdf.js's own streaming loader aborts its request half-way, which reads as a failure.
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = new Uint8Array(await response.arrayBuffer());
    if (token !== this.token) return;
    const doc = await pdfjs.getDocument({ data, isEvalSupported: false, enableXfa: false, wasmUrl: `${base}/wasm/`, cMapUrl: `${base}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${base}/standard_fonts/`, iccUrl: `${base}/iccs/` }).promise;
    if (token !== this.token) {
      await doc.destroy();
      return;
    }
    const frames: HTMLElement[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const frame = document.createElement('div');
      frame.className = 'pdf-page';
      frame.dataset.page = String(number);
      frame.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
      frame.setAttribute('role', 'img');
      frame.setAttribute('aria-label', `Page ${number} of ${doc.numPages}`);
      frames.push(frame);
    }
    if (token !== this.token) {
      await doc.destroy();
      return;
    }
    const scroll = this.container.scrollTop;
    this.observer?.disconnect();
    const previous = this.doc;
    this.doc = doc;
    this.container.replaceChildren(...frames);
    this.container.scrollTop = scroll;
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting && entry.target instanceof HTMLElement) void this.draw(entry.target, doc, token);
    }, { root: this.container, rootMargin: '400px 0px' });
    for (const frame of frames) this.observer.observe(frame);
    this.onStatus(`${doc.numPages} page${doc.numPages === 1 ? '' : 's'}`);
    await previous?.destroy();
    this.bookmarks = await this.readBookmarks(doc);
  }

  private async draw(frame: HTMLElement, doc: PdfDocument, token: number): Promise<void> {
    if (frame.dataset.drawn || token !== this.token) return;
    frame.dataset.drawn = 'pending';
    const page = await doc.getPage(Number(frame.dataset.page));
    const width = Math.max(frame.clientWidth, 300);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (width / unscaled.width) * Math.min(window.devicePixelRatio || 1, 2) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvas, viewport }).promise;
    if (token !== this.token) return;
    frame.replaceChildren(canvas);
    frame.dataset.drawn = 'done';
  }

  private async readBookmarks(doc: PdfDocument): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const visit = async (items: OutlineItem[]) => {
      for (const item of items) {
        try {
          const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
          const ref = dest?.[0];
          const index = isRef(ref) ? await doc.getPageIndex(ref) : typeof ref === 'number' ? ref : undefined;
          const key = normalizeTitle(item.title);
          if (index !== undefined && !found.has(key)) found.set(key, index + 1);
        } catch {
          // A bookmark pdf.js cannot resolve: skip it.
        }
        await visit(item.items);
      }
    };
    try {
      await visit((await doc.getOutline()) ?? []);
    } catch {
      // No outline.
    }
    return found;
  }

  /** Scrolls to the first page of the chapter called `title`, when a bookmark names it. */
  showChapter(title: string): void {
    const page = this.bookmarks.get(normalizeTitle(title));
    const frame = page ? this.container.querySelector<HTMLElement>(`[data-page="${page}"]`) : null;
    if (frame) this.container.scrollTo({ top: Math.max(0, frame.offsetTop - 8) });
  }
}
