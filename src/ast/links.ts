/**
 * What a manuscript's link may point at, the same in both formats: a `#name` in the
 * book, or a full address of a scheme a reader can follow. Anything else (a relative
 * path, `javascript:`, `file:`, `data:`) is reported and set as plain text.
 */

/** The schemes of the addresses a link may have: web, mail, telephone, FTP. */
export const safeSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel', 'ftp']);

/** The scheme of `href` in lower case (`https`), or undefined for a relative reference (`/about/`, `#name`). */
export function schemeOf(href: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
}

/** The id a `#fragment` link names: percent-decoded, or as written when that fails. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
