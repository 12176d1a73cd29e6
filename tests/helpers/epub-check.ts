/**
 * EPUBCheck from tests: several EPUBs in ONE JVM (start-up dominates: ~7 s, then
 * well under a second per book). A tiny Java launcher (single-file source, JDK 11+)
 * calls EpubChecker.run once per file with a JSON report each.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export function hasEpubcheck(): boolean {
  return existsSync(EPUBCHECK_JAR) && existsSync('/usr/bin/java');
}

const launcher = `
import com.adobe.epubcheck.tool.EpubChecker;
public class EpubCheckBatch {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      new EpubChecker().run(new String[] { args[i], "--json", args[i + 1] });
    }
  }
}
`;

export interface EpubcheckMessage {
  severity: string;
  id: string;
  message: string;
  locations: string[];
}

export interface EpubcheckResult {
  name: string;
  fatals: number;
  errors: number;
  warnings: number;
  messages: EpubcheckMessage[];
}

interface JsonReport {
  messages?: Array<{ ID?: string; severity?: string; message?: string; locations?: Array<{ path?: string; line?: number; column?: number }> }>;
}

/** Checks every EPUB (name → bytes) in one JVM; returns counts and messages per EPUB. */
export function epubcheck(epubs: Record<string, Uint8Array>): EpubcheckResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'folio-epubcheck-'));
  try {
    const source = join(dir, 'EpubCheckBatch.java');
    writeFileSync(source, launcher);
    const args: string[] = [];
    const names = Object.keys(epubs);
    names.forEach((name, i) => {
      const epub = join(dir, `${i}.epub`);
      writeFileSync(epub, epubs[name] ?? new Uint8Array());
      args.push(epub, join(dir, `${i}.json`));
    });
    execFileSync('java', ['-cp', EPUBCHECK_JAR, source, ...args], { stdio: 'pipe', timeout: 180_000 });
    return names.map((name, i) => {
      const report = JSON.parse(readFileSync(join(dir, `${i}.json`), 'utf8')) as JsonReport; // shape of EPUBCheck's --json output
      const messages: EpubcheckMessage[] = (report.messages ?? []).map((m) => ({
        severity: m.severity ?? '',
        id: m.ID ?? '',
        message: m.message ?? '',
        locations: (m.locations ?? []).map((l) => `${l.path ?? ''}:${l.line ?? ''}:${l.column ?? ''}`),
      }));
      const count = (severity: string) => messages.filter((m) => m.severity === severity).length;
      return { name, fatals: count('FATAL'), errors: count('ERROR'), warnings: count('WARNING'), messages };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
