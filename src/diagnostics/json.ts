import type { VFile } from 'vfile';
import { formatMessage, severityOf } from './report.js';
import { sortMessages } from './sort.js';

/** A diagnostic as plain data (JSON report, worker results). */
export interface MessageJson {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
}

/** The same message (rule and text) listed this many times per file; the rest are counted in one more. */
export const repeatsListed = 10;

/**
 * The file's messages in manuscript order. A message repeated past `repeatsListed`
 * times in one file (a paragraph of MathML gives one "inline HTML" warning per tag,
 * thousands in one article) is listed that many times, then once more at the next
 * place, saying how many more there are and up to which line: nothing is dropped
 * unsaid, and neither the terminal nor the report is flooded.
 */
export function toMessageJson(file: VFile): MessageJson[] {
  const all = sortMessages(file.messages).map((m) => ({
    file: file.path,
    line: m.line ?? 1,
    column: m.column ?? 1,
    severity: severityOf(m),
    ruleId: m.ruleId ?? null,
    message: m.reason,
  }));
  const seen = new Map<string, { count: number; summary?: MessageJson; last: number }>();
  const out: MessageJson[] = [];
  for (const m of all) {
    const key = `${m.severity}\u0000${m.ruleId ?? ''}\u0000${m.message}`;
    const group = seen.get(key) ?? { count: 0, last: m.line };
    seen.set(key, group);
    group.count++;
    group.last = m.line;
    if (group.count <= repeatsListed) out.push(m);
    else if (!group.summary) {
      group.summary = { ...m };
      out.push(group.summary);
    }
  }
  for (const group of seen.values()) {
    if (!group.summary) continue;
    const more = group.count - repeatsListed;
    // One more place is just listed as it is.
    if (more === 1) continue;
    group.summary.message = `${group.summary.message} (here and ${more - 1} more time${more === 2 ? '' : 's'} up to line ${group.last}: only the first ${repeatsListed} places are listed)`;
  }
  return out;
}

/** `path:line:column: severity: message [ruleId]`, as `formatMessage` prints a VFile message. */
export function formatMessageJson(m: MessageJson): string {
  return `${m.file}:${m.line}:${m.column}: ${m.severity}: ${m.message}${m.ruleId ? ` [${m.ruleId}]` : ''}`;
}

