import { parseArgs } from 'node:util';
import { outputFormats, type OutputFormat, type PageSize, type PdfaLevel } from '../config/options.js';
import { pageSizeProblem, parsePageSize } from '../config/page-size.js';
import { parseShard, type Shard } from '../run/shard.js';

export type Command = 'build' | 'check' | 'preview' | 'import' | 'init' | 'merge-reports' | 'help' | 'version';
export const commands: readonly Command[] = ['build', 'check', 'preview', 'import', 'init', 'merge-reports', 'help', 'version'];

export interface CliOptions {
  command: Command;
  inputs: string[];
  /** Undefined when not given on the command line (config or default applies). */
  outDir?: string;
  formats?: OutputFormat[];
  theme?: string;
  pageSize?: PageSize;
  /** `--pdfa [2b|1b]`: PDF/A output (overrides folio.yaml `pdf.pdfa`). */
  pdfa?: PdfaLevel;
  json: boolean;
  strict: boolean;
  quiet: boolean;
  /** `folio <command> --help`. */
  help: boolean;
  /** `folio import`/`init`: overwrite an existing output. */
  force: boolean;
  /** Worker threads (default: cores). */
  jobs?: number;
  shard?: Shard;
  watch: boolean;
  /** Per-publication time limit, seconds (absent: folio.yaml `limits.timeout`, else 120). */
  timeoutSeconds?: number;
  /** Skip the incremental cache. */
  cache: boolean;
  /** `folio preview`: port on 127.0.0.1 (0 = any free one). */
  port?: number;
  /** `folio preview --open`: open the default browser. */
  open: boolean;
  /** `folio build`: also write <out>/index.html, the downloads page (--no-index turns it off). */
  index: boolean;
  /** `folio build --layout-report`: print each PDF's layout figures (they are always in --json). */
  layoutReport: boolean;
}

export class UsageError extends Error {}

export type HelpTopic = 'build' | 'check' | 'preview' | 'import' | 'init' | 'merge-reports' | 'main';

export const helpText: Record<HelpTopic, string> = {
  main: `folio — Markdown manuscripts to EPUB 3 and PDF

Usage:
  folio build [INPUT...]   build EPUB and PDF (INPUT: .md files, folders, or a folio.yaml;
                           default: ./folio.yaml if present, else ./manuscripts/)
  folio check [INPUT...]   parse and validate only; writes nothing
  folio preview [INPUT]    live preview in the browser (http://127.0.0.1:4173/)
  folio import FILE.txt [-o OUT.md]   plain-text brief → manuscript
  folio init [DIR]         scaffold a project (folio.yaml, a sample manuscript and image)
  folio merge-reports FILE...  join --json reports of several shards into one
  folio help [COMMAND]     show help
  folio --version

Run "folio build --help" for build options.
Exit codes: 0 built (warnings allowed), 1 a manuscript had errors, 2 usage or config error.`,
  build: `Usage: folio build [INPUT...] [options]

Builds every manuscript: dist/<name>.epub and dist/<name>.pdf.

Options:
  -o, --out DIR          output folder (default: dist)
  -f, --format LIST      comma-separated: epub,pdf (default: epub,pdf); "ast" prints the tree as JSON
      --theme NAME|DIR   theme name or folder with a theme.yaml (default: default)
      --page-size SIZE   A4 | A5 | Letter | 6x9in | WIDTHxHEIGHT[pt|mm|cm|in] (default: from theme, A5)
      --pdfa [2b|1b]     archival PDF/A; the level defaults to 2b (default: off, or pdf.pdfa of folio.yaml)
      --json             machine-readable report on stdout
      --layout-report    print each PDF's layout figures: stretched and hyphenated lines, widows, orphans
      --strict           warnings fail the build (exit 1)
      --quiet            print errors only
  -h, --help             show this help`,
  import: `Usage: folio import FILE.txt [-o OUT.md] [--force]

Turns a plain-text brief (title line; a © credit line; short heading lines each
followed by a paragraph) into a manuscript with front matter and ## sections,
and says what it guessed (language, credit, sections).

Options:
  -o, --out FILE         output manuscript (default: manuscripts/<name>.md)
      --force            overwrite an existing file
  -h, --help             show this help`,
  preview: `Usage: folio preview [INPUT] [options]

Builds like "folio build" and serves a live preview on http://127.0.0.1:4173/: the
EPUB's chapters (its own XHTML and CSS), the PDF page by page, the chapter list and
every message with its file:line:column. Saving a manuscript, image, theme or
folio.yaml rebuilds what changed and reloads the page; a broken manuscript keeps its
last good render on screen, with the error shown.

Options:
      --port N           port on 127.0.0.1 (default: 4173; 0 picks a free one)
      --open             open the preview in the default browser
  -o, --out DIR          output folder (default: dist)
  -f, --format LIST      epub,pdf (default: both)
      --theme NAME|DIR   theme name or folder (default: default)
      --page-size SIZE   PDF page size
  -h, --help             show this help`,
  'merge-reports': `Usage: folio merge-reports REPORT.json...

Joins the --json reports of several shards (folio build --shard K/N --json) into one
report on stdout; "ok" is true only when every shard was ok.`,
  init: `Usage: folio init [DIR] [--force]

Creates a working project in DIR (default: the current folder): folio.yaml,
manuscripts/first-article.md with an image and its credit, .gitignore and a
package.json with build and check scripts. Existing files are kept unless --force.

Options:
      --force            overwrite existing files
  -h, --help             show this help`,
  check: `Usage: folio check [INPUT...] [options]

Parses and validates manuscripts, reports every message, writes nothing.

Options:
      --theme NAME|DIR   theme to validate against (default: default)
      --pdfa [2b|1b]     check as for an archival PDF/A build; the level defaults to 2b (default: off)
      --json             machine-readable report on stdout
      --strict           warnings fail the check (exit 1)
      --quiet            print errors only
  -h, --help             show this help`,
};

