/**
 * Pandoc's fenced divs (`::: {.callout-note}` … `:::`): their fence lines are never
 * printed; their content stays, as the text around it, positions pointing at it; each
 * opening fence gets an info message. Folio's own `:::verse` directives are untouched.
 */
import { tmpdir } from 'node:os';
import { toString } from 'mdast-util-to-string';
import { expect, test } from 'vitest';
import { publicationFromText } from './helpers/publication.js';

test('fence lines are taken out of the paragraphs the parser put them in; the content stays', () => {
  const body = [
    'Before.',
    '',
    '::: {.callout-note}',
    'Note text here.',
    ':::',
    '',
    '::: warning',
    'Careful.',
    ':::',
    '',
    ':::: {#outer .columns}',
    '::: {.column width="50%"}',
    'Left.',
    ':::',
    '::::',
    '',
    ':::verse',
    'A line of verse',
    ':::',
    '',
    'Ratios such as 3:::4 and a line',
    '::: that goes on are text.',
  ].join('\n');
  const { publication, file } = publicationFromText(`---\ntitle: Divs\n---\n\n${body}\n`, tmpdir());
  const tree = publication.chapters[0]?.tree;
  const blocks = (tree?.children ?? []).map((node) => `${node.type}: ${toString(node)}`);
  expect(blocks).toEqual([
    'paragraph: Before.',
    'paragraph: Note text here.',
    'paragraph: Careful.',
    'paragraph: Left.',
    'verse: A line of verse',
    'paragraph: Ratios such as 3:::4 and a line\n::: that goes on are text.',
  ]);
  // "Careful." is written at line 12, column 1 (the front matter takes lines 1–4).
  const careful = tree?.children[2];
  const text = careful?.type === 'paragraph' ? careful.children[0] : undefined;
  expect(text?.position?.start).toEqual({ line: 12, column: 1, offset: expect.any(Number) });
  expect(text?.position?.end).toMatchObject({ line: 12, column: 9 });
  const source = String(file.value);
  expect(source.slice(text?.position?.start.offset, text?.position?.end.offset)).toBe('Careful.');
  expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.fatal}`)).toEqual([
    '7:1 fenced-div undefined',
    '11:1 fenced-div undefined',
    '15:1 fenced-div undefined',
    '16:1 fenced-div undefined',
  ]);
});
