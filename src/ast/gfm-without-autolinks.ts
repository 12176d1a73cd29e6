/**
 * remark-gfm without autolink literals (`www.example.com`, `https://…`, `a@b.org` in
 * running text): footnotes, strikethrough, tables and task lists, registered as remark-gfm
 * registers them (micromark-extension-gfm and mdast-util-gfm 3, minus their first member).
 *
 * Why: the autolink constructs are tried at the start of every word (an e-mail address
 * may start anywhere), and a transform then searches every text node again: a third of
 * the parse of a novel. A text with no `@`, no `www.` and no `http…:` can hold no autolink
 * literal, so `parseMarkdown` parses it with this plugin instead of remark-gfm: the same
 * tree (tests/ast-autolinks.test.ts checks it on the corpus books and the fixtures).
 *
 * Likewise tables: their construct is tried on the first line of every paragraph, and
 * the attempt (a scan of the line, then a rollback) was a fifth of the rest of a novel's
 * parse. A table needs a `|` in its head or delimiter row, or a one-column delimiter row
 * with an alignment colon (`:-`, `-:`): a text with none of these is parsed with
 * `remarkGfmProse` (footnotes, strikethrough and task lists only).
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { combineExtensions } from 'micromark-util-combine-extensions';
import type { Processor } from 'unified';

/** Whether `text` may hold a GFM autolink literal (or an e-mail address): a loose test, never a miss. */
export function mayHoldAutolinks(text: string): boolean {
  return /@|www\.|https?:/i.test(text);
}

/** Whether `text` may hold a GFM table: a loose test, never a miss. */
export function mayHoldTable(text: string): boolean {
  return /\||:-|-:/.test(text);
}

/** GFM without autolink literals and without tables. */
export function remarkGfmProse(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()]));
  (data.fromMarkdownExtensions ??= []).push([gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown()]);
  return undefined;
}

export default function remarkGfmWithoutAutolinks(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()]));
  (data.fromMarkdownExtensions ??= []).push([gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()]);
  return undefined;
}
