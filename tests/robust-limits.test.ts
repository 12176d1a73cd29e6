/**
 * Bounded work inside a parse: nesting and paragraph complexity are refused before
 * remark sees them (positioned `input-too-deep`), every limit can be changed, and
 * thousands of footnotes, headings, table rows or pull quotes cost the transforms
 * linear time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import type { TransformContext } from '../src/ast/context.js';
import { defaultParseLimits, parseMarkdown } from '../src/ast/processor.js';
import { splitChapters } from '../src/ast/transforms/chapters.js';
import { unknownDirectives } from '../src/ast/transforms/directives.js';
import { figures } from '../src/ast/transforms/figure.js';
import { pullQuotes } from '../src/ast/transforms/pull-quote.js';
import { resolveReferences } from '../src/ast/transforms/references.js';
import { sections } from '../src/ast/transforms/section.js';
import { AssetResolver } from '../src/manuscript/assets.js';
import { publicationFromText } from './helpers/publication.js';

const dir = mkdtempSync(join(tmpdir(), 'folio-robust-limits-'));

function parse(text: string, limits = {}): { file: VFile; ms: number; blocks: number } {
  const file = new VFile({ path: 'x.md', value: text });
  const start = performance.now();
  const tree = parseMarkdown(file, limits);
  return { file, ms: performance.now() - start, blocks: tree.children.length };
}

function deep(file: VFile): string[] {
  return file.messages.filter((m) => m.ruleId === 'input-too-deep').map((m) => `${m.line}:${m.column}`);
}

// cmark's pathological shapes (test/pathological_tests.py) at sizes where remark takes seconds or overflows.
const hostile: Record<string, string> = {
  'nested block quotes': `${'> '.repeat(25000)}a`,
  'tight block quotes': `${'>'.repeat(100000)}${'a*'.repeat(1000)}`,
  'nested lists on one line': `${'- '.repeat(30000)}x`,
  'nested lists by indentation': Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}* a\n`).join(''),
  'nested brackets': `${'['.repeat(25000)}a${']'.repeat(25000)}`,
  'nested strong emphasis': `${'*a **a '.repeat(5000)}b${' a** a*'.repeat(5000)}`,
  'long delimiter runs': `${'*'.repeat(20000)}a${'*'.repeat(20000)}`,
  'emphasis openers without closers': '_a '.repeat(30000),
  'emphasis closers without openers': 'a_ '.repeat(30000),
  'link closers without openers': 'a]'.repeat(30000),
  'unclosed HTML comments': `</${'<!--'.repeat(30000)}`,
  'unclosed links': '[a](b'.repeat(30000),
  'backtick runs': Array.from({ length: 2500 }, (_, i) => `e${'`'.repeat(i)}`).join(''),
  'definitions': Array.from({ length: 12000 }, (_, i) => `[x${i}]: /u\n\n[x0]\n`).join('\n'),
  'nested directives': ':::box\n'.repeat(6000),
  'nested footnote definitions': `${'[^a]: '.repeat(3000)}x`,
  'nesting after a fake fence': `\`\`\`a\`\`\`\n${'> '.repeat(5000)}a`,
  'inline nesting the scan misses': `${'> '.repeat(30)}${'*a _b '.repeat(40)}c${' b_ a*'.repeat(40)}`,
};

describe('hostile nesting and complexity', () => {
  for (const [name, text] of Object.entries(hostile)) {
    it(`refuses ${name} quickly, with a position`, () => {
      const { file, ms, blocks } = parse(text);
      expect(deep(file)).toHaveLength(1);
      expect(file.messages[0]?.fatal).toBe(true);
      expect(file.messages[0]?.line).toBeGreaterThan(0);
      expect(blocks).toBe(0);
      if (name !== 'inline nesting the scan misses') expect(ms).toBeLessThan(2000);
    });
  }

  it('keeps the front matter of a refused manuscript, so the refusal is the only message', () => {
    const { publication, file } = publicationFromText(`---\ntitle: Deep\n---\n\n${'> '.repeat(300)}a\n`, dir);
    expect(file.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)).toEqual(['input-too-deep@5:1']);
    expect(publication.meta.title).toBe('Deep');
  });

  it('accepts what real books do: moderate nesting, long paragraphs, big tables, code', () => {
    const table = `| a | b |\n|---|---|\n${Array.from({ length: 1500 }, (_, i) => `| *${i}* | [l](u${i}) \`c\` |`).join('\n')}\n`;
    const code = `\`\`\`\n${'> [[[* _ '.repeat(3000)}\n\`\`\`\n`;
    const nested = `${Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n\n${'> '.repeat(30)}quote *with **some** emphasis* and [a [nested] link](u)\n`;
    const prose = `${'A sentence with *emphasis*, a [link](http://e.org) and `code`. '.repeat(200)}\n`;
    const forms = 'Name: ________ Date: ________ snake_case_names 2 * 3 * 4 a_b_c **Bold:** text.\n';
    for (const text of [table, code, nested, prose, forms, '* * *\n- - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n']) {
      const { file, blocks } = parse(text);
      expect(file.messages).toEqual([]);
      expect(blocks).toBeGreaterThan(0);
    }
  });

  it('makes every limit configurable', () => {
    expect(defaultParseLimits).toEqual({ maxDepth: 100, maxInlineMarkers: 5000, maxDefinitions: 10_000, maxBlockChars: 256 * 1024 });
    expect(deep(parse(`${'> '.repeat(10)}a`, { maxDepth: 5 }).file)).toEqual(['1:1']);
    expect(deep(parse('*a* '.repeat(20), { maxInlineMarkers: 10 }).file)).toEqual(['1:1']);
    expect(deep(parse('[a]: u\n[b]: v\n[c]: w\n', { maxDefinitions: 2 }).file)).toEqual(['3:1']);
    expect(deep(parse(`para\n\n${'word '.repeat(100)}`, { maxBlockChars: 100 }).file)).toEqual(['3:1']);
    expect(deep(parse(`${'> '.repeat(150)}a`, { maxDepth: 200 }).file)).toEqual([]);
  });
});

/** A tree of `count` copies of the blocks `unit` parses to, `@@` replaced by the copy's number (cheaper than parsing it all). */
function replicate(unit: string, count: number, table = false): Root {
  const parsed = parseMarkdown(new VFile({ path: 'unit.md', value: unit }));
  const json = JSON.stringify(table ? parsed.children[0] : parsed.children);
  const copies = Array.from({ length: count }, (_, i) => JSON.parse(json.replaceAll('@@', String(i))) as unknown);
  if (!table) return { type: 'root', children: copies.flatMap((c) => (Array.isArray(c) ? c : [])) };
  // One table whose rows are the copies' body rows.
  const first = parsed.children[0];
  if (first?.type !== 'table') throw new Error('not a table');
  const rows = copies.flatMap((c) => (c && typeof c === 'object' && 'children' in c && Array.isArray(c.children) ? c.children.slice(1) : []));
  return { type: 'root', children: [{ ...first, children: [...first.children.slice(0, 1), ...rows] }] };
}

