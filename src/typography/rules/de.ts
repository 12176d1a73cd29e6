/**
 * German: „doppelte“ and ‚einfache‘ Anführungszeichen (Switzerland and Liechtenstein:
 * «…» and ‹…› without spaces), Gedankenstrich as a spaced en dash, en dash in ranges,
 * narrow no-break space inside abbreviations (z. B., d. h., u. a.).
 */
import { commonBefore, NBSP, NNBSP, numberRange, rule, type LanguageRules } from './types.js';

const abbreviations = rule('de-abbreviation', /(?<![\p{L}\p{N}])(z\.|d\.|u\.|o\.|s\.)[ \u2009]?(B\.|h\.|a\.|Ä\.|o\.|u\.|U\.)/gu, `$1${NNBSP}$2`);
const reference = rule('de-reference', /(?<![\p{L}\p{N}])(Nr\.|S\.|Abs\.|Bd\.|Kap\.|§)[ \u2009]?(?=\d)/gu, `$1${NBSP}`);

const elisions = ['s', 'n', 'ne', 'nen', 'nem', 'ner', 'raus', 'rein', 'rauf', 'runter', 'ran', 'nüber', 'rüber'];

function german(id: string, quotes: LanguageRules['quotes']): LanguageRules {
  return { id, quotes, elisions, before: [...commonBefore('–', '–'), numberRange], after: [abbreviations, reference] };
}

export const de = german('de', [
  { open: '„', close: '“' },
  { open: '‚', close: '‘' },
]);

export const deCH = german('de-CH', [
  { open: '«', close: '»' },
  { open: '‹', close: '›' },
]);
