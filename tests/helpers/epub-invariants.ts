/**
 * Checks every EPUB must pass whatever its content: every `epub:type` has its
 * DPUB-ARIA role, every image has alt text (or its manuscript got a warning), every
 * document is well-formed XML with a language, and epubcheck-ts finds no error.
 */
import JSZip from 'jszip';
import type { VFile } from 'vfile';

/** epub:type → the role it must carry (types without a role counterpart are listed with undefined). */
export const rolesByType: Record<string, string | undefined> = {
  chapter: 'doc-chapter',
  pullquote: 'doc-pullquote',
  credits: 'doc-credits',
  footnote: 'doc-footnote',
  noteref: 'doc-noteref',
  toc: 'doc-toc',
  cover: 'doc-cover',
  pagebreak: 'doc-pagebreak',
  'page-list': 'doc-pagelist',
  // In the navigation document's landmarks list, epub:type names a destination, not the element.
  landmarks: undefined,
};

export interface EpubFiles {
  zip: JSZip;
  /** path → text of every XHTML document. */
  xhtml: Map<string, string>;
  opf: string;
}

export async function readEpub(bytes: Uint8Array): Promise<EpubFiles> {
  const zip = await JSZip.loadAsync(bytes);
  const xhtml = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (name.endsWith('.xhtml')) xhtml.set(name, (await zip.file(name)?.async('string')) ?? '');
  }
  return { zip, xhtml, opf: (await zip.file('OEBPS/content.opf')?.async('string')) ?? '' };
}

/** Every problem found (empty when the EPUB holds every invariant). */
export function invariantProblems(files: EpubFiles, manuscripts: readonly VFile[]): string[] {
  const problems: string[] = [];
  const warnedAlt = manuscripts.some((file) => file.messages.some((m) => m.ruleId === 'figure-alt' || m.ruleId === 'epub-unsupported-node'));
  for (const [name, doc] of files.xhtml) {
    if (!/<html [^>]*xml:lang="[^"]+"/.test(doc)) problems.push(`${name}: no xml:lang on <html>`);
    for (const tag of doc.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/g)) {
      const attributes = tag[2] ?? '';
      const type = /\bepub:type="([^"]+)"/.exec(attributes)?.[1];
      const inLandmarks = /\bhref="/.test(attributes) && tag[1] === 'a';
      if (type && !inLandmarks) {
        const role = /\brole="([^"]+)"/.exec(attributes)?.[1];
        for (const t of type.split(/\s+/)) {
          if (!(t in rolesByType)) problems.push(`${name}: epub:type "${t}" is not known to the invariant test`);
          else if (rolesByType[t] !== undefined && role !== rolesByType[t]) problems.push(`${name}: epub:type "${t}" without role ${rolesByType[t] ?? ''} (${tag[0].slice(0, 120)})`);
        }
      }
      if (tag[1] === 'img') {
        const alt = /\balt="([^"]*)"/.exec(attributes)?.[1];
        if (alt === undefined) problems.push(`${name}: <img> without alt`);
        else if (alt.trim() === '' && !warnedAlt) problems.push(`${name}: <img alt=""> without a figure-alt warning`);
      }
    }
    for (const tag of doc.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
      if (/^(script|iframe|object|embed|form)$/i.test(tag[1] ?? '') || /\son[a-z]+="/i.test(tag[2] ?? '')) problems.push(`${name}: script, embed or event handler: ${tag[0].slice(0, 80)}`);
    }
    if (/href="(javascript|data):/i.test(doc)) problems.push(`${name}: unsafe URL`);
  }
  return problems;
}

export interface TsCheckResult {
  errors: number;
  warnings: number;
  messages: string[];
}

/** @likecoin/epubcheck-ts (EPUB 3.3 rules, no Java); undefined when the package is not installed. */
export async function epubcheckTs(bytes: Uint8Array): Promise<TsCheckResult | undefined> {
  let module: typeof import('@likecoin/epubcheck-ts');
  try {
    module = await import('@likecoin/epubcheck-ts');
  } catch {
    return undefined;
  }
  const result = await module.EpubCheck.validate(bytes);
  const messages = result.messages
    .filter((m) => m.severity === 'error' || m.severity === 'fatal' || m.severity === 'warning')
    .map((m) => `${m.severity} ${m.id} ${m.message} @ ${m.location?.path ?? ''}:${m.location?.line ?? ''}`);
  return { errors: result.errorCount + result.fatalCount, warnings: result.warningCount, messages };
}
