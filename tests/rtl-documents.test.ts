/**
 * A publication in a right-to-left language (Hebrew, Arabic…): the EPUB says so to
 * reading systems (dir="rtl", the spine's page-progression-direction, code kept left to
 * right) and passes EPUBCheck; the PDF asks viewers for right-to-left page order.
 */
import { describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { isRightToLeft } from '../src/typography/languages.js';
import { epubcheck, hasEpubcheck } from './helpers/epub-check.js';
import { readEpub } from './helpers/epub-invariants.js';
import { publicationFromText } from './helpers/publication.js';

const theme = loadTheme('default');

function hebrew(lang = 'he') {
  const text = `---\ntitle: שלום עולם\nlang: ${lang}\n---\n\nפסקה עם \`inline_code()\` בתוכה.\n\n\`\`\`js\nconst x = 1;\n\`\`\`\n\n- פריט\n- פריט שני\n`;
  return publicationFromText(text, import.meta.dirname).publication;
}

describe('right-to-left languages', () => {
  test('are known by their language or script subtag', () => {
    for (const tag of ['he', 'he-IL', 'ar', 'ar-EG', 'fa', 'ur', 'yi', 'az-Arab', 'pa-Arab']) expect(isRightToLeft(tag), tag).toBe(true);
    for (const tag of ['en', 'fr-CA', 'de', 'az', 'az-Latn', 'he-Latn', 'zh-Hant']) expect(isRightToLeft(tag), tag).toBe(false);
  });

  test('the EPUB: dir="rtl" on every document, right-to-left page progression, code left to right', async () => {
    const bytes = await renderEpub(hebrew(), { theme });
    const files = await readEpub(bytes);
    expect(files.opf).toContain('<spine toc="ncx" page-progression-direction="rtl">');
    for (const [name, xhtml] of files.xhtml) expect(xhtml, name).toMatch(/<html [^>]*dir="rtl"/);
    const chapter = [...files.xhtml].find(([name]) => name.endsWith('ch-1.xhtml'))?.[1] ?? '';
    expect(chapter).toContain('<pre dir="ltr">');
    expect(chapter).toContain('<code dir="ltr">inline_code()</code>');
    if (hasEpubcheck()) {
      const [result] = epubcheck({ rtl: bytes });
      expect(result?.messages.filter((m) => m.severity === 'ERROR' || m.severity === 'WARNING' || m.severity === 'FATAL')).toEqual([]);
    }
    // A left-to-right publication says nothing of direction.
    const english = await readEpub(await renderEpub(publicationFromText('---\ntitle: Plain\nlang: en\n---\n\nText.\n', import.meta.dirname).publication, { theme }));
    expect(english.opf).toContain('<spine toc="ncx">');
    for (const xhtml of english.xhtml.values()) expect(xhtml).not.toContain('dir="rtl"');
  });

  test('the PDF asks viewers for right-to-left page order; a left-to-right one does not', async () => {
    const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
    expect(text(await renderPdf(hebrew(), { theme }))).toMatch(/\/Direction \/R2L/);
    expect(text(await renderPdf(hebrew('en'), { theme }))).not.toMatch(/\/Direction/);
  });
});
