import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { isMap, isScalar, isSeq, visit, type LineCounter, type Node as YamlNode, type Pair } from 'yaml';
import { report } from '../diagnostics/report.js';
import { explainYamlError, parseYaml, recoverYaml } from './front-matter-recover.js';
import { illegalXml } from './read.js';

/** Front matter, validated. */
export interface FrontMatter {
  title?: string;
  subtitle?: string;
  authors: string[];
  date?: string;
  lang?: string;
  /** `src` is empty when only a credit is given (an imported brief, image to come). */
  image?: { src: string; alt?: string; credit?: string; position: Point };
  /** The publication's cover image, when it is not the hero: a path, or src and alt. */
  cover?: { src: string; alt?: string; position: Point };
  description?: string;
  publisher?: string;
  rights?: string;
  identifier?: string;
  /** Where each top-level key starts in the manuscript. */
  positions: Map<string, Point>;
}

const knownKeys = ['title', 'subtitle', 'author', 'authors', 'date', 'lang', 'image', 'cover', 'description', 'publisher', 'rights', 'identifier'] as const;

// BCP 47, well-formed (not validated against the registry).
const bcp47 = /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;

/** Edit distance where swapping two neighbouring letters (`titel`) counts as one edit. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = above;
    above = row;
  }
  return above[b.length] ?? 0;
}

export function didYouMean(key: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

/**
 * Parses and validates YAML front matter. `start` is where the YAML text begins
 * in the manuscript (the line after `---`), so every message points at the
 * offending line of the manuscript itself.
 */
