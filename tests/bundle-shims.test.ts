/**
 * The stand-ins the bundles use for modules that did costly work when loaded
 * (scripts/bundle-shims/): each must answer exactly as the real module does.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// The shims and the real modules are CommonJS without types: their shapes are declared here.
type Trie = { get(codePoint: number): number; highStart: number; errorValue: number };
type TrieClass = new (data: Uint8Array) => Trie;
type Builder = { set(codePoint: number, value: number): void; setRange(start: number, end: number, value: number, overwrite: boolean): void; toBuffer(): Uint8Array };
type Aes = { ecb(key: Uint8Array): { encrypt(data: Uint8Array): Uint8Array }; cbc(key: Uint8Array, iv: Uint8Array): { encrypt(data: Uint8Array): Uint8Array } };

describe('lazy-unicode-trie', () => {
  const LazyTrie = require('../scripts/bundle-shims/lazy-unicode-trie.cjs') as TrieClass;
  const RealTrie = require('unicode-trie') as TrieClass;
  const TrieBuilder = require('unicode-trie/builder') as new (initial?: number, error?: number) => Builder;

  it('answers as the real trie, built on first use', () => {
    const builder = new TrieBuilder(0, 99);
    builder.setRange(0x41, 0x5a, 1, true);
    builder.setRange(0x600, 0x6ff, 7, true);
    builder.set(0x1f600, 42);
    const data = builder.toBuffer();
    const lazy = new LazyTrie(data);
    const real = new RealTrie(data);
    for (const codePoint of [0, 0x41, 0x5a, 0x5b, 0x627, 0x6ff, 0x1f600, 0x1f601, 0x10ffff]) expect(lazy.get(codePoint), codePoint.toString(16)).toBe(real.get(codePoint));
    expect(lazy.highStart).toBe(real.highStart);
    expect(lazy.errorValue).toBe(real.errorValue);
  });
});

describe('lazy-aes', () => {
  const lazy = require('../scripts/bundle-shims/lazy-aes.cjs') as Aes;
  const real = require('@noble/ciphers/aes') as Aes;

  it('encrypts as @noble/ciphers does', () => {
    const key = new Uint8Array(16).map((_, i) => i * 7);
    const iv = new Uint8Array(16).map((_, i) => 255 - i);
    const data = new Uint8Array(40).map((_, i) => i * 3);
    expect(lazy.ecb(key).encrypt(data)).toEqual(real.ecb(key).encrypt(data));
    expect(lazy.cbc(key, iv).encrypt(data)).toEqual(real.cbc(key, iv).encrypt(data));
  });
});
