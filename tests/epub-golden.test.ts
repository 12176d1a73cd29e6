/**
 * Golden files per EPUB feature: for each `tests/fixtures/epub-<case>/input.md`, the
 * package document, the navigation document and the first chapter's XHTML must
 * equal `expected/`. `UPDATE=1 npx vitest run tests/epub-golden` rewrites them
 * (review the diff before committing). `epub-page-list` gets a hand-made page map;
 * the manuscript's messages are kept in `expected/messages.txt`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../src/render/epub/index.js';
import { readEpub } from './helpers/epub-invariants.js';
import { renderOptions } from './helpers/epub-publication.js';
import { handMadePageMap } from './helpers/epub-samples.js';
import { publicationFromFile } from './helpers/publication.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(fixtures).filter((name) => name.startsWith('epub-') && existsSync(join(fixtures, name, 'input.md'))).sort();
const update = process.env.UPDATE === '1' || process.env.UPDATE === 'true';

async function outputs(name: string): Promise<Record<string, string>> {
  const dir = join(fixtures, name);
  const { publication, file } = publicationFromFile(join(dir, 'input.md'), dir);
  const options = { ...renderOptions(), ...(name === 'epub-page-list' ? { pageMap: handMadePageMap(publication) } : {}) };
  const epub = await readEpub(await renderEpub(publication, options));
  const firstChapter = [...epub.xhtml.keys()].find((path) => /\/ch-1\.xhtml$/.test(path)) ?? '';
  const messages = [...file.messages, ...publication.chapters.flatMap((c) => (c.file === file ? [] : c.file.messages))]
    .map((m) => `${m.line ?? ''}:${m.column ?? ''} ${m.ruleId ?? ''} ${m.reason}`)
    .join('\n');
  return {
    'content.opf': epub.opf,
    'toc.xhtml': epub.xhtml.get('OEBPS/toc.xhtml') ?? '',
    'ch-1.xhtml': epub.xhtml.get(firstChapter) ?? '',
    'messages.txt': `${messages}\n`,
  };
}

describe('EPUB golden fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of cases) {
    it(name, async () => {
      const got = await outputs(name);
      const expectedDir = join(fixtures, name, 'expected');
      if (update) {
        mkdirSync(expectedDir, { recursive: true });
        for (const [file, content] of Object.entries(got)) writeFileSync(join(expectedDir, file), content);
      }
      for (const [file, content] of Object.entries(got)) {
        const path = join(expectedDir, file);
        expect(existsSync(path), `${path} is missing: run with UPDATE=1`).toBe(true);
        expect(content, `${name}/${file}`).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
