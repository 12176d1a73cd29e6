/**
 * Browser side of `folio preview`: follows the server's state over server-sent
 * events and shows the chosen publication — its EPUB documents in a sandboxed
 * frame (the very XHTML and CSS of the built EPUB), its PDF page by page, the
 * chapter list and every message with its position. A new render reloads the
 * frame in place (same document, same scroll position); a failed build keeps the
 * last good render and says so.
 */
import type { MessageJson } from '../../diagnostics/json.js';
import type { TocItem } from '../../output/epub-reader.js';
import type { PreviewState, PublicationView, RenderView } from '../session.js';
import { PdfPane } from './pdf-pane.js';

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`preview page: #${id} is missing`);
  return found;
}

const ui = {
  status: element('status', HTMLElement),
  select: element('publication', HTMLSelectElement),
  fileEpub: element('file-epub', HTMLAnchorElement),
  filePdf: element('file-pdf', HTMLAnchorElement),
  chapters: element('chapter-list', HTMLOListElement),
  banner: element('banner', HTMLDivElement),
  frame: element('epub-frame', HTMLIFrameElement),
  empty: element('epub-empty', HTMLParagraphElement),
  epubInfo: element('epub-info', HTMLSpanElement),
  pdfInfo: element('pdf-info', HTMLSpanElement),
  messages: element('message-list', HTMLOListElement),
  count: element('message-count', HTMLSpanElement),
};

const pdf = new PdfPane(element('pdf-pages', HTMLDivElement), (text) => (ui.pdfInfo.textContent = text));
let state: PreviewState | undefined;
let selected = decodeURIComponent(location.hash.slice(1).split('/')[0] ?? '');
/** The zip path (with fragment) of the document in the frame. */
let docPath = location.hash.slice(1).split('/').slice(1).map(decodeURIComponent).join('/');
let frameVersion: string | undefined;
let pendingScroll: number | undefined;

const enc = (value: string) => encodeURIComponent(value);
const pubBase = (name: string, render: RenderView) => `/pub/${enc(name)}/${render.version}`;
const docUrl = (name: string, render: RenderView, path: string) => {
  const [file = '', fragment] = path.split('#', 2);
  return `${pubBase(name, render)}/epub/${file.split('/').map(enc).join('/')}${fragment ? `#${fragment}` : ''}`;
};

function isState(value: unknown): value is PreviewState {
  return typeof value === 'object' && value !== null && 'revision' in value && 'publications' in value && Array.isArray(value.publications);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : bytes < 1e6 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function remember(): void {
  history.replaceState(null, '', `#${enc(selected)}/${docPath.split('/').map(enc).join('/')}`);
}

function chosen(): PublicationView | undefined {
  return state?.publications.find((p) => p.name === selected) ?? state?.publications[0];
}

function renderPicker(publications: PublicationView[]): void {
  const labels = publications.map((p) => {
    const errors = p.messages.filter((m) => m.severity === 'error').length;
    return `${p.render?.metadata.title ?? p.name} (${p.name})${errors ? `: ${plural(errors, 'error')}` : ''}`;
  });
  const options = [...ui.select.options];
  if (options.length !== publications.length || options.some((o, i) => o.value !== publications[i]?.name || o.textContent !== labels[i])) {
    ui.select.replaceChildren(...publications.map((p, i) => new Option(labels[i] ?? p.name, p.name)));
  }
  ui.select.value = selected;
  ui.select.disabled = publications.length < 2;
}

function renderStatus(s: PreviewState, pub: PublicationView | undefined): void {
  const errors = pub?.messages.filter((m) => m.severity === 'error').length ?? 0;
  const warnings = pub?.messages.filter((m) => m.severity === 'warning').length ?? 0;
  let text: string;
  let kind = '';
  if (s.building || pub?.status === 'building') [text, kind] = ['Building…', 'building'];
  else if (s.project.some((m) => m.severity === 'error')) [text, kind] = ['Configuration error: see Messages', 'failed'];
  else if (!pub) text = 'No publication found';
  else if (pub.status === 'failed') [text, kind] = [`Build failed: ${plural(errors, 'error')}`, 'failed'];
  else text = `${pub.cached ? 'Up to date' : `Built in ${pub.durationMs ?? 0} ms`}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`;
  ui.status.textContent = text;
  ui.status.className = `status ${kind}`;
  const stale = pub?.stale ? `${pub.name} has errors: this is the last good render (built at ${new Date(pub.render?.builtAt ?? 0).toLocaleTimeString()}). Fix the errors listed under Messages.` : '';
  const none = pub && !pub.render && pub.status === 'failed' ? `${pub.name} has not built yet: fix the errors listed under Messages.` : '';
  ui.banner.textContent = stale || none;
  ui.banner.hidden = !(stale || none);
}

function renderMessages(s: PreviewState, pub: PublicationView | undefined): void {
  const all: MessageJson[] = [...s.project, ...(pub?.messages ?? [])];
  ui.count.textContent = all.length > 0 ? `(${all.length})` : '';
  if (all.length === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = 'No errors or warnings.';
    ui.messages.replaceChildren(li);
    return;
  }
  ui.messages.replaceChildren(
    ...all.map((m) => {
      const li = document.createElement('li');
      li.className = m.severity;
      const severity = Object.assign(document.createElement('span'), { className: 'severity', textContent: m.severity });
      const position = Object.assign(document.createElement('code'), { className: 'position', textContent: m.line > 0 ? `${m.file}:${m.line}:${m.column}` : m.file });
      const text = Object.assign(document.createElement('span'), { className: 'text', textContent: m.message });
      li.append(severity, ' ', position, text);
      if (m.ruleId) li.append(' ', Object.assign(document.createElement('span'), { className: 'rule', textContent: `[${m.ruleId}]` }));
      return li;
    }),
  );
}

function tocList(pub: PublicationView, render: RenderView, items: TocItem[]): HTMLOListElement {
  const ol = document.createElement('ol');
  for (const item of items) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = docUrl(pub.name, render, item.href);
    a.target = 'epub-frame';
    a.textContent = item.title;
    a.dataset.path = item.href;
    a.addEventListener('click', () => {
      docPath = item.href;
      remember();
      pdf.showChapter(item.title);
    });
    li.append(a);
    if (item.children.length > 0) li.append(tocList(pub, render, item.children));
    ol.append(li);
  }
  return ol;
}

