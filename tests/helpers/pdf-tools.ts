/** Runs poppler and qpdf on PDF bytes; tests skip when a tool is absent. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasTool(name: string): boolean {
  return spawnSync(name, ['-v'], { encoding: 'utf8' }).error === undefined;
}

const dir = mkdtempSync(join(tmpdir(), 'folio-pdf-'));
let count = 0;

/** Writes bytes to a temp file and returns its path. */
export function pdfFile(bytes: Uint8Array, name = `out-${++count}.pdf`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export function run(tool: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export interface WordBox {
  page: number;
  pageWidth: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Word boxes from `pdftotext -bbox`, with their page (1-based). */
export function wordBoxes(path: string): WordBox[] {
  const html = run('pdftotext', ['-bbox', path, '-']).stdout;
  const boxes: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  for (const line of html.split('\n')) {
    const pageMatch = /<page width="([\d.]+)"/.exec(line);
    if (pageMatch) {
      page++;
      pageWidth = Number(pageMatch[1]);
      continue;
    }
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (word) {
      boxes.push({ page, pageWidth, xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), yMax: Number(word[4]), text: word[5] ?? '' });
    }
  }
  return boxes;
}
