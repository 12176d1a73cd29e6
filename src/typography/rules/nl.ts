/**
 * Dutch: “…” then ‘…’ (Taalunie also allows „…”); apostrophes including the
 * word-initial ones (’s avonds, ’t, ’n); spaced en dash; en dash in number ranges.
 */
import { commonBefore, numberRange, type LanguageRules } from './types.js';

export const nl: LanguageRules = {
  id: 'nl',
  quotes: [
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
  elisions: ['s', 't', 'n', 'k', 'm', 'r', 'ns', 'tis'],
  before: [...commonBefore('–', '–'), numberRange],
  after: [],
};
