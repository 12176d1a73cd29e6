/**
 * The preview's state: builds on the rebuild loop `folio build --watch` uses too
 * (same plan and pipeline, worker pool, incremental cache, so only what changed is
 * rebuilt; it watches the sources), keeps each publication's last good render in memory (the EPUB unpacked, the PDF
 * bytes) and tells listeners whenever the state changes. A broken manuscript keeps
 * its last good render, flagged stale, with the new messages beside it.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { JobReport } from '../build.js';
import type { CliOptions } from '../cli/args.js';
import type { Plan } from '../cli/build-command.js';
import type { Io } from '../cli/io.js';
import { RebuildLoop, type BuildSteps } from '../cli/rebuild-loop.js';
import type { MessageJson } from '../diagnostics/json.js';
import { readEpub, type EpubMetadata, type EpubSnapshot, type SpineDocument, type TocItem } from '../output/epub-reader.js';

export type { BuildSteps } from '../cli/rebuild-loop.js';

/** What the browser is told about one publication. */
export interface PublicationView {
  name: string;
  status: 'pending' | 'building' | 'ok' | 'failed';
  /** Messages of the latest build (not of the render on screen, when that is older). */
  messages: MessageJson[];
  durationMs?: number;
  cached: boolean;
  /** The render on screen is older than the latest build, which failed. */
  stale: boolean;
  render?: RenderView;
}

export interface RenderView {
  /** Changes whenever the outputs change (first hex digits of the EPUB's or PDF's sha256). */
  version: string;
  /** When this preview received the render (local clock; display only). */
  builtAt: string;
  metadata: EpubMetadata;
  spine: SpineDocument[];
  toc: TocItem[];
  epub?: { file: string; bytes: number; sha256: string };
  pdf?: { file: string; bytes: number; sha256: string; pages?: number };
}

export interface PreviewState {
  revision: number;
  building: boolean;
  /** Problems outside any publication: config, inputs (from planning). */
  project: MessageJson[];
  publications: PublicationView[];
  /** pdf.js is installed and served. */
  pdfjs: boolean;
}

/** A publication's last good outputs, held in memory so a broken rebuild cannot disturb them. */
export interface GoodRender {
  view: RenderView;
  report: JobReport;
  epub?: EpubSnapshot;
  epubBytes?: Uint8Array;
  pdfBytes?: Uint8Array;
}

const messageLine = /^(.+?):(\d+):(\d+): (error|warning|info): (.*?)(?: \[([\w-]+)\])?$/;

/** Turns what planning printed (config errors, missing inputs) into messages. */
export function parseMessages(text: string): MessageJson[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = messageLine.exec(line);
      if (m) return { file: m[1] ?? '', line: Number(m[2]), column: Number(m[3]), severity: m[4] === 'warning' ? 'warning' : m[4] === 'info' ? 'info' : 'error', ruleId: m[6] ?? null, message: m[5] ?? '' };
      const plain = /^(.+?): error: (.*?)(?: \[([\w-]+)\])?$/.exec(line);
      return { file: plain?.[1] ?? '', line: 0, column: 0, severity: 'error', ruleId: plain?.[3] ?? null, message: plain?.[2] ?? line.replace(/^folio: /, '') };
    });
}

export class PreviewSession {
  readonly renders = new Map<string, GoodRender>();
  private views = new Map<string, PublicationView>();
  private order: string[] = [];
  private project: MessageJson[] = [];
  private revision = 0;
  private readonly listeners = new Set<(state: PreviewState) => void>();
  private readonly loop: RebuildLoop;

  constructor(
    options: CliOptions,
    private readonly io: Io,
    steps: BuildSteps,
    private readonly pdfjs: boolean,
  ) {
    this.loop = new RebuildLoop(options, io, steps, {
      planned: (planned, printed) => this.planned(planned, printed),
      built: async (reports) => {
        for (const report of reports) await this.accept(report);
      },
      failed: (error) => this.io.stderr(`folio: ${error instanceof Error ? error.message : String(error)}\n`),
      settled: () => this.changed(),
    });
  }

  /** The latest plan that succeeded. */
  get current(): Plan | undefined {
    return this.loop.current;
  }

  state(): PreviewState {
    return {
      revision: this.revision,
      building: this.loop.running,
      project: this.project,
      publications: this.order.flatMap((name) => this.views.get(name) ?? []),
      pdfjs: this.pdfjs,
    };
  }

  onChange(listener: (state: PreviewState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.revision++;
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  /** Plans again (new manuscripts, a changed config) and builds; calls made while building are coalesced. */
  async rebuild(): Promise<void> {
    await this.loop.rebuild();
  }

  private planned(planned: Plan | number, printed: string): void {
    this.project = parseMessages(printed);
    if (typeof planned === 'number') {
      this.changed();
      return;
    }
    this.order = planned.jobs.map((job) => job.name);
    for (const name of this.order) {
      const view = this.views.get(name) ?? { name, status: 'pending', messages: [], cached: false, stale: false };
      this.views.set(name, { ...view, status: 'building' });
    }
    for (const name of [...this.views.keys()]) if (!this.order.includes(name)) this.views.delete(name);
    this.changed();
  }

  private async accept(report: JobReport): Promise<void> {
    const previous = this.renders.get(report.name);
    const epubOut = report.outputs.find((o) => o.format === 'epub');
    const pdfOut = report.outputs.find((o) => o.format === 'pdf');
    const version = (epubOut?.sha256 ?? pdfOut?.sha256 ?? '').slice(0, 16);
    let render = previous;
    if (report.ok && version && previous?.view.version !== version) {
      try {
        const epubBytes = epubOut ? new Uint8Array(await readFile(epubOut.path)) : undefined;
        const pdfBytes = pdfOut ? new Uint8Array(await readFile(pdfOut.path)) : undefined;
        const epub = epubBytes ? await readEpub(epubBytes) : undefined;
        const file = (path: string) => relative(this.current?.options.outDir ?? this.io.cwd, path);
        render = {
          report,
          ...(epub ? { epub } : {}),
          ...(epubBytes ? { epubBytes } : {}),
          ...(pdfBytes ? { pdfBytes } : {}),
          view: {
            version,
            builtAt: new Date().toISOString(),
            metadata: epub?.metadata ?? { title: report.name, authors: [], lang: 'und' },
            spine: epub?.spine ?? [],
            toc: epub?.toc ?? [],
            ...(epubOut ? { epub: { file: file(epubOut.path), bytes: epubOut.bytes, sha256: epubOut.sha256 } } : {}),
            ...(pdfOut ? { pdf: { file: file(pdfOut.path), bytes: pdfOut.bytes, sha256: pdfOut.sha256, ...(report.pages !== undefined ? { pages: report.pages } : {}) } } : {}),
          },
        };
        this.renders.set(report.name, render);
      } catch (error) {
        // The outputs vanished or are unreadable (a concurrent clean): keep the last good render.
        report = { ...report, messages: [...report.messages, { file: epubOut?.path ?? report.name, line: 0, column: 0, severity: 'error', ruleId: null, message: `the preview could not read the build outputs: ${error instanceof Error ? error.message : String(error)}` }] };
      }
    } else if (report.ok && render) {
      render = { ...render, report };
      this.renders.set(report.name, render);
    }
    const ok = report.ok && version !== '';
    this.views.set(report.name, {
      name: report.name,
      status: report.ok ? 'ok' : 'failed',
      messages: report.messages,
      durationMs: report.durationMs,
      cached: report.cached ?? false,
      stale: !ok && render !== undefined,
      ...(render ? { render: render.view } : {}),
    });
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.loop.close();
  }
}
