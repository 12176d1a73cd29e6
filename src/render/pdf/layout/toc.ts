/**
 * The printed table of contents: chapter titles, dot leaders and page numbers, each
 * entry a link to its chapter. Set twice (renderPdf): first with placeholder numbers
 * to learn where chapters fall, then with the real ones. Numbers sit in a fixed-width
 * column, so both passes give the same lines and the same page count.
 */
import type { Publication } from '../../../ast/publication.js';
import { variantOf } from '../fonts.js';
import { bodyStyle, chapterDest, newScope, textItems } from './chapter.js';
import { baselineIn } from './items.js';
import { layoutLines } from './lines.js';
import type { BlockCtx, Box, Item, LayoutEnv, RunStyle, StructNode } from './types.js';

const labels: Record<string, string> = { fr: 'Table des matières', de: 'Inhalt', es: 'Índice', it: 'Indice', pt: 'Índice', nl: 'Inhoud' };

export function tocLabel(lang: string): string {
  return labels[lang.split('-')[0]?.toLowerCase() ?? ''] ?? 'Contents';
}

/** TOC items; `pages` maps chapter ids to their first page (absent: placeholders). */
export function tocItems(pub: Publication, env: LayoutEnv, pages: Map<string, number> | undefined): Item[] {
  const { scope } = newScope(env);
  const toc: StructNode = { role: 'TOC' };
  const ctx: BlockCtx = { scope, x: 0, width: env.measure, style: bodyStyle(env), listDepth: 0, parent: toc };
  const label = tocLabel(pub.meta.lang);
  const headSize = ctx.style.size * 1.6;
  const items = textItems([{ kind: 'text', text: label, style: { ...baseRun(ctx), bold: true, size: headSize } }], ctx, headSize, headSize * 1.2, 'left', 0, { role: 'H1', parent: toc });
  const head = items[0];
  if (head) Object.assign(head, { breakBefore: true, opener: true, runningHead: label, outline: { title: label, level: 0 } });
  const style = baseRun(ctx);
  const numberWidth = env.metrics.width('0000', 'text-regular', style.size);
  const gap = style.size * 0.8;
  const leading = ctx.style.leading;
  const baseline = baselineIn(style.size, leading);
  const dot = env.metrics.width('.', 'text-regular', style.size);
  const pitch = dot + style.size * 0.45;
  pub.chapters.forEach((chapter, index) => {
    const tag: StructNode = { role: 'TOCI', parent: toc };
    const runs = [{ kind: 'text' as const, text: chapter.titleText, style }];
    const lines = layoutLines(runs, env.measure - numberWidth - gap, 'left', env.metrics, scope.missing);
    const page = pages?.get(chapter.id);
    const number = page === undefined ? '' : String(page);
    const url = `#${chapterDest(chapter.id)}`;
    lines.forEach((line, lineIndex) => {
      const boxes: Box[] = line.fragments.map((f) => ({ kind: 'text', x: f.x, y: baseline - f.rise, text: f.text, font: f.font, size: f.size, color: f.color, tag }));
      if (lineIndex === lines.length - 1) {
        const numberX = env.measure - env.metrics.width(number, 'text-regular', style.size);
        // Dot leaders on a fixed grid, so that the dots of every entry line up.
        const from = line.width + style.size * 0.6;
        const leaderStart = Math.ceil(from / pitch) * pitch;
        const count = Math.max(0, Math.floor((env.measure - numberWidth - style.size * 0.3 - dot - leaderStart) / pitch) + 1);
        boxes.push(...leaderBoxes(leaderStart, baseline, pitch, count, style, env.theme.colors.muted));
        if (number) boxes.push({ kind: 'text', x: numberX, y: baseline, text: number, font: `text-${variantOf(false, false)}`, size: style.size, color: style.color, tag });
      }
      boxes.push({ kind: 'link', x: 0, y: 0, width: env.measure, height: leading, url });
      items.push({ height: leading, spaceBefore: lineIndex === 0 ? (index === 0 ? leading : leading * 0.3) : 0, boxes, tag, ...(lineIndex < lines.length - 1 ? { keepWithNext: true } : {}) });
    });
  });
  return items;
}

function baseRun(ctx: BlockCtx): RunStyle {
  return { family: 'text', bold: false, italic: false, size: ctx.style.size, color: ctx.style.color };
}

/** Leader dots: decoration, drawn as artifacts (untagged). */
function leaderBoxes(x: number, baseline: number, pitch: number, count: number, style: RunStyle, color: string): Box[] {
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) boxes.push({ kind: 'text', x: x + i * pitch, y: baseline, text: '.', font: 'text-regular', size: style.size, color, artifact: true });
  return boxes;
}
