import type { FootnoteDefinition, Heading, Root, RootContent, Text } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import { charPoint } from '../source-point.js';

export interface ChapterPart {
  /** The `#` heading that opens it; absent for text before the first one, or a manuscript without any. */
  heading?: Heading;
  tree: Root;
}

/**
 * Splits a manuscript on its top-level `#` headings. Text before the first one
 * becomes an untitled leading part (dropped when it is only whitespace).
 * Footnote definitions move to the part that first calls them, so every chapter
 * carries the notes it needs; an undefined call is reported. Markdown leaves a call
 * to a note that is never defined as text (`[^missing]`): it is reported too.
 */
export function splitChapters(tree: Root, ctx: TransformContext): ChapterPart[] {
  const parts: ChapterPart[] = [];
  let current: ChapterPart = { tree: { type: 'root', children: [] } };
  const definitions = new Map<string, { node: FootnoteDefinition; home: ChapterPart }>();
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      if (current.heading || current.tree.children.length > 0) parts.push(current);
      current = { heading: node, tree: { type: 'root', children: [], position: node.position } };
      continue;
    }
    if (node.type === 'footnoteDefinition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, { node, home: current });
      continue;
    }
    current.tree.children.push(node);
  }
  if (current.heading || current.tree.children.length > 0 || parts.length === 0) parts.push(current);

  const placed = new Set<string>();
  for (const part of parts) {
    const notes: RootContent[] = [];
    const queue: Root[] = [part.tree];
    // Notes may call other notes: follow calls inside moved definitions too.
    while (queue.length > 0) {
      const scan = queue.shift();
      if (!scan) break;
      visit(scan, 'footnoteReference', (ref) => {
        const found = definitions.get(ref.identifier);
        if (!found) {
          report(ctx.file, 'footnote-undefined', `footnote [^${ref.label ?? ref.identifier}] has no definition: add "[^${ref.label ?? ref.identifier}]: text"`, ref);
          return;
        }
        if (placed.has(ref.identifier)) return;
        placed.add(ref.identifier);
        notes.push(found.node);
        queue.push({ type: 'root', children: found.node.children });
      });
    }
    part.tree.children.push(...notes);
  }
  visit(tree, 'text', (node) => reportUndefinedCalls(node, definitions, ctx));
  for (const [identifier, { node, home }] of definitions) {
    if (!placed.has(identifier)) home.tree.children.push(node);
  }
  return parts.filter((p) => p.heading || p.tree.children.some((c) => c.type !== 'footnoteDefinition') || parts.length === 1);
}

/** `[^label]` left as text: a call whose note is never defined (an escaped `\[^label]` is meant as written). */
const undefinedCall = /\[\^([^\]\s]+)\]/g;

function reportUndefinedCalls(node: Text, definitions: ReadonlyMap<string, unknown>, ctx: TransformContext): void {
  // Only text the manuscript's Markdown made: an image title made a caption's text, where Markdown reads no calls.
  if (!node.position || !node.value.includes('[^')) return;
  const source = String(ctx.file.value);
  for (const match of node.value.matchAll(undefinedCall)) {
    const call = match[0];
    // Defined, yet left as text (inside a link's text, say): not a missing note.
    if (definitions.has(normalizeIdentifier(match[1] ?? '').toLowerCase())) continue;
    const point = charPoint(source, node, call);
    if (point?.offset !== undefined && source[point.offset - 1] === '\\') continue;
    const place = point ? { start: point, end: { ...point, column: point.column + call.length, offset: (point.offset ?? 0) + call.length } } : node.position;
    report(ctx.file, 'footnote-undefined', `footnote ${call} has no definition: add "${call}: text", or write \\${call} to print it as it is`, place);
  }
}
