import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { report, type Place } from '../diagnostics/report.js';
import { rules, type RuleId, type Severity } from '../diagnostics/rules.js';

/**
 * Rule ids the robustness work reports that src/diagnostics/rules.ts does not list
 * yet, with the severity each must have there. Once the catalogue lists an id,
 * `reportRule` simply calls `report` with it; until then it records the same
 * message (same id, same severity) directly, so output and tests do not change
 * when the catalogue catches up. Remove an entry once rules.ts has it.
 */
export const pendingRules = {
  'input-empty': { severity: 'error', summary: 'a manuscript is empty' },
  'input-encoding-guessed': { severity: 'warning', summary: 'a manuscript is not UTF-8 and was decoded as UTF-16 or Windows-1252' },
  'input-too-deep': { severity: 'error', summary: 'a manuscript nests blocks or inline elements deeper than the limit, or is too complex to parse in bounded time' },
  'parse-failed': { severity: 'error', summary: 'the Markdown parser failed on a manuscript (a Folio bug)' },
  'frontmatter-yaml-recovered': { severity: 'warning', summary: 'front matter is not strict YAML; its evident meaning was used' },
  'frontmatter-ignored-key': { severity: 'info', summary: 'a front matter key Folio does not use (kept by other tools)' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type PendingRuleId = keyof typeof pendingRules;

function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id);
}

/** `report`, for catalogue ids and for the ids still pending in `pendingRules`. */
export function reportRule(file: VFile, ruleId: RuleId | PendingRuleId, reason: string, place?: Place): VFileMessage {
  if (isRuleId(ruleId)) return report(file, ruleId, reason, place);
  const message = report(file, 'input-read', reason, place);
  message.ruleId = ruleId;
  const severity: Severity = pendingRules[ruleId].severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  return message;
}
