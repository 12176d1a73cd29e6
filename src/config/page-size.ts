import type { PageSize, PageSizeName } from './options.js';

const named: Record<PageSizeName, PageSize> = {
  A4: { name: 'A4', width: 595.28, height: 841.89 },
  A5: { name: 'A5', width: 419.53, height: 595.28 },
  Letter: { name: 'Letter', width: 612, height: 792 },
  '6x9in': { name: '6x9in', width: 432, height: 648 },
};

const unitToPt: Record<string, number> = { pt: 1, in: 72, mm: 72 / 25.4, cm: 72 / 2.54 };

/**
 * Parses `A4`, `A5`, `Letter`, `6x9in` or `WIDTHxHEIGHT[unit]` (unit pt, in, mm, cm;
 * default pt). Returns undefined when the text is not a page size.
 */
export function parsePageSize(text: string): PageSize | undefined {
  const read = readPageSize(text);
  return read && inRange(read) ? read : undefined;
}

/** Below 2 in or above 200 in a side is not a page any printer or reader would take. */
function inRange(size: PageSize): boolean {
  return size.width >= 144 && size.height >= 144 && size.width <= 14400 && size.height <= 14400;
}

function readPageSize(text: string): PageSize | undefined {
  const key = (Object.keys(named) as PageSizeName[]).find((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (key) return named[key];
  const match = /^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?\s*$/i.exec(text);
  if (!match) return undefined;
  const factor = unitToPt[(match[3] ?? 'pt').toLowerCase()] ?? 1;
  const width = Number(match[1]) * factor;
  const height = Number(match[2]) * factor;
  return { name: text.trim(), width: Math.round(width * 100) / 100, height: Math.round(height * 100) / 100 };
}

/** Why `text` is not a page size (for a message): not one at all, or a size out of range. */
export function pageSizeProblem(text: string): string {
  const read = readPageSize(text);
  if (!read) return `unknown page size "${text}" (use A4, A5, Letter, 6x9in or WIDTHxHEIGHT with pt, mm, cm or in)`;
  if (!inRange(read)) return `page size "${text}" is ${read.width} × ${read.height} pt: each side must be between 2 in (144 pt) and 200 in (14400 pt)`;
  return `page size "${text}" is valid`;
}
