import { describe, expect, test } from 'vitest';
import { typographizeText } from '../src/typography/index.js';

// [input, expected]: each expected value must also come back unchanged (idempotence).
const enUS: Array<[string, string]> = [
  ['"Hello," she said.', '“Hello,” she said.'],
  ['"Why?" he asked.', '“Why?” he asked.'],
  ['("quoted")', '(“quoted”)'],
  ['A "B" C', 'A “B” C'],
  ['He said "it\'s \'fine\' now"', 'He said “it’s ‘fine’ now”'],
  ['"\'Quoted\' inside"', '“‘Quoted’ inside”'],
  // Single straight quotes at the top level take the primary marks (house style by depth).
  ["a 'scare' word", 'a “scare” word'],
  ["It's fine.", 'It’s fine.'],
  ["Don't stop", 'Don’t stop'],
  ["ma'am", 'ma’am'],
  ["the '90s", 'the ’90s'],
  ["back in '68", 'back in ’68'],
  ["rock 'n' roll", 'rock ’n’ roll'],
  ["rock'n'roll", 'rock’n’roll'],
  ["'Twas the night", '’Twas the night'],
  ["get 'em", 'get ’em'],
  ["'cause I said so", '’cause I said so'],
  ["the dogs' bones", 'the dogs’ bones'],
  ["Jones' car", 'Jones’ car'],
  ['She\'s 5\'10" tall', 'She’s 5′10″ tall'],
  ['pages 10-20', 'pages 10–20'],
  ['the years 1990-1995', 'the years 1990–1995'],
  ['it was 2-1 at half time', 'it was 2–1 at half time'],
  ['on 2026-03-14', 'on 2026-03-14'],
  ['COVID-19 cases', 'COVID-19 cases'],
  ['version 1.2-3', 'version 1.2-3'],
  ['wait--what', 'wait—what'],
  ['wait---what', 'wait—what'],
  ['a word - another', 'a word — another'],
  ['use --strict here', 'use --strict here'],
  ['and so...', 'and so…'],
  ['What ?', 'What ?'],
  ['at 10:30 sharp', 'at 10:30 sharp'],
  ['“Already” curly', '“Already” curly'],
  ['see https://example.org/it\'s', 'see https://example.org/it\'s'],
  ['a [link]({{ "/about/" | url }}) here', 'a [link]({{ "/about/" | url }}) here'],
];

const enGB: Array<[string, string]> = [
  ['"Hello," she said.', '‘Hello,’ she said.'],
  ['He said "it\'s \'fine\' now"', 'He said ‘it’s “fine” now’'],
  ["a 'scare' word", 'a ‘scare’ word'],
  ['a word - another', 'a word – another'],
  ['pages 10-20', 'pages 10–20'],
  ["the '90s", 'the ’90s'],
];

describe('English typography', () => {
  test('has at least 30 cases', () => expect(enUS.length + enGB.length).toBeGreaterThanOrEqual(30));
  test.each(enUS)('en-US: %j', (input, expected) => {
    expect(typographizeText(input, 'en-US')).toBe(expected);
    expect(typographizeText(expected, 'en-US')).toBe(expected);
  });
  test.each(enGB)('en-GB: %j', (input, expected) => {
    expect(typographizeText(input, 'en-GB')).toBe(expected);
    expect(typographizeText(expected, 'en-GB')).toBe(expected);
  });
  test('plain en is US, en-AU is GB', () => {
    expect(typographizeText('"Hi"', 'en')).toBe('“Hi”');
    expect(typographizeText('"Hi"', 'en-AU')).toBe('‘Hi’');
  });
});
