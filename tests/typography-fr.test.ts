import { describe, expect, test } from 'vitest';
import { typographizeText } from '../src/typography/index.js';

/** U+202F narrow no-break space, U+00A0 no-break space. */
const N = '\u202F';
const S = '\u00A0';

// [input, expected]: each expected value must also come back unchanged (idempotence).
const fr: Array<[string, string]> = [
  // Headings and labels in the shape of an imported brief.
  ['De quoi on parle ?', `De quoi on parle${N}?`],
  ['Pourquoi est-ce que ça compte ?', `Pourquoi est-ce que ça compte${N}?`],
  ['Et maintenant ?', `Et maintenant${N}?`],
  ['Le but : tout expliquer.', `Le but${S}: tout expliquer.`],
  ['L’enjeu : gagner du temps.', `L’enjeu${S}: gagner du temps.`],
  ["L'enjeu: gagner du temps.", `L’enjeu${S}: gagner du temps.`],
  ['Le plan s’appelle « Livres pour tous » cette année.', `Le plan s’appelle «${N}Livres pour tous${N}» cette année.`],
  // Guillemets.
  ['le plan «Livres» démarre', `le plan «${N}Livres${N}» démarre`],
  ['«   trop d’espaces   »', `«${N}trop d’espaces${N}»`],
  [`«${S}insécable${S}»`, `«${N}insécable${N}»`],
  ['Il a dit "bonjour" hier.', `Il a dit «${N}bonjour${N}» hier.`],
  ['"Bonjour", dit-elle.', `«${N}Bonjour${N}», dit-elle.`],
  ['« Il a dit "non" hier »', `«${N}Il a dit “non” hier${N}»`],
  ['« Oui » !', `«${N}Oui${N}»${N}!`],
  ['Il a crié : « Stop ! »', `Il a crié${S}: «${N}Stop${N}!${N}»`],
  ["C'est l'« essentiel ».", `C’est l’«${N}essentiel${N}».`],
  // ; ! ?
  ['Vraiment?', `Vraiment${N}?`],
  ['Attention!', `Attention${N}!`],
  ['Un point; puis un autre.', `Un point${N}; puis un autre.`],
  ['Bonjour ; au revoir', `Bonjour${N}; au revoir`],
  ['Quoi ?!', `Quoi${N}?!`],
  ['Quoi?!', `Quoi${N}?!`],
  [`On y va${S}?`, `On y va${N}?`],
  ['On y va\u2009?', `On y va${N}?`],
  ['Et alors... ?', `Et alors…${N}?`],
  ['(?)', '(?)'],
  // Colon.
  ['Le programme:', `Le programme${S}:`],
  ['Il est 10:30 précises.', 'Il est 10:30 précises.'],
  ['Le format 16:9 domine.', 'Le format 16:9 domine.'],
  ['Voir https://example.org/?q=1 : la page.', `Voir https://example.org/?q=1${S}: la page.`],
  ['Écrire à contact@example.org !', `Écrire à contact@example.org${N}!`],
  // Apostrophes, ellipsis, dashes.
  ["aujourd'hui", 'aujourd’hui'],
  ["l'été d'avant", 'l’été d’avant'],
  ['Et puis...', 'Et puis…'],
  ['etc...', 'etc…'],
  ['Une incise - la voici - se glisse.', 'Une incise – la voici – se glisse.'],
  ['— Bonjour, dit-il.', `—${S}Bonjour, dit-il.`],
  ['-- Entrez !', `—${S}Entrez${N}!`],
  ['– Non, répondit-elle.', `–${S}Non, répondit-elle.`],
  ['—Il est mort.', `—${S}Il est mort.`],
  // Numbers and units.
  ['40 000 personnes', `40${N}000${S}personnes`],
  ['1 234 567 euros', `1${N}234${N}567${S}euros`],
  ['une hausse de 12 %', `une hausse de 12${N}%`],
  ['une hausse de 12%', `une hausse de 12${N}%`],
  ['à 18 h 30', `à 18${S}h${S}30`],
  ['200 millions de dollars', `200${S}millions de dollars`],
  ['3 milliards', `3${S}milliards`],
  ['il a 20 ans', `il a 20${S}ans`],
  ['le 10 km', `le 10${S}km`],
  ['en 2026 le projet', 'en 2026 le projet'],
  ['la guerre de 1914-1918', 'la guerre de 1914-1918'],
  ['le 2026-03-14', 'le 2026-03-14'],
  // Abbreviations and initials.
  ['le n° 5', `le n°${S}5`],
  ['le n°5', `le n°${S}5`],
  ['le no 3 et le No 4', `le no${S}3 et le No${S}4`],
  ['voir p. 12', `voir p.${S}12`],
  ['M. Dupont', `M.${S}Dupont`],
  ['Mme Curie', `Mme${S}Curie`],
  ['J. R. R. Tolkien', `J.${S}R.${S}R.${S}Tolkien`],
  ['J.-P. Sartre', `J.-P.${S}Sartre`],
  // Already right: left as it is.
  [`De quoi on parle${N}?`, `De quoi on parle${N}?`],
  ['XIXe siècle', 'XIXe siècle'],
];

const frCA: Array<[string, string]> = [
  ['Vraiment?', 'Vraiment?'],
  ['Vraiment ?', `Vraiment${N}?`],
  ['Note: ceci', `Note${S}: ceci`],
  ['"Allo"', `«${N}Allo${N}»`],
];

describe('French typography', () => {
  test('has at least 40 cases', () => expect(fr.length).toBeGreaterThanOrEqual(40));
  test.each(fr)('fr: %j', (input, expected) => {
    expect(typographizeText(input, 'fr')).toBe(expected);
    expect(typographizeText(expected, 'fr')).toBe(expected);
  });
  test.each(frCA)('fr-CA: %j', (input, expected) => {
    expect(typographizeText(input, 'fr-CA')).toBe(expected);
    expect(typographizeText(expected, 'fr-CA')).toBe(expected);
  });
  test('fr-CH and fr-FR follow France', () => {
    expect(typographizeText('Vraiment?', 'fr-CH')).toBe(`Vraiment${N}?`);
    expect(typographizeText('Vraiment?', 'fr_FR')).toBe(`Vraiment${N}?`);
  });
  test('an unknown language is left as written', () => {
    expect(typographizeText('"Quoi ?"', 'ja')).toBe('"Quoi ?"');
  });
});
