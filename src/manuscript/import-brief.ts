/**
 * `folio import`: a plain-text news brief (title line; a `©` credit line; short
 * heading lines each followed by a paragraph) becomes a manuscript with front
 * matter and `##` sections. Pure: text in, Markdown and what was guessed out.
 */
import { stringify } from 'yaml';

export interface ImportResult {
  markdown: string;
  title: string;
  lang: string;
  credit?: string;
  sections: string[];
  /** Human-readable notes on what was guessed. */
  notes: string[];
}

const french = ['le', 'la', 'les', 'des', 'une', 'est', 'pour', 'dans', 'avec', 'sur', 'qui', 'que', 'pas', 'plus', 'ce', 'du', 'au', 'et', 'à'];
const english = ['the', 'and', 'of', 'to', 'is', 'for', 'in', 'with', 'on', 'that', 'this', 'are', 'was', 'it', 'be', 'by', 'as', 'at'];
const spanish = ['el', 'los', 'las', 'una', 'para', 'con', 'por', 'que', 'del', 'es', 'y', 'en', 'se', 'su'];
const german = ['der', 'die', 'das', 'und', 'ist', 'mit', 'für', 'auf', 'nicht', 'ein', 'eine', 'den', 'zu', 'von'];

/** Guesses the language from function words; returns the tag and the score margin. */
export function guessLang(text: string): { lang: string; confidence: number } {
  const words = text.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const score = (list: string[]) => list.reduce((n, w) => n + (counts.get(w) ?? 0), 0);
  const scores = [
    { lang: 'fr', n: score(french) },
    { lang: 'en', n: score(english) },
    { lang: 'es', n: score(spanish) },
    { lang: 'de', n: score(german) },
  ].sort((a, b) => b.n - a.n);
  const [best, second] = scores;
  if (!best || best.n === 0) return { lang: 'en', confidence: 0 };
  return { lang: best.lang, confidence: (best.n - (second?.n ?? 0)) / best.n };
}

function isHeadingLine(line: string, next: string | undefined): boolean {
  const words = line.split(/\s+/).length;
  return line.length <= 90 && words <= 12 && next !== undefined && next.length > line.length && !/[,;]$/.test(line);
}

/** Markdown-escapes a line of running text so it stays text (no accidental list, heading or directive). */
function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#>+-]|\d+[.)])(\s)/, '$1\\$2$3')
    .replace(/(^|\s):(?=[A-Za-z])/g, '$1\\:');
}

export function importBrief(text: string): ImportResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const notes: string[] = [];
  const title = lines.shift() ?? 'Untitled';
  let credit: string | undefined;
  if (lines[0] && /^(©|\(c\)|cr[ée]dits?\s*:|photos?\s*:)/i.test(lines[0])) {
    credit = lines.shift();
    notes.push(`image credit: "${credit}" (no image file: add image.src and image.alt to show it)`);
  } else {
    notes.push('no © credit line after the title');
  }
  const body: string[] = [];
  const sections: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isHeadingLine(line, lines[i + 1])) {
      sections.push(line);
      body.push(`## ${escapeText(line)}`, '');
    } else {
      body.push(escapeText(line), '');
    }
  }
  const { lang, confidence } = guessLang(lines.join(' ') || title);
  notes.push(`language: ${lang} (${confidence >= 0.5 ? 'clear' : 'uncertain'} guess from common words; set lang: to change it)`);
  notes.push(`${sections.length} section(s): ${sections.map((s) => `"${s}"`).join(', ') || 'none found'}`);
  const front: Record<string, unknown> = { title, lang };
  if (credit) front.image = { credit };
  const markdown = `---\n${stringify(front, { lineWidth: 0 }).trimEnd()}\n---\n\n${body.join('\n').trimEnd()}\n`;
  const result: ImportResult = { markdown, title, lang, sections, notes };
  if (credit) result.credit = credit;
  return result;
}
