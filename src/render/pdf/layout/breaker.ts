/**
 * Line breaking: Knuth–Plass total fit over boxes, glue and penalties (Knuth & Plass,
 * "Breaking paragraphs into lines", 1981), with fitness classes, a cap of two
 * consecutive hyphenated lines, and passes of growing tolerance. Pathological
 * paragraphs (too long, or with no feasible set of breaks) fall back to first fit.
 */
import { FILL, INFINITY, type KItem } from './words.js';

const LINE_PENALTY = 10;
const FLAGGED_DEMERITS = 3000;
const FITNESS_DEMERITS = 3000;
const MAX_HYPHENS = 2;
/** Above this many items, a paragraph is set first-fit (bounded work). */
export const MAX_OPTIMAL_ITEMS = 24000;
const EPSILON = 0.01;

interface Active {
  position: number;
  line: number;
  fitness: number;
  hyphens: number;
  width: number;
  stretch: number;
  shrink: number;
  demerits: number;
  previous: Active | undefined;
}

export interface BreakSettings {
  measure: number;
  /** Largest adjustment ratio allowed (1: spaces stretch to their full stretchability). */
  tolerance: number;
  /** Ragged lines: a fixed stretch per line instead of the glue's. */
  raggedStretch?: number;
  /** Break at discretionary hyphens (TeX's second pass); off for the first. */
  hyphenate: boolean;
}

function isBreak(items: readonly KItem[], index: number, hyphenate = true): boolean {
  const item = items[index];
  if (!item) return false;
  if (item.t === 'penalty') return item.penalty < INFINITY && (hyphenate || !item.discretionary);
  if (item.t === 'glue') return items[index - 1]?.t === 'box';
  return false;
}

function fitnessOf(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

/** Candidate slots per break: one per fitness class (4) and count of consecutive hyphens (0…MAX_HYPHENS). */
const SLOTS = 4 * (MAX_HYPHENS + 1);

/**
 * Break positions (indices into `items`) of the best set of lines, or undefined when none fits.
 * Runs once or more per paragraph: the best candidate of each slot is kept in scratch
 * arrays, and only the winners become active nodes.
 */
export function totalFit(items: readonly KItem[], settings: BreakSettings): number[] | undefined {
  const { measure, tolerance } = settings;
  const ragged = settings.raggedStretch;
  let sumWidth = 0;
  let sumStretch = 0;
  let sumShrink = 0;
  let active: Active[] = [{ position: -1, line: 0, fitness: 1, hyphens: 0, width: 0, stretch: 0, shrink: 0, demerits: 0, previous: undefined }];
  /** The nodes still active after a break (swapped with `active`). */
  let next: Active[] = [];
  /** Per slot, the best node to break from here, and its demerits. */
  const bestFrom: Array<Active | undefined> = new Array<Active | undefined>(SLOTS).fill(undefined);
  const bestDemerits = new Float64Array(SLOTS);

  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!item) break;
    if (item.t === 'box') {
      sumWidth += item.width;
      sumStretch += item.stretch;
      continue;
    }
    if (isBreak(items, index, settings.hyphenate)) {
      const penalty = item.t === 'penalty' ? item.penalty : 0;
      const flagged = item.t === 'penalty' && item.flagged;
      const extra = item.t === 'penalty' ? item.width : 0;
      bestFrom.fill(undefined);
      let found = false;
      next.length = 0;
      for (const node of active) {
        const width = sumWidth - node.width + extra;
        let stretch = sumStretch - node.stretch;
        const shrink = ragged === undefined ? sumShrink - node.shrink : 0;
        if (ragged !== undefined) stretch = (stretch >= FILL ? FILL : 0) + ragged;
        let ratio: number;
        if (width < measure - EPSILON) ratio = stretch > 0 ? (measure - width) / stretch : INFINITY;
        else if (width > measure + EPSILON) ratio = shrink > 0 ? (measure - width) / shrink : -INFINITY;
        else ratio = 0;
        const forced = penalty <= -INFINITY;
        if (ratio >= -1 && !forced) next.push(node);
        if (ratio < -1 || ratio > tolerance) continue;
        if (flagged && node.hyphens >= MAX_HYPHENS) continue;
        const badness = 100 * Math.abs(ratio) ** 3;
        let demerits = (LINE_PENALTY + badness) ** 2;
        if (penalty >= 0) demerits += penalty * penalty;
        else if (!forced) demerits -= penalty * penalty;
        if (flagged && node.hyphens > 0) demerits += FLAGGED_DEMERITS;
        const fitness = fitnessOf(ratio);
        if (Math.abs(fitness - node.fitness) > 1) demerits += FITNESS_DEMERITS;
        demerits += node.demerits;
        const hyphens = flagged ? node.hyphens + 1 : 0;
        const slot = fitness * (MAX_HYPHENS + 1) + hyphens;
        if (bestFrom[slot] === undefined || demerits < (bestDemerits[slot] ?? 0)) {
          bestFrom[slot] = node;
          bestDemerits[slot] = demerits;
          found = true;
        }
      }
      const survivors = next;
      next = active;
      active = survivors;
      if (found) {
        // Totals after a break here: the discardable items that follow it are skipped.
        let width = sumWidth;
        let stretch = sumStretch;
        let shrink = sumShrink;
        for (let i = index; i < items.length; i++) {
          const after = items[i];
          if (!after || after.t === 'box') break;
          if (after.t === 'glue') {
            width += after.width;
            stretch += after.stretch;
            shrink += after.shrink;
          } else if (after.penalty <= -INFINITY && i > index) break;
        }
        for (let slot = 0; slot < SLOTS; slot++) {
          const from = bestFrom[slot];
          if (!from) continue;
          const fitness = Math.floor(slot / (MAX_HYPHENS + 1));
          const hyphens = slot % (MAX_HYPHENS + 1);
          active.push({ position: index, line: from.line + 1, fitness, hyphens, width, stretch, shrink, demerits: bestDemerits[slot] ?? 0, previous: from });
        }
      }
      if (active.length === 0) return undefined;
    }
    if (item.t === 'glue') {
      sumWidth += item.width;
      sumStretch += item.stretch;
      sumShrink += item.shrink;
    }
  }
  let chosen: Active | undefined;
  for (const node of active) if (node.position === items.length - 1 && (!chosen || node.demerits < chosen.demerits)) chosen = node;
  if (!chosen) return undefined;
  const breaks: number[] = [];
  for (let node: Active | undefined = chosen; node && node.position >= 0; node = node.previous) breaks.push(node.position);
  return breaks.reverse();
}

