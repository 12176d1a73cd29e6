/** BCP 47 tag → the typographic rules of that language variant. */
import { de, deCH } from './rules/de.js';
import { enGB, enUS } from './rules/en.js';
import { es } from './rules/es.js';
import { fr, frCA } from './rules/fr.js';
import { it } from './rules/it.js';
import { nl } from './rules/nl.js';
import { pt, ptBR } from './rules/pt.js';
import type { LanguageRules } from './rules/types.js';

const byPrimary: Record<string, LanguageRules> = { fr, en: enUS, de, es, it, pt, nl };
const byRegion: Record<string, LanguageRules> = {
  'fr-ca': frCA,
  'en-gb': enGB,
  'en-uk': enGB,
  'en-ie': enGB,
  'en-au': enGB,
  'en-nz': enGB,
  'en-za': enGB,
  'en-in': enGB,
  'de-ch': deCH,
  'de-li': deCH,
  'pt-br': ptBR,
};

/** Lower case, `_` → `-`: the form rules and segments compare. */
export function normalizeLang(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

/**
 * The rules for `tag`, or undefined for a language Folio has no rules for (its text
 * is left as written). Script and extension subtags are ignored: `fr-Latn-CA` is `fr-CA`.
 */
export function rulesFor(tag: string): LanguageRules | undefined {
  const parts = normalizeLang(tag).split('-');
  const primary = parts[0] ?? '';
  const region = parts.slice(1).find((p) => /^(?:[a-z]{2}|\d{3})$/.test(p));
  if (region !== undefined) {
    const variant = byRegion[`${primary}-${region}`];
    if (variant) return variant;
  }
  return byPrimary[primary];
}

/** Languages written right to left (primary subtags), unless a script subtag says otherwise. */
const rightToLeft = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const rightToLeftScripts = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);

/** Whether BCP 47 `tag` is written right to left: its script subtag says so, or its language does (`he`, `ar`, `fa`, `az-Arab`). */
export function isRightToLeft(tag: string): boolean {
  const parts = normalizeLang(tag).split('-');
  const script = parts.slice(1).find((part) => /^[a-z]{4}$/.test(part));
  if (script !== undefined) return rightToLeftScripts.has(script);
  return rightToLeft.has(parts[0] ?? '');
}

/**
 * The first-line indent, in ems, of every paragraph of running text (the first after a
 * heading too) in languages that indent them all: two characters in Chinese, one in
 * Japanese; 0 elsewhere (a paragraph is indented only after a paragraph).
 */
export function everyParagraphIndent(tag: string): number {
  const primary = normalizeLang(tag).split('-')[0];
  return primary === 'zh' ? 2 : primary === 'ja' ? 1 : 0;
}
