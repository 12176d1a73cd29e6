/**
 * The downloads page of a build that uses the cache: a memo beside the build cache
 * (`.folio-cache/`) remembers each card's key, cover file and text, and index.html's
 * size and mtime, so that an unchanged catalogue is not laid out again and an edited
 * one only where it changed. The bytes written are those `downloadsPage` makes.
 *
 * The work splits in two: `prepare` a publication's card as soon as its report is
 * known (the CLI does it for publications served from the cache while the others are
 * still building), then `write` once every report is in.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { cardText, coverFor, fallbackInfo, languageLabels, pageHtml, renderCard, type Card, type DownloadsMeta, type DownloadsReport, type PublicationInfo } from './downloads-page.js';
import { sameFileStat, writeOutput, writeOutputIfChanged, type WrittenFile } from './write.js';

export interface DownloadsMemo {
  page: string;
  cards: string;
  /** Folio's code: another version discards the memo. */
  version: string;
}

interface CoverRecord {
  key: string;
  path: string;
  size: number;
  mtimeMs: number;
}

interface PageMemo {
  version: string;
  page?: { key: string; size: number; mtimeMs: number; bytes: number; sha256: string };
  covers: Record<string, CoverRecord | undefined>;
  /** `languageName`'s answers (making the formatter costs more than a card). */
  languages?: Record<string, string>;
}

interface CardMemo {
  version: string;
  cards: Record<string, ({ key: string } & Card) | undefined>;
}

/** A memo file written by this version of Folio, else undefined. */
function readMemo(path: string, version: string): object | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && 'version' in value && value.version === version ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeMemo(path: string, memo: PageMemo | CardMemo): void {
  writeOutput(dirname(path), basename(path), new TextEncoder().encode(JSON.stringify(memo)));
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Everything a card and its cover are made of, hashed: the cover image is known by size and mtime. */
function cardKey(report: DownloadsReport, info: PublicationInfo, outDir: string): string {
  const { cover, ...fields } = info;
  let image: unknown = null;
  if (cover?.data) image = sha256(cover.data);
  else if (cover?.path) {
    try {
      const stat = statSync(cover.path, { throwIfNoEntry: false });
      image = stat ? [stat.size, stat.mtimeMs] : null;
    } catch {
      image = null;
    }
  }
  const coverFields = cover ? [cover.path ?? null, cover.mediaType, cover.alt] : null;
  return sha256(JSON.stringify([outDir, report.name, report.pages ?? null, report.outputs, fields, coverFields, image]));
}


/** A card made ready: its key, its cover's record, and its text when it had to be laid out. */
interface Prepared {
  key: string;
  cover: CoverRecord;
  /** Laid out now (key or cover changed); else the card memo has it. */
  fresh?: Card;
  /** The cover was the memo's, intact. */
  kept: boolean;
}

export class MemoizedDownloadsPage {
  private readonly known: PageMemo;
  private readonly labelCount: number;
  private readonly prepared = new WeakMap<DownloadsReport, Prepared>();
  private cardMemo: CardMemo | undefined | null = null;

  constructor(
    private readonly meta: DownloadsMeta,
    private readonly outDir: string,
    private readonly memo: DownloadsMemo,
  ) {
    // A memo written by this code (same version): its shape is PageMemo; a damaged one just misses.
    this.known = (readMemo(memo.page, memo.version) as PageMemo | undefined) ?? { version: memo.version, covers: {} };
    const languages = typeof this.known.languages === 'object' && this.known.languages !== null ? this.known.languages : {};
    for (const [lang, label] of Object.entries(languages)) if (typeof label === 'string' && !languageLabels.has(lang)) languageLabels.set(lang, label);
    this.labelCount = languageLabels.size;
  }

  /** The card memo, read once (the texts of cards not laid out again). */
  private cards(): CardMemo | undefined {
    if (this.cardMemo === null) this.cardMemo = readMemo(this.memo.cards, this.memo.version) as CardMemo | undefined; // Same shape argument as for the page memo.
    return this.cardMemo;
  }

  /**
   * Readies one publication's card. Reports without outputs have no card. Call it early
   * for reports already known; `write` readies the rest.
   */
  prepare(report: DownloadsReport): void {
    if (report.outputs.length === 0 || this.prepared.has(report)) return;
    const info = fallbackInfo(report);
    const key = cardKey(report, info, this.outDir);
    const recorded = this.known.covers[report.name];
    if (recorded?.key === key && typeof recorded.path === 'string' && sameFileStat(join(this.outDir, recorded.path), recorded)) {
      this.prepared.set(report, { key, cover: recorded, kept: true });
      return;
    }
    const cover = coverFor(report, info);
    writeOutputIfChanged(this.outDir, cover.path, cover.data);
    const stat = statSync(join(this.outDir, cover.path));
    this.prepared.set(report, { key, cover: { key, path: cover.path, size: stat.size, mtimeMs: stat.mtimeMs }, fresh: renderCard(report, info, cover, this.outDir), kept: false });
  }

  /** Also reads the card memo ahead, when the page may have to be remade. */
  preload(): void {
    this.cards();
  }

  write(reports: DownloadsReport[]): WrittenFile {
    const { outDir, memo, known } = this;
    const built = reports.filter((r) => r.outputs.length > 0);
    const ready = built.map((report) => {
      this.prepare(report);
      const prepared = this.prepared.get(report);
      if (!prepared) throw new Error(`no card prepared for ${report.name}`); // `prepare` just set it.
      return prepared;
    });
    const next: PageMemo = { version: memo.version, covers: {} };
    built.forEach((report, i) => (next.covers[report.name] = ready[i]?.cover));
    const kept = ready.filter((p) => p.kept).length;
    const fresh = ready.length - kept;
    const pageKey = sha256(JSON.stringify([this.meta, ready.map((p) => p.key)]));
    const target = join(outDir, 'index.html');
    const page = known.page;
    if (page?.key === pageKey && sameFileStat(target, page)) {
      next.page = page;
      next.languages = Object.fromEntries(languageLabels);
      if (kept !== Object.keys(known.covers ?? {}).length || fresh > 0 || languageLabels.size !== this.labelCount) writeMemo(memo.page, next);
      return { path: resolve(target), bytes: page.bytes, sha256: page.sha256 };
    }
    // Cards not laid out above come from the card memo, when it has them with the same key.
    const cardMemo = fresh < built.length ? this.cards() : undefined;
    const cards: CardMemo = { version: memo.version, cards: {} };
    const texts = built.map((report, i) => {
      const prepared = ready[i];
      const key = prepared?.key ?? '';
      const stored = cardMemo?.cards?.[report.name];
      let card = prepared?.fresh;
      if (!card && stored?.key === key && typeof stored.mid === 'string' && typeof stored.tail === 'string') card = { mid: stored.mid, tail: stored.tail };
      if (!card) {
        const info = fallbackInfo(report);
        card = renderCard(report, info, coverFor(report, info), outDir);
      }
      cards.cards[report.name] = { key, mid: card.mid, tail: card.tail };
      return cardText(card, i);
    });
    const written = writeOutputIfChanged(outDir, 'index.html', new TextEncoder().encode(pageHtml(built, texts, this.meta)));
    const stat = statSync(target);
    next.page = { key: pageKey, size: stat.size, mtimeMs: stat.mtimeMs, bytes: written.bytes, sha256: written.sha256 };
    next.languages = Object.fromEntries(languageLabels);
    writeMemo(memo.cards, cards);
    writeMemo(memo.page, next);
    return written;
  }
}
