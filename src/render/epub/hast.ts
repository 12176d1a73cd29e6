/** Small helpers to build and read hast trees without extra dependencies. */
import type { Element, ElementContent, Nodes as HastNodes, Properties, Text } from 'hast';
import type { Nodes as MdastNodes } from 'mdast';

export function h(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

/** Normalises what a handler returns (one node, many or none) to an array. */
export function asArray(result: ElementContent | ElementContent[] | undefined): ElementContent[] {
  if (result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}

/** Plain text of an mdast node (like mdast-util-to-string, without alt text). */
export function mdastText(node: MdastNodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((child) => mdastText(child)).join('');
  return '';
}

/** Plain text of a hast node. */
export function hastText(node: HastNodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((child) => hastText(child)).join('');
  return '';
}

/** Depth-first visit of every element under `node` (the node itself included). */
export function visitElements(node: HastNodes, visitor: (element: Element, parent: Element | undefined) => void, parent?: Element): void {
  if (node.type === 'element') visitor(node, parent);
  if ('children' in node) {
    const next = node.type === 'element' ? node : parent;
    for (const child of [...node.children]) visitElements(child, visitor, next);
  }
}

/** The `class` list of an element as an array of strings. */
export function classList(element: Element): string[] {
  return (element.properties.className ?? []).map(String);
}

export function addClass(element: Element, ...names: string[]): void {
  element.properties.className = [...classList(element), ...names];
}

/** mdast types whose children are phrasing: a node met inside one is rendered inline. */
export const phrasingParents: ReadonlySet<string> = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell', 'figureCaption', 'credit', 'pullQuote', 'langSpan', 'noTypography', 'defListTerm']);
