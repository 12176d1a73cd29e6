/**
 * Inline raw HTML in the PDF. Markdown from blogs and CMSs is full of `<br>`,
 * `<strong>`, `<sup>` and `<span>`; in the tree each tag is its own `html` node
 * between the text it wraps. The common formatting tags are set as the Markdown
 * they stand for (bold, italic, superscript, code, links, line breaks), tags that
 * carry no formatting (`<span>`, `<abbr>`…) are transparent, and only what the PDF
 * cannot show (MathML, forms…) is reported, its text set plain.
 */
import type { Html } from 'mdast';
import type { RunStyle } from './types.js';

/** A tag of one `html` node, as micromark cuts them: one tag, comment or declaration per node. */
export type InlineTag =
  | { kind: 'open'; name: string; attributes: string; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'comment' }
  | { kind: 'other' };

const openTag = /^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*|\/)?)>$/;
const closeTag = /^<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>$/;

export function parseInlineTag(value: string): InlineTag {
  const html = value.trim();
  if (/^<!--[\s\S]*-->$/.test(html)) return { kind: 'comment' };
  const close = closeTag.exec(html);
  if (close?.[1]) return { kind: 'close', name: close[1].toLowerCase() };
  const open = openTag.exec(html);
  if (open?.[1]) {
    const attributes = open[2] ?? '';
    return { kind: 'open', name: open[1].toLowerCase(), attributes, selfClosing: /\/\s*$/.test(attributes) };
  }
  return { kind: 'other' };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text with the common named entities and numeric references decoded; others, and references past Unicode, as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (!name.startsWith('#')) return entities[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** One attribute's value, entities decoded. */
export function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>/]+))`, 'i').exec(attributes);
  const raw = match?.[1] ?? match?.[2] ?? match?.[3];
  return raw === undefined ? undefined : decodeEntities(raw);
}

/** The style of a link's text (inline.ts `linked`: plain, with a warning, when the link cannot work). */
export type LinkStyle = (href: string, style: RunStyle) => RunStyle;

/** The style inside an element, for the formatting tags; undefined for tags that do not format. */
function styleInside(name: string, attributes: string, style: RunStyle, link: LinkStyle): RunStyle | undefined {
  switch (name) {
    case 'strong':
    case 'b':
      return { ...style, bold: true };
    case 'em':
    case 'i':
    case 'cite':
    case 'dfn':
    case 'var':
      return { ...style, italic: !style.italic };
    case 's':
    case 'strike':
    case 'del':
      return { ...style, strike: true };
    case 'code':
    case 'kbd':
    case 'samp':
    case 'tt':
      return { ...style, family: 'mono', bold: false, italic: false, size: style.size * 0.86 };
    case 'sup':
      return { ...style, size: style.size * 0.7, rise: (style.rise ?? 0) + style.size * 0.33 };
    case 'sub':
      return { ...style, size: style.size * 0.7, rise: (style.rise ?? 0) - style.size * 0.12 };
    case 'small':
      return { ...style, size: style.size * 0.85 };
    case 'a': {
      const href = attribute(attributes, 'href');
      return href ? link(href, style) : { ...style };
    }
    default:
      return undefined;
  }
}

/** Elements that only mark their text up (language, abbreviations, styling hooks): set as their text. */
const transparent = new Set(['span', 'abbr', 'acronym', 'bdi', 'bdo', 'data', 'font', 'ins', 'mark', 'q', 'time', 'u', 'wbr', 'nobr', 'label']);

/** Open formatting elements of one run of sibling nodes, innermost last. */
export type OpenElements = Array<{ name: string; outer: RunStyle }>;

/**
 * What an inline `html` node does to the text around it: a new current style (an
 * element opened or closed), a line break, nothing (a comment, a transparent tag), or
 * `unsupported` (the caller reports it and sets its text).
 */
export type TagEffect = { kind: 'style'; style: RunStyle } | { kind: 'break' } | { kind: 'none' } | { kind: 'unsupported' };

export function inlineTagEffect(node: Html, current: RunStyle, open: OpenElements, link: LinkStyle): TagEffect {
  const tag = parseInlineTag(node.value);
  if (tag.kind === 'comment') return { kind: 'none' };
  if (tag.kind === 'other') return { kind: 'unsupported' };
  if (tag.kind === 'close') {
    const index = open.map((element) => element.name).lastIndexOf(tag.name);
    if (index < 0) return transparent.has(tag.name) || tag.name === 'br' ? { kind: 'none' } : { kind: 'unsupported' };
    // Closing an element closes whatever was left open inside it.
    const outer = open[index]?.outer ?? current;
    open.length = index;
    return { kind: 'style', style: outer };
  }
  if (tag.name === 'br') return { kind: 'break' };
  if (transparent.has(tag.name)) return { kind: 'none' };
  const inside = styleInside(tag.name, tag.attributes, current, link);
  if (!inside) return { kind: 'unsupported' };
  if (tag.selfClosing) return { kind: 'none' };
  open.push({ name: tag.name, outer: current });
  return { kind: 'style', style: inside };
}
