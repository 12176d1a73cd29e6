/**
 * Inline raw HTML in the PDF (src/render/pdf/layout/inline-html.ts): the common
 * formatting tags are set as the Markdown they stand for, markup-only tags are
 * transparent, and only what the PDF cannot show is reported.
 */
import { describe, expect, test } from 'vitest';
import type { RenderOptions } from '../src/config/options.js';
import { loadTheme } from '../src/config/theme.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import type { Box } from '../src/render/pdf/layout/types.js';
import { attribute, parseInlineTag } from '../src/render/pdf/layout/inline-html.js';
import { briefPublication, chapter, markdown } from './helpers/pdf-publication.js';

const theme = loadTheme('default');
const options: RenderOptions = { theme };

function laidOut(source: string) {
  const pub = briefPublication();
  const ch = chapter('ch-1', 'Inline HTML', markdown(source));
  const pages = layoutPublication({ ...pub, chapters: [ch], credits: [] }, options);
  const texts = pages.flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes.map((box) => ({ box, y: box.y + placed.y })))).filter((entry): entry is { box: Extract<Box, { kind: 'text' }>; y: number } => entry.box.kind === 'text');
  const links = pages.flatMap((page) => page.placed.flatMap((placed) => placed.item.boxes)).filter((box): box is Extract<Box, { kind: 'link' }> => box.kind === 'link');
  return { texts, links, messages: ch.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`) };
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
    expect(messages.some((m) => m.includes('an image in raw HTML is not drawn in the PDF; its alt text is set instead'))).toBe(true);
    expect(boxOf(texts, '[a', true).box.font).toBe('text-italic');
    expect(boxOf(texts, 'map]', true).box.font).toBe('text-italic');
    expect(boxOf(texts, 'no', true).box.link).toBeUndefined();
    expect(boxOf(texts, 'link.', true).box.link).toBeUndefined();
  });

  test('tags and attributes are read as HTML writes them', () => {
    expect(parseInlineTag('<BR/>')).toEqual({ kind: 'open', name: 'br', attributes: '/', selfClosing: true });
    expect(parseInlineTag('</Strong >')).toEqual({ kind: 'close', name: 'strong' });
    expect(parseInlineTag('<!-- note -->')).toEqual({ kind: 'comment' });
    expect(parseInlineTag('<![CDATA[x]]>')).toEqual({ kind: 'other' });
    expect(attribute(' href="a&amp;b" title=\'t\'', 'href')).toBe('a&b');
    expect(attribute(' data-href="x" href=y', 'href')).toBe('y');
    expect(attribute(' title="no"', 'href')).toBeUndefined();
  });
});
