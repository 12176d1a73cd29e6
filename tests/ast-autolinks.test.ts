/**
 * A text that cannot hold a GFM autolink literal is parsed without them, and one that
 * cannot hold a table either, without tables too (src/ast/gfm-without-autolinks.ts): the
 * tree must be the one remark-gfm gives, on our fixtures, on a sample of every GFM
 * construct, and on the corpus books and articles that qualify (skipped without
 * ../shared/corpus).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { mayHoldAutolinks, mayHoldTable } from '../src/ast/gfm-without-autolinks.js';
import { chunkAbove } from '../src/ast/chunked-parse.js';
import { parseMarkdown, parserFor, plainProcessor as plain, processor as full, proseProcessor as prose } from '../src/ast/processor.js';
import { corpusRoot, hasCorpus } from './helpers/robust-sweep.js';

const sample = `---
title: Every construct but autolinks
---

# Heading with *emphasis*, **strong**, ~~struck~~ and ~single~ tildes

A paragraph with a footnote call[^note], \`code\`, a [link](#anchor) and a [reference][ref],
<span>inline HTML</span>, an image ![alt](pic.png "title") and a hard\\
break. Words like wwwx, httpd and user-name stay text.

[^note]: The note, with *emphasis*.
[ref]: #target "Title"

| Left | Centre | Right |
| :--- | :----: | ----: |
| a    | **b**  | ~~c~~ |
| \\| escaped | \`d|e\` | f |

- [ ] open task
- [x] done task
  1. nested *ordered*
  2. item

> A quote with :abbr[HTML]{title="HyperText"} and a ::leaf directive? no.

:::note{.aside}
A container directive with a footnote call[^note] inside.
:::

::video{src="clip.mp4"}

\`\`\`js
const x = 'not a www.link inside code';
\`\`\`

<div>
block HTML
</div>
`;

function same(text: string, label: string): void {
  expect(mayHoldAutolinks(text), label).toBe(false);
  const expected = full.parse(text);
  expect(plain.parse(text), label).toEqual(expected);
  if (!mayHoldTable(text)) expect(prose.parse(text), label).toEqual(expected);
}

describe('parsing without autolink literals', () => {
  it('tells which texts may hold one', () => {
    for (const text of ['see www.example.com', 'https://example.org', 'HTTP://X.ORG', 'write to a@b.org', 'WWW.EXAMPLE.COM', 'http:']) expect(mayHoldAutolinks(text), text).toBe(true);
    for (const text of ['Plain prose, wwwx and httpd.', 'user at example dot org', '']) expect(mayHoldAutolinks(text), text).toBe(false);
  });

  it('gives remark-gfm’s tree on every other GFM construct', () => {
    // The code block holds "www." on purpose: drop that line for the comparison.
    same(sample.replace(/^const x.*$/m, "const x = 'plain';"), 'sample');
    // Without the table, the parser without tables too. Horizontal rules, setext headings and dashes stay what they are.
    const tableless = sample.replace(/^const x.*$/m, "const x = 'plain';").replace(/^\|.*\n/gm, '').replace('\\|', '/');
    expect(mayHoldTable(tableless)).toBe(false);
    same(`${tableless}\nA setext heading\n---\n\nText -- with -- dashes\n\n- - -\n\nA line\n-\n`, 'sample without tables');
  });

  it('tells which texts may hold a table', () => {
    for (const text of ['a | b', '| a |', 'a\n:-', 'a\n-:', 'x\n:---:\n']) expect(mayHoldTable(text), text).toBe(true);
    for (const text of ['Plain prose — with dashes - and: colons.', 'a\n---\n', '']) expect(mayHoldTable(text), text).toBe(false);
    // A one-column table with no pipe at all: remark-gfm makes a table of it.
    expect(JSON.stringify(full.parse('a\n:-\n'))).toContain('"type":"table"');
    expect(parserFor('a\n:-\n')).toBe(plain);
  });

  it('gives remark-gfm’s tree on the fixtures that qualify', () => {
    const root = join(import.meta.dirname, 'fixtures');
    let compared = 0;
    for (const name of readdirSync(root)) {
      const input = join(root, name, 'input.md');
      if (!existsSync(input)) continue;
      const text = readFileSync(input, 'utf8');
      if (mayHoldAutolinks(text)) continue;
      same(text, name);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('still makes autolinks where the text has them', () => {
    const tree = parseMarkdown(new VFile({ value: 'Visit www.example.com or write to team@example.org.\n' }));
    const links = JSON.stringify(tree).match(/"type":"link"/g) ?? [];
    expect(links.length).toBe(2);
  });

  it('front matter does not count (its text is YAML), but only front matter as remark takes it', () => {
    const body = '\n# Title\n\nPlain words only.\n';
    expect(parserFor(`---\nsource: "https://example.org/x@y"\n---${body}`)).toBe(prose);
    expect(parserFor(`---  \r\nsource: www.example.org\r\n---\r\n${body}`)).toBe(prose);
    expect(parserFor(`---\ndescription: |\n  A block scalar.\n---${body}`)).toBe(prose);
    expect(parserFor(`---\ntitle: t\n---${body}| a |\n|---|\n`)).toBe(plain);
    same(`---\ntitle: t\n---${body}`, 'front matter without candidates');
    expect(full.parse(`---\nsource: https://example.org\n---${body}`)).toEqual(plain.parse(`---\nsource: https://example.org\n---${body}`));
    // Not front matter for remark: the text is Markdown and may make links.
    for (const text of [`---\nsee www.example.org\n...\n${body}`, ` ---\nsee www.example.org\n---\n${body}`, `---\nsee www.example.org\n${body}`, `${body}---\nsee www.example.org\n---\n`]) {
      expect(parserFor(text), JSON.stringify(text)).toBe(full);
    }
  });

  it('a long manuscript parsed in pieces takes GFM’s autolinks and tables only in the pieces that may hold one', () => {
    const chapter = (n: number, extra = '') => `## Chapter ${n}\n\n${`Plain sentence number ${n}, long enough to fill the chapter. `.repeat(300)}${extra}\n\n`;
    const extras = new Map([[17, 'Write to team@example.org or see www.example.org.'], [25, '\n\n| a | b |\n|---|:-:|\n| 1 | 2 |']]);
    const chapters = Array.from({ length: 40 }, (_, n) => chapter(n, extras.get(n) ?? ''));
    const text = `---\ntitle: Long\nsource: https://example.org/book\n---\n\n${chapters.join('')}`;
    expect(text.length).toBeGreaterThan(chunkAbove);
    const tree = parseMarkdown(new VFile({ value: text }));
    expect(tree).toEqual(full.parse(text));
    expect(JSON.stringify(tree).match(/"type":"link"/g)?.length).toBe(2);
    expect(JSON.stringify(tree).match(/"type":"table"/g)?.length).toBe(1);
  });

  it.skipIf(!hasCorpus)('gives remark-gfm’s tree on the corpus books and articles that qualify', () => {
    const books = join(corpusRoot, 'books');
    const files = ['en_austen_pride-and-prejudice.md', 'en_melville_moby-dick.md'].map((f) => join(books, f));
    const articles = join(corpusRoot, 'articles');
    const all = readdirSync(articles, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && !f.endsWith('SOURCES.md')).sort();
    // Every article the parser takes without autolinks, front matter aside (see parserFor).
    const qualifying = all.map((f) => join(articles, f)).filter((f) => parserFor(readFileSync(f, 'utf8')) !== full);
    // Few articles qualify (most hold links): all of them.
    files.push(...qualifying);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const parser = parserFor(text);
      expect(parser, file).not.toBe(full);
      expect(parser.parse(text), file).toEqual(full.parse(text));
    }
    // Pride and Prejudice holds no table: the parser without tables.
    expect(parserFor(readFileSync(files[0] ?? '', 'utf8'))).toBe(prose);
  });

  it.skipIf(!hasCorpus)('a corpus book whose only candidate is in its front matter: the tree remark-gfm gives', () => {
    const text = readFileSync(join(corpusRoot, 'books', 'fr_dumas_monte-cristo_tome1.md'), 'utf8');
    expect(mayHoldAutolinks(text)).toBe(true);
    expect(parserFor(text)).toBe(prose);
    expect(parseMarkdown(new VFile({ value: text }))).toEqual(full.parse(text));
  });
});
