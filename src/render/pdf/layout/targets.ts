import { SKIP, visit } from 'unist-util-visit';
import type { Publication } from '../../../ast/publication.js';

/**
 * The names a `[text](#name)` link in the manuscript can reach in the PDF, as in the
 * EPUB: a chapter (its anchor, `{#id}` or made from its title, and its id), a section
 * and a figure. Each is a named destination where it is set (chapter.ts, blocks.ts,
 * figures.ts).
 */
export function linkTargets(pub: Publication): Set<string> {
  const targets = new Set<string>();
  for (const chapter of pub.chapters) {
    targets.add(chapter.id);
    targets.add(chapter.anchor);
    if (chapter.hero) targets.add(chapter.hero.id);
    visit(chapter.tree, (node) => {
      if (node.type === 'section' || node.type === 'figure') targets.add(node.id);
      // Targets are blocks: the text of paragraphs and headings need not be walked.
      return node.type === 'paragraph' || node.type === 'heading' ? SKIP : undefined;
    });
  }
  return targets;
}
