/**
 * The pattern data build:lib saves as JSON (scripts/hyphen-data.mjs) is the `hyphen`
 * package's own, and the built hyphenator, which reads it, breaks words exactly as the
 * sources do (under vitest they find no JSON and require the package).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getHyphenator, patternFolders } from '../src/typography/hyphenation.js';

const require = createRequire(import.meta.url);
const saved = fileURLToPath(new URL('../dist-lib/hyphen-patterns/', import.meta.url));
const built = fileURLToPath(new URL('../dist-lib/typography/hyphenation.js', import.meta.url));

describe('saved hyphenation patterns', () => {
  it('holds every folder, equal to the package data', () => {
    const folders = patternFolders();
    expect(folders).toContain('en-us');
    expect(folders).toContain('de-1996');
    for (const folder of folders) {
      const file = `${saved}${folder}.json`;
      expect(existsSync(file), file).toBe(true);
      const { patterns } = require(`hyphen/${folder}/index.js`) as { patterns: unknown };
      expect(JSON.parse(readFileSync(file, 'utf8')), folder).toStrictEqual(patterns);
    }
  });

  it('gives the built hyphenator the same breaks as the package modules', async () => {
    // The built module: its own type is the source's (same file compiled).
    const dist = (await import(pathToFileURL(built).href)) as typeof import('../src/typography/hyphenation.js');
    const samples: Array<[string, string]> = [
      ['en', 'Extraordinary circumstances required considerable deliberation and hyphenation'],
      ['en-GB', 'The colour of the neighbourhood programme was unrecognisable'],
      ['fr', 'Les représentations extraordinaires demandaient une préparation considérable'],
      ['de', 'Donaudampfschifffahrtsgesellschaft und Rechtsschutzversicherungsgesellschaften'],
      ['es', 'Las consideraciones extraordinarias requieren paciencia'],
    ];
    for (const [lang, text] of samples) {
      const expected = getHyphenator(lang)?.(text);
      expect(expected?.length, lang).toBeGreaterThan(3);
      expect(dist.getHyphenator(lang)?.(text), lang).toStrictEqual(expected);
    }
  });
});
