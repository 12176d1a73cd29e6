import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { num, rgb } from '../src/render/pdf/content-number.js';

/** What content streams printed before the fast path: JavaScript's own conversion. */
const plain = (value: number): string => `${Math.round(value * 1000) / 1000}`;

describe('content stream numbers', () => {
  test('print as String(Math.round(v * 1000) / 1000)', () => {
    for (const value of [0, -0, 0.0004, -0.0004, 0.0005, -0.0005, 1, -1, 0.001, 0.01, 0.1, 0.5, 12.3456, -12.3456, 595.276, 841.89, 1e9, -1e9, 1e12, 123456789.9996, Number.NaN, Infinity, -Infinity, 1e-7, 2 ** 60]) {
      expect(num(value)).toBe(plain(value));
    }
    fc.assert(fc.property(fc.double({ min: -1e10, max: 1e10, noNaN: true }), (value) => num(value) === plain(value)), { numRuns: 20000 });
    fc.assert(fc.property(fc.integer({ min: -2e9, max: 2e9 }), (thousandths) => num(thousandths / 1000) === plain(thousandths / 1000)), { numRuns: 20000 });
  });

  test('colours', () => {
    expect(rgb('#1a2b3c')).toBe(`${plain(0x1a / 255)} ${plain(0x2b / 255)} ${plain(0x3c / 255)}`);
    expect(rgb('#000000')).toBe('0 0 0');
    expect(rgb('#ffffff')).toBe('1 1 1');
  });
});
