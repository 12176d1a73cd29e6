/**
 * theme.yaml is checked as a whole before anything is built: type sizes, leading,
 * margins and the text block they leave, YAML syntax. Each refusal names the file, the
 * line and column of the value, the key and the range it must be in.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadTheme } from '../src/config/theme.js';

const dir = mkdtempSync(join(tmpdir(), 'folio-theme-check-'));
cpSync(resolve('templates/default'), dir, { recursive: true });
const original = readFileSync(join(dir, 'theme.yaml'), 'utf8');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads the default theme with `edit` applied to its theme.yaml; the error message, or '' when it loads. */
function refusal(edit: (yaml: string) => string): string {
  writeFileSync(join(dir, 'theme.yaml'), edit(original));
  try {
    loadTheme(dir);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Line and column (1-based) of the value of the `key: value` line `needle` in the edited theme.yaml. */
function placeOf(yaml: string, needle: string): string {
  const at = yaml.indexOf(needle) + needle.indexOf(' ') + 1;
  const before = yaml.slice(0, at).split('\n');
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

describe('theme.yaml', () => {
  test('the default theme loads', () => {
    expect(refusal((yaml) => yaml)).toBe('');
  });

  test('a type size or leading out of range is refused at its line and column, with the range', () => {
    for (const [from, to, expected] of [
      [/fontSize: [\d.]+/, 'fontSize: 0', /pdf\.fontSize \(points, 5 to 36\) is missing or invalid/],
      [/fontSize: [\d.]+/, 'fontSize: 400', /pdf\.fontSize \(points, 5 to 36\)/],
      [/lineHeight: [\d.]+/, 'lineHeight: -5', /pdf\.lineHeight \(points, [\d.]+ to [\d.]+\)/],
    ] as const) {
      const edited = original.replace(from, to);
      const message = refusal(() => edited);
      expect(message).toMatch(expected);
      expect(message.startsWith(`${join(dir, 'theme.yaml')}:${placeOf(edited, to)}: `), message).toBe(true);
    }
  });

  test('margins: each 0 to 400 points, and together they must leave a text block', () => {
    expect(refusal((yaml) => yaml.replace(/inner: [\d.]+/, 'inner: -10'))).toMatch(/pdf\.margins\.inner \(points, 0 to 400\)/);
    const wide = refusal((yaml) => yaml.replace(/inner: [\d.]+/, 'inner: 300').replace(/outer: [\d.]+/, 'outer: 300'));
    expect(wide).toMatch(/theme\.yaml:\d+:\d+: the margins \(inner 300, outer 300, .*\) leave a text block of -[\d.]+ × [\d.]+ pt .* at least 72 pt each way/);
  });

  test('pdf.fonts.symbols is optional: a theme without it gets Noto Emoji', () => {
    writeFileSync(join(dir, 'theme.yaml'), original.replace(/\n {4}# Then: emoji[^\n]*\n {4}symbols:\n {6}regular: [^\n]*/, ''));
    expect(readFileSync(join(dir, 'theme.yaml'), 'utf8')).not.toContain('symbols');
    const symbols = loadTheme(dir).pdf.fonts.symbols;
    expect(symbols.regular).toMatch(/NotoEmoji_400Regular\.ttf$/);
    expect(symbols.boldItalic).toBe(symbols.regular);
  });

  test('pdf.fonts.scripts is optional: a theme without it gets DejaVu Sans, in its four variants', () => {
    writeFileSync(join(dir, 'theme.yaml'), original.replace(/\n {4}# After the fallback[^\n]*\n {4}scripts:(\n {6}[^\n]*){4}/, ''));
    expect(readFileSync(join(dir, 'theme.yaml'), 'utf8')).not.toContain('scripts');
    const scripts = loadTheme(dir).pdf.fonts.scripts;
    expect([scripts.regular, scripts.italic, scripts.bold, scripts.boldItalic].map((path) => path.split('/').pop())).toEqual(['DejaVuSans.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-BoldOblique.ttf']);
  });

  test('pdf.fonts.cjk is optional: Noto Sans SC when its optional package is installed; `none` turns it off; a missing file is refused where it is named', () => {
    writeFileSync(join(dir, 'theme.yaml'), original);
    const installed = existsSync(resolve('node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
    const cjk = loadTheme(dir).pdf.fonts.cjk;
    if (installed) expect([cjk?.regular, cjk?.italic, cjk?.bold, cjk?.boldItalic].map((path) => path?.split('/').pop())).toEqual(['NotoSansSC_400Regular.ttf', 'NotoSansSC_400Regular.ttf', 'NotoSansSC_700Bold.ttf', 'NotoSansSC_700Bold.ttf']);
    else expect(cjk).toBeUndefined();
    const off = original.replace(/\n {4}symbols:/, '\n    cjk: none\n    symbols:');
    writeFileSync(join(dir, 'theme.yaml'), off);
    expect(loadTheme(dir).pdf.fonts.cjk).toBeUndefined();
    const named = original.replace(/\n {4}symbols:/, '\n    cjk:\n      regular: "fonts/NoSuchCJK.otf"\n    symbols:');
    expect(refusal(() => named)).toBe(`${join(dir, 'theme.yaml')}:${placeOf(named, 'regular: "fonts/NoSuchCJK.otf"')}: pdf.fonts.cjk.regular: font file "fonts/NoSuchCJK.otf" not found (install its npm package or give a path)`);
  });

  test('broken YAML is refused at the line and column of the problem', () => {
    const message = refusal((yaml) => `${yaml}\nbroken: [\n`);
    expect(message).toMatch(/theme\.yaml:\d+:\d+: not valid YAML: /);
  });
});
