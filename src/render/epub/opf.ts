/** The package document (content.opf): metadata, manifest, spine. */
import type { PublicationMeta } from '../../ast/publication.js';
import { isRightToLeft } from '../../typography/languages.js';
import { x, xmlDocument, type XmlElement } from './xml.js';

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  /** Space-separated manifest properties (`nav`, `cover-image`, `svg`…). */
  properties?: string;
}

export interface SpineItem {
  idref: string;
  linear?: boolean;
}

export interface PackageInput {
  meta: PublicationMeta;
  manifest: ManifestItem[];
  spine: SpineItem[];
  /** Manifest id of the NCX. */
  ncxId: string;
  /** schema.org accessibility metadata and conformance claim (see accessibility.ts). */
  accessibility?: AccessibilityMetadata;
  /** The paginated edition the page list follows (`dc:source` + `source-of pagination`). */
  pageSource?: string;
}

export interface AccessibilityMetadata {
  accessModes: string[];
  /** Each entry is one sufficient set, e.g. `textual` or `textual,visual`. */
  accessModesSufficient: string[];
  features: string[];
  hazards: string[];
  summary: string;
  /** `EPUB Accessibility 1.1 - WCAG 2.2 Level AA`, only when the checks behind it hold. */
  conformsTo?: string;
}

function accessibilityMeta(a11y: AccessibilityMetadata): XmlElement[] {
  const meta = (property: string, value: string) => x('meta', { property }, value);
  const out: XmlElement[] = [];
  for (const mode of a11y.accessModes) out.push(meta('schema:accessMode', mode));
  for (const set of a11y.accessModesSufficient) out.push(meta('schema:accessModeSufficient', set));
  for (const feature of a11y.features) out.push(meta('schema:accessibilityFeature', feature));
  for (const hazard of a11y.hazards) out.push(meta('schema:accessibilityHazard', hazard));
  out.push(meta('schema:accessibilitySummary', a11y.summary));
  if (a11y.conformsTo) out.push(meta('dcterms:conformsTo', a11y.conformsTo));
  return out;
}

/** `dcterms:modified` must be `CCYY-MM-DDThh:mm:ssZ` (UTC, no fraction). */
export function modifiedTimestamp(modified: string): string {
  const date = new Date(modified);
  if (Number.isNaN(date.getTime())) return '1980-01-01T00:00:00Z';
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function packageDocument(input: PackageInput): string {
  const { meta } = input;
  const metadata: XmlElement[] = [
    x('dc:identifier', { id: 'pub-id' }, meta.identifier),
    x('dc:title', { id: 'title' }, meta.title),
    x('meta', { refines: '#title', property: 'title-type' }, 'main'),
  ];
  if (meta.subtitle) {
    metadata.push(x('dc:title', { id: 'subtitle' }, meta.subtitle), x('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle'));
  }
  metadata.push(x('dc:language', {}, meta.lang));
  meta.authors.forEach((author, index) => {
    const id = `creator-${index + 1}`;
    metadata.push(
      x('dc:creator', { id }, author),
      x('meta', { refines: `#${id}`, property: 'role', scheme: 'marc:relators' }, meta.authorRoles?.[author] ?? 'aut'),
      x('meta', { refines: `#${id}`, property: 'display-seq' }, String(index + 1)),
    );
  });
  // A collection's article authors: contributors of the publication, authors of their part.
  (meta.contributors ?? []).forEach((name, index) => {
    const id = `contributor-${index + 1}`;
    metadata.push(x('dc:contributor', { id }, name), x('meta', { refines: `#${id}`, property: 'role', scheme: 'marc:relators' }, 'aut'));
  });
  const modified = modifiedTimestamp(meta.modified);
  metadata.push(x('dc:date', {}, meta.date ?? modified.slice(0, 10)));
  if (meta.publisher) metadata.push(x('dc:publisher', {}, meta.publisher));
  if (meta.rights) metadata.push(x('dc:rights', {}, meta.rights));
  if (meta.description) metadata.push(x('dc:description', {}, meta.description));
  if (input.pageSource) {
    metadata.push(x('dc:source', { id: 'page-source' }, input.pageSource), x('meta', { refines: '#page-source', property: 'source-of' }, 'pagination'));
  }
  metadata.push(x('meta', { property: 'dcterms:modified' }, modified));
  if (input.accessibility) metadata.push(...accessibilityMeta(input.accessibility));

  const root = x(
    'package',
    { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'pub-id', 'xml:lang': meta.lang },
    x('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, metadata),
    x(
      'manifest',
      {},
      input.manifest.map((item) => x('item', { id: item.id, href: item.href, 'media-type': item.mediaType, properties: item.properties })),
    ),
    x(
      'spine',
      { toc: input.ncxId, 'page-progression-direction': isRightToLeft(meta.lang) ? 'rtl' : undefined },
      input.spine.map((item) => x('itemref', { idref: item.idref, linear: item.linear === false ? 'no' : undefined })),
    ),
  );
  return xmlDocument(root);
}
