import { describe, expect, test } from 'vitest';
import { getHyphenator, hyphenationPoints, softHyphenate } from '../src/typography/index.js';

/** `hy-phen-ation`: the word with a hyphen at each break point. */
function marked(lang: string, word: string, options = {}): string {
  const hyphenator = getHyphenator(lang, options);
  if (!hyphenator) throw new Error(`no hyphenator for ${lang}`);
  let out = '';
  let at = 0;
  for (const point of hyphenator(word)) {
    out += `${word.slice(at, point)}-`;
    at = point;
  }
  return out + word.slice(at);
}

const known: Array<[string, string, string]> = [
  ['fr', 'hyphénation', 'hy-phé-na-tion'],
  ['fr', 'intelligence', 'in-tel-li-gence'],
  ['fr', 'l’objectif', 'l’ob-jec-tif'],
  ['fr-CA', 'Donnant', 'Don-nant'],
  ['en-US', 'hyphenated', 'hy-phen-ated'],
  ['en-US', 'typography', 'ty-pog-ra-phy'],
  ['en-US', 'table', 'ta-ble'],
  ['en-GB', 'hyphenation', 'hy-phen-a-tion'],
  ['de', 'Silbentrennung', 'Sil-ben-tren-nung'],
  ['de', 'Donaudampfschifffahrt', 'Do-nau-dampf-schiff-fahrt'],
  ['de-CH', 'Arbeiter', 'Ar-bei-ter'],
  ['es', 'silabación', 'si-la-ba-ción'],
  ['it', 'sillabazione', 'sil-la-ba-zio-ne'],
  ['pt', 'hifenização', 'hi-fe-ni-za-ção'],
  ['pt-BR', 'computador', 'com-pu-ta-dor'],
  ['nl', 'woordafbreking', 'woord-af-bre-king'],
];

describe('hyphenation', () => {
  test.each(known)('%s: %s → %s', (lang, word, expected) => {
    expect(marked(lang, word)).toBe(expected);
  });

  test('right minimum of 3 in English drops breaks before -ed and -ly', () => {
    expect(marked('en-US', 'started')).toBe('started');
    expect(marked('en-US', 'recorded')).toBe('recorded');
    expect(marked('en-US', 'lovely')).toBe('lovely');
    expect(marked('en-US', 'started', { rightMin: 2 })).toBe('start-ed');
  });

  test('minima and minimum word length can be set', () => {
    expect(marked('fr', 'hyphénation', { leftMin: 3 })).toBe('hyphé-na-tion');
    expect(marked('fr', 'hyphénation', { rightMin: 5 })).toBe('hy-phé-nation');
    expect(marked('en-US', 'table', { minWordLength: 6 })).toBe('table');
  });

  test('exceptions win over patterns; a word without hyphen is never broken', () => {
    expect(marked('en-US', 'hyphenated', { exceptions: ['hyphen-ated'] })).toBe('hyphen-ated');
    expect(marked('en-US', 'Typography', { exceptions: ['typography'] })).toBe('Typography');
    expect(marked('fr', 'intelligence', { exceptions: ['intel-ligence'] })).toBe('intel-ligence');
  });

  test('nothing for words with digits, URLs, e-mails, acronyms, or already hyphenated words', () => {
    for (const word of ['COVID19', 'A4paper', 'https://example.org/organisation', 'organisation@example.org', 'www.organisation.fr', 'ORGANISATION', 'NASA', 'orga\u00ADnisation']) {
      expect(marked('fr', word)).toBe(word);
    }
  });

  test('short words are not hyphenated', () => {
    expect(marked('fr', 'arbre')).toBe('arbre');
    expect(marked('en-US', 'only')).toBe('only');
  });

  test('compounds are hyphenated part by part', () => {
    expect(marked('fr', 'porte-documents')).toBe('porte-do-cu-ments');
  });

  test('hyphenators are cached; unknown languages have none', () => {
    expect(getHyphenator('fr')).toBe(getHyphenator('fr'));
    expect(getHyphenator('ja')).toBeUndefined();
    expect(hyphenationPoints('quelque chose', 'xx')).toEqual([]);
  });

  test('softHyphenate inserts U+00AD at the break points of a text', () => {
    expect(softHyphenate('Une intelligence rare, voir https://exemple.fr/intelligence.', 'fr')).toBe(
      'Une in\u00ADtel\u00ADli\u00ADgence rare, voir https://exemple.fr/intelligence.',
    );
    expect(hyphenationPoints('la typographie', 'fr')).toEqual([5, 7, 10]) // la ty-po-gra-phie;
  });
});
