/**
 * French (fr, fr-FR, fr-BE, fr-CH…; fr-CA where it differs). Imprimerie nationale usage
 * as CLDR encodes it: narrow no-break space (U+202F) inside « » and before ; ! ?, a
 * no-break space (U+00A0) before :, U+202F as the thousands separator and before %,
 * U+00A0 between a number and its unit or word, after n°, p., M., Mme and initials.
 * Spaces the author typed before punctuation become the right no-break space; a space
 * that is already right is left as it is.
 */
import { BREAKING, commonBefore, dialogueDash, NBSP, NNBSP, rule, type LanguageRules } from './types.js';
import type { Rule } from '../run.js';

/** Any space an author may have typed where a no-break space belongs (U+202F excluded: it is never wrong here). */
const TYPED = `(?:${BREAKING}|\\u00A0|\\u2009)`;
/** What may come after ; ! ? : used as punctuation (not `a?b`, `10:30`, `http:`). */
const AFTER_PUNCT = '(?=$|[\\s»”’"\'.,;:!?…)\\]}\\uFFFC*_])';
/** What may not come right before a spaced punctuation mark. */
const NOT_BEFORE = '[^\\s(\\[{«‹„“‘\\u2014\\u2013?!;:]';

const guillemetOpen = rule('fr-guillemet-open', new RegExp(`«(?:${TYPED}|\\u202F)*(?=[^\\s])`, 'g'), `«${NNBSP}`);
const guillemetClose = rule('fr-guillemet-close', new RegExp(`(?<=[^\\s«])(?:${TYPED}|\\u202F)*»`, 'g'), `${NNBSP}»`);

/** U+202F before ; ! ? — inserted when missing, or only replacing a typed space (Canada). */
function highPunctuation(insert: boolean): Rule {
  const spaces = insert ? `(?:${TYPED}|\\u202F)*` : `(?:${TYPED}|\\u202F)+`;
  return rule('fr-high-punctuation', new RegExp(`(?<=${NOT_BEFORE})${spaces}([;!?])${AFTER_PUNCT}`, 'gu'), `${NNBSP}$1`);
}

const colon = rule('fr-colon', new RegExp(`(?<=${NOT_BEFORE})(?:${TYPED}|\\u202F)*:(?=$|[\\s»”")\\]\\uFFFC])`, 'gu'), `${NBSP}:`);

const thousands = rule('fr-thousands', /(?<![\p{N},.])\d{1,3}(?:[ \u00A0\u2009]\d{3})+(?![\p{N}])/gu, (m) => m[0].replace(/[ \u00A0\u2009]/g, NNBSP));
const percent = rule('fr-percent', /(?<=\d)[ \u00A0\u2009]?([%‰])/g, `${NNBSP}$1`);

const UNITS = [
  'h', 'min', 's', 'ms', 'km', 'm', 'cm', 'mm', 'µm', 'nm', 'km²', 'm²', 'm³', 'ha', 'kg', 'g', 'mg', 't', 'L', 'l', 'cl', 'ml',
  '°C', '°F', '°', '€', '\\$', '£', '¥', 'Mo', 'Go', 'To', 'ko', 'Mb', 'Gb', 'kW', 'kWh', 'MW', 'GW', 'W', 'V', 'Hz', 'MHz', 'GHz',
  'km/h', 'ans?', 'mois', 'jours?', 'heures?', 'minutes?', 'secondes?', 'semaines?', 'siècles?',
  'millions?', 'milliards?', 'billions?', 'mille', 'euros?', 'dollars?', 'francs?', 'livres?', 'habitants', 'personnes',
];
const unit = rule(
  'fr-unit',
  new RegExp(`(?<=\\d)[ \\u2009](?=(?:${UNITS.join('|')})(?![\\p{L}\\p{N}’'/]))`, 'gu'),
  NBSP,
);
/** `18 h 30`: the space after the `h` of a time. */
const hourMinutes = rule('fr-hour-minutes', /(?<=\d[\u00A0 ]h)[ \u2009](?=\d)/g, NBSP);
const numero = rule('fr-numero', /(?<![\p{L}\p{N}])([nN][°º]|§)[ \u2009]?(?=\d)/gu, `$1${NBSP}`);
/** `no 3`, `No 5`: numéro written with a plain o (a space is required). */
const numeroO = rule('fr-numero-o', /(?<![\p{L}\p{N}])([nN]o)[ \u2009](?=\d)/gu, `$1${NBSP}`);
const reference = rule('fr-reference', /(?<![\p{L}\p{N}])(p\.|pp\.|vol\.|chap\.|art\.|fig\.|t\.|no\.)[ \u2009](?=\d)/gu, `$1${NBSP}`);
const honorific = rule('fr-honorific', /(?<![\p{L}\p{N}.])(M\.|MM\.|Mme|Mmes|Mlle|Mlles|Mgr|Me|Dr|Pr)[ \u2009](?=\p{Lu})/gu, `$1${NBSP}`);
/** Dialogue: `—Bonjour` at the start of a paragraph takes its no-break space. */
const dialogueSpace = rule('fr-dialogue-space', /^([—–])(?=\p{L})/u, `$1${NBSP}`);
const initial = rule('fr-initial', /(?<![\p{L}\p{N}])(\p{Lu}\.)[ \u2009](?=\p{Lu})/gu, `$1${NBSP}`);

function french(id: string, insertBeforeHigh: boolean): LanguageRules {
  return {
    id,
    quotes: [
      { open: '«', close: '»' },
      { open: '“', close: '”' },
    ],
    elisions: [],
    before: [...commonBefore('–', '–')],
    after: [
      guillemetOpen,
      guillemetClose,
      highPunctuation(insertBeforeHigh),
      colon,
      thousands,
      percent,
      unit,
      hourMinutes,
      numero,
      numeroO,
      reference,
      honorific,
      initial,
      dialogueDash,
      dialogueSpace,
    ],
  };
}

/** France, Belgium, Switzerland, Luxembourg… */
export const fr = french('fr', true);
/** Canada (OQLF): no space is added before ; ! ? — a space the author typed becomes U+202F. */
export const frCA = french('fr-CA', false);
