/**
 * A typographic cover (2:3 SVG) for a publication that has no cover image:
 * title, a rule, subtitle and authors, in generic serif faces (no font files,
 * no external requests). Same text, same bytes.
 */

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

import { wrapWords } from '../typography/wrap-words.js';

export interface CoverText {
  title: string;
  subtitle?: string;
  authors: string[];
  lang: string;
}

export function typographicCoverSvg(text: CoverText): string {
  const rows: string[] = [];
  const block = (values: string[], y: number, size: number, leading: number, attrs: string) => {
    values.forEach((value, i) => rows.push(`<text x="300" y="${y + i * leading}" font-size="${size}"${attrs}>${escapeHtml(value)}</text>`));
    return y + (values.length - 1) * leading;
  };
  let y = block(wrapWords(text.title, 16, 5), 230, 50, 60, ' font-weight="bold"') + 50;
  rows.push(`<rect x="260" y="${y}" width="80" height="4" fill="#8a2b2b"/>`);
  y += 64;
  if (text.subtitle) y = block(wrapWords(text.subtitle, 34, 4), y, 24, 32, ' font-style="italic"') + 64;
  if (text.authors.length > 0) block(wrapWords(text.authors.join(', '), 36, 3), Math.max(y, 700), 26, 34, ' letter-spacing="1"');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900" width="600" height="900" lang="${escapeHtml(text.lang)}">
<rect width="600" height="900" fill="#f7f4ee"/>
<rect x="30" y="30" width="540" height="840" fill="none" stroke="#1a1a1a" stroke-width="3"/>
<g font-family="Georgia, 'Source Serif 4', 'DejaVu Serif', serif" fill="#1a1a1a" text-anchor="middle">
${rows.join('\n')}
</g>
</svg>
`;
}