function renderChapters(pub: PublicationView, render: RenderView): void {
  const inToc = new Set<string>();
  const walk = (items: TocItem[]) => {
    for (const item of items) {
      inToc.add(item.href.split('#')[0] ?? '');
      walk(item.children);
    }
  };
  walk(render.toc);
  // Spine documents the table of contents leaves out (cover, contents page) come first, as readers meet them.
  const extra: TocItem[] = render.spine.filter((d) => !inToc.has(d.path)).map((d) => ({ title: d.title, href: d.path, children: [] }));
  const list = tocList(pub, render, [...extra, ...render.toc]);
  ui.chapters.replaceChildren(...list.children);
  markCurrent();
}

function markCurrent(): void {
  const links = [...ui.chapters.querySelectorAll<HTMLAnchorElement>('a')];
  // The exact document and fragment when listed, else the document's own entry.
  const file = docPath.split('#')[0];
  const current = links.find((a) => a.dataset.path === docPath) ?? links.find((a) => a.dataset.path === file);
  for (const a of links) {
    if (a === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showFrame(pub: PublicationView, render: RenderView): void {
  const known = render.spine.some((d) => d.path === docPath.split('#')[0]);
  if (!known) {
    // First visit: the first chapter (after the cover and the contents page).
    docPath = render.spine.find((d) => d.id !== 'cover' && d.id !== 'nav')?.path ?? render.spine[0]?.path ?? '';
    remember();
  }
  const url = docUrl(pub.name, render, docPath);
  if (frameVersion === `${pub.name}@${render.version}` && ui.frame.src) return;
  if (frameVersion?.startsWith(`${pub.name}@`)) pendingScroll = ui.frame.contentWindow?.scrollY;
  frameVersion = `${pub.name}@${render.version}`;
  ui.frame.hidden = false;
  ui.empty.hidden = true;
  ui.frame.src = url;
}

function renderFiles(pub: PublicationView, render: RenderView | undefined): void {
  for (const [link, file] of [[ui.fileEpub, render?.epub], [ui.filePdf, render?.pdf]] as const) {
    link.hidden = !file || !render;
    if (file && render) {
      link.href = `${pubBase(pub.name, render)}/${enc(file.file.split('/').pop() ?? file.file)}`;
      link.textContent = `${file.file.endsWith('.pdf') ? 'PDF' : 'EPUB'} (${formatBytes(file.bytes)})`;
    }
  }
}

function apply(next: PreviewState): void {
  state = next;
  const pub = chosen();
  if (pub && pub.name !== selected) selected = pub.name;
  renderPicker(next.publications);
  renderStatus(next, pub);
  renderMessages(next, pub);
  const render = pub?.render;
  renderFiles(pub ?? { name: '', status: 'pending', messages: [], cached: false, stale: false }, render);
  if (!pub || !render) {
    ui.chapters.replaceChildren();
    ui.frame.hidden = true;
    ui.empty.hidden = false;
    ui.empty.textContent = next.building ? 'Building…' : 'No successful build yet.';
    if (!next.building) pdf.showMessage('No PDF yet.');
    return;
  }
  document.title = `${render.metadata.title} · Folio preview`;
  ui.epubInfo.textContent = render.epub ? `${render.spine.length} documents` : 'not built';
  renderChapters(pub, render);
  if (render.epub) showFrame(pub, render);
  if (!render.pdf) pdf.showMessage('No PDF was built (see --format).');
  else if (!next.pdfjs) pdf.showMessage('pdf.js (pdfjs-dist) is not installed: use the PDF link above.');
  else void pdf.load(`${pubBase(pub.name, render)}/${enc(render.pdf.file.split('/').pop() ?? '')}`, `${pub.name}@${render.version}`).catch((error: unknown) => pdf.showMessage(`The PDF could not be shown: ${error instanceof Error ? error.message : String(error)}`));
}

ui.frame.addEventListener('load', () => {
  const win = ui.frame.contentWindow;
  if (!win) return;
  const pub = chosen();
  const render = pub?.render;
  // Follow links clicked inside the document, so the chapter list and the address stay in step.
  const match = render ? /^\/pub\/[^/]+\/[^/]+\/epub\/(.*)$/.exec(win.location.pathname) : null;
  if (match?.[1]) {
    docPath = `${match[1].split('/').map(decodeURIComponent).join('/')}${win.location.hash}`;
    remember();
    markCurrent();
  }
  if (pendingScroll !== undefined) {
    win.scrollTo(0, pendingScroll);
    pendingScroll = undefined;
  }
});

ui.select.addEventListener('change', () => {
  selected = ui.select.value;
  docPath = '';
  frameVersion = undefined;
  if (state) apply(state);
});

const events = new EventSource('/events');
events.addEventListener('state', (event) => {
  const data: unknown = JSON.parse(event instanceof MessageEvent && typeof event.data === 'string' ? event.data : 'null');
  if (isState(data)) apply(data);
});
events.addEventListener('error', () => {
  ui.status.textContent = 'Disconnected from folio preview: reconnecting…';
  ui.status.className = 'status failed';
});
