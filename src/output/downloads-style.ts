/** The downloads page's stylesheet (inlined: the page must load nothing else). Colours meet WCAG AA in both schemes. */
export const downloadsCss = `:root { color-scheme: light dark; --paper: #faf8f4; --card: #ffffff; --ink: #1a1a1a; --muted: #4a4a4a; --rule: #d9d3c7; --accent: #8a2b2b; --accent-ink: #ffffff; --focus: #1f5fbf; }
@media (prefers-color-scheme: dark) { :root { --paper: #171614; --card: #22201d; --ink: #f2efe9; --muted: #c9c3b8; --rule: #45413a; --accent: #f0b9a8; --accent-ink: #1a1a1a; --focus: #8ab4ff; } }
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1rem/1.5 Georgia, "Source Serif 4", "DejaVu Serif", serif; }
.skip { position: absolute; left: 1rem; top: -3rem; background: var(--card); color: var(--ink); padding: .5rem 1rem; border: 2px solid var(--focus); }
.skip:focus { top: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
a:focus-visible, main:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.page-header, main, .page-footer { max-width: 68rem; margin: 0 auto; padding: 0 1.25rem; }
.page-header { padding-top: 2.5rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
h1 { font-size: clamp(1.75rem, 4vw, 2.5rem); line-height: 1.15; margin: 0 0 .5rem; letter-spacing: -.01em; }
.lead { font-size: 1.15rem; margin: 0 0 .5rem; }
.count { color: var(--muted); margin: 0; font-family: system-ui, sans-serif; font-size: .95rem; }
main { padding-top: 1.5rem; padding-bottom: 2rem; }
main:focus { outline: none; }
.publications { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.5rem; }
.publication article { display: grid; grid-template-columns: 10rem 1fr; gap: 1.5rem; background: var(--card); border: 1px solid var(--rule); border-radius: .5rem; padding: 1.25rem; }
.cover { width: 10rem; height: auto; max-height: 15rem; object-fit: cover; border: 1px solid var(--rule); border-radius: .25rem; background: #f7f4ee; box-shadow: 0 .25rem .75rem rgb(0 0 0 / .12); }
h2 { font-size: 1.5rem; line-height: 1.2; margin: 0 0 .35rem; }
.subtitle { font-style: italic; margin: 0 0 .5rem; }
.authors { margin: 0 0 .5rem; font-variant: small-caps; letter-spacing: .03em; }
.description { margin: 0 0 .75rem; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0 0 1rem; font-family: system-ui, sans-serif; font-size: .9rem; }
.facts div { display: flex; gap: .4rem; }
.facts dt { color: var(--muted); }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; }
.downloads { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
.download { display: grid; grid-template-columns: auto 1fr; align-items: center; gap: .25rem .75rem; }
.button { display: inline-flex; gap: .5rem; align-items: baseline; justify-self: start; padding: .45rem .9rem; border-radius: .35rem; background: var(--accent); color: var(--accent-ink); text-decoration: none; font-family: system-ui, sans-serif; font-weight: 600; }
.button:hover { text-decoration: underline; }
.button .size { font-weight: 400; }
.note { color: var(--muted); font-size: .9rem; font-family: system-ui, sans-serif; }
.checksum { grid-column: 1 / -1; margin: 0; font-size: .8rem; color: var(--muted); font-family: system-ui, sans-serif; }
.checksum code { font: .8rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; color: var(--ink); overflow-wrap: anywhere; }
.page-footer { padding-top: 1rem; padding-bottom: 2.5rem; border-top: 1px solid var(--rule); color: var(--muted); font-family: system-ui, sans-serif; font-size: .9rem; }
.page-footer code { overflow-wrap: anywhere; }
@media (max-width: 34rem) {
  .publication article { grid-template-columns: 1fr; }
  .cover { width: 8rem; }
}
@media print { .button { color: var(--ink); background: none; border: 1px solid var(--rule); } .skip { display: none; } }`;
