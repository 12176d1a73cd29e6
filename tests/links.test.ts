/**
 * Links. Cross-references: `# Title {#id}` (Pandoc's header attributes) names a chapter or a
 * section; a chapter is also reached by the id made from its title, as sections are; a
 * figure by its id. Links to them work in both formats; a link to a name that nothing
 * has is reported and set as plain text in both. Addresses: only web, mail, telephone
 * and FTP ones are links in either format; a relative address or a `javascript:`,
 * `file:` or `data:` one is reported and set as plain text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { VFile } from 'vfile';
import { buildPublication } from '../src/ast/build-publication.js';
import { AssetResolver } from '../src/manuscript/assets.js';
import { renderEpub } from '../src/render/epub/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { readEpub } from './helpers/epub-invariants.js';
import { renderOptions } from './helpers/epub-publication.js';
import { makePng } from './helpers/pdf-publication.js';
import { destPage, load, outlineTree, pageText } from './helpers/pdfjs-read.js';
import { publicationFromText } from './helpers/publication.js';

const text = [
  '---',
  'title: Cross-references',
  'lang: en',
  '---',
  '',
  '# The Beginning {#start}',
  '',
  'Go to [the end](#end), to [its second part](#part-two), to [the map](#fig-1) or [nowhere](#nowhere).',
  '',
  '## Scope {#scope .unnumbered}',
  '',
  'Text of the section.',
  '',
  '![A map of the coast](map.png)',
  '',
  '# The End {#end data-x=1}',
  '',
  '## Part Two',
  '',
  'Back to [the start](#start), to [the scope](#scope) and to [the appendix, by its title](#an-appendix).',
  '',
  '## Sets {a, b}',
  '',
  '## Bad {#1bad}',
  '',
  '## Twice {#scope}',
  '',
  '## Page 3',
  '',
  '## Figures {#fig-9}',
  '',
  '# An Appendix',
  '',
  'Last words.',
].join('\n');

const linkLine = text.split('\n')[7] ?? '';

function publication() {
  const dir = mkdtempSync(join(tmpdir(), 'folio-ids-'));
  writeFileSync(join(dir, 'map.png'), makePng(600, 400));
  return publicationFromText(text, dir);
}

describe('in the tree', () => {
  test('the {…} leaves the title; the id goes to the chapter or section', () => {
    const { publication: pub, file } = publication();
    expect(pub.chapters.map((chapter) => [chapter.titleText, chapter.anchor])).toEqual([
      ['The Beginning', 'start'],
      ['The End', 'end'],
      ['An Appendix', 'an-appendix'],
    ]);
    const sections = pub.chapters.flatMap((chapter) => chapter.tree.children.flatMap((node) => (node.type === 'section' ? [node] : [])));
    const titles = sections.map((section) => {
      const heading = section.children[0];
      return heading?.type === 'heading' ? heading.children.map((child) => ('value' in child ? child.value : '')).join('') : '';
    });
    expect(titles).toEqual(['Scope', 'Part Two', 'Sets {a, b}', 'Bad', 'Twice', 'Page 3', 'Figures']);
    // Ids of the form Folio gives page markers, chapters and figures are kept for those.
    expect(sections.map((section) => section.id)).toEqual(['scope', 'part-two', 'sets-a-b', 'bad', 'scope-2', 'section-page-3', 'section-fig-9']);
    // The heading's text ends where the title does, before the braces.
    const scopeHeading = sections[0]?.children[0];
    expect(scopeHeading?.type === 'heading' && scopeHeading.children[0]?.position?.end.column).toBe('## Scope'.length + 1);
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '16:1 heading-attribute',
      '24:1 heading-attribute',
      '26:1 heading-id',
      '30:1 heading-id',
    ]);
    expect(String(file.messages[0]?.reason)).toContain('data-x=1');
    expect(String(file.messages[2]?.reason)).toContain('"scope-2"');
  });
});

describe('in the PDF', () => {
  test('links reach the chapter, section and figure they name; a link to nothing is plain text, with a warning', async () => {
    const { publication: pub, file } = publication();
    const { pdf, links } = await load(pub);
    const internal = links.filter((link) => link.dest !== undefined && !link.dest.startsWith('fn'));
    const targets = internal.map((link) => link.dest);
    expect(targets).toEqual(expect.arrayContaining(['end', 'part-two', 'fig-1', 'start', 'scope', 'an-appendix']));
    expect(targets).not.toContain('nowhere');
    // Every link's destination exists and is on the page of what it names.
    for (const link of internal) expect(await destPage(pdf, link.dest ?? ''), link.dest).toBeGreaterThan(0);
    expect(await destPage(pdf, 'an-appendix')).toBeGreaterThan(await destPage(pdf, 'end'));
    expect(await destPage(pdf, 'part-two')).toBe(await destPage(pdf, 'end'));
    expect(await destPage(pdf, 'fig-1')).toBe(await destPage(pdf, 'scope'));
    expect(file.messages.filter((message) => message.ruleId === 'pdf-link').map((message) => `${message.line}:${message.column}`)).toEqual([`8:${linkLine.indexOf('[nowhere]') + 1}`]);
  });
});

describe('in the EPUB', () => {
  test('the chapter title carries its id; the links resolve; the link to nothing is dropped; valid', async () => {
    const { publication: pub, file } = publication();
    const bytes = await renderEpub(pub, renderOptions());
    const files = await readEpub(bytes);
    const chapters = [...files.xhtml.entries()].filter(([name]) => /ch-\d/.test(name)).map(([, xhtml]) => xhtml);
    expect(chapters[0]).toContain('<h1 id="start" class="title">The Beginning</h1>');
    expect(chapters[1]).toContain('<h1 id="end" class="title">The End</h1>');
    expect(chapters[1]).toContain('aria-labelledby="end"');
    expect(chapters[0]).toMatch(/<a href="ch-2\.xhtml#end">the end<\/a>/);
    expect(chapters[1]).toMatch(/<a href="ch-1\.xhtml#scope">the scope<\/a>/);
    expect(chapters[0]).toMatch(/<a href="#fig-1">the map<\/a>/);
    expect(file.messages.filter((message) => message.ruleId === 'epub-link').map((message) => message.reason)).toEqual(['link dropped from the EPUB: no element of the book has the id "nowhere"']);
    if (hasEpubcheck()) {
      const [result] = epubcheck({ ids: bytes });
      expect(result?.messages).toEqual([]);
    }
  });
});

describe('addresses', () => {
  test('the PDF links web, mail and telephone addresses only, as the EPUB does; the others are plain text, reported where they are', async () => {
    const line = 'A [script](javascript:alert(1)), a [file](file:///etc/passwd), a [page](/about/), [data](data:text/html,hi), [web](https://example.org/a?b=c), [mail](mailto:desk@example.org) and [phone](tel:+33100000000).';
    const { publication: pub, file } = publicationFromText(`---\ntitle: Addresses\n---\n\n${line}\n`, tmpdir());
    const { links } = await load(pub);
    expect(links.map((link) => link.url)).toEqual(['https://example.org/a?b=c', 'mailto:desk@example.org', 'tel:+33100000000']);
    const at = (label: string) => `5:${line.indexOf(label) + 1}`;
    const pdf = file.messages.filter((message) => message.ruleId === 'pdf-link');
    expect(pdf.map((message) => `${message.line}:${message.column}`)).toEqual([at('[script]'), at('[file]'), at('[page]'), at('[data]')]);
    expect(pdf.map((message) => message.reason)).toEqual([
      'link set as plain text in the PDF: "javascript:" links are not allowed (only web, mail, telephone and FTP addresses)',
      'link set as plain text in the PDF: "file:" links are not allowed (only web, mail, telephone and FTP addresses)',
      'link set as plain text in the PDF: "/about/" is a relative address, which a PDF has nothing to resolve against: write the full address (https://…)',
      'link set as plain text in the PDF: "data:" links are not allowed (only web, mail, telephone and FTP addresses)',
    ]);
    await renderEpub(pub, renderOptions());
    expect(file.messages.filter((message) => message.ruleId === 'epub-link').map((message) => `${message.line}:${message.column}`)).toEqual(pdf.map((message) => `${message.line}:${message.column}`));
  });
});

describe('between manuscripts', () => {
  test('a link to another manuscript of the book (ch02.md, ./ch02.md#methods) reaches its chapter or section in both formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-book-'));
    const texts = {
      'ch01.md': '# Arrival\n\nRead [the next chapter](ch02.md), [its methods](./ch02.md#methods) or [a missing one](ch09.md).\n',
      'ch02.md': '# Departure\n\nBack to [the first chapter](ch01.md).\n\n## Methods\n\nText.\n',
    };
    const sources = Object.entries(texts).map(([name, value]) => ({ path: join(dir, name), file: new VFile({ path: name, value }) }));
    const pub = buildPublication(sources, { resolver: new AssetResolver(dir), meta: { title: 'A Book in Files' } });
    const { pdf, links } = await load(pub);
    // The contents page's links first (chapter-…), then the text's.
    const dests = links.map((link) => link.dest).filter((dest) => dest !== undefined && !dest.startsWith('chapter-'));
    expect(dests).toEqual(['departure', 'methods', 'arrival']);
    expect(await destPage(pdf, 'departure')).toBeGreaterThan(await destPage(pdf, 'arrival'));
    const files = await readEpub(await renderEpub(pub, renderOptions()));
    const chapters = [...files.xhtml.entries()].filter(([name]) => /ch-\d/.test(name)).map(([, xhtml]) => xhtml);
    expect(chapters[0]).toContain('<a href="ch-2.xhtml#departure">the next chapter</a>');
    expect(chapters[0]).toContain('<a href="ch-2.xhtml#methods">its methods</a>');
    expect(chapters[1]).toContain('<a href="ch-1.xhtml#arrival">the first chapter</a>');
    // A manuscript that is not part of the book stays a relative address: both formats drop it, with a warning.
    const messages = sources[0]?.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`) ?? [];
    const column = texts['ch01.md'].split('\n')[2]?.indexOf('[a missing one]') ?? -1;
    expect(messages).toEqual(expect.arrayContaining([`3:${column + 1} pdf-link`, `3:${column + 1} epub-link`]));
  });
});

describe('{.unlisted}', () => {
  test('a section and those inside it are left out of the contents, the outline and the EPUB navigation, and stay in the text', async () => {
    const text = ['---', 'title: Listed', '---', '', '# One', '', '## Kept', '', 'a', '', '## Aside {.unlisted}', '', 'b', '', '### Inside the aside', '', 'c', '', '# Two {.unlisted}', '', 'd'].join('\n');
    const { publication: pub, file } = publicationFromText(text, tmpdir());
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['19:1 heading-attribute']);
    const { pdf } = await load(pub);
    expect(outlineTree(await pdf.getOutline())).toEqual([
      { title: 'Contents', items: [] },
      { title: 'One', items: [{ title: 'Kept', items: [] }] },
      { title: 'Two', items: [] },
    ]);
    const contents = await pageText(pdf, 2);
    expect(contents).toContain('Kept');
    expect(contents).not.toContain('Aside');
    expect(await pageText(pdf, 3)).toContain('Inside the aside');
    const files = await readEpub(await renderEpub(pub, renderOptions()));
    const nav = [...files.xhtml.entries()].find(([name]) => name.includes('toc'))?.[1] ?? '';
    expect(nav).toContain('>Kept</a>');
    expect(nav).not.toMatch(/Aside|Inside the aside/);
  });
});
