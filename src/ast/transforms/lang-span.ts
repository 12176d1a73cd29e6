import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { report } from '../../diagnostics/report.js';
import type { TransformContext } from '../context.js';
import type { LangSpan, NoTypography } from '../nodes.js';
import { attribute, childrenOf } from './util.js';

// BCP 47 shape (language, optional script, region, variants).
const bcp47 = /^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-[a-z\d]{5,8})*$/i;

/**
 * `:lang[Text]{lang=de}` becomes a `langSpan` (typography, hyphenation and the
 * EPUB's `lang` follow it); `:notypo[Text]` becomes a `noTypography` span that the
 * typography rules leave alone.
 */
export function langSpans(tree: Root, ctx: TransformContext): void {
  visit(tree, 'textDirective', (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.name === 'notypo') {
      const span: NoTypography = { type: 'noTypography', children: node.children, position: node.position };
      childrenOf(parent).splice(index, 1, span);
      return index + 1;
    }
    if (node.name !== 'lang') return;
    const lang = attribute(node, 'lang');
    if (!lang || !bcp47.test(lang)) {
      report(ctx.file, 'directive-attribute', `:lang needs a BCP 47 language tag: :lang[Text]{lang=de}${lang ? ` ("${lang}" is not one)` : ''}; the text is kept`, node);
      childrenOf(parent).splice(index, 1, ...node.children);
      return index;
    }
    const span: LangSpan = { type: 'langSpan', lang, children: node.children, position: node.position };
    childrenOf(parent).splice(index, 1, span);
    return index + 1;
  });
}
