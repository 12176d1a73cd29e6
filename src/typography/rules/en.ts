/**
 * English: curly quotes with the nesting each variant prefers (US “ ‘ ’ ”, GB ‘ “ ” ’),
 * apostrophes (’90s, rock ’n’ roll), en dash in number ranges, em dash, ellipsis.
 */
import { commonBefore, numberRange, rule, type LanguageRules } from './types.js';

/** 5'10" → 5′10″ (feet and inches) before quotes are paired. */
const primes = [
  rule('en-prime', /(?<=\d)'(?=\d{1,2}")/g, '′'),
  rule('en-double-prime', /(?<=\d′\d{1,2})"/g, '″'),
];

const elisions = ['tis', 'twas', 'twere', 'twill', 'em', 'cause', 'cos', 'til', 'n', 'round', 'bout', 'cept', 'nuff', 'ow', 'ere'];

/** United States (and `en` alone): “double” outside, ‘single’ inside; `--` and ` - ` give an em dash. */
export const enUS: LanguageRules = {
  id: 'en-US',
  quotes: [
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
  elisions,
  before: [...primes, ...commonBefore('—', '—'), numberRange],
  after: [],
};

/** United Kingdom (and Commonwealth variants): ‘single’ outside, “double” inside; spaced en dash. */
export const enGB: LanguageRules = {
  id: 'en-GB',
  quotes: [
    { open: '‘', close: '’' },
    { open: '“', close: '”' },
  ],
  elisions,
  before: [...primes, ...commonBefore('–', '–'), numberRange],
  after: [],
};
