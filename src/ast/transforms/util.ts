import type { Paragraph, Parents, PhrasingContent, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';

export type Directive = ContainerDirective | LeafDirective | TextDirective;

export function isDirective(node: { type: string }): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

/** The phrasing content of blocks, paragraphs joined by hard breaks. */
export function blocksToPhrasing(blocks: RootContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const block of blocks) {
    // Every child array of a block is an array of RootContent members; TS cannot see it through the union.
    const phrasing = block.type === 'paragraph' ? block.children : 'children' in block ? blocksToPhrasing(block.children as RootContent[]) : [];
    if (phrasing.length === 0) continue;
    if (out.length > 0) out.push({ type: 'break' });
    out.push(...phrasing);
  }
  return out;
}

/** A container directive's `[label]`, which remark-directive stores as a first paragraph. */
export function containerLabel(node: ContainerDirective): { label?: Paragraph; body: RootContent[] } {
  const [first, ...rest] = node.children;
  if (first && first.type === 'paragraph' && first.data?.directiveLabel) return { label: first, body: rest };
  return { body: node.children };
}

export function attribute(node: Directive, name: string): string | undefined {
  const value = node.attributes?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The children of `parent` as a plain RootContent array, for splicing in new blocks.
 * Every mdast parent's children are RootContent members; the union of their array
 * types is too complex for TS to splice into directly, hence the one cast here.
 */
export function childrenOf(parent: Parents): RootContent[] {
  return parent.children as RootContent[];
}
