import type { Root, RootContent, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import type { CaptionedTable, FigureCaption } from '../nodes.js';
import { alongLine } from '../source-point.js';
import { childrenOf } from './util.js';

/**
 * How a table's caption starts: Pandoc's `Table:`, `table:` or a lone `:`, and the word
 * in the other languages Folio hyphenates (`Tableau :`, `Tabelle:`, `Tabla:`…).
 */
const captionStart = /^(?:(?:[Tt]able|[Tt]ableau|[Tt]abelle|[Tt]abla|[Tt]abella|[Tt]abela|[Tt]abel)[ \u00a0\u202f]?:|:)[ \t\u00a0\u202f]+/u;

/** The caption a paragraph is, without its `Table:` (undefined when it is not one). */
function captionOf(paragraph: RootContent | undefined): FigureCaption | undefined {
  if (paragraph?.type !== 'paragraph') return undefined;
  const first = paragraph.children[0];
  if (first?.type !== 'text') return undefined;
  const match = captionStart.exec(first.value);
  if (!match) return undefined;
  const rest = first.value.slice(match[0].length);
  const start = first.position?.start;
  const shifted = start?.offset === undefined ? undefined : alongLine(start, match[0].length);
  const text = { ...first, value: rest, ...(first.position && shifted ? { position: { start: shifted, end: first.position.end } } : {}) };
  const children = rest === '' ? paragraph.children.slice(1) : [text, ...paragraph.children.slice(1)];
  if (children.length === 0) return undefined;
  return { type: 'figureCaption', children, position: paragraph.position };
}

/**
 * Pandoc's table captions: a paragraph starting `Table:` (or `:`) right before a table,
 * else right after it, is its caption; a `Table:` paragraph between two tables goes to
 * the first, unless that one has a caption above it (Pandoc reads them so). The two
 * become a `captionedTable`, which the EPUB writes as the table's `<caption>` and the
 * PDF sets above the table, tagged as the Table's Caption.
 */
export function tableCaptions(tree: Root): void {
  visit(tree, 'table', (table: Table, index, parent) => {
    if (!parent || index === undefined || parent.type === 'captionedTable') return undefined;
    const siblings = childrenOf(parent);
    // As Pandoc reads them: a caption above the table first; else the one below it.
    const before = captionOf(siblings[index - 1]);
    const after = before ? undefined : captionOf(siblings[index + 1]);
    const caption = after ?? before;
    if (!caption) return undefined;
    const first = before ?? table;
    const last = after ?? table;
    const position = first.position && last.position ? { start: first.position.start, end: last.position.end } : table.position;
    const wrapped: CaptionedTable = { type: 'captionedTable', children: [caption, table], position };
    if (after) {
      siblings.splice(index, 2, wrapped);
      return index + 1;
    }
    siblings.splice(index - 1, 2, wrapped);
    return index;
  });
}
