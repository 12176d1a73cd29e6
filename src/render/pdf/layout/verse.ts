/**
 * Verse (`:::verse`): each line of a stanza is set on a line of its own, ragged, never
 * hyphenated; a line of verse too long for the measure turns over onto the next line
 * with a hanging indent, as a typesetter sets a long line of a poem, and the turnover
 * stays on the page of the line it belongs to. Stanzas are a blank line apart; a stanza
 * of up to four lines is kept whole on a page, a longer one is split with no single
 * line of it left alone at the foot or head of a page.
 */
import type { Paragraph } from 'mdast';
import type { Verse } from '../../../ast/nodes.js';
import { baseStyle, inlineRuns } from './inline.js';
import { paragraphItems } from './items.js';
import { layoutLines } from './lines.js';
import type { BlockCtx, Item, Line, Run, StructNode } from './types.js';

/** Turnovers start this many ems further in than their line. */
export const VERSE_HANG = 2;
/** A stanza of up to this many lines (turnovers included) is not split across pages. */
const WHOLE_STANZA = 4;

/** Runs cut at their breaks: one array per line of verse. */
function verseLines(runs: readonly Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    if (run.kind === 'break') lines.push([]);
    else lines[lines.length - 1]?.push(run);
  }
  return lines;
}

/**
 * One stanza's items. `offset`: characters of the verse's text before the stanza (the
 * items point the page map at the verse, which the EPUB renders as one element).
 */
export function stanzaItems(stanza: Paragraph, verse: Verse, ctx: BlockCtx, spaceBefore: number, offset: number, tag: StructNode): Item[] {
  const { env } = ctx.scope;
  const hang = ctx.style.size * VERSE_HANG;
  const lines: Line[] = [];
  const turnover: boolean[] = [];
  for (const runs of verseLines(inlineRuns(stanza.children, baseStyle(ctx.style), ctx.scope))) {
    // An empty line of verse (two breaks in a row) keeps its place.
    const set = runs.length === 0 ? [{ fragments: [], width: 0 }] : layoutLines(runs, ctx.width, 'left', env.metrics, ctx.scope.missing, { hang });
    set.forEach((line, index) => {
      lines.push(line);
      turnover.push(index > 0);
    });
  }
  const items = paragraphItems(lines, { x: ctx.x, size: ctx.style.size, leading: ctx.style.leading, spaceBefore, together: lines.length <= WHOLE_STANZA, tag });
  items.forEach((item, index) => {
    // A line of verse and its turnovers stay on one page.
    if (turnover[index + 1]) item.keepWithNext = true;
    item.source = { node: verse, offset: offset + (lines[index]?.offset ?? 0) };
  });
  return items;
}
