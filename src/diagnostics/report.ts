import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { rules, type RuleId } from './rules.js';

export type Place = Node | Position | Point | undefined;

function toPlace(place: Place): Position | Point | undefined {
  if (!place) return undefined;
  if ('type' in place) return place.position;
  return place;
}

/**
 * Records a diagnostic on `file` with the severity from the catalogue.
 * Errors are marked `fatal: true`; they do not throw.
 */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place): VFileMessage {
  const message = file.message(reason, { place: toPlace(place), ruleId, source: 'folio' });
  const severity = rules[ruleId].severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  return message;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}

export function severityOf(message: VFileMessage): 'error' | 'warning' | 'info' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** `path:line:column: severity: reason [ruleId]` */
export function formatMessage(message: VFileMessage, path: string): string {
  const line = message.line ?? 1;
  const column = message.column ?? 1;
  const rule = message.ruleId ? ` [${message.ruleId}]` : '';
  return `${path}:${line}:${column}: ${severityOf(message)}: ${message.reason}${rule}`;
}
