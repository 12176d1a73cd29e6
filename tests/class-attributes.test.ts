/**
 * Class lists from blog engines (kramdown's `{: .lead}`, `{.font-alt-xs}` after a
 * paragraph, `{.table .table-striped}` on the line after a table or a quote) are
 * removed with an info message, never printed; braces that are not a class list stay.
 */
import { tmpdir } from 'node:os';
import { expect, test } from 'vitest';
import { toString } from 'mdast-util-to-string';
import { publicationFromText } from './helpers/publication.js';

test('class lists are removed with an info message; other braces are text', () => {
  const body = [
    'A caption line from a blog. {.font-alt-xs}',
    '',
    '> A quoted paragraph that a blog set flush right.',
    '{.blockquote .text-right}',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    '{: .table .table-striped}',
    '',
    'A set {a, b} and a trailing set {1, 2}',
    '',
    'An id stays {#not-a-class}',
  ].join('\n');
  const { publication, file } = publicationFromText(`---\ntitle: Classes\n---\n\n${body}\n`, tmpdir());
  const text = toString(publication.chapters[0]?.tree);
  expect(text).not.toMatch(/font-alt|text-right|table-striped/);
  expect(text).toContain('A caption line from a blog.');
  expect(text).toContain('A quoted paragraph that a blog set flush right.');
  expect(text).toContain('A set {a, b} and a trailing set {1, 2}');
  expect(text).toContain('An id stays {#not-a-class}');
  expect(file.messages.filter((message) => message.ruleId === 'attribute-ignored').map((message) => `${message.line}:${message.column} ${message.fatal}`)).toEqual([
    '5:29 undefined',
    '8:1 undefined',
    '14:1 undefined',
  ]);
});

test('long runs of spaces before braces and after colons are read in linear time (no backtracking pattern over them)', () => {
  const spaces = ' '.repeat(100_000);
  const body = [`## a${spaces}b`, '', `para${spaces}x}`, '', `:::${spaces}{`, '', 'text', `:::${spaces}:x`, '', `## h {.a${' .b'.repeat(20_000)}}`].join('\n');
  const { publication, file } = publicationFromText(`---\ntitle: Spaces\n---\n\n${body}\n`, tmpdir());
  const text = toString(publication.chapters[0]?.tree);
  // None of these is an attribute list or a fence: all stays text, but the last heading's classes.
  expect(text).toContain(`a${spaces}b`);
  expect(text).toContain(`para${spaces}x}`);
  expect(text).toContain(`:::${spaces}{`);
  expect(text).toContain(`:::${spaces}:x`);
  expect(file.messages.filter((message) => message.ruleId === 'heading-attribute')).toHaveLength(1);
});
