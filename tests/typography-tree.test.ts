import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Paragraph, PhrasingContent } from 'mdast';
import type { Node } from 'unist';
import { describe, expect, test } from 'vitest';
import type { Publication } from '../src/ast/publication.js';
import type { Figure } from '../src/ast/nodes.js';
import { applyTypography, narrowNbspFallback, typographizeTree } from '../src/typography/index.js';
import { publicationFromText } from './helpers/publication.js';

const N = '\u202F';
const S = '\u00A0';
const dir = mkdtempSync(join(tmpdir(), 'folio-typo-'));

function build(body: string, lang = 'fr', extra = ''): Publication {
  return publicationFromText(`---\ntitle: "Le titre : un essai"\nlang: ${lang}\n${extra}---\n\n${body}\n`, dir).publication;
}

/** Every text value of a tree, in order. */
function texts(node: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'text' && 'value' in n && typeof n.value === 'string') out.push(n.value);
    if ('children' in n && Array.isArray(n.children)) for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

function titleTexts(pub: Publication): string[] {
  return (pub.chapters[0]?.title ?? []).flatMap(texts);
}

function firstParagraph(pub: Publication): Paragraph {
  const found = pub.chapters[0]?.tree.children.find((n) => n.type === 'paragraph');
  if (!found || found.type !== 'paragraph') throw new Error('no paragraph');
  return found;
}

