/**
 * Raw HTML in the PDF: inline (src/render/pdf/layout/inline-html.ts), the common
 * formatting tags are set as the Markdown they stand for and markup-only tags are
 * transparent; in blocks (html-blocks.ts), paragraphs, tables, lists and quotes are
 * set as their Markdown counterparts. Only what the PDF cannot show is reported.
 */
import { describe, expect, test } from 'vitest';
import type { RenderOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import type { Box } from '../src/render/pdf/layout/types.js';
import { attribute, parseInlineTag } from '../src/render/pdf/layout/inline-html.js';
import { htmlText } from '../src/render/pdf/layout/inline.js';
import { briefPublication, chapter, markdown } from './helpers/pdf-publication.js';

const theme = loadTheme('default');
const options: RenderOptions = { theme };

function laidOut(source: string) {
  const pub = briefPublication();
  const ch = chapter('ch-1', 'Inline HTML', markdown(source));
  const pages = layoutPublication({ ...pub, chapters: [ch], credits: [] }, options);
  const starts = pages.map((page) => page.placed.find((placed) => placed.item.source)?.item.source?.node);
  const texts = pages.flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes.map((box) => ({ box, y: box.y + placed.y })))).filter((entry): entry is { box: Extract<Box, { kind: 'text' }>; y: number } => entry.box.kind === 'text');
  const links = pages.flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes)).filter((box): box is Extract<Box, { kind: 'link' }> => box.kind === 'link');
  // Every structure role above each item (a cell's row, its table…).
  const roles = new Set<string>();
  for (const page of pages) {
    for (const placed of page.placed) for (let tag = placed.item.tag; tag; tag = tag.parent) roles.add(tag.role);
  }
  return { texts, links, roles, starts, tree: ch.tree, messages: ch.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`) };
}

/** The box holding `word` (boxes may join several words of one style), or exactly `word` when `exact`. */
function boxOf(texts: Array<{ box: Extract<Box, { kind: 'text' }>; y: number }>, word: string, exact = false) {
  const found = texts.find((entry) => (exact ? entry.box.text === word : entry.box.text.includes(word)));
  if (!found) throw new Error(`no box with "${word}" in ${JSON.stringify(texts.map((t) => t.box.text))}`);
  return found;
}

describe('inline HTML in the PDF', () => {
  test('formatting tags are set as their Markdown counterparts, without a warning', () => {
    const { texts, links, messages } = laidOut(
      'Plain <strong>heavy</strong> and <em>leaning</em> then <b>bolder</b>, <i>slanted</i>, <code>typed</code>, <del>gone</del>, water H<sub>two</sub>O and e = mc<sup>squared</sup>, <span class="x">spanned</span>, <a href="https://example.org/a?b=1&amp;c=2">linked</a><br>after the break.',
    );
    expect(boxOf(texts, 'Plain').box.font).toBe('text-regular');
    expect(boxOf(texts, 'heavy').box.font).toBe('text-bold');
    expect(boxOf(texts, 'leaning').box.font).toBe('text-italic');
    expect(boxOf(texts, 'bolder').box.font).toBe('text-bold');
    expect(boxOf(texts, 'slanted').box.font).toBe('text-italic');
    expect(boxOf(texts, 'typed').box.font).toBe('mono-regular');
    // Sub- and superscripts: smaller, below and above the baseline of the letters beside them.
    const h = boxOf(texts, 'H', true);
    expect(boxOf(texts, 'two').box.size).toBeLessThan(h.box.size);
    expect(boxOf(texts, 'two').y + boxOf(texts, 'two').box.y).toBeGreaterThan(h.y + h.box.y);
    const mc = boxOf(texts, 'mc', true);
    expect(boxOf(texts, 'squared').y + boxOf(texts, 'squared').box.y).toBeLessThan(mc.y + mc.box.y);
    expect(boxOf(texts, 'spanned').box.font).toBe('text-regular');
    expect(links.map((link) => link.url)).toContain('https://example.org/a?b=1&c=2');
    // The break: "after" starts a new line, at the left edge.
    const after = boxOf(texts, 'after');
    expect(after.y).toBeGreaterThan(boxOf(texts, 'linked').y);
    expect(after.box.x).toBeCloseTo(Math.min(...texts.filter((t) => t.y === after.y).map((t) => t.box.x)), 3);
    expect(texts.some((t) => t.box.text.includes('<'))).toBe(false);
    expect(messages.filter((m) => m.includes('pdf-unsupported-node'))).toEqual([]);
  });

  test('a closing tag ends what was left open inside it; an unmatched one changes nothing', () => {
    const { texts } = laidOut('Start <strong>bold <em>both</strong> roman</em> end.');
    expect(boxOf(texts, 'both').box.font).toBe('text-boldItalic');
    expect(boxOf(texts, 'roman').box.font).toBe('text-regular');
    expect(boxOf(texts, 'end').box.font).toBe('text-regular');
  });

  test('what the PDF cannot show is reported, its text kept; a raw image gives its alt text', () => {
    const { texts, messages } = laidOut('Sum <math><mi>x</mi></math> here, <img src="a.png" alt="a small map"> and <a href="javascript:alert(1)">no link</a>.');
    expect(messages.some((m) => m.startsWith('1:5 pdf-unsupported-node inline HTML is not rendered'))).toBe(true);
    expect(boxOf(texts, 'x').box.font).toBe('text-regular');
    expect(messages.some((m) => m.includes('an image in raw HTML is not drawn in the PDF (it cannot reach the book’s images); its alt text is set instead'))).toBe(true);
    expect(boxOf(texts, '[a', true).box.font).toBe('text-italic');
    expect(boxOf(texts, 'map]', true).box.font).toBe('text-italic');
    expect(boxOf(texts, 'no', true).box.link).toBeUndefined();
    expect(boxOf(texts, 'link.', true).box.link).toBeUndefined();
    // A link a PDF must not carry is reported at its tag, as a Markdown one is.
    const input = 'Sum <math><mi>x</mi></math> here, <img src="a.png" alt="a small map"> and <a href="javascript:alert(1)">no link</a>.';
    expect(messages).toContain(`1:${input.indexOf('<a href') + 1} pdf-link link set as plain text in the PDF: "javascript:" links are not allowed (only web, mail, telephone and FTP addresses)`);
  });

  test('tags and attributes are read as HTML writes them', () => {
    expect(parseInlineTag('<BR/>')).toEqual({ kind: 'open', name: 'br', attributes: '/', selfClosing: true });
    expect(parseInlineTag('</Strong >')).toEqual({ kind: 'close', name: 'strong' });
    expect(parseInlineTag('<!-- note -->')).toEqual({ kind: 'comment' });
    expect(parseInlineTag('<![CDATA[x]]>')).toEqual({ kind: 'other' });
    expect(attribute(' href="a&amp;b" title=\'t\'', 'href')).toBe('a&b');
    expect(attribute(' data-href="x" href=y', 'href')).toBe('y');
    expect(attribute(' title="no"', 'href')).toBeUndefined();
    // A reference past Unicode is left as written (String.fromCodePoint would throw).
    expect(attribute(' title="a&#x110000;b&#99999999;"', 'title')).toBe('a&#x110000;b&#99999999;');
    expect(htmlText('<b>x&#99999999;&amp;</b>')).toBe('x&#99999999;&');
  });

  test('block HTML is set as the Markdown it stands for: paragraphs, tables, lists, quotes', () => {
    const { texts, roles, messages, starts, tree } = laidOut(
      [
        'Before the HTML.',
        '',
        '<div class="post">',
        '<p>First <b>html</b> paragraph.</p>',
        '<p>Second <a href="javascript:alert(1)">paragraph</a>.</p>',
        '<table><tr><th>Bird</th><th>Count</th></tr><tr><td>Curlew</td><td>12</td></tr><tr><td><p>cell one</p><p>cell two</p></td><td><ul><li>in a list</li></ul></td></tr></table>',
        '<ul><li>listed item</li></ul>',
        '<blockquote>quoted words</blockquote>',
        '<script>alert(1)</script>',
        '</div>',
        '',
        'After the HTML.',
      ].join('\n'),
    );
    expect(boxOf(texts, 'html', true).box.font).toBe('text-bold');
    // Two paragraphs, not one: "Second" starts a line below "First"'s.
    expect(boxOf(texts, 'Second').y).toBeGreaterThan(boxOf(texts, 'First').y);
    expect([...roles]).toEqual(expect.arrayContaining(['Table', 'L', 'BlockQuote']));
    for (const word of ['Bird', 'Curlew', '12', 'listed', 'quoted', 'After', 'one', 'two', 'list']) boxOf(texts, word);
    // Blocks inside a cell are joined by line breaks.
    expect(boxOf(texts, 'two').y).toBeGreaterThan(boxOf(texts, 'one').y);
    expect(texts.some((t) => t.box.text.includes('alert') || t.box.text.includes('<'))).toBe(false);
    expect(texts.filter((t) => t.box.text.startsWith('paragraph')).map((t) => t.box.link)).toEqual([undefined, undefined]);
    expect(messages.filter((m) => m.includes('pdf-link'))).toEqual(['3:1 pdf-link link set as plain text in the PDF: "javascript:" links are not allowed (only web, mail, telephone and FTP addresses)']);
    expect(messages.filter((m) => m.includes('pdf-unsupported-node'))).toEqual([]);
    // The page map points only at nodes of the manuscript's tree.
    const inTree = new Set<unknown>();
    const walk = (node: unknown) => {
      inTree.add(node);
      if (typeof node === 'object' && node !== null && 'children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    walk(tree);
    for (const node of starts) if (node) expect(inTree.has(node)).toBe(true);
  });

  test("a disclosure is shown open, its summary in bold above what it labels", () => {
    const { texts, messages } = laidOut(['<details>', '<summary>How to sign up</summary>', '', 'Bring an identity card.', '', '</details>'].join('\n'));
    for (const word of ['How', 'sign', 'up']) expect(boxOf(texts, word, true).box.font).toBe('text-bold');
    expect(boxOf(texts, 'Bring').box.font).toBe('text-regular');
    expect(boxOf(texts, 'Bring').y).toBeGreaterThan(boxOf(texts, 'How', true).y);
    expect(messages).toEqual([]);
  });

  test('embedded media and images in block HTML are reported; their text, if any, is not lost unsaid', () => {
    const { texts, messages } = laidOut('<figure><img src="https://example.org/a.png" alt="a chart of counts"><figcaption>Counts by year</figcaption></figure>\n\n<iframe src="https://example.org/v"></iframe>\n\n<p>E = <math><mi>m</mi></math></p>');
    expect(boxOf(texts, '[a', true).box.font).toBe('text-italic');
    boxOf(texts, 'Counts');
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('an image in raw HTML is not drawn in the PDF'),
        expect.stringContaining('raw HTML: <iframe> is not rendered in the PDF'),
        expect.stringContaining('raw HTML: <math> is not rendered in the PDF'),
      ]),
    );
  });

  test('block HTML nested deeper than Markdown may nest is set as its text, with a warning', () => {
    const deep = `${'<blockquote>\n'.repeat(150)}core words\n${'</blockquote>\n'.repeat(150)}`;
    const { texts, messages } = laidOut(`${deep}\nAfter.`);
    boxOf(texts, 'core');
    boxOf(texts, 'After');
    expect(messages.filter((m) => m.includes('nests more than 100 elements deep'))).toHaveLength(1);
  });
});
