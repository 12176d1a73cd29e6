import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Figure } from '../src/ast/nodes.js';
import { publicationFromText } from './helpers/publication.js';

// The image the figure-credit fixture already holds: a credit needs a figure before it.
const dir = join(import.meta.dirname, 'fixtures', 'figure-credit');

/** The credit text of the figure built from `![…](…)` followed by `line`, or undefined when `line` stayed a paragraph. */
function creditAfterFigure(line: string, lang: string): string | undefined {
  const text = `---\ntitle: T\nlang: ${lang}\n---\n\n![A chart](images/chart.png)\n\n${line}\n`;
  const { publication } = publicationFromText(text, dir);
  const figure = publication.chapters[0]?.tree.children.find((node): node is Figure => node.type === 'figure');
  const credit = figure?.children.find((child) => child.type === 'credit');
  if (!credit) return undefined;
  return credit.children.map((child) => ('value' in child ? child.value : '')).join('');
}

describe('a credit line after a figure, in each language Folio hyphenates', () => {
  const credits: Array<[string, string]> = [
    ['en', 'Photo: Kim Lee'],
    ['en', 'Photograph by Kim Lee'],
    ['en', 'Courtesy of the Harbour Museum'],
    ['en', 'Source: the water board'],
    ['fr', 'Crédit : Service cartographique'],
    ['fr', 'Photos : Anne Leroy'],
    ['de', 'Foto: Redaktion'],
    ['de', 'Bildnachweis: Stadtarchiv'],
    ['de', 'Quelle: Landesamt für Umwelt'],
    ['es', 'Fotografía: Ana Gómez'],
    ['es', 'Fuente: Instituto Nacional'],
    ['it', 'Foto: Marco Rossi'],
    ['it', 'Immagine: archivio comunale'],
    ['pt', 'Ilustração: João Silva'],
    ['pt', 'Imagem: arquivo'],
    ['nl', 'Beeld: Pieter de Vries'],
    ['nl', 'Bron: gemeentearchief'],
  ];
  for (const [lang, line] of credits) {
    test(`${lang}: "${line}" is the figure's credit`, () => {
      expect(creditAfterFigure(line, lang)).toBe(line);
    });
  }

  const paragraphs: Array<[string, string]> = [
    ['en', 'Photosynthesis: how the plants in the chart grow.'],
    ['en', 'Imagine a harbour at dawn.'],
    ['de', 'Fotos zeigen, wie hoch das Wasser stand.'],
    ['fr', 'Source de la rivière, au printemps.'],
  ];
  for (const [lang, line] of paragraphs) {
    test(`${lang}: "${line}" stays a paragraph`, () => {
      expect(creditAfterFigure(line, lang)).toBeUndefined();
    });
  }
});
