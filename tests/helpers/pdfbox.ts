/**
 * Apache PDFBox Preflight (PDF/A-1b validation), from Debian's packages:
 * `apt-get install libpdfbox2-java libactivation-java libjaxb-api-java` (Preflight 2.0
 * needs javax.activation and javax.xml.bind, which Java 11+ no longer ships and the
 * Debian package does not pull in). Files are checked in batches, in ONE java process
 * per batch (Preflight's `xml group LIST` mode). Tests skip when java or a jar is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const javaDir = '/usr/share/java';
/** Preflight 2.x and what it needs at run time (not the 1.8 pdfbox.jar also found there). */
const jars = ['preflight.jar', 'pdfbox2.jar', 'fontbox2.jar', 'xmpbox.jar', 'commons-logging.jar', 'javax.activation.jar', 'jaxb-api.jar'];

function classPath(): string | undefined {
  const paths = jars.map((jar) => join(javaDir, jar));
  return paths.every((path) => existsSync(path)) ? paths.join(':') : undefined;
}

/** True when java runs and every Preflight jar is installed. */
export function hasPreflight(): boolean {
  return classPath() !== undefined && spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
}

export interface PreflightError {
  /** Preflight's error code, e.g. `1.4.9` (outlines) or `3.1.11` (CIDSet). */
  code: string;
  details: string;
  /** How many times it occurred (on one page, when Preflight gives the page). */
  count: number;
}

export interface PreflightResult {
  valid: boolean;
  errors: PreflightError[];
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '&');
}

/**
 * Validates PDF files against PDF/A-1b in one java process. Results are keyed by the
 * path given (Preflight names files by their base name, so base names must differ).
 */
export function preflightA1b(paths: string[]): Map<string, PreflightResult> {
  const cp = classPath();
  if (!cp) throw new Error('PDFBox Preflight is not installed (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)');
  const byName = new Map(paths.map((path) => [basename(path), path]));
  if (byName.size !== paths.length) throw new Error('preflightA1b: the files must have different base names');
  const list = join(mkdtempSync(join(tmpdir(), 'folio-preflight-')), 'files.txt');
  writeFileSync(list, `${paths.join('\n')}\n`);
  const run = spawnSync('java', ['-cp', cp, 'org.apache.pdfbox.preflight.Validator_A1b', 'xml', 'group', list], { encoding: 'utf8', timeout: 300_000 });
  const reportPath = `${list}.preflight.xml`;
  if (run.status !== 0 || !existsSync(reportPath)) throw new Error(`Preflight failed (exit ${String(run.status)}): ${run.stderr}`);
  const xml = readFileSync(reportPath, 'utf8');
  const results = new Map<string, PreflightResult>();
  for (const match of xml.matchAll(/<preflight name="([^"]*)">([\s\S]*?)<\/preflight>/g)) {
    const name = unescapeXml(match[1] ?? '');
    const body = match[2] ?? '';
    const errors = [...body.matchAll(/<error count="(\d+)">\s*<code>([^<]*)<\/code>\s*<details>([^<]*)<\/details>/g)].map((error) => ({
      code: error[2] ?? '',
      details: unescapeXml(error[3] ?? ''),
      count: Number(error[1]),
    }));
    results.set(byName.get(name) ?? name, { valid: /<isValid[^>]*>true<\/isValid>/.test(body), errors });
  }
  for (const path of paths) if (!results.has(path)) throw new Error(`Preflight gave no result for ${path}`);
  return results;
}
