import { createHash } from 'node:crypto';

// RFC 4122 URL namespace.
const urlNamespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** RFC 4122 version-5 UUID (SHA-1, name-based): the same name always gives the same id. */
export function uuidV5(name: string, namespace = urlNamespace): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `dcterms:modified` and PDF dates: SOURCE_DATE_EPOCH when set, else the
 * manuscript's date at midnight UTC, else a fixed date — never the clock.
 */
export function modifiedDate(date: string | undefined, sourceDateEpoch: string | undefined): string {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) {
    return new Date(Number(sourceDateEpoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (date) return `${date}T00:00:00Z`;
  return '2000-01-01T00:00:00Z';
}
