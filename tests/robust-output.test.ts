/**
 * Output safety: whatever a manuscript is named, `folio build` writes only inside the
 * output folder, under a name any file system and shell accept; it never modifies a
 * source file; and no message is a stack trace.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputName } from '../src/manuscript/inputs.js';
import { writeOutput } from '../src/output/write.js';
import { spawn } from 'node:child_process';
import { folio, repoRoot, scratch } from './helpers/cli.js';
import { makePng } from './helpers/robust-images.js';

describe('output names', () => {
  const cases: Array<[string, string]> = [
    ['manuscripts/brief.md', 'brief'],
    ['../../etc/passwd.md', 'passwd'],
    ['-rf.md', '_rf'],
    ['--help.md', '_help'],
    ['.hidden.md', '_hidden'],
    ['...md', '_'],
    ['« Titre » : l’été.md', '« Titre » _ l’été'],
    ['a:b*c?d"e<f>g|h.md', 'a_b_c_d_e_f_g_h'],
    ['x\u0000y\u0001z\u007f.md', 'x_y_z_'],
    ['back\\slash\\..\\up.md', 'back_slash_.._up'],
    ['trailing dots... .md', 'trailing dots'],
    ['CON.md', '_CON'],
    ['nul.tar.md', '_nul.tar'],
    ['$(touch pwned).md', '$(touch pwned)'],
    ['.md', '_md'],
    ['', 'manuscript'],
  ];
  for (const [path, name] of cases) {
    it(`names ${JSON.stringify(path)} ${JSON.stringify(name)}`, () => {
      expect(outputName(path)).toBe(name);
    });
  }

  it('keeps long names under 200 bytes of UTF-8, whole characters only', () => {
    const name = outputName(`${'é'.repeat(150)}😀${'a'.repeat(100)}.md`);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(200);
    expect(name).toBe('é'.repeat(100));
    expect(outputName(`${'a'.repeat(199)}😀.md`)).toBe('a'.repeat(199));
  });

  it('never gives a name with a separator, a control character or a leading dot or dash', () => {
    for (let code = 0; code < 0x250; code++) {
      const name = outputName(`a${String.fromCharCode(code)}b.md`);
      expect(name).not.toMatch(/[/\\\u0000-\u001f]|^[.-]/);
    }
  });
});

describe('writeOutput', () => {
  it('refuses names that leave the output folder', () => {
    const out = scratch();
    for (const name of ['../x.epub', '/tmp/x.epub', 'a/../../x.epub', '', '.']) {
      expect(() => writeOutput(out, name, new Uint8Array([1]))).toThrow(/outside/);
    }
    expect(readdirSync(out)).toEqual([]);
  });
});

function tree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

describe('folio build with hostile file names', () => {
  it('writes only inside the output folder, leaves sources untouched, shows no stack trace', () => {
    const root = scratch();
    const manuscripts = join(root, 'manuscripts');
    mkdirSync(join(manuscripts, 'images'), { recursive: true });
    writeFileSync(join(manuscripts, 'images', 'p.png'), makePng({ width: 8, height: 8 }));
    const names = [
      '-rf.md',
      '« Titre » : l’été.md',
      'a:b.md',
      '..md',
      'x\u0001y.md',
      `${'é'.repeat(120)}.md`,
      '$(touch pwned).md',
      ' spaced .md',
      'CON.md',
      'back\\..\\..\\up.md',
      'empty.md',
      'latin1.md',
      'deep.md',
    ];
    for (const name of names) writeFileSync(join(manuscripts, name), `---\ntitle: "${name.replace(/[\\"\u0001]/g, '_')}"\n---\n\n![P](images/p.png)\n\nText.\n`);
    writeFileSync(join(manuscripts, 'empty.md'), '');
    writeFileSync(join(manuscripts, 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\n\nNo\xebl.\n', 'latin1'));
    writeFileSync(join(manuscripts, 'deep.md'), `---\ntitle: Deep\n---\n\n${'> '.repeat(20000)}a\n`);
    const before = tree(root);
    const run = folio(['build', 'manuscripts', '-o', 'dist'], root);
    const after = tree(root);

    expect(run.stderr + run.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(run.code).toBe(1); // empty.md and deep.md fail; the others are built
    expect(run.stderr).toMatch(/empty\.md:1:1: error: .*\[input-empty\]/);
    expect(run.stderr).toMatch(/deep\.md:5:1: error: .*\[input-too-deep\]/);
    expect(run.stderr).toMatch(/latin1\.md:2:11: warning: .*\[input-encoding-guessed\]/);
    for (const [path, hash] of before) expect(after.get(path), path).toBe(hash);
    const created = [...after.keys()].filter((path) => !before.has(path));
    for (const path of created) expect(path.split(sep)[0], path).toBe('dist');
    expect(created.filter((path) => path.endsWith('.folio-tmp'))).toEqual([]); // no half-written file left
    const outputs = readdirSync(join(root, 'dist')).filter((n) => !n.startsWith('.')).sort(); // .folio-cache is the build cache
    // empty.md and deep.md fail; `..md` is a hidden file, skipped like every dotfile in a folder.
    expect(outputs.filter((n) => n.endsWith('.epub'))).toHaveLength(names.length - 3);
    expect(outputs.filter((n) => n.endsWith('.pdf'))).toHaveLength(names.length - 3);
    for (const name of outputs.filter((n) => /\.(epub|pdf)$/.test(n))) {
      expect(name).not.toMatch(/^[-.]|[\u0000-\u001f:\\]/);
      expect(statSync(join(root, 'dist', name)).size).toBeGreaterThan(0);
    }
  }, 300_000);
});

describe('a build killed halfway', () => {
  it('leaves the previous outputs whole (old or new, never half-written)', async () => {
    const root = scratch();
    mkdirSync(join(root, 'manuscripts'));
    const chapter = (i: number) => `# Chapter ${i}\n\n${'A paragraph of text that goes on for a while, with *emphasis* and a note.[^n] '.repeat(40)}\n\n[^n]: A note.\n`;
    writeFileSync(join(root, 'manuscripts', 'big.md'), `---\ntitle: Big\n---\n\n${Array.from({ length: 120 }, (_, i) => chapter(i)).join('\n')}`);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'big.epub'), 'OLD EPUB');
    writeFileSync(join(root, 'dist', 'big.pdf'), 'OLD PDF');
    for (const delay of [300, 1500, 4000]) {
      const child = spawn(process.execPath, [join(repoRoot, 'bin', 'folio.js'), 'build', 'manuscripts', '-o', 'dist'], { cwd: root, stdio: 'ignore' });
      // Listened for from the start: a build that finishes before the kill has already exited.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      const epub = readFileSync(join(root, 'dist', 'big.epub'));
      const pdf = readFileSync(join(root, 'dist', 'big.pdf'));
      expect(epub.toString('latin1') === 'OLD EPUB' || (epub.subarray(0, 2).toString() === 'PK' && epub.includes(Buffer.from('PK\u0005\u0006', 'latin1'))), `epub after ${delay} ms`).toBe(true);
      expect(pdf.toString('latin1') === 'OLD PDF' || pdf.subarray(pdf.length - 8).toString('latin1').includes('%%EOF'), `pdf after ${delay} ms`).toBe(true);
    }
  }, 120_000);
});
