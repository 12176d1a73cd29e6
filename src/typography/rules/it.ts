/**
 * Italian: caporali «…» without spaces, then “…”, then ‘…’; apostrophes (l’anno,
 * un po’); a dialogue dash at the start of a paragraph takes a no-break space.
 */
import { commonBefore, dialogueDash, type LanguageRules } from './types.js';

export const it: LanguageRules = {
  id: 'it',
  quotes: [
    { open: '«', close: '»' },
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
  elisions: ['na', 'sto', 'sta', 'ste', 'sti', 'ndrangheta'],
  before: commonBefore('—', '–'),
  after: [dialogueDash],
};