describe('thousands of footnotes, headings, table rows', () => {
  const n = 5000;
  const inputs: Record<string, (count: number) => Root> = {
    footnotes: (count) => replicate('Para @@.[^n@@]\n\n[^n@@]: Note @@ calls [^m@@].\n\n[^m@@]: Inner.\n', count),
    'headings with the same text': (count) => replicate('## Notes\n\nText @@.\n\n### Notes\n', count),
    'chapters with notes': (count) => replicate('# Chapter @@\n\nText.[^c@@]\n\n[^c@@]: note\n', count),
    'table rows': (count) => replicate('| a | b |\n|---|---|\n| @@ | *x* [l](#a@@) |\n', count, true),
    'reference links': (count) => replicate('See [r@@] and [again][r@@].\n\n[r@@]: http://e.org/@@\n', count),
    'pull quotes': (count) => replicate('Text :pullquote[quote @@] more.\n\n::pullquote[standalone @@]\n', count),
    'unknown directives': (count) => replicate(':::box\nText @@ :x[y]\n:::\n', count),
  };
  const run = (tree: Root): { ms: number; file: VFile; parts: number } => {
    const file = new VFile({ path: 'x.md', value: '' });
    const ctx: TransformContext = { file, baseDir: dir, resolver: new AssetResolver(dir), assets: new Map(), ids: new Set(), counters: { figure: 0, credit: 0, chapter: 0 } };
    const start = performance.now();
    resolveReferences(tree);
    pullQuotes(tree, ctx);
    figures(tree, ctx);
    unknownDirectives(tree, ctx);
    const parts = splitChapters(tree, ctx);
    for (const part of parts) sections(part.tree, ctx);
    return { ms: performance.now() - start, file, parts: parts.length };
  };
  for (const [name, make] of Object.entries(inputs)) {
    it(`runs every transform over ${n} ${name} in linear time`, () => {
      const small = run(make(n / 4));
      const large = run(make(n));
      // Four times the input: about four times the time when linear, sixteen when quadratic.
      expect(large.ms).toBeLessThan(Math.max(10 * small.ms, 400));
      expect(large.file.messages.filter((m) => m.fatal)).toEqual([]);
      expect(large.parts).toBeGreaterThan(0);
    }, 120_000);
  }
});
