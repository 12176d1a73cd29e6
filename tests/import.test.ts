import { describe, expect, test } from 'vitest';
import { guessLang, importBrief } from '../src/manuscript/import-brief.js';

const briefFr = `Le port de Kerlann ouvre une ligne de bac électrique
© Jeanne Morvan/Agence Ouest
De quoi on parle ?
La commune de Kerlann, en Bretagne imaginaire, remplace son vieux bac diesel par un bateau électrique qui traverse l’estuaire vingt fois par jour. Les travaux du quai de recharge commencent au printemps et dureront six mois.
Pourquoi c’est important ?
Le bac transporte près de 900 passagers chaque jour. Pour les habitants de la rive nord, c’est le seul moyen de rejoindre l’hôpital sans faire un détour de quarante kilomètres par le pont.
Ce que ça change.
Le bruit du moteur disparaît, et avec lui une bonne partie de la pollution dans le port. Les horaires restent les mêmes, mais la traversée dure deux minutes de plus à cause de la vitesse limitée.
Pour finir.
Si l’essai convainc, deux autres communes de l’estuaire pourraient suivre dès l’an prochain, avec le même modèle de bateau et un achat groupé.
`;

describe('folio import', () => {
  test('a French brief: title, credit, four sections, lang guessed', () => {
    const result = importBrief(briefFr);
    expect(result.title).toBe('Le port de Kerlann ouvre une ligne de bac électrique');
    expect(result.credit).toBe('© Jeanne Morvan/Agence Ouest');
    expect(result.lang).toBe('fr');
    expect(result.sections).toEqual(['De quoi on parle ?', 'Pourquoi c’est important ?', 'Ce que ça change.', 'Pour finir.']);
    expect(result.markdown).toMatch(/^---\ntitle: Le port de Kerlann/);
    expect(result.markdown).toContain('image:\n  credit: © Jeanne Morvan/Agence Ouest');
    expect(result.markdown.match(/^## /gm)).toHaveLength(4);
    expect(result.notes.join('\n')).toContain('language: fr');
  });

  test('markup-like text stays text', () => {
    const result = importBrief('Title\n- A line that looks like a list, but is a long paragraph of running text that goes on.\nShort heading\nA paragraph with *stars* and a :directive and <b>tags</b> in it, long enough to be body text.\n');
    expect(result.markdown).toContain('\\- A line');
    expect(result.markdown).toContain('\\*stars\\*');
    expect(result.markdown).toContain('\\:directive');
    expect(result.markdown).toContain('\\<b\\>');
  });

  test('language guesses', () => {
    expect(guessLang('The harbour is open and the ferry runs to the island with the tide.').lang).toBe('en');
    expect(guessLang('Le port est ouvert et le bac va sur l’île avec la marée pour les habitants.').lang).toBe('fr');
    expect(guessLang('Der Hafen ist offen und die Fähre fährt mit der Flut auf die Insel.').lang).toBe('de');
  });
});
