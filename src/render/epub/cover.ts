/**
 * The cover page: the publication's cover image (`cover` in folio.yaml or front matter, else the first manuscript's hero image,
 * flagged `cover-image` in the manifest), or, without one, a typographic cover built
 * from title, subtitle and authors. Either way the page opens the spine and is the
 * `cover` landmark.
 */
import type { ElementContent } from 'hast';
import { coverOf, type Publication } from '../../ast/publication.js';
import { h, text } from './hast.js';
import type { EpubImage, EpubPaths } from './paths.js';
import { bylineText, fill, joinNames, type Labels } from '../../typography/labels.js';
import { escapeXml } from './xml.js';
import { wrapWords } from '../../typography/wrap-words.js';

export const COVER = 'cover.xhtml';

export interface Cover {
  /** The image shown (and flagged `cover-image`), if the publication has one EPUB can carry. */
  image?: EpubImage;
  /** True when `image` is the generated typographic cover (a file of its own, not one of the book's images). */
  generated?: boolean;
  body: ElementContent[];
}

export const GENERATED_COVER = 'cover.svg';


function textBlock(values: string[], y: number, size: number, leading: number, attributes: string): { svg: string; end: number } {
  const svg = values.map((value, i) => `<text x="600" y="${y + i * leading}" font-size="${size}" ${attributes}>${escapeXml(value)}</text>`).join('\n  ');
  return { svg, end: y + (values.length - 1) * leading };
}

/** A 2:3 SVG cover: title, rule, subtitle, authors, publisher; generic fonts, dark on off-white. */
export function typographicCover(title: string, subtitle: string | undefined, authors: string, publisher: string | undefined, lang: string): string {
  const parts: string[] = [];
  const titleBlock = textBlock(wrapWords(title, 16, 5), 520, 104, 124, 'font-weight="bold"');
  parts.push(titleBlock.svg);
  let y = titleBlock.end + 90;
  parts.push(`<rect x="520" y="${y}" width="160" height="8" fill="#8a2b2b"/>`);
  y += 120;
  if (subtitle) {
    const sub = textBlock(wrapWords(subtitle, 34, 4), y, 50, 66, 'font-style="italic"');
    parts.push(sub.svg);
    y = sub.end + 130;
  }
  if (authors) parts.push(textBlock(wrapWords(authors, 36, 3), Math.max(y, 1380), 54, 70, 'letter-spacing="2"').svg);
  if (publisher) parts.push(textBlock(wrapWords(publisher, 40, 1), 1700, 40, 50, 'fill="#5c5c5c"').svg);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 1200 1800" width="1200" height="1800" xml:lang="${escapeXml(lang)}">
  <title>${escapeXml(subtitle ? `${title}. ${subtitle}` : title)}${authors ? ` — ${escapeXml(authors)}` : ''}</title>
  <rect width="1200" height="1800" fill="#f7f4ee"/>
  <rect x="60" y="60" width="1080" height="1680" fill="none" stroke="#1a1a1a" stroke-width="4"/>
  <g font-family="Georgia, 'Source Serif 4', 'DejaVu Serif', serif" fill="#1a1a1a" text-anchor="middle">
  ${parts.join('\n  ')}
  </g>
</svg>
`;
}

export function coverImage(pub: Publication, paths: EpubPaths): { image: EpubImage; alt: string } | undefined {
  const figure = coverOf(pub);
  const image = figure?.assetId === undefined ? undefined : paths.images.get(figure.assetId);
  return figure && image ? { image, alt: figure.alt } : undefined;
}

export function coverPage(pub: Publication, paths: EpubPaths, strings: Labels): Cover {
  const { meta } = pub;
  const byline = meta.authors.length > 0 ? bylineText(meta.authors, strings) : '';
  const found = coverImage(pub, paths);
  if (found) {
    // The image is the cover; its alt text names what it shows, the label says it is the cover of this book.
    const alt = found.alt.trim() || fill(strings.coverLabel, { title: meta.title, authors: byline ? ` — ${byline}` : '' });
    const img = h('img', { src: found.image.href, alt, 'epub:type': 'cover', role: 'doc-cover' });
    return {
      image: found.image,
      body: [
        h('section', { className: ['cover', 'cover-image'], ariaLabel: fill(strings.coverLabel, { title: meta.title, authors: byline ? ` — ${byline}` : '' }) }, [img]),
      ],
    };
  }
  // No image: a typographic cover, drawn as SVG so reading systems get a cover thumbnail too.
  const label = fill(strings.coverLabel, { title: meta.subtitle ? `${meta.title}. ${meta.subtitle}` : meta.title, authors: byline ? ` — ${byline}` : '' });
  const svg = typographicCover(meta.title, meta.subtitle, meta.authors.length > 0 ? joinNames(meta.authors, strings) : '', meta.publisher, meta.lang);
  const generated: EpubImage = { assetId: '', href: GENERATED_COVER, manifestId: 'cover-image', mediaType: 'image/svg+xml', data: new TextEncoder().encode(svg) };
  const img = h('img', { src: GENERATED_COVER, alt: label, 'epub:type': 'cover', role: 'doc-cover' });
  return { image: generated, generated: true, body: [h('section', { className: ['cover', 'cover-typographic'], ariaLabel: strings.cover }, [img])] };
}
