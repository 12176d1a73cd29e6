import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Node } from 'unist';
import { describe, expect, test } from 'vitest';
import { buildPublication } from '../src/ast/build-publication.js';
import type { Publication } from '../src/ast/publication.js';
import { AssetResolver } from '../src/manuscript/assets.js';
import { readManuscript } from '../src/manuscript/read.js';
import { applyTypography } from '../src/typography/index.js';

// Typography over real French text (skipped without ../shared/corpus): after the rules,
// no breakable space may be left before ; : ! ? » or after «. The rendered-output
// counts (EPUB and PDF) belong to the build's corpus suite.
const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const book = join(corpus, 'books', 'fr_dumas_monte-cristo_tome1.md');
const articles = join(corpus, 'articles', 'cds-snc-blog', 'fr');

const BREAKING = '[ \\t\\n\\r\\u2000-\\u2006\\u2008-\\u200A]';
const BAD = new RegExp(`(?<=\\S)${BREAKING}+[;:!?»]|«${BREAKING}+`, 'g');
/** A French ; ! ? : » with no space at all before it (context the rules leave alone excluded). */
const MISSING = /[^\s?!;:(«\[\uFFFC…'"]([;!?:»])(?=\s|$)/g;
const SKIP = new Set(['code', 'inlineCode', 'html', 'math', 'inlineMath', 'yaml']);

function build(path: string): Publication {
  const file = readManuscript(path, { displayPath: path });
  return buildPublication([{ path, file }], { resolver: new AssetResolver(dirname(path)), defaultLang: 'fr' });
}

/** Joined text of every block whose children are inline, code and URLs excluded. */
function runs(node: Node, out: string[]): void {
  if (SKIP.has(node.type) || !('children' in node) || !Array.isArray(node.children)) return;
  const children: Node[] = node.children;
  if (children.some((c) => c.type === 'text')) {
    const text = (n: Node): string =>
      n.type === 'text' && 'value' in n && typeof n.value === 'string' ? n.value
        : SKIP.has(n.type) || n.type === 'link' || !('children' in n) || !Array.isArray(n.children) ? '\uFFFC'
          : n.children.map(text).join('');
    out.push(children.map(text).join(''));
    return;
  }
  for (const child of children) runs(child, out);
}

function places(pub: Publication, pattern: RegExp): string[] {
  const texts: string[] = [pub.meta.title];
  for (const chapter of pub.chapters) {
    texts.push(chapter.titleText);
    runs(chapter.tree, texts);
  }
  return texts.flatMap((t) => [...t.matchAll(pattern)].map((m) => t.slice(Math.max(0, m.index - 20), m.index + 10)));
}

const badPlaces = (pub: Publication): string[] => places(pub, BAD);

describe.skipIf(!existsSync(corpus))('typography on the French corpus', () => {
  test('Monte-Cristo, tome I', () => {
    const pub = build(book);
    const before = badPlaces(pub).length;
    const missingBefore = places(pub, MISSING).length;
    applyTypography(pub);
    const after = badPlaces(pub);
    const missing = places(pub, MISSING);
    console.log(`Monte-Cristo I: ${before} breakable places before, ${after.length} after; ${missingBefore} missing spaces before, ${missing.length} after`, missing.slice(0, 10));
    expect(after).toEqual([]);
    expect(missing).toEqual([]);
  }, 120_000);

  test('163 articles of cds-snc-blog/fr', () => {
    const files = readdirSync(articles).filter((f) => f.endsWith('.md'));
    expect(files.length).toBe(163);
    let before = 0;
    const after: string[] = [];
    for (const name of files) {
      const pub = build(join(articles, name));
      before += badPlaces(pub).length;
      applyTypography(pub);
      after.push(...badPlaces(pub).map((p) => `${name}: ${p}`));
    }
    console.log(`cds-snc-blog/fr: ${before} breakable places before, ${after.length} after`, after.slice(0, 20));
    expect(after).toEqual([]);
  }, 120_000);
});
