import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RuleId } from '../diagnostics/rules.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { didYouMean } from '../manuscript/front-matter.js';
import {
  defaultEpubOptions,
  defaultPdfOptions,
  outputFormats,
  type EpubOptions,
  type Margins,
  type OutputFormat,
  type PageSize,
  type PdfOptions,
  buildLimitKeys,
  type BuildLimits,
} from './options.js';
import { pageSizeProblem, parsePageSize } from './page-size.js';

export interface Contributor {
  name: string;
  /** MARC relator code or free role (aut, edt, trl, ill…). */
  role?: string;
}

/** folio.yaml, validated. Paths are as written; `dir` resolves them. */
export interface FolioConfig {
  path: string;
  dir: string;
  title?: string;
  subtitle?: string;
  authors?: Contributor[];
  lang?: string;
  identifier?: string;
  publisher?: string;
  rights?: string;
  date?: string;
  description?: string;
  cover?: string;
  /** Entries as written: paths or globs, order kept. */
  manuscripts: string[];
  formats?: OutputFormat[];
  theme?: string;
  out?: string;
  pageSize?: PageSize;
  margins?: Partial<Margins>;
  /** Where `pdf.pageSize` or `pdf.margins` is written (the later of the two): a text block they leave too small is reported there. */
  pageLayoutAt?: { line: number; column: number };
  pdf: PdfOptions;
  epub: EpubOptions;
  typography: { enabled: boolean };
  hyphenation: { exceptions: string[] };
  /** `limits:` as written (the others keep their defaults). */
  limits: Partial<BuildLimits>;
}

export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
  ruleId: Extract<RuleId, `config-${string}`>;
}

