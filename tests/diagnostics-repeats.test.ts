/**
 * Repeated messages (src/diagnostics/json.ts `toMessageJson`): the same rule and text is
 * listed `repeatsListed` times per file, then once more saying how many more there are;
 * other messages keep their places, and nothing is dropped unsaid.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { repeatsListed, toMessageJson } from '../src/diagnostics/json.js';
import { report } from '../src/diagnostics/report.js';

function fileWith(repeats: number): VFile {
  const file = new VFile({ path: 'm.md', value: '' });
  for (let i = 0; i < repeats; i++) report(file, 'pdf-unsupported-node', 'inline HTML is not rendered in the PDF; its text is set as plain text', { line: 40 + i, column: 3 });
  report(file, 'figure-alt', 'image "a.png" has no alt text', { line: 45, column: 1 });
  report(file, 'figure-alt', 'image "b.png" has no alt text', { line: 900, column: 1 });
  return file;
}

describe('repeated messages', () => {
  it('lists a message repeated in one file up to the limit, then says how many more', () => {
    const messages = toMessageJson(fileWith(3226));
    const repeated = messages.filter((m) => m.ruleId === 'pdf-unsupported-node');
    expect(repeated).toHaveLength(repeatsListed + 1);
    expect(repeated.slice(0, repeatsListed).map((m) => m.line)).toEqual(Array.from({ length: repeatsListed }, (_, i) => 40 + i));
    const summary = repeated[repeatsListed];
    expect(summary?.line).toBe(40 + repeatsListed);
    expect(summary?.severity).toBe('warning');
    expect(summary?.message).toBe(`inline HTML is not rendered in the PDF; its text is set as plain text (here and ${3226 - repeatsListed - 1} more times up to line ${40 + 3226 - 1}: only the first ${repeatsListed} places are listed)`);
    // Other messages keep their places in manuscript order.
    expect(messages.filter((m) => m.ruleId === 'figure-alt').map((m) => m.line)).toEqual([45, 900]);
    expect(messages.map((m) => m.line)).toEqual([...messages.map((m) => m.line)].sort((a, b) => a - b));
  });

  it('lists every place up to one past the limit', () => {
    expect(toMessageJson(fileWith(repeatsListed)).filter((m) => m.ruleId === 'pdf-unsupported-node')).toHaveLength(repeatsListed);
    const oneMore = toMessageJson(fileWith(repeatsListed + 1)).filter((m) => m.ruleId === 'pdf-unsupported-node');
    expect(oneMore).toHaveLength(repeatsListed + 1);
    expect(oneMore.every((m) => m.message === 'inline HTML is not rendered in the PDF; its text is set as plain text')).toBe(true);
    const twoMore = toMessageJson(fileWith(repeatsListed + 2)).filter((m) => m.ruleId === 'pdf-unsupported-node');
    expect(twoMore.at(-1)?.message).toContain('(here and 1 more time up to line');
  });
});
