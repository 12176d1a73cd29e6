import type { Definition, Image, Link, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';

function normalize(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Turns reference-style links and images into plain `link`/`image` nodes and drops
 * their definitions, so that later stages (chapter split, renderers) never need to
 * look definitions up across the document. An undefined reference stays as the text
 * the author wrote, which is what CommonMark does too.
 */
export function resolveReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    const key = normalize(node.identifier);
    if (!definitions.has(key)) definitions.set(key, node);
  });
  visit(tree, (node: Nodes, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.type === 'definition') {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return;
    const definition = definitions.get(normalize(node.identifier));
    if (!definition) return;
    if (node.type === 'linkReference') {
      const link: Link = { type: 'link', url: definition.url, title: definition.title ?? null, children: node.children, position: node.position };
      parent.children.splice(index, 1, link);
    } else {
      const image: Image = { type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? '', position: node.position };
      parent.children.splice(index, 1, image);
    }
    return undefined;
  });
}
