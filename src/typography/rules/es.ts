/**
 * Spanish: comillas angulares «…», then “…”, then ‘…’ (RAE); raya (—) for typed `--`
 * and spaced hyphens; ellipsis. Dialogue rayas stay attached as typed.
 */
import { commonBefore, type LanguageRules } from './types.js';

export const es: LanguageRules = {
  id: 'es',
  quotes: [
    { open: '«', close: '»' },
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
  elisions: [],
  before: commonBefore('—', '—'),
  after: [],
};
