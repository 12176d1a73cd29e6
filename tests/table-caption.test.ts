/**
 * Pandoc's table captions: a paragraph starting `Table:` (or `:`) right after a table, or
 * `Table:` right before it, is the table's caption: the EPUB's `<caption>`, set above the
 * table in the PDF and tagged as the Table's Caption.
 */
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import type { Publication } from '../src/ast/publication.js';
import { loadTheme } from '../src/config/theme.js';
import { renderEpub } from '../src/render/epub/index.js';
import { layoutPublication } from '../src/render/pdf/index.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { readEpub } from './helpers/epub-invariants.js';
import { renderOptions } from './helpers/epub-publication.js';
import { elements, load, walk } from './helpers/pdfjs-read.js';
import { printedLines } from './helpers/printed-lines.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');

const body = [
  'Intro.',
  '',
  '| Station | Rain |',
  '|---|--:|',
  '| Brest | 1210 |',
  '',
  'Table: Yearly rainfall, *two stations*.',
  '',
  '## Tides',
  '',
  ': Tide heights, in metres',
  '',
  '| Port | High |',
  '|---|--:|',
  '| Brest | 7.2 |',
  '',
  'Table: Winds',
  '',
  '| Port | Knots |',
  '|---|--:|',
  '| Brest | 20 |',
  '',
  'A table: not a caption, and neither is this one.',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
].join('\n');

function publication(): Publication {
  return publicationFromText(`---\ntitle: Tables\nlang: en\n---\n\n${body}\n`, tmpdir()).publication;
}

/** The block nodes of the chapter, sections opened, as `type` or `type: caption text`. */
function blocks(pub: Publication): string[] {
  const out: string[] = [];
  const visit = (nodes: readonly { type: string }[]) => {
    for (const node of nodes) {
      if (node.type === 'section' && 'children' in node) visit(node.children as { type: string }[]);
      else if (node.type === 'captionedTable' && 'children' in node) out.push(`captionedTable: ${JSON.stringify(node.children[0])}`);
      else out.push(node.type);
    }
  };
  visit(pub.chapters[0]?.tree.children ?? []);
  return out.map((entry) => entry.replace(/"position":\{[^}]*\{[^}]*\}[^}]*\{[^}]*\}\},?/g, ''));
}

describe('in the tree', () => {
  test('a Table: paragraph after or before a table, or a : one after a heading, is its caption', () => {
    const found = blocks(publication());
    expect(found.filter((entry) => entry.startsWith('captionedTable')).length).toBe(3);
    expect(found.map((entry) => entry.split(':')[0])).toEqual(['paragraph', 'captionedTable', 'heading', 'captionedTable', 'captionedTable', 'paragraph', 'table']);
    expect(found[1]).toContain('"value":"Yearly rainfall, "');
    expect(found[3]).toContain('"value":"Tide heights, in metres"');
    expect(found[4]).toContain('"value":"Winds"');
  });
});

describe('in other languages', () => {
  test('Tableau :, Tabelle:, Tabla: start captions too', () => {
    for (const [lang, word] of [['fr', 'Tableau :'], ['de', 'Tabelle:'], ['es', 'Tabla:']] as const) {
      const text = `---\ntitle: T\nlang: ${lang}\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${word} Marées\n`;
      const tree = publicationFromText(text, tmpdir()).publication.chapters[0]?.tree;
      const node = tree?.children[0];
      expect(node?.type, word).toBe('captionedTable');
      expect(node?.type === 'captionedTable' && node.children[0].children[0]).toMatchObject({ type: 'text', value: 'Marées' });
    }
  });
});

describe('in the PDF', () => {
  test('the caption is set above its table, kept with it, and tagged as its Caption', async () => {
    const pub = publication();
    const lines = printedLines(layoutPublication(pub, { theme }));
    const index = (start: string) => lines.findIndex((line) => line.text.startsWith(start));
    expect(index('Yearly')).toBeGreaterThan(-1);
    expect(index('Yearly')).toBeLessThan(index('Station'));
    expect(index('Tide heights')).toBe(index('Port') - 1);
    expect(index('Winds')).toBe(lines.findIndex((line, i) => i > index('Winds') && line.text.startsWith('Port')) - 1);
    expect(lines[index('Yearly')]?.fonts[0]).toContain('italic');
    const { trees } = await load(pub);
    const tables = elements(trees, 'Table');
    expect(tables).toHaveLength(4);
    const roles = tables.map((table) => (table.children ?? []).map((child) => child.role).filter((role) => role !== undefined));
    expect(roles.map((list) => list[0])).toEqual(['Caption', 'Caption', 'Caption', 'TR']);
    expect(roles.flat().filter((role) => role === 'Caption')).toHaveLength(3);
    // No caption text is tagged outside its table.
    expect(elements(trees, 'Caption').length).toBe(3);
    expect([...walk(tables[0] ?? {})].some((node) => node.role === 'TH')).toBe(true);
  });
});

describe('in the EPUB', () => {
  test('<table><caption>…; valid', async () => {
    const bytes = await renderEpub(publication(), renderOptions());
    const xhtml = [...(await readEpub(bytes)).xhtml.entries()].find(([name]) => name.includes('ch-1'))?.[1] ?? '';
    expect(xhtml).toContain('<table><caption>Yearly rainfall, <em>two stations</em>.</caption>');
    expect(xhtml).toContain('<table><caption>Tide heights, in metres</caption>');
    expect(xhtml).toContain('<table><caption>Winds</caption>');
    expect(xhtml).toContain('<p>A table: not a caption, and neither is this one.</p>');
    if (hasEpubcheck()) {
      const [result] = epubcheck({ tables: bytes });
      expect(result?.messages).toEqual([]);
    }
  });
});
