/**
 * Greedy line breaking by character count, for a few words on a generated cover
 * (EPUB cover, downloads-page thumbnail). Past `maxLines`, the last line ends with "…".
 */
export function wrapWords(value: string, maxChars: number, maxLines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/).filter(Boolean)) {
    if (line !== '' && [...`${line} ${word}`].length > maxChars) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  if (out.length <= maxLines) return out;
  const kept = out.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`;
  return kept;
}
