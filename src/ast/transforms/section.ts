import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point } from 'unist';
import { report } from '../../diagnostics/report.js';
import { slugify, uniqueId, type TransformContext } from '../context.js';
import type { Section } from '../nodes.js';
import { isMadeId } from './attributes.js';

/**
 * Wraps each top-level heading and what follows it, up to the next heading of the
 * same or higher rank, in a `section` with a stable, publication-unique id.
 * Headings of rank 1 are chapter titles and are split off before this runs.
 */
export function sections(tree: Root, ctx: TransformContext): void {
  const out: RootContent[] = [];
  const stack: Section[] = [];
  // The chapter's title is the heading of rank 1.
  let previous = 1;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (node.depth > previous + 1) {
        const wanted = '#'.repeat(previous + 1);
        report(ctx.file, 'heading-skip', `heading of level ${node.depth} ("${'#'.repeat(node.depth)} ${toString(node)}") follows one of level ${previous}: screen readers and accessibility checkers (Ace) expect no level skipped; write it "${wanted} …"`, node);
      }
      previous = node.depth;
      while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
      const section: Section = {
        type: 'section',
        depth: node.depth,
        id: headingId(ctx, node, toString(node)),
        children: [node],
        position: node.position ? { start: node.position.start, end: node.position.end } : undefined,
      };
      const parent = stack[stack.length - 1];
      // Left out of the contents with the sections inside it.
      if (node.data?.unlisted || parent?.unlisted) {
        section.unlisted = true;
        (node.data ??= {}).unlisted = true;
      }
      if (parent) parent.children.push(section);
      else out.push(section);
      stack.push(section);
      extend(stack, node.position?.end);
      continue;
    }
    const parent = stack[stack.length - 1];
    // Footnote definitions stay at chapter level, where renderers list them.
    if (parent && node.type !== 'footnoteDefinition') {
      parent.children.push(node);
      extend(stack, node.position?.end);
    } else {
      out.push(node);
    }
  }
  tree.children = out;
}

function extend(stack: Section[], end: Point | undefined): void {
  if (!end) return;
  for (const section of stack) if (section.position) section.position.end = end;
}

// Per id set, the next suffix worth trying for a base: every lower one was taken when probed, and ids are never freed.
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/**
 * The id of a chapter or section: the one its heading was given (`{#id}`), else one made
 * from its text, unique in the publication. A given id already taken (by an earlier
 * heading, given or made) gets a suffix, with a warning: links to it reach the first.
 */
export function headingId(ctx: TransformContext, heading: Heading | undefined, text: string): string {
  const given = heading?.data?.id;
  if (given === undefined) {
    const slug = slugify(text);
    return sectionId(ctx, isMadeId(slug) ? `section-${slug}` : slug);
  }
  if (isMadeId(given)) {
    const id = sectionId(ctx, `section-${given}`);
    report(ctx.file, 'heading-id', `"${given}" has the form of the ids Folio gives pages, chapters, figures and credits: this heading gets "${id}"; give it another id`, heading);
    return id;
  }
  const id = sectionId(ctx, given);
  if (id !== given) report(ctx.file, 'heading-id', `the id "${given}" is taken by an earlier heading or figure: this one gets "${id}"; give one of them another id`, heading);
  return id;
}

/**
 * `uniqueId`, with the same result, but without probing `-2`, `-3`… again each time:
 * a book with thousands of "Notes" headings would make that quadratic.
 */
function sectionId(ctx: TransformContext, base: string): string {
  if (!ctx.ids.has(base)) return uniqueId(ctx, base);
  let memo = nextSuffix.get(ctx.ids);
  if (!memo) {
    memo = new Map();
    nextSuffix.set(ctx.ids, memo);
  }
  let n = memo.get(base) ?? 2;
  while (ctx.ids.has(`${base}-${n}`)) n++;
  memo.set(base, n + 1);
  const id = `${base}-${n}`;
  ctx.ids.add(id);
  return id;
}
