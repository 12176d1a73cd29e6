/**
 * Robustness of text input: encodings, line endings, control characters, empty and
 * binary files, front matter that strict YAML rejects or that has wrong types.
 * Every case gives a positioned message, never an exception.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { readManuscript } from '../src/manuscript/read.js';
import { publicationFromFile, publicationFromText } from './helpers/publication.js';

const dir = mkdtempSync(join(tmpdir(), 'folio-robust-input-'));
let count = 0;

function write(bytes: Uint8Array | string, name = `m${++count}.md`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function messages(file: VFile): string[] {
  return file.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
}

function severity(file: VFile, ruleId: string): 'error' | 'warning' | 'info' | undefined {
  const m = file.messages.find((x) => x.ruleId === ruleId);
  if (!m) return undefined;
  return m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info';
}

describe('encodings', () => {
  it('reads UTF-8 with a BOM and CRLF / CR line endings', () => {
    const file = readManuscript(write('\uFEFF---\r\ntitle: "Été"\r\n---\r\n\r\nLine one\rLine two\r\n'));
    expect(file.messages).toEqual([]);
    expect(String(file.value)).toBe('---\ntitle: "Été"\n---\n\nLine one\nLine two\n');
  });

  it('decodes Windows-1252 with a warning at the first byte UTF-8 rejects', () => {
    const latin1 = Buffer.from('---\ntitle: Caf\xe9\n---\n\nNo\xebl \x93quoted\x94 \x80 5\n', 'latin1');
    const file = readManuscript(write(latin1));
    expect(messages(file)).toEqual(['input-encoding-guessed@2:11']);
    expect(severity(file, 'input-encoding-guessed')).toBe('warning');
    expect(file.messages[0]?.reason).toContain('0xE9');
    expect(String(file.value)).toContain('title: Café');
    expect(String(file.value)).toContain('Noël “quoted” € 5');
  });

  it('decodes UTF-16 with a BOM, with a warning', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Titre\n\nÉté\n', 'utf16le')]);
    const file = readManuscript(write(le));
    expect(messages(file)).toEqual(['input-encoding-guessed@1:1']);
    expect(String(file.value)).toBe('# Titre\n\nÉté\n');
  });

  it('refuses binary data with a position, not a guess', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const file = readManuscript(write(Buffer.concat([Buffer.from('text\n'), png])));
    expect(messages(file)).toEqual(['input-encoding@2:1']);
    expect(severity(file, 'input-encoding')).toBe('error');
    expect(String(file.value)).toBe('');
  });

  it('finds overlong and surrogate UTF-8 sequences', () => {
    const file = readManuscript(write(Buffer.from([0x61, 0x0a, 0x62, 0xed, 0xa0, 0x80, 0x0a])));
    expect(messages(file)).toEqual(['input-encoding-guessed@2:2']);
  });

  it('removes characters XML forbids, with a warning at the first', () => {
    const file = readManuscript(write('# T\n\nab\u0000c\u0007d\uFFFE\n'));
    expect(messages(file)).toEqual(['input-control-char@3:3']);
    expect(String(file.value)).toBe('# T\n\nabcd\n');
  });
});

describe('empty and unreadable files', () => {
  it('says an empty or blank file is empty', () => {
    for (const content of ['', '\n\n  \n', '\uFEFF']) {
      const file = readManuscript(write(content));
      expect(messages(file)).toEqual(['input-empty@1:1']);
      expect(severity(file, 'input-empty')).toBe('error');
    }
  });

  it('refuses a folder and a named pipe without blocking', () => {
    const folder = join(dir, 'folder.md');
    mkdirSync(folder);
    expect(messages(readManuscript(folder))).toEqual(['input-read@1:1']);
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const file = readManuscript(fifo);
    expect(messages(file)).toEqual(['input-read@1:1']);
    expect(file.messages[0]?.reason).toContain('not a regular file');
  });

  it('refuses a missing file and one over the size limit', () => {
    expect(messages(readManuscript(join(dir, 'nope.md')))).toEqual(['input-read@1:1']);
    const file = readManuscript(write('x'.repeat(2000)), { maxBytes: 1000 });
    expect(messages(file)).toEqual(['input-too-large@1:1']);
  });
});

describe('front matter', () => {
  const build = (text: string) => publicationFromText(text, dir).file;

  it('recovers a quoted value continued on unindented lines (18F posts)', () => {
    const file = build('---\ntitle: "Three sprints"\ndate: 2014-10-21\n\ndescription: "You can’t learn agile from a book\nany more than a jump shot: you have\nto practice."\nauthors:\n - robert\n---\n\nBody.\n');
    expect(messages(file)).toEqual(['frontmatter-yaml-recovered@6:1']);
    expect(severity(file, 'frontmatter-yaml-recovered')).toBe('warning');
    const { publication } = publicationFromText('---\ntitle: "A\nB: c"\n---\n\nBody.\n', dir);
    expect(publication.meta.title).toBe('A B: c');
  });

  it('recovers an unquoted value holding ": "', () => {
    const { publication, file } = publicationFromText('---\ntitle: Part one: the start\n---\n\nBody.\n', dir);
    expect(messages(file)).toEqual(['frontmatter-yaml-recovered@2:8']);
    expect(publication.meta.title).toBe('Part one: the start');
  });

  it('recovers tab indentation', () => {
    const { publication, file } = publicationFromText('---\ntitle: T\nauthor:\n\t- Ann\n\t- Bob\n---\n\nBody.\n', dir);
    expect(messages(file)).toEqual(['frontmatter-yaml-recovered@4:1']);
    expect(publication.meta.authors).toEqual(['Ann', 'Bob']);
  });

  it('keeps the last of a repeated key when harmless, refuses a conflicting one', () => {
    const same = build('---\ntitle: T\nweight: 1\nweight: 2\n---\n\nBody.\n');
    expect(messages(same).filter((m) => !m.startsWith('frontmatter-ignored-key'))).toEqual(['frontmatter-yaml-recovered@4:1']);
    const conflict = build('---\ntitle: A\ntitle: B\n---\n\nBody.\n');
    expect(messages(conflict)).toContain('frontmatter-yaml@3:1');
  });

  it('explains YAML it cannot recover, once, with the position', () => {
    const file = build('---\ntitle: [unclosed, list\nlang: fr\n---\n\n# Heading\n');
    const yaml = file.messages.filter((m) => m.ruleId === 'frontmatter-yaml');
    expect(yaml).toHaveLength(1);
    expect(yaml[0]?.line).toBeGreaterThanOrEqual(2);
    expect(severity(file, 'frontmatter-yaml')).toBe('error');
  });

  it('reports wrong types with positions', () => {
    const file = build('---\ntitle: [a, b]\ndate: yesterday\nlang: "not a tag!"\nauthor: {first: A}\nimage: 42\n---\n\n# H\n');
    expect(messages(file)).toEqual(['frontmatter-type@2:8', 'frontmatter-type@3:7', 'frontmatter-lang@4:7', 'frontmatter-type@5:9', 'frontmatter-type@6:8']);
  });

  it('reports a front matter that is not a mapping', () => {
    expect(messages(build('---\n- a\n- b\n---\n\n# H\n'))).toEqual(['frontmatter-type@2:1']);
    expect(messages(build('---\njust text\n---\n\n# H\n'))).toEqual(['frontmatter-type@2:1']);
  });

  it('accepts blog dates with times and zones, and an empty image', () => {
    for (const date of ['2015-03-17 10:00:00 -4', '2024-10-07 00:00:00 -0500', '2020-01-02T03:04:05Z', '2020-01-02']) {
      const { publication, file } = publicationFromText(`---\ntitle: T\ndate: ${date}\nimage:\n---\n\nBody.\n`, dir);
      expect(messages(file)).toEqual([]);
      expect(publication.meta.date).toBe(date.slice(0, 10));
    }
    expect(messages(build('---\ntitle: T\ndate: 2021-02-30\n---\n\nBody.\n'))).toEqual(['frontmatter-type@3:7']);
  });

  it('warns about likely typos of known keys, and only informs about other keys', () => {
    const file = build('---\ntitle: T\ntitel: U\ndescritpion: D\ntags: [a]\naliases: [/x]\nimage:\n  src: ""\n  credit: C\n  with: 3\n---\n\nBody.\n');
    const got = file.messages.map((m) => `${m.ruleId}:${m.fatal === false ? 'warning' : m.fatal === true ? 'error' : 'info'}`);
    expect(got).toEqual([
      'frontmatter-unknown-key:warning',
      'frontmatter-unknown-key:warning',
      'frontmatter-ignored-key:info',
      'frontmatter-ignored-key:info',
      'frontmatter-ignored-key:info',
      'image-pending:info',
    ]);
  });

  it('removes characters XML forbids that YAML escapes spell', () => {
    const { publication, file } = publicationFromText('---\ntitle: "T \\u0000 \\x07end"\nauthor: ["A\\u0001"]\n---\n\nBody.\n', dir);
    expect(messages(file)).toEqual(['input-control-char@2:8', 'input-control-char@3:10']);
    expect(publication.meta.title).toBe('T  end');
    expect(publication.meta.authors).toEqual(['A']);
  });

  it('reads a manuscript with only front matter', () => {
    const { publication, file } = publicationFromFile(write('---\ntitle: Only a title\n---\n'));
    expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
    expect(publication.meta.title).toBe('Only a title');
  });
});
