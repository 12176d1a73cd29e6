import { describe, expect, test } from 'vitest';
import { formatMessage } from '../src/diagnostics/report.js';
import { publicationFromText } from './helpers/publication.js';

function messages(text: string): string[] {
  const { file } = publicationFromText(text, import.meta.dirname);
  return file.messages.map((message) => formatMessage(message, 'input.md'));
}

describe('a call to a note that is never defined', () => {
  test('is reported where it is written; Markdown leaves it as text', () => {
    const text = '---\ntitle: T\n---\n\nA call [^nope] and a real one[^ok].\n\n- in a list, [^two] here\n\n[^ok]: The note.\n';
    expect(messages(text)).toEqual([
      'input.md:5:8: warning: footnote [^nope] has no definition: add "[^nope]: text", or write \\[^nope] to print it as it is [footnote-undefined]',
      'input.md:7:14: warning: footnote [^two] has no definition: add "[^two]: text", or write \\[^two] to print it as it is [footnote-undefined]',
    ]);
  });

  test('an escaped call, code and a defined call are not reported', () => {
    const text = '---\ntitle: T\n---\n\nWritten as is: \\[^kept], `[^code]`, and a note[^ok].\n\n```\n[^fenced]\n```\n\n[^ok]: The note.\n';
    expect(messages(text)).toEqual([]);
  });
});
