import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatMessage } from '../src/diagnostics/report.js';
import { sortMessages } from '../src/diagnostics/sort.js';
import { publicationFromFile } from './helpers/publication.js';
import { simplifyPublication } from './helpers/simplify.js';

// Each tests/fixtures/<case>/ holds input.md, the expected tree (expected.json) and the
// expected messages (messages.txt). UPDATE_FIXTURES=1 rewrites them: review the diff.
const root = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'input.md')));
const update = process.env.UPDATE_FIXTURES === '1';

describe('transforms on fixtures', () => {
  test('there are fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
  for (const name of cases) {
    test(name, () => {
      const dir = join(root, name);
      const { publication, file } = publicationFromFile(join(dir, 'input.md'));
      const tree = `${JSON.stringify(simplifyPublication(publication), null, 2)}\n`;
      const messages = sortMessages(file.messages).map((m) => formatMessage(m, 'input.md')).join('\n') + '\n';
      if (update) {
        writeFileSync(join(dir, 'expected.json'), tree);
        writeFileSync(join(dir, 'messages.txt'), messages);
      }
      expect(tree).toBe(readFileSync(join(dir, 'expected.json'), 'utf8'));
      expect(messages).toBe(readFileSync(join(dir, 'messages.txt'), 'utf8'));
    });
  }
});
