/**
 * Portuguese: Portugal «…» then “…”; Brazil “…” then ‘…’. Travessão (—) for typed
 * `--`, spaced hyphens and dialogue, which takes a no-break space at a paragraph start.
 */
import { commonBefore, dialogueDash, type LanguageRules } from './types.js';

export const pt: LanguageRules = {
  id: 'pt',
  quotes: [
    { open: '«', close: '»' },
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
  elisions: [],
  before: commonBefore('—', '—'),
  after: [dialogueDash],
};

export const ptBR: LanguageRules = {
  ...pt,
  id: 'pt-BR',
  quotes: [
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
};
