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

export function toMessageJson(file: VFile): MessageJson[] {
  return sortMessages(file.messages).map((m) => ({
    file: file.path,
    line: m.line ?? 1,
    column: m.column ?? 1,
    severity: severityOf(m),
    ruleId: m.ruleId ?? null,
    message: m.reason,
  }));
}

/** `path:line:column: severity: message [ruleId]`, as `formatMessage` prints a VFile message. */
export function formatMessageJson(m: MessageJson): string {
  return `${m.file}:${m.line}:${m.column}: ${m.severity}: ${m.message}${m.ruleId ? ` [${m.ruleId}]` : ''}`;
}

