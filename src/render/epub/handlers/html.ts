import type { ElementContent } from 'hast';
import type { Html, Parents as MdastParents, RootContent } from 'mdast';
import { h, phrasingParents } from '../hast.js';
import type { ChapterContext, TypedHandler } from '../context.js';
import { closeMarker, openMarker } from '../html/pairs.js';
import { isPhrasingElement, sanitizeHtml } from '../html/sanitize.js';
import { droppedWithContent, keptTags } from '../html/schema.js';

const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Tags left open at the end of a snippet (`<details><summary>…</summary>`), outermost first. */
function unclosed(value: string): string[] {
  const stack: string[] = [];
  for (const match of value.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const [, slash, rawName = '', selfClosing] = match;
    const name = rawName.toLowerCase();
    if (voidTags.has(name) || selfClosing) continue;
    if (!slash) stack.push(name);
    else if (stack.lastIndexOf(name) !== -1) stack.length = stack.lastIndexOf(name);
  }
  return stack;
}

/**
 * Raw HTML goes through the sanitiser (html/sanitize.ts): what it drops is reported
 * with its position. A lone start or end tag becomes a marker that `pairRawHtml`
 * matches with its partner, so `<span>`…`</span>` around Markdown keeps working.
 * HTML comments are dropped silently: they are notes to the editor.
 */
export function html(ctx: ChapterContext): TypedHandler<'html'> {
  return (_state, node, parent: MdastParents | undefined) => {
    if (consumed.has(node)) return undefined;
    const value = run(node, parent);
    if (/^\s*(<!--[\s\S]*?-->\s*)+$/.test(value)) return undefined;
    const phrasing = parent !== undefined && phrasingParents.has(parent.type);
    const end = /^\s*<\/([A-Za-z][A-Za-z0-9-]*)\s*>\s*$/.exec(value);
    if (end?.[1]) return closeMarker(end[1].toLowerCase());
    const open = unclosed(value);
    const nodes = sanitizeHtml(value, node, ctx.file, phrasing);
    const outer = open[0];
    if (outer !== undefined && open.length === 1) {
      const kind = droppedWithContent.includes(outer) ? 'drop' : keptTags.includes(outer) ? 'element' : 'unwrap';
      const last = nodes[nodes.length - 1];
      if (kind === 'element' && last && last.type === 'element') return [...nodes.slice(0, -1), openMarker({ kind, tag: outer, element: last })];
      return [...nodes, openMarker(kind === 'drop' ? { kind, tag: outer } : { kind: 'unwrap', tag: outer })];
    }
    const out = phrasing ? nodes : paragraphs(nodes);
    return out.length > 0 ? out : undefined;
  };
}

/** html nodes already parsed as part of an earlier sibling's run. */
const consumed = new WeakSet<Html>();

/**
 * A block of raw HTML with blank lines inside (`<table>`, blank line, `<tbody>…</table>`)
 * reaches us as consecutive html siblings: they are parsed together, as one snippet,
 * with the blank lines they had in the manuscript.
 */
function run(node: Html, parent: MdastParents | undefined): string {
  const siblings: RootContent[] = parent && 'children' in parent ? parent.children : [];
  const at = siblings.indexOf(node);
  if (at === -1) return node.value;
  let value = node.value;
  let previous: Html = node;
  for (let i = at + 1; i < siblings.length; i += 1) {
    const next = siblings[i];
    if (!next || next.type !== 'html' || unclosed(value).length === 0) break;
    const end = previous.position?.end;
    const start = next.position?.start;
    // Same line (inline HTML): the nodes touch; else the blank lines between them.
    const gap = end && start && start.line === end.line ? ' '.repeat(Math.max(0, start.column - end.column)) : '\n'.repeat(Math.max(1, (start?.line ?? 0) - (end?.line ?? 0)));
    value += gap + next.value;
    consumed.add(next);
    previous = next;
  }
  return value;
}

/** At block level, runs of bare text and inline elements from a snippet become paragraphs. */
function paragraphs(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) out.push(h('p', {}, trimRun(run)));
    else out.push(...run);
    run = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || (node.type === 'element' && isPhrasingElement(node))) run.push(node);
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

function trimRun(run: ElementContent[]): ElementContent[] {
  const first = run[0];
  const last = run[run.length - 1];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return run.filter((node) => node.type !== 'text' || node.value !== '');
}
