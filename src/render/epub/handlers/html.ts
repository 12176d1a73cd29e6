import { report } from '../../../diagnostics/report.js';
import type { ChapterContext, TypedHandler } from '../context.js';

/**
 * Raw HTML is never emitted unsanitised. Until the sanitiser lands, it is dropped
 * with a warning (HTML comments are dropped silently: they are notes to the editor).
 */
export function html(ctx: ChapterContext): TypedHandler<'html'> {
  return (_state, node) => {
    if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) return undefined;
    report(ctx.file, 'html-raw', 'raw HTML is not supported in EPUB yet and was dropped', node);
    return undefined;
  };
}
