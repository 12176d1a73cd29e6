/** The package document (content.opf): metadata, manifest, spine. */
import type { PublicationMeta } from '../../ast/publication.js';
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
      x('meta', { refines: `#${id}`, property: 'role', scheme: 'marc:relators' }, 'aut'),
      x('meta', { refines: `#${id}`, property: 'display-seq' }, String(index + 1)),
    );
  });
  const modified = modifiedTimestamp(meta.modified);
  metadata.push(x('dc:date', {}, meta.date ?? modified.slice(0, 10)));
  if (meta.publisher) metadata.push(x('dc:publisher', {}, meta.publisher));
  if (meta.rights) metadata.push(x('dc:rights', {}, meta.rights));
  if (meta.description) metadata.push(x('dc:description', {}, meta.description));
  metadata.push(x('meta', { property: 'dcterms:modified' }, modified));

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
      { toc: input.ncxId },
      input.spine.map((item) => x('itemref', { idref: item.idref, linear: item.linear === false ? 'no' : undefined })),
    ),
  );
  return xmlDocument(root);
}