/** `--pdfa` takes an optional level (parseArgs has no optional values): a bare `--pdfa` means 2b. */
function withPdfaLevel(argv: string[]): string[] {
  return argv.flatMap((arg, index) => (arg === '--pdfa' && !/^\d[a-z]$/i.test(argv[index + 1] ?? '') ? ['--pdfa=2b'] : [arg]));
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: withPdfaLevel(argv),
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        format: { type: 'string', short: 'f' },
        theme: { type: 'string' },
        'page-size': { type: 'string' },
        pdfa: { type: 'string' },
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        force: { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        watch: { type: 'boolean', short: 'w' },
        timeout: { type: 'string' },
        'no-cache': { type: 'boolean' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        'no-index': { type: 'boolean' },
        'layout-report': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: Command;
  let inputs: string[];
  if (values.version) {
    command = 'version';
    inputs = [];
  } else if (first === undefined) {
    command = 'help';
    inputs = [];
  } else if ((commands as readonly string[]).includes(first)) {
    command = commands.find((c) => c === first) ?? 'help';
    inputs = rest;
  } else {
    throw new UsageError(`unknown command "${first}" (commands: ${commands.join(', ')})`);
  }
  const formats: OutputFormat[] = [];
  for (const item of (values.format ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const format = outputFormats.find((f) => f === item.toLowerCase());
    if (!format) throw new UsageError(`unknown format "${item}" (use epub, pdf or ast)`);
    if (!formats.includes(format)) formats.push(format);
  }
  if (values.format !== undefined && formats.length === 0) throw new UsageError('--format needs at least one of epub, pdf, ast');
  const options: CliOptions = {
    command,
    inputs,
    ...(values.out !== undefined ? { outDir: values.out } : {}),
    ...(formats.length > 0 ? { formats } : {}),
    ...(values.theme !== undefined ? { theme: values.theme } : {}),
    json: values.json ?? false,
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    force: values.force ?? false,
    watch: values.watch ?? false,
    cache: !(values['no-cache'] ?? false),
    open: values.open ?? false,
    index: !(values['no-index'] ?? false),
    layoutReport: values['layout-report'] ?? false,
  };
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port takes a whole number from 0 to 65535, not "${values.port}"`);
    options.port = Number(values.port);
  }
  if (values.jobs !== undefined) {
    const n = Number(values.jobs);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs takes a whole number from 1 to 64, not "${values.jobs}"`);
    options.jobs = n;
  }
  if (values.shard !== undefined) {
    const shard = parseShard(values.shard);
    if (!shard) throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N (for example 2/4), not "${values.shard}"`);
    options.shard = shard;
  }
  if (values.timeout !== undefined) {
    const n = Number(values.timeout);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout takes seconds (a positive number), not "${values.timeout}"`);
    options.timeoutSeconds = n;
  }
  if (values['page-size'] !== undefined) {
    const size = parsePageSize(values['page-size']);
    if (!size) throw new UsageError(pageSizeProblem(values['page-size']));
    options.pageSize = size;
  }
  if (values.pdfa !== undefined) {
    const level = values.pdfa.toLowerCase();
    if (level !== '2b' && level !== '1b') throw new UsageError(`--pdfa takes 2b or 1b (or nothing, for 2b), not "${values.pdfa}"`);
    options.pdfa = level;
  }
  return options;
}
