/**
 * A definition list: each term bold, ragged and unhyphenated, on lines of its own and
 * kept with what follows it; each description below its terms, indented 1.5 em (from
 * the right, right to left). Entries are a third of a line apart, half a line when the
 * manuscript left blank lines between them (a loose list). Tagged as a list: an LI per
 * group of terms and their descriptions, a Lbl per term, an LBody per description.
 */
import type { Node } from 'unist';
import type { DefList, DefListDescription } from '../../../ast/nodes.js';
import { baseStyle, inlineRuns } from './inline.js';
import { paragraphItems } from './items.js';
import { layoutLines } from './lines.js';
import { structIn, type BlockCtx, type Item, type StructNode } from './types.js';

/** How far a description stands in from its term, in ems. */
export const DESCRIPTION_INDENT = 1.5;

type BlockLayout = (node: Node, ctx: BlockCtx) => Item[];

export function definitionListItems(node: DefList, ctx: BlockCtx, indented: (ctx: BlockCtx, indent: number) => BlockCtx, layoutBlock: BlockLayout): Item[] {
  const items: Item[] = [];
  const list = structIn(ctx, 'L');
  const loose = node.children.some((child) => child.type === 'defListDescription' && child.spread);
  const { leading } = ctx.style;
  const entryGap = loose ? leading * 0.5 : leading / 3;
  let li: StructNode = { role: 'LI', parent: list };
  let previous: 'term' | 'description' | undefined;
  for (const child of node.children) {
    if (child.type === 'defListTerm') {
      if (previous === 'description') li = { role: 'LI', parent: list };
      const spaceBefore = previous === undefined ? leading * 0.5 : previous === 'term' ? 0 : entryGap;
      const runs = inlineRuns(child.children, { ...baseStyle(ctx.style), bold: true }, ctx.scope);
      const lines = layoutLines(runs, ctx.width, 'left', ctx.scope.env.metrics, ctx.scope.missing);
      items.push(...paragraphItems(lines, { x: ctx.x, size: ctx.style.size, leading, spaceBefore, together: true, keepWithNext: true, tag: { role: 'Lbl', parent: li }, node: child }));
      previous = 'term';
    } else {
      const inner: BlockCtx = { ...indented(ctx, ctx.style.size * DESCRIPTION_INDENT), parent: { role: 'LBody', parent: li } };
      const spaceBefore = previous === undefined ? leading * 0.5 : previous === 'term' ? (child.spread ? leading * 0.25 : 0) : child.spread ? leading * 0.5 : leading * 0.15;
      items.push(...descriptionItems(child, inner, spaceBefore, layoutBlock));
      previous = 'description';
    }
  }
  return items;
}

/** A description's blocks, the first `spaceBefore` below what precedes it, the others as a list item's. */
function descriptionItems(node: DefListDescription, ctx: BlockCtx, spaceBefore: number, layoutBlock: BlockLayout): Item[] {
  const items: Item[] = [];
  node.children.forEach((child, index) => {
    const laidOut = layoutBlock(child, ctx);
    const first = laidOut[0];
    if (first) first.spaceBefore = index === 0 ? spaceBefore : node.spread ? first.spaceBefore : Math.min(first.spaceBefore, ctx.style.leading * 0.2);
    items.push(...laidOut);
  });
  return items;
}
