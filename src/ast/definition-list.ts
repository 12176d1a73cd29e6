/**
 * Definition lists, as Pandoc, PHP Markdown Extra and MultiMarkdown write them:
 *
 *     Term
 *     : Its definition, a block that may hold paragraphs, lists, code…
 *
 * The syntax is micromark-extension-definition-list's (a line of a term, or several
 * terms on consecutive lines, then one or more `: ` descriptions; a blank line before a
 * description makes it loose). Its tree is built here rather than by
 * mdast-util-definition-list, so that the nodes are Folio's (ast/nodes.ts: `defList`,
 * `defListTerm`, `defListDescription`) and every node's position ends where its text
 * does: the extension's list token ends at the start of its last description.
 */
import type { Parent } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import { defList } from 'micromark-extension-definition-list';
import type { Processor } from 'unified';

function enterList(this: CompileContext, token: Token): undefined {
  this.enter({ type: 'defList', children: [] }, token);
}

function enterTerm(this: CompileContext, token: Token): undefined {
  this.enter({ type: 'defListTerm', children: [] }, token);
}

function enterDescription(this: CompileContext, token: Token): undefined {
  // The extension marks a description after a blank line as loose (`_loose`, not a field of micromark's Token type).
  const loose: unknown = Reflect.get(token, '_loose');
  this.enter({ type: 'defListDescription', spread: loose === true, children: [] }, token);
}

/** Closes a node and ends its position at its last child's end (the tokens' ends fall short or run on). */
function exitFitted(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1];
  this.exit(token);
  if (!node || !('children' in node) || !node.position) return undefined;
  const children: Parent['children'] = node.children;
  const last = children[children.length - 1]?.position;
  if (last) node.position.end = { ...last.end };
  return undefined;
}

export const defListFromMarkdown: FromMarkdownExtension = {
  enter: { defList: enterList, defListTerm: enterTerm, defListDescription: enterDescription },
  exit: { defList: exitFitted, defListTerm: exitFitted, defListDescription: exitFitted },
};

/** Registers the definition-list syntax with a unified processor (the parser's micromark and mdast extensions). */
export function remarkDefinitionList(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(defList);
  (data.fromMarkdownExtensions ??= []).push(defListFromMarkdown);
  return undefined;
}
