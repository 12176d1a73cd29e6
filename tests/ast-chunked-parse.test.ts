/**
 * Long manuscripts are parsed in pieces (src/ast/chunked-parse.ts) to bound the
 * parser's memory: the joined tree must be exactly the tree of one whole parse,
 * positions included. Checked on hand-made traps and, when ../shared/corpus exists,
 * on the corpus books, the pandoc test files and a sample of articles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutPoints, parseInPieces } from '../src/ast/chunked-parse.js';
import { processor } from '../src/ast/processor.js';
import { corpusRoot, filesUnder, hasCorpus } from './helpers/robust-sweep.js';

const parse = (text: string) => processor.parse(text);

function chapter(n: number): string {
  return [
    `## Chapter ${n}`,
    '',
    `Paragraph ${n} with a note[^n${n}] and a [reference link][ref${(n + 3) % 7}] and *emphasis*.`,
    '',
    `> A quotation in chapter ${n}`,
    '> that runs on.',
    '',
    `- item ${n}`,
    '  continued',
    '',
    `[^n${n}]: The note of chapter ${n}.`,
    '',
    `[ref${n % 7}]: https://example.org/${n} "Title ${n}"`,
    '',
  ].join('\n');
}

const traps = [
  '---\ntitle: Pieces\n\n# a YAML comment, not a heading\nlang: en\n---\n',
  '# Part one\n',
  chapter(1),
  '```md\n\n## not a heading: fenced code\n\n```\n',
  chapter(2),
  '<!-- a comment\n\n## not a heading: inside the comment\n\n-->\n',
  chapter(3),
  ':::aside\n\n## a heading inside a directive container\n\ntext\n\n:::\n',
  chapter(4),
  '<pre>\n\n## not a heading: raw pre\n\n</pre>\n',
  '# Part two\n',
  chapter(5),
  'Setext heading\n==============\n',
  chapter(6),
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  chapter(7),
].join('\n');

describe('parsing in pieces', () => {
  it('cuts only before top-level headings outside code, HTML and directives', () => {
    const pieces = cutPoints(traps, 1);
    expect(pieces).toBeDefined();
    const heads = (pieces?.starts ?? []).slice(1).map((start) => traps.slice(start, traps.indexOf('\n', start)));
    expect(heads).toEqual(['# Part one', '## Chapter 1', '## Chapter 2', '## Chapter 3', '## Chapter 4', '# Part two', '## Chapter 5', '## Chapter 6', '## Chapter 7']);
    expect(pieces?.labels.has('^n4')).toBe(true);
    expect(pieces?.labels.has('ref2')).toBe(true);
  });

  it('gives exactly the tree of a whole parse, positions included', () => {
    const whole = parse(traps);
    const pieced = parseInPieces(traps, parse, 1);
    expect(pieced).toBeDefined();
    expect(pieced).toEqual(whole);
    // The cross-chapter references really are references, and the notes resolve.
    const json = JSON.stringify(pieced);
    expect(json.match(/"type":"linkReference"/g)?.length).toBe(7);
    expect(json.match(/"type":"footnoteReference"/g)?.length).toBe(7);
  });

  it('gives up (whole parse) when a piece would leave a block open', () => {
    expect(cutPoints('# One\n\ntext\n\n```\n\n## Two\n\nunclosed fence', 1)).toBeUndefined();
    expect(cutPoints('# One\n\r\n## Two\r\n', 1)).toBeUndefined();
    expect(cutPoints('no headings at all\n\nnone', 1)).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)('parsing in pieces: corpus', () => {
  it('every corpus file parses to the same tree whole and in pieces', () => {
    // Listed here, not in the describe body: that runs even when the suite is skipped (no corpus).
    const files = [
      ...filesUnder(join(corpusRoot, 'books'), /\.md$/).filter((file) => !file.endsWith('tome1.md')),
      ...filesUnder(join(corpusRoot, 'adversarial', 'pandoc'), /\.txt$/),
      ...filesUnder(join(corpusRoot, 'articles'), /\.md$/).filter((_, index) => index % 50 === 0),
    ];
    let cut = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      const pieced = parseInPieces(text, parse, 1);
      if (!pieced) continue;
      cut++;
      const whole = parse(text);
      // Strings compare fast; the structural diff is only worth its cost on a mismatch.
      if (JSON.stringify(pieced) !== JSON.stringify(whole)) expect(pieced, file).toEqual(whole);
    }
    // Books and most articles have headings to cut at.
    expect(cut).toBeGreaterThan(files.length / 2);
  });
});
