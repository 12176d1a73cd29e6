import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { chunkAbove, descriptionCount, manyDescriptions, parseInPieces, termPiece } from './chunked-parse.js';
import { remarkDefinitionList } from './definition-list.js';
import remarkGfmWithoutAutolinks, { mayHoldAutolinks, mayHoldTable, remarkGfmProse } from './gfm-without-autolinks.js';
import { frontMatterBlock } from './line-scan.js';
import { defaultParseLimits, prescan, tooDeep, type ParseLimits } from './limits.js';

export { defaultParseLimits, type ParseLimits } from './limits.js';

/** The manuscript parser, with GFM as `gfm` registers it. */
function parserWith(gfm: typeof remarkGfm | typeof remarkGfmWithoutAutolinks | typeof remarkGfmProse) {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfm).use(remarkDirective).use(remarkDefinitionList).freeze();
}

export const processor = parserWith(remarkGfm);
/** The same parser without GFM's autolink literals, for texts that cannot hold one (gfm-without-autolinks.ts). */
export const plainProcessor = parserWith(remarkGfmWithoutAutolinks);
/** Without autolink literals and tables, for texts that can hold neither (most books). */
export const proseProcessor = parserWith(remarkGfmProse);

/**
 * YAML front matter as remark-frontmatter takes it (micromark-extension-frontmatter: a
 * `---` fence, spaces allowed after it, at the very start; the first closing `---` line),
 * never more: its text is YAML, where no autolink literal is made.
 */
const yamlMatter = /^---[ \t]*(?:\r\n|\r|\n)(?:[\s\S]*?(?:\r\n|\r|\n))?---[ \t]*(?:\r\n|\r|\n|$)/;

/**
 * The parser for a text parsed as one document (a manuscript, or one piece of a long
 * one): without autolink literals when its Markdown cannot hold one, and then without
 * tables when it cannot hold one either. Its front matter does not count: a `source:`
 * URL (or a `|` block scalar) there made a whole novel take GFM's slower parse.
 */
export function parserFor(text: string): typeof processor {
  const matter = yamlMatter.exec(text);
  const markdown = matter ? text.slice(matter[0].length) : text;
  if (mayHoldAutolinks(markdown)) return processor;
  return mayHoldTable(markdown) ? plainProcessor : proseProcessor;
}

/**
 * The tree of a refused manuscript: its front matter alone (when it has one), so that
 * the refusal is the only message, not followed by a "no title" one.
 */
function refusedRoot(text: string): Root {
  const start = { line: 1, column: 1, offset: 0 };
  const m = frontMatterBlock.exec(text);
  if (!m) return { type: 'root', children: [], position: { start, end: start } };
  const end = { line: m[0].split('\n').length - (m[0].endsWith('\n') ? 1 : 0), column: 4, offset: m[0].length };
  return { type: 'root', children: [{ type: 'yaml', value: m[1] ?? '', position: { start, end } }], position: { start, end } };
}

/**
 * Parses a manuscript into mdast (front matter, GFM and directives included), within
 * `limits`: input nested too deep or too costly to parse is refused with a positioned
 * error (`input-too-deep`) and an empty tree, so the caller reports it and moves on.
 */
export function parseMarkdown(file: VFile, limits: Partial<ParseLimits> = {}): Root {
  const bounds: ParseLimits = { ...defaultParseLimits, ...limits };
  const text = String(file.value);
  const problem = prescan(text, bounds);
  if (problem) {
    report(file, 'input-too-deep', problem.reason, problem.place);
    return refusedRoot(text);
  }
  let tree: Root;
  try {
    // A long book is parsed chapter by chapter: the same tree, a fraction of the parser's
    // peak memory; each chapter takes GFM's autolinks and tables only if it may hold one.
    // A text with long definition lists is cut at their entries too, whatever its length (chunked-parse.ts).
    const terms = descriptionCount(text, manyDescriptions) >= manyDescriptions;
    const pieces = text.length > chunkAbove || terms ? parseInPieces(text, (piece) => parserFor(piece).parse(piece), terms ? termPiece : undefined, terms) : undefined;
    tree = pieces ?? parserFor(text).parse(file);
  } catch (error) {
    // micromark recurses per nesting level: a shape the scan did not foresee can still exhaust the stack.
    if (error instanceof RangeError) {
      report(file, 'input-too-deep', `the Markdown parser ran out of stack (${error.message}): the text nests too deeply; flatten its block quotes, lists or brackets`, { line: 1, column: 1 });
    } else {
      report(file, 'parse-failed', `the Markdown parser failed (${error instanceof Error ? error.message : String(error)}): this is a Folio bug; please report it with the manuscript`, { line: 1, column: 1 });
    }
    return refusedRoot(text);
  }
  const deep = tooDeep(tree, bounds.maxDepth);
  if (deep) {
    report(file, 'input-too-deep', `blocks and inline elements nest more than ${bounds.maxDepth} levels deep here: flatten them (limit: maxDepth)`, deep);
    return refusedRoot(text);
  }
  return tree;
}
