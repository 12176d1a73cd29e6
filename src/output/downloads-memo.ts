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
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { cardPieces, coverFor, encodeCard, fallbackInfo, languageLabels, pageFrame, renderCard, type Card, type CardBytes, type DownloadsMeta, type DownloadsReport, type PublicationInfo } from './downloads-page.js';
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

/** A card's text, and that text already encoded. */
interface EncodedCard extends Card {
  bytes: CardBytes;
}

function encoded(card: Card): EncodedCard {
  return { ...card, bytes: encodeCard(card) };
}

/** A card as the memo keeps it: its key and its text. */
interface MemoCard extends EncodedCard {
  key: string;
}

/**
 * The card memo, read: `.downloads-cards.json` is a header line (`{"version":…}`) and then
 * one line per card, `[name, key, mid, tail]`; a later line for a name replaces an earlier
 * one. A build that changed a few cards appends their lines instead of rewriting megabytes;
 * a damaged line (a killed build's last) is skipped, and that card is laid out again.
 */
interface CardMemo {
  cards: Map<string, MemoCard>;
  lines: number;
}

function cardLine(name: string, card: { key: string } & Card): string {
  return JSON.stringify([name, card.key, card.mid, card.tail]);
}

function readCardMemo(path: string, version: string): CardMemo | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (!ofVersion(newline < 0 ? text : text.slice(0, newline), version)) return undefined;
  const cards = new Map<string, MemoCard>();
  let lines = 0;
  for (const line of newline < 0 ? [] : text.slice(newline + 1).split('\n')) {
    if (line === '') continue;
    lines++;
    try {
      const value: unknown = JSON.parse(line);
      if (Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'string')) {
        const [name, key, mid, tail] = value as [string, string, string, string]; // Four strings, checked just above.
        cards.set(name, { key, ...encoded({ mid, tail }) });
      }
    } catch {
      // A damaged line: that card is laid out again.
    }
  }
  return { cards, lines };
}

/** The JSON object in `json` when this version of Folio wrote it, else undefined. */
function ofVersion(json: string, version: string): object | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && 'version' in value && value.version === version ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A memo file written by this version of Folio, else undefined. */
function readMemo(path: string, version: string): object | undefined {
  try {
    return ofVersion(readFileSync(path, 'utf8'), version);
  } catch {
    return undefined;
  }
}

function writeMemo(path: string, text: string): void {
  writeOutput(dirname(path), basename(path), Buffer.from(text, 'utf8'));
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
  fresh?: EncodedCard;
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
    if (this.cardMemo === null) this.cardMemo = readCardMemo(this.memo.cards, this.memo.version);
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
    const fresh = encoded(renderCard(report, info, cover, this.outDir));
    this.prepared.set(report, { key, cover: { key, path: cover.path, size: stat.size, mtimeMs: stat.mtimeMs }, fresh, kept: false });
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
      if (kept !== Object.keys(known.covers ?? {}).length || fresh > 0 || languageLabels.size !== this.labelCount) writeMemo(memo.page, JSON.stringify(next));
      return { path: resolve(target), bytes: page.bytes, sha256: page.sha256 };
    }
    // Cards not laid out above come from the card memo, when it has them with the same key.
    const cardMemo = fresh < built.length ? this.cards() : undefined;
    /** Each card's memo line, made only when written. */
    const finals: Array<() => string> = [];
    const changed: Array<() => string> = [];
    const newline = Buffer.from('\n', 'latin1');
    const { before, after } = pageFrame(built, this.meta);
    const pieces: Buffer[] = [Buffer.from(before, 'utf8')];
    built.forEach((report, i) => {
      const prepared = ready[i];
      const key = prepared?.key ?? '';
      const stored = cardMemo?.cards.get(report.name);
      let card = prepared?.fresh ?? (stored?.key === key ? stored : undefined);
      if (!card) {
        const info = fallbackInfo(report);
        card = encoded(renderCard(report, info, coverFor(report, info), outDir));
      }
      const { mid, tail, bytes } = card;
      const line = () => cardLine(report.name, { key, mid, tail });
      finals.push(line);
      if (stored?.key !== key || stored.mid !== mid || stored.tail !== tail) changed.push(line);
      if (i > 0) pieces.push(newline);
      pieces.push(...cardPieces(bytes, i));
    });
    pieces.push(Buffer.from(after, 'utf8'));
    const written = writeOutputIfChanged(outDir, 'index.html', Buffer.concat(pieces));
    const stat = statSync(target);
    next.page = { key: pageKey, size: stat.size, mtimeMs: stat.mtimeMs, bytes: written.bytes, sha256: written.sha256 };
    next.languages = Object.fromEntries(languageLabels);
    // A few changed cards are appended to the memo; past a quarter of superseded lines, or without a memo, it is rewritten.
    if (cardMemo && cardMemo.lines + changed.length <= built.length * 1.25 + 64) {
      if (changed.length > 0) appendFileSync(memo.cards, `\n${changed.map((line) => line()).join('\n')}\n`);
    } else {
      writeMemo(memo.cards, `${JSON.stringify({ version: memo.version })}\n${finals.map((line) => line()).join('\n')}\n`);
    }
    writeMemo(memo.page, JSON.stringify(next));
    return written;
  }
}
