/** The preview page: static markup (the script fills it from the live state) and its stylesheet. */
import { escapeHtml } from '../output/escape-html.js';

export function shellHtml(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Folio preview</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<header class="bar">
<h1 class="brand">Folio preview</h1>
<div class="picker"><label for="publication">Publication</label> <select id="publication"></select></div>
<p id="status" class="status" role="status" aria-live="polite">Connecting…</p>
<nav class="files" aria-label="Files">
<a id="file-epub" hidden>EPUB</a>
<a id="file-pdf" hidden>PDF</a>
<a href="/downloads/">Downloads page</a>
</nav>
</header>
<div class="layout">
<nav id="chapters" class="chapters" aria-labelledby="chapters-heading">
<h2 id="chapters-heading">Chapters</h2>
<ol id="chapter-list"></ol>
</nav>
<main id="main" class="panes">
<div id="banner" class="banner" role="alert" hidden></div>
<section class="pane epub" aria-labelledby="epub-heading">
<h2 id="epub-heading" class="pane-title">EPUB <span id="epub-info" class="info"></span></h2>
<iframe id="epub-frame" name="epub-frame" title="EPUB chapter" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" hidden></iframe>
<p id="epub-empty" class="empty">Waiting for the first build…</p>
</section>
<section class="pane pdf" aria-labelledby="pdf-heading">
<h2 id="pdf-heading" class="pane-title">PDF <span id="pdf-info" class="info"></span></h2>
<div id="pdf-pages" class="pdf-pages" tabindex="0" role="region" aria-label="PDF pages"></div>
</section>
</main>
<aside id="messages" class="messages" aria-labelledby="messages-heading">
<h2 id="messages-heading">Messages <span id="message-count" class="count"></span></h2>
<ol id="message-list"></ol>
</aside>
</div>
</body>
</html>
`;
}

/** A small book mark, so browsers do not ask for /favicon.ico. */
export const iconSvg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8a2b2b"/><path d="M9 7h11l3 3v15H9z" fill="#f7f4ee"/><path d="M12 13h8M12 17h8M12 21h5" stroke="#8a2b2b" stroke-width="2"/></svg>';

export const appCss = `:root { color-scheme: light; --bg: #f4f2ee; --panel: #ffffff; --ink: #1c1c1c; --muted: #555; --rule: #d6d1c7; --accent: #8a2b2b; --error: #a4161a; --warning: #7a4d00; --info: #1f4f8a; --focus: #1f5fbf; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: grid; grid-template-rows: auto 1fr; background: var(--bg); color: var(--ink); font: 15px/1.45 system-ui, sans-serif; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding: .5rem 1rem; background: #1f1d1a; color: #f4f2ee; }
.bar a { color: #f3c9bd; }
.brand { font: 600 1.05rem/1 Georgia, serif; margin: 0; letter-spacing: .02em; }
.picker { display: flex; align-items: center; gap: .4rem; }
.picker select { font: inherit; max-width: 28rem; }
.status { margin: 0; flex: 1; min-width: 12rem; }
.status.failed { color: #ffb4a8; font-weight: 600; }
.status.building { color: #ffe08a; }
.files { display: flex; gap: 1rem; }
.layout { display: grid; grid-template-columns: 15rem 1fr; grid-template-rows: 1fr auto; min-height: 0; }
.chapters { grid-row: 1 / 3; overflow: auto; border-right: 1px solid var(--rule); background: var(--panel); padding: .75rem; }
.chapters h2, .messages h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0 0 .5rem; }
.chapters ol { list-style: none; margin: 0; padding: 0; }
.chapters ol ol { padding-left: .9rem; font-size: .9em; }
.chapters a { display: block; padding: .25rem .4rem; border-radius: .25rem; color: var(--ink); text-decoration: none; }
.chapters a:hover { background: #efe9df; }
.chapters a[aria-current] { background: #f2dcd6; font-weight: 600; }
.panes { display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: auto 1fr; min-height: 0; gap: 0; }
.banner { grid-column: 1 / -1; margin: 0; padding: .5rem 1rem; background: #fbe3e0; color: #5c0d0f; border-bottom: 1px solid #e8b5ae; }
.pane { display: flex; flex-direction: column; min-height: 0; min-width: 0; grid-row: 2; }
.pane.epub { border-right: 1px solid var(--rule); }
.pane-title { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0; padding: .4rem .75rem; background: var(--panel); border-bottom: 1px solid var(--rule); }
.pane-title .info { text-transform: none; letter-spacing: 0; font-weight: 400; }
#epub-frame { flex: 1; width: 100%; max-width: 46rem; margin: 0 auto; border: 0; border-inline: 1px solid var(--rule); background: #fff; }
.pane.epub { background: #ebe7df; }
.empty { margin: 2rem; color: var(--muted); }
.pdf-pages { position: relative; flex: 1; overflow: auto; padding: 1rem; background: #6b6760; }
.pdf-page { margin: 0 auto 1rem; max-width: 46rem; background: #fff; box-shadow: 0 2px 8px rgb(0 0 0 / .35); }
.pdf-page canvas { display: block; width: 100%; height: auto; }
.pdf-pages .empty { color: #fff; }
.messages { grid-column: 2; max-height: 11rem; overflow: auto; border-top: 1px solid var(--rule); background: var(--panel); padding: .5rem .75rem; }
.messages ol { list-style: none; margin: 0; padding: 0; font-size: .9rem; }
.messages li { padding: .15rem 0; border-bottom: 1px solid #eee; }
.messages .none { color: var(--muted); }
.messages .severity { display: inline-block; min-width: 4.2rem; font-weight: 700; text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; }
.messages .error .severity { color: var(--error); }
.messages .warning .severity { color: var(--warning); }
.messages .info .severity { color: var(--info); }
.messages .position { font-family: ui-monospace, "DejaVu Sans Mono", monospace; margin-right: .4rem; }
.messages .rule { color: var(--muted); }
.count { text-transform: none; letter-spacing: 0; }
@media (max-width: 60rem) {
  .layout { grid-template-columns: 1fr; grid-template-rows: auto 1fr auto; }
  .chapters { grid-row: auto; max-height: 9rem; border-right: 0; border-bottom: 1px solid var(--rule); }
  .panes { grid-template-columns: 1fr; grid-template-rows: auto 60vh 60vh; }
  .pane.pdf { grid-row: 3; }
  .messages { grid-column: 1; }
}
`;
