import type { VFileMessage } from 'vfile-message';

/** Messages in manuscript order (line, then column), stable for equal places. */
export function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => (a.message.line ?? 0) - (b.message.line ?? 0) || (a.message.column ?? 0) - (b.message.column ?? 0) || a.index - b.index)
    .map(({ message }) => message);
}