export class ConfigError extends Error {
  constructor(readonly path: string, readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${path}:${p.line}:${p.column}: error: ${p.message} [${p.ruleId}]`).join('\n'));
  }
}

const topKeys = ['title', 'subtitle', 'authors', 'author', 'lang', 'identifier', 'isbn', 'publisher', 'rights', 'date', 'description', 'cover', 'manuscripts', 'formats', 'theme', 'out', 'pdf', 'epub', 'typography', 'hyphenation', 'limits'] as const;
const pdfKeys = ['pageSize', 'margins', 'columns', 'toc', 'creditsPage', 'pdfa', 'recto', 'tocDepth'] as const;
const epubKeys = ['embedFonts', 'softHyphens', 'nbspFallback'] as const;
const marginKeys = ['top', 'bottom', 'inner', 'outer'] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads and validates a folio.yaml; throws ConfigError listing every problem with its position. */
export function loadConfig(path: string): FolioConfig {
  const text = readFileSync(path, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: ConfigProblem[] = [];
  const placeOf = (node: unknown) => {
    const offset = node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? Number(node.range[0]) : 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const at = (node: unknown, message: string, ruleId: ConfigProblem['ruleId'] = 'config-type') => {
    problems.push({ ...placeOf(node), message, ruleId });
  };
  const config: FolioConfig = {
    path,
    dir: dirname(path),
    manuscripts: [],
    pdf: { ...defaultPdfOptions },
    epub: { ...defaultEpubOptions },
    typography: { enabled: true },
    hyphenation: { exceptions: [] },
    limits: {},
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      problems.push({ line: pos.line, column: pos.col, message: `not valid YAML: ${error.message.split('\n')[0] ?? ''}`, ruleId: 'config-yaml' });
    }
    throw new ConfigError(path, problems);
  }
  if (!isMap(doc.contents)) {
    at(doc.contents, 'folio.yaml must be a mapping of keys to values');
    throw new ConfigError(path, problems);
  }

  const str = (node: unknown, key: string): string | undefined => {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '') return String(node.value).trim();
    at(node, `"${key}" must be text`);
    return undefined;
  };
  const bool = (node: unknown, key: string): boolean | undefined => {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    at(node, `"${key}" must be true or false`);
    return undefined;
  };
  const strList = (node: unknown, key: string): string[] => {
    if (isScalar(node)) {
      const one = str(node, key);
      return one ? [one] : [];
    }
    if (!isSeq(node)) {
      at(node, `"${key}" must be a list`);
      return [];
    }
    return node.items.map((item) => str(item, `${key} entry`)).filter((s): s is string => s !== undefined);
  };
  /** Reports the mapping's unknown keys (with a suggestion) and returns its entries with known ones. */
  const keysOf = <K extends string>(map: YAMLMap, allowed: readonly K[], prefix: string): Array<{ key: K; value: unknown }> => {
    const known: Array<{ key: K; value: unknown }> = [];
    for (const pair of map.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const key = allowed.find((k) => k === name);
      if (key === undefined) at(pair.key, `unknown key "${prefix}${name}"${didYouMean(name, allowed)}`, 'config-unknown-key');
      else known.push({ key, value: pair.value });
    }
    return known;
  };

  const root = doc.contents;
  keysOf(root, topKeys, '');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value: YamlNode | null | unknown = pair.value;
    switch (key) {
      case 'title': case 'subtitle': case 'lang': case 'publisher': case 'rights': case 'description': case 'cover': case 'theme': case 'out': {
        const s = str(value, key);
        if (s !== undefined) config[key] = s;
        if (s !== undefined && key === 'cover') {
          if (/^[a-z][a-z0-9+.-]*:/i.test(s)) at(value, `cover image "${s}" must be a file next to folio.yaml, not a URL: Folio makes no network requests`, 'config-cover');
          else if (!isFile(resolve(config.dir, s))) at(value, `cover image "${s}" not found next to folio.yaml (paths are relative to its folder): check the path and the file name's case`, 'config-cover');
        }
        break;
      }
      case 'identifier': case 'isbn': {
        const s = str(value, key);
        if (s !== undefined) config.identifier = key === 'isbn' && !s.startsWith('urn:') ? `urn:isbn:${s.replace(/[\s-]/g, '')}` : s;
        break;
      }
      case 'date': {
        const raw = isScalar(value) ? value.value : undefined;
        const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' ? raw : undefined;
        if (s && /^\d{4}-\d{2}-\d{2}$/.test(s)) config.date = s;
        else at(value, '"date" must be a date like 2026-03-14');
        break;
      }
      case 'author': case 'authors': {
        const items = isSeq(value) ? value.items : [value];
        config.authors = [];
        for (const item of items) {
          if (isScalar(item) && typeof item.value === 'string') config.authors.push({ name: item.value.trim() });
          else if (isMap(item)) {
            keysOf(item, ['name', 'role'], `${key}[].`);
            const name = item.get('name');
            const role = item.get('role');
            if (typeof name !== 'string') at(item, `each "${key}" entry needs a name`);
            else config.authors.push(typeof role === 'string' ? { name, role } : { name });
          } else at(item, `each "${key}" entry must be a name or {name, role}`);
        }
        break;
      }
      case 'manuscripts':
        config.manuscripts = strList(value, key);
        break;
      case 'formats': {
        config.formats = [];
        for (const f of strList(value, key)) {
          const format = outputFormats.find((o) => o === f.toLowerCase());
          if (format && format !== 'ast') config.formats.push(format);
          else at(value, `unknown format "${f}" (use epub, pdf)`);
        }
        break;
      }
      case 'pdf': {
        if (!isMap(value)) { at(value, '"pdf" must be a mapping'); break; }
        for (const { key: sub, value: v } of keysOf(value, pdfKeys, 'pdf.')) {
          if (sub === 'pageSize') {
            const s = str(v, 'pdf.pageSize');
            const size = s ? parsePageSize(s) : undefined;
            if (size) {
              config.pageSize = size;
              config.pageLayoutAt = placeOf(v);
            }
            else if (s) at(v, pageSizeProblem(s));
          } else if (sub === 'margins') {
            if (!isMap(v)) { at(v, '"pdf.margins" must be a mapping of top, bottom, inner, outer (points)'); continue; }
            keysOf(v, marginKeys, 'pdf.margins.');
            config.margins = {};
            config.pageLayoutAt = placeOf(v);
            for (const m of marginKeys) {
              const n = v.get(m);
              if (n === undefined) continue;
              if (typeof n === 'number' && n >= 0 && n < 400) config.margins[m] = n;
              else at(v, `"pdf.margins.${m}" must be a number of points between 0 and 400`);
            }
          } else if (sub === 'tocDepth') {
            if (isScalar(v) && (v.value === 1 || v.value === 2)) config.pdf.tocDepth = v.value;
            else at(v, '"pdf.tocDepth" must be 1 (chapters) or 2 (chapters and sections)');
          } else if (sub === 'columns') {
            if (isScalar(v) && (v.value === 1 || v.value === 2)) config.pdf.columns = v.value;
            else at(v, '"pdf.columns" must be 1 or 2');
          } else if (sub === 'toc' || sub === 'creditsPage' || sub === 'recto') {
            const b = bool(v, `pdf.${sub}`);
            if (b !== undefined) config.pdf[sub] = b;
          } else if (sub === 'pdfa') {
            if (isScalar(v) && v.value === false) config.pdf.pdfa = false;
            else if (isScalar(v) && (v.value === '2b' || v.value === '1b')) config.pdf.pdfa = v.value;
            else at(v, '"pdf.pdfa" must be false, "2b" or "1b"');
          }
        }
        break;
      }
      case 'epub': {
        if (!isMap(value)) { at(value, '"epub" must be a mapping'); break; }
        for (const { key: k, value: v } of keysOf(value, epubKeys, 'epub.')) {
          const b = bool(v, `epub.${k}`);
          if (b !== undefined) config.epub[k] = b;
        }
        break;
      }
      case 'typography': {
        if (isScalar(value) && typeof value.value === 'boolean') { config.typography.enabled = value.value; break; }
        if (!isMap(value)) { at(value, '"typography" must be true, false or {enabled: …}'); break; }
        keysOf(value, ['enabled'], 'typography.');
        const b = value.has('enabled') ? bool(value.get('enabled', true), 'typography.enabled') : undefined;
        if (b !== undefined) config.typography.enabled = b;
        break;
      }
      case 'hyphenation': {
        if (!isMap(value)) { at(value, '"hyphenation" must be a mapping with "exceptions"'); break; }
        keysOf(value, ['exceptions'], 'hyphenation.');
        if (value.has('exceptions')) config.hyphenation.exceptions = strList(value.get('exceptions', true), 'hyphenation.exceptions');
        break;
      }
      case 'limits': {
        if (!isMap(value)) { at(value, '"limits" must be a mapping (timeout, maxManuscriptBytes, maxImageBytes, maxImagePixels, maxDepth, maxInlineMarkers, maxDefinitions, maxBlockChars)'); break; }
        for (const { key: k, value: v } of keysOf(value, buildLimitKeys, 'limits.')) {
          const n = isScalar(v) && typeof v.value === 'number' ? v.value : NaN;
          // Seconds may be fractional; sizes and counts are whole numbers.
          if (k === 'timeout' ? Number.isFinite(n) && n > 0 : Number.isSafeInteger(n) && n > 0) config.limits[k] = n;
          else at(v, k === 'timeout' ? '"limits.timeout" must be a positive number of seconds' : `"limits.${k}" must be a positive whole number`);
        }
        break;
      }
      default:
        break;
    }
  }
  if (config.manuscripts.length === 0) at(root, '"manuscripts" must list at least one manuscript (paths or globs, relative to folio.yaml)');
  if (problems.length > 0) throw new ConfigError(path, problems);
  return config;
}

/** The config's publication metadata, as overrides for the publication builder. */
export function configMeta(config: FolioConfig): {
  title?: string; subtitle?: string; authors?: string[]; authorRoles?: Record<string, string>; lang?: string; identifier?: string;
  publisher?: string; rights?: string; date?: string; description?: string;
} {
  const meta: ReturnType<typeof configMeta> = {};
  for (const key of ['title', 'subtitle', 'lang', 'identifier', 'publisher', 'rights', 'date', 'description'] as const) {
    const value = config[key];
    if (value !== undefined) meta[key] = value;
  }
  if (config.authors) {
    meta.authors = config.authors.map((a) => a.name);
    const roles = Object.fromEntries(config.authors.filter((a) => a.role).map((a) => [a.name, a.role ?? 'aut']));
    if (Object.keys(roles).length > 0) meta.authorRoles = roles;
  }
  return meta;
}