describe('typography on the tree', () => {
  test('guillemets around emphasis take their spaces in the outer text nodes', () => {
    const pub = build('Le mot « *clé* » et «**fort**».');
    applyTypography(pub);
    expect(texts(firstParagraph(pub))).toEqual([`Le mot «${N}`, 'clé', `${N}» et «${N}`, 'fort', `${N}».`]);
  });

  test('straight quotes pair up across strong emphasis', () => {
    const pub = build('She said "**bold**" and "*it*".', 'en');
    applyTypography(pub);
    expect(texts(firstParagraph(pub))).toEqual(['She said “', 'bold', '” and “', 'it', '”.']);
  });

  test('a question mark right after emphasis gets its space outside the emphasis', () => {
    const pub = build('Vraiment *là*? Oui *ici*!');
    applyTypography(pub);
    expect(texts(firstParagraph(pub))).toEqual(['Vraiment ', 'là', `${N}? Oui `, 'ici', `${N}!`]);
  });

  test('inline code and code blocks are untouched, but count as context', () => {
    const pub = build('Tapez `a "b" c ?` puis `x`?\n\n```\nl\'été "ici" ?\n```');
    applyTypography(pub);
    const [p, code] = pub.chapters[0]?.tree.children ?? [];
    expect(p && texts(p)).toEqual(['Tapez ', ` puis `, `${N}?`]);
    expect(p?.type === 'paragraph' && p.children[1]?.type === 'inlineCode' ? p.children[1].value : '').toBe('a "b" c ?');
    expect(code?.type === 'code' ? code.value : '').toBe('l\'été "ici" ?');
  });

  test('link URLs and autolinks are untouched; link text is set', () => {
    const pub = build('Voir [le "guide"](https://example.org/?a=1 "Titre") et <https://example.org/x?y> : fin.');
    applyTypography(pub);
    const p = firstParagraph(pub);
    const links = p.children.filter((c) => c.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://example.org/?a=1', 'https://example.org/x?y']);
    expect(texts(p)).toEqual(['Voir ', `le «${N}guide${N}»`, ' et ', 'https://example.org/x?y', `${S}: fin.`]);
  });

  test('raw HTML is untouched', () => {
    const pub = build('<span title="a : b">x</span> "oui" ?');
    applyTypography(pub);
    const p = firstParagraph(pub);
    expect(p.children.filter((c) => c.type === 'html').map((c) => (c.type === 'html' ? c.value : ''))).toEqual(['<span title="a : b">', '</span>']);
    expect(texts(p).join('')).toBe(`x «${N}oui${N}»${N}?`);
  });

  test('a raw HTML block: its text is set, its markup and its code are not', () => {
    const pub = build('Avant.\n\n<div class="note" title="a : \'b\'">Elle dit "oui" : <b>"non"</b> !<!-- "commentaire" : x --> <code>"code" : x</code> &quot;entité&quot;</div>\n\n> <p>Cité "ici" ?</p>');
    applyTypography(pub);
    const html = (node: Node): string[] => (node.type === 'html' && 'value' in node && typeof node.value === 'string' ? [node.value] : 'children' in node && Array.isArray(node.children) ? node.children.flatMap(html) : []);
    const blocks = html(pub.chapters[0]?.tree ?? { type: 'root' });
    expect(blocks).toEqual([
      `<div class="note" title="a : 'b'">Elle dit «${N}oui${N}»${S}: <b>«${N}non${N}»</b>${N}!<!-- "commentaire" : x --> <code>"code" : x</code> &quot;entité&quot;</div>`,
      `<p>Cité «${N}ici${N}»${N}?</p>`,
    ]);
    // Applying the rules again changes nothing.
    applyTypography(pub);
    expect(html(pub.chapters[0]?.tree ?? { type: 'root' })).toEqual(blocks);
  });

  test('headings, footnotes, tables and metadata are set', () => {
    const pub = build('## De quoi on parle ?\n\nTexte[^1].\n\n[^1]: Une note : "citée".\n\n| a |\n|---|\n| Quoi ? |', 'fr', 'subtitle: "Pourquoi ?"\ndescription: "Un résumé : court"\n');
    applyTypography(pub);
    const all = texts(pub.chapters[0]?.tree ?? { type: 'root' });
    expect(all).toContain(`De quoi on parle${N}?`);
    expect(all).toContain(`Une note${S}: «${N}citée${N}».`);
    expect(all).toContain(`Quoi${N}?`);
    expect(pub.meta.title).toBe(`Le titre${S}: un essai`);
    expect(pub.meta.subtitle).toBe(`Pourquoi${N}?`);
    expect(pub.meta.description).toBe(`Un résumé${S}: court`);
    expect(pub.chapters[0]?.titleText).toBe(`Le titre${S}: un essai`);
    expect(titleTexts(pub)).toEqual([`Le titre${S}: un essai`]);
  });

  test('chapter titles with emphasis are one run', () => {
    const pub = build('# Le *vrai* problème ?\n\nTexte.');
    applyTypography(pub);
    expect(titleTexts(pub)).toEqual(['Le ', 'vrai', ` problème${N}?`]);
    expect(pub.chapters[0]?.titleText).toBe(`Le vrai problème${N}?`);
  });

  test('applying twice gives the same tree as applying once', () => {
    const source = '## Quoi ?\n\n« *mot* » "**gras**" l\'été : 40 000 personnes à 18 h 30 !\n\n— Bonjour, dit-il...';
    const once = build(source);
    applyTypography(once);
    const twice = build(source);
    applyTypography(twice);
    applyTypography(twice);
    expect(JSON.stringify(twice.chapters[0]?.tree)).toBe(JSON.stringify(once.chapters[0]?.tree));
    expect(twice.meta).toEqual(once.meta);
  });

  test('the publication switch turns everything off', () => {
    const pub = build('Quoi ?');
    applyTypography(pub, { enabled: false });
    expect(texts(firstParagraph(pub))).toEqual(['Quoi ?']);
    expect(pub.meta.title).toBe('Le titre : un essai');
  });

  test('a langSpan is set by its own language, a noTypography span not at all', () => {
    const span: Node = { type: 'langSpan', lang: 'de', children: [{ type: 'text', value: '"Hallo"' }] };
    const raw: Node = { type: 'noTypography', children: [{ type: 'text', value: '"tel quel" ?' }] };
    const tree: Node = {
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Il dit ' }, span, { type: 'text', value: '! Et ' }, raw, { type: 'text', value: ' "fin"' }] }],
    };
    typographizeTree(tree, 'fr');
    expect(texts(tree)).toEqual(['Il dit ', '„Hallo“', `${N}! Et `, '"tel quel" ?', ` «${N}fin${N}»`]);
  });

  test('figures: caption, credit and alt text are set, the URL is not', () => {
    const caption: PhrasingContent[] = [{ type: 'text', value: 'Une "vue" ?' }];
    const figure: Figure = {
      type: 'figure', id: 'fig-1', url: "images/l'été.jpg", alt: "Vue de l'été",
      children: [
        { type: 'figureCaption', children: caption },
        { type: 'credit', id: 'credit-1', children: [{ type: 'text', value: 'Photo : Nom' }] },
      ],
    };
    typographizeTree(figure, 'fr');
    expect(texts(figure)).toEqual([`Une «${N}vue${N}»${N}?`, `Photo${S}: Nom`]);
    expect(figure.url).toBe("images/l'été.jpg");
    expect(figure.alt).toBe('Vue de l’été');
  });

  test('pull quotes and their attribution are set', () => {
    const pub = build(':::pullquote{attribution="Quelqu\'un"}\nUne phrase "forte" !\n:::');
    applyTypography(pub);
    const all = JSON.stringify(pub.chapters[0]?.tree);
    expect(all).toContain(`Une phrase «${N}forte${N}»${N}!`);
    expect(all).toContain('Quelqu’un');
  });

  test('nbspFallback writes U+00A0 for U+202F', () => {
    expect(narrowNbspFallback(`«${N}oui${N}»${N}?`)).toBe(`«${S}oui${S}»${S}?`);
  });
});
