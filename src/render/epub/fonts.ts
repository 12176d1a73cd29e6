/**
 * Optional embedded fonts (`epub.embedFonts`): the PDF's OFL text faces (and the mono
 * face for code), shipped as TTF with `@font-face` rules prepended to the theme's
 * stylesheet. Reading systems still let readers pick their own font.
 */
import { readFileSync } from 'node:fs';
import type { Theme } from '../../config/options.js';
import type { PackagedFile } from './adapter.js';

export interface EmbeddedFonts {
  files: Array<PackagedFile & { id: string; mediaType: string }>;
  css: string;
}

export function embeddedFonts(theme: Theme): EmbeddedFonts {
  const { text, mono } = theme.pdf.fonts;
  const faces = [
    { id: 'font-text-regular', family: 'Folio Text', path: text.regular, weight: 'normal', style: 'normal' },
    { id: 'font-text-italic', family: 'Folio Text', path: text.italic, weight: 'normal', style: 'italic' },
    { id: 'font-text-bold', family: 'Folio Text', path: text.bold, weight: 'bold', style: 'normal' },
    { id: 'font-text-bold-italic', family: 'Folio Text', path: text.boldItalic, weight: 'bold', style: 'italic' },
    { id: 'font-mono-regular', family: 'Folio Mono', path: mono.regular, weight: 'normal', style: 'normal' },
  ];
  // The same file may serve several faces (a theme with one file per family): ship it once.
  const byPath = new Map<string, string>();
  const files: EmbeddedFonts['files'] = [];
  const rules: string[] = [];
  for (const face of faces) {
    let href = byPath.get(face.path);
    if (href === undefined) {
      const extension = face.path.toLowerCase().endsWith('.otf') ? 'otf' : 'ttf';
      href = `fonts/${face.id}.${extension}`;
      byPath.set(face.path, href);
      files.push({ id: face.id, href, data: new Uint8Array(readFileSync(face.path)), mediaType: extension === 'otf' ? 'font/otf' : 'font/ttf' });
    }
    rules.push(`@font-face {\n  font-family: "${face.family}";\n  font-weight: ${face.weight};\n  font-style: ${face.style};\n  src: url("${href}");\n}`);
  }
  const css = `${rules.join('\n\n')}\n\nbody { font-family: "Folio Text", serif; }\ncode, kbd, samp, pre { font-family: "Folio Mono", monospace; }\n\n`;
  return { files, css };
}
