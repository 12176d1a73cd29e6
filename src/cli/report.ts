import type { VFile } from 'vfile';
import type { JobResult } from '../build.js';
import type { Publication } from '../ast/publication.js';
import { formatMessage, severityOf } from '../diagnostics/report.js';
import { sortMessages } from '../diagnostics/sort.js';

export interface MessageJson {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
}

export function messagesOf(files: VFile[]): MessageJson[] {
  return files.flatMap((file) =>
    sortMessages(file.messages).map((m) => ({
      file: file.path,
      line: m.line ?? 1,
      column: m.column ?? 1,
      severity: severityOf(m),
      ruleId: m.ruleId ?? null,
      message: m.reason,
    })),
  );
}

export function formatLines(files: VFile[], quiet: boolean): string[] {
  return files.flatMap((file) => sortMessages(file.messages).filter((m) => !quiet || m.fatal === true).map((m) => formatMessage(m, file.path)));
}

export function jobJson(result: JobResult, rel: (path: string) => string): object {
  const messages = messagesOf(result.files);
  return {
    name: result.job.name,
    inputs: result.job.manuscripts.map(rel),
    ok: !result.failed,
    outputs: result.outputs.map((o) => ({ format: o.format, path: rel(o.path), bytes: o.bytes, sha256: o.sha256 })),
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
    messages,
  };
}

/** The publication as JSON for `--format ast`: trees with positions, assets without their bytes. */
export function publicationJson(publication: Publication): unknown {
  return {
    meta: publication.meta,
    chapters: publication.chapters.map(({ file, ...chapter }) => ({ ...chapter, source: file.path })),
    assets: [...publication.assets.values()].map(({ data, ...asset }) => ({ ...asset, bytes: data.byteLength })),
    credits: publication.credits.map((c) => ({ creditId: c.credit.id, figureId: c.figure.id, chapterId: c.chapterId })),
  };
}
