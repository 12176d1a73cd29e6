/**
 * A tiny typed XML builder for the package document and the NCX: every text and
 * attribute value is escaped, so the output is well-formed whatever the metadata holds.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string | undefined>;
  children: XmlChild[];
}
export type XmlChild = XmlElement | string;

export function x(name: string, attributes: Record<string, string | undefined> = {}, ...children: Array<XmlChild | XmlChild[] | undefined | false>): XmlElement {
  const flat: XmlChild[] = [];
  for (const child of children) {
    if (child === undefined || child === false) continue;
    if (Array.isArray(child)) flat.push(...child);
    else flat.push(child);
  }
  return { name, attributes, children: flat };
}

/** Escapes text for element content and double-quoted attribute values alike. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function attributes(element: XmlElement): string {
  return Object.entries(element.attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}

function serialize(element: XmlElement, indent: string): string {
  const open = `${indent}<${element.name}${attributes(element)}`;
  if (element.children.length === 0) return `${open}/>`;
  if (element.children.every((child) => typeof child === 'string')) {
    return `${open}>${element.children.map((child) => escapeXml(String(child))).join('')}</${element.name}>`;
  }
  const inner = element.children
    .map((child) => (typeof child === 'string' ? `${indent}  ${escapeXml(child)}` : serialize(child, `${indent}  `)))
    .join('\n');
  return `${open}>\n${inner}\n${indent}</${element.name}>`;
}

/** A complete XML document: declaration, root element, final newline. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '')}\n`;
}