export function parseFrontMatter(yamlText: string, start: Point, file: VFile): FrontMatter {
  const result: FrontMatter = { authors: [], positions: new Map() };
  let { doc, lineCounter } = parseYaml(yamlText);
  const at = (offset: number | undefined, counter: LineCounter = lineCounter): Point => {
    const pos = counter.linePos(offset ?? 0);
    return { line: start.line + pos.line - 1, column: (pos.line === 1 ? start.column : 1) + pos.col - 1 };
  };
  const nodeAt = (node: YamlNode | null | undefined | unknown): Point =>
    at(node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? Number(node.range[0]) : 0);

  if (doc.errors.length > 0) {
    const original = lineCounter;
    const recovered = recoverYaml(yamlText, knownKeys);
    if (!recovered) {
      const [first, ...rest] = doc.errors;
      if (first) {
        const more = rest.length > 0 ? ` (${rest.length} more problem${rest.length > 1 ? 's' : ''} may follow from it)` : '';
        report(file, 'frontmatter-yaml', `front matter is not valid YAML: ${explainYamlError(first)}${more}`, at(first.pos[0]));
      }
      return result;
    }
    ({ doc, lineCounter } = recovered);
    for (const note of recovered.notes) report(file, 'frontmatter-yaml-recovered', `front matter is not strict YAML: ${note.reason}`, at(note.offset, original));
    for (const conflict of recovered.conflicts) {
      report(file, 'frontmatter-yaml', `front matter gives "${conflict.key}" twice with different values: keep one`, at(conflict.offset));
    }
    if (recovered.conflicts.length > 0) return result;
  }
  // YAML escapes (`"\u0000"`) can spell characters XML forbids, after the reader removed the raw ones.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const cleaned = node.value.replace(illegalXml, '');
      if (cleaned === node.value) return;
      node.value = cleaned;
      report(file, 'input-control-char', 'removed characters that XML forbids from a front matter value (written as escapes such as \\u0000)', nodeAt(node));
    },
  });
  if (doc.contents === null) return result;
  if (!isMap(doc.contents)) {
    report(file, 'frontmatter-type', 'front matter must be a mapping of keys to values (key: value)', nodeAt(doc.contents));
    return result;
  }

  const text = (pair: Pair, key: string): string | undefined => {
    const value = pair.value;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
      const s = String(value.value).trim();
      return s === '' ? undefined : s;
    }
    if (isScalar(value) && value.value === null) return undefined;
    report(file, 'frontmatter-type', `front matter "${key}" must be text`, nodeAt(value ?? pair.key));
    return undefined;
  };

  /**
   * An image key (`image`, `cover`): a path, or a mapping of `keys`. Undefined when left
   * empty, or when malformed (reported: `shape` says what it must be).
   */
  const imageEntry = (pair: Pair, name: string, keys: readonly string[], shape: string): { fields: Partial<Record<string, string>>; position: Point } | undefined => {
    const value = pair.value;
    if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) return undefined; // `image:` left empty
    if (isScalar(value) && typeof value.value === 'string') return { fields: { src: value.value.trim() }, position: nodeAt(value) };
    if (!isMap(value)) {
      report(file, 'frontmatter-type', `front matter "${name}" must be ${shape}`, nodeAt(value ?? pair.key));
      return undefined;
    }
    const fields: Partial<Record<string, string>> = {};
    for (const item of value.items) {
      const sub = isScalar(item.key) ? String(item.key.value) : '';
      if (!keys.includes(sub)) unknownKey(file, `${name}.${sub}`, sub, keys, nodeAt(item.key));
      else fields[sub] = text(item, `${name}.${sub}`);
    }
    return { fields, position: nodeAt(value) };
  };

  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyPoint = nodeAt(pair.key);
    result.positions.set(key, keyPoint);
    switch (key) {
      case 'title': case 'subtitle': case 'description': case 'publisher': case 'rights': case 'identifier': {
        const value = text(pair, key);
        if (value !== undefined) result[key] = value;
        break;
      }
      case 'date': {
        const value = pair.value;
        const raw = isScalar(value) ? value.value : undefined;
        const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' ? raw.trim() : undefined;
        if (s && isDate(s)) result.date = s.slice(0, 10);
        else report(file, 'frontmatter-type', 'front matter "date" must be a date like 2026-03-14', nodeAt(value ?? pair.key));
        break;
      }
      case 'lang': {
        const value = text(pair, key);
        if (value === undefined) break;
        if (bcp47.test(value)) result.lang = value;
        else report(file, 'frontmatter-lang', `"${value}" is not a BCP 47 language tag (like fr, en-GB); using the default`, nodeAt(pair.value));
        break;
      }
      case 'author': case 'authors': {
        const value = pair.value;
        if (isSeq(value)) {
          for (const item of value.items) {
            if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) result.authors.push(item.value.trim());
            else if (isMap(item) && typeof item.get('name') === 'string') result.authors.push(String(item.get('name')).trim());
            else report(file, 'frontmatter-type', `each "${key}" entry must be a name`, nodeAt(item));
          }
        } else {
          const name = text(pair, key);
          if (name !== undefined) result.authors.push(name);
        }
        break;
      }
      case 'image': {
        const entry = imageEntry(pair, 'image', ['src', 'alt', 'credit'], 'a path or a mapping with src, alt and credit');
        if (!entry) break;
        const { src, alt, credit } = entry.fields;
        if (!src && !credit) {
          report(file, 'frontmatter-type', 'front matter "image" needs a "src" path', entry.position);
          break;
        }
        if (!src) report(file, 'image-pending', 'front matter "image" has a credit but no src: the credit is shown; add src and alt to show the image', entry.position);
        result.image = { src: src ?? '', position: entry.position };
        if (alt !== undefined) result.image.alt = alt;
        if (credit !== undefined) result.image.credit = credit;
        break;
      }
      case 'cover': {
        const entry = imageEntry(pair, 'cover', ['src', 'alt'], 'an image path, or a mapping with src (and alt)');
        if (!entry) break;
        const { src, alt } = entry.fields;
        if (!src) {
          report(file, 'frontmatter-type', 'front matter "cover" needs a "src" path', entry.position);
          break;
        }
        result.cover = { src, position: entry.position };
        if (alt !== undefined) result.cover.alt = alt;
        break;
      }
      default:
        unknownKey(file, key, key, knownKeys, keyPoint);
    }
  }
  return result;
}

/**
 * A key Folio does not use: a warning when it looks like a typo of a key it does use
 * (`titel`), else an info (Hugo and Jekyll posts carry tags, categories, aliases…).
 */
function unknownKey(file: VFile, shown: string, key: string, candidates: readonly string[], place: Point): void {
  const hint = didYouMean(key, candidates);
  if (hint) report(file, 'frontmatter-unknown-key', `unknown front matter key "${shown}"${hint}; it is ignored`, place);
  else report(file, 'frontmatter-ignored-key', `front matter key "${shown}" is not used by Folio; it is ignored`, place);
}

/** `2026-03-14`, optionally with a time and zone as blogs write them (`10:00:00 -4`, `T08:30Z`, `00:00:00 -0500`). */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5})?)?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
