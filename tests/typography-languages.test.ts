import { describe, expect, test } from 'vitest';
import { typographizeText } from '../src/typography/index.js';

const N = '\u202F';
const S = '\u00A0';

// lang → [input, expected]; each expected value must also come back unchanged.
const tables: Record<string, Array<[string, string]>> = {
  de: [
    ['"Hallo", sagte sie.', '„Hallo“, sagte sie.'],
    ['Er sagte: "Sie meinte \'nein\'."', 'Er sagte: „Sie meinte ‚nein‘.“'],
    ["Geht's?", 'Geht’s?'],
    ["Andreas' Buch", 'Andreas’ Buch'],
    ["'s ist gut", '’s ist gut'],
    ['Seiten 10-20', 'Seiten 10–20'],
    ['Das ist - wie immer - gut.', 'Das ist – wie immer – gut.'],
    ['Und dann...', 'Und dann…'],
    ['z.B. heute', `z.${N}B. heute`],
    ['d. h. morgen', `d.${N}h. morgen`],
    ['Nr. 5', `Nr.${S}5`],
    ['„Schon“ richtig', '„Schon“ richtig'],
  ],
  'de-CH': [
    ['Er sagte "Grüezi".', 'Er sagte «Grüezi».'],
    ['"Sie sagte \'nein\'"', '«Sie sagte ‹nein›»'],
  ],
  es: [
    ['Dijo "hola" y se fue.', 'Dijo «hola» y se fue.'],
    ['"Ella dijo \'no\' ayer"', '«Ella dijo “no” ayer»'],
    ['«Él dijo "ella dijo \'sí\'"»', '«Él dijo “ella dijo ‘sí’”»'],
    ['La "casa" y el "coche".', 'La «casa» y el «coche».'],
    ['¿Qué pasa?', '¿Qué pasa?'],
    ['Espera...', 'Espera…'],
    ['palabra -- palabra', 'palabra — palabra'],
    ['Es - dijo - verdad', 'Es — dijo — verdad'],
    ["O'Donnell", 'O’Donnell'],
    ['—Hola —dijo él.', '—Hola —dijo él.'],
    ['«Ya» dijo', '«Ya» dijo'],
  ],
  it: [
    ['Disse "ciao".', 'Disse «ciao».'],
    ['Disse "non dire \'mai\'"', 'Disse «non dire “mai”»'],
    ["L'anno scorso", 'L’anno scorso'],
    ["un po' di pane", 'un po’ di pane'],
    ["dell'amico", 'dell’amico'],
    ["Un'altra volta", 'Un’altra volta'],
    ['— Vieni qui, disse.', `—${S}Vieni qui, disse.`],
    ['Aspetta...', 'Aspetta…'],
    ['un inciso - breve - qui', 'un inciso – breve – qui'],
    ['«Già» rispose', '«Già» rispose'],
  ],
  pt: [
    ['Ele disse "olá".', 'Ele disse «olá».'],
    ['"Ela disse \'não\'"', '«Ela disse “não”»'],
    ["d'água", 'd’água'],
    ["caixa-d'água", 'caixa-d’água'],
    ['— Bom dia, disse ele.', `—${S}Bom dia, disse ele.`],
    ['Espere...', 'Espere…'],
    ['isto -- aquilo', 'isto — aquilo'],
    ['Já «sabia»', 'Já «sabia»'],
  ],
  'pt-BR': [
    ['Ele disse "olá".', 'Ele disse “olá”.'],
    ['"Ela disse \'não\'"', '“Ela disse ‘não’”'],
  ],
  nl: [
    ['Hij zei "hallo".', 'Hij zei “hallo”.'],
    ['Hij zei "ze zei \'nee\'"', 'Hij zei “ze zei ‘nee’”'],
    ["'s avonds", '’s avonds'],
    ["'t Is mooi", '’t Is mooi'],
    ["auto's", 'auto’s'],
    ["zo'n dag", 'zo’n dag'],
    ['pagina 10-20', 'pagina 10–20'],
    ['Wacht...', 'Wacht…'],
    ['dit - zoals altijd - klopt', 'dit – zoals altijd – klopt'],
    ['“Al” goed', '“Al” goed'],
  ],
};

describe('typography of other languages', () => {
  test.each(['de', 'es', 'it', 'pt', 'nl'])('%s has at least 10 cases', (lang) => {
    const count = Object.entries(tables)
      .filter(([tag]) => tag.split('-')[0] === lang)
      .reduce((sum, [, cases]) => sum + cases.length, 0);
    expect(count).toBeGreaterThanOrEqual(10);
  });
  for (const [lang, cases] of Object.entries(tables)) {
    test.each(cases)(`${lang}: %j`, (input, expected) => {
      expect(typographizeText(input, lang)).toBe(expected);
      expect(typographizeText(expected, lang)).toBe(expected);
    });
  }
});