/** First fit: each line takes what fits; forced breaks are honoured. */
export function firstFit(items: readonly KItem[], measure: number): number[] {
  const breaks: number[] = [];
  let width = 0;
  let candidate = -1;
  let last = -1;
  let lineStart = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!item) break;
    if (item.t === 'penalty' && item.penalty <= -INFINITY) {
      breaks.push(index);
      width = 0;
      candidate = -1;
      lineStart = index + 1;
      continue;
    }
    const breakable = isBreak(items, index);
    const extra = item.t === 'penalty' ? item.width : 0;
    // A line already wider than the measure (a box wider than the measure, with nowhere
    // to break before it) ends at the first break after it, not at the paragraph's end.
    if (breakable && (width + extra <= measure + EPSILON || (width > measure + EPSILON && candidate < lineStart))) {
      candidate = index;
    }
    // Where nothing fits (a hyphen that does not fit after a cut syllable), the last break
    // of the line: less over the measure than the next box would be.
    if (breakable) last = index;
    if (item.t === 'box' || item.t === 'glue') {
      const grown = width + item.width;
      if (item.t === 'box' && candidate < lineStart && last >= lineStart && grown > measure + EPSILON && width <= measure + EPSILON) candidate = last;
      if (item.t === 'box' && (grown > measure + EPSILON || width > measure + EPSILON) && candidate >= lineStart) {
        breaks.push(candidate);
        // Read on from the item after the chosen break, skipping discardables: the breaks
        // between it and here are candidates of the new line (a syllable and its hyphen
        // that fit it), so they are read again.
        let restart = candidate + 1;
        while (restart < index && items[restart]?.t !== 'box') restart++;
        width = 0;
        lineStart = restart;
        candidate = -1;
        index = restart - 1;
        continue;
      }
      width = grown;
    }
  }
  return breaks;
}

/**
 * The breaks of a paragraph, as TeX does: total fit without hyphenation if spaces can
 * stay within their stretch; else with hyphenation; else with looser spaces; and first
 * fit for pathological paragraphs.
 */
export function breakParagraph(items: readonly KItem[], measure: number, ragged: number | undefined): number[] {
  if (items.length <= MAX_OPTIMAL_ITEMS) {
    const base = ragged === undefined ? {} : { raggedStretch: ragged };
    const hyphens = items.some((item) => item.t === 'penalty' && item.discretionary);
    const passes = [
      ...(hyphens ? [{ tolerance: 1, hyphenate: false }] : []),
      { tolerance: 1, hyphenate: true },
      { tolerance: 4, hyphenate: true },
    ];
    for (const pass of passes) {
      const breaks = totalFit(items, { measure, ...pass, ...base });
      if (breaks) return breaks;
    }
  }
  return firstFit(items, measure);
}
