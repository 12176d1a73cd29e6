/**
 * Publication metadata for the downloads page, read back from a built EPUB when
 * the build report does not carry it (reports from before `JobReport.publication`
 * existed, or a merged report). The EPUB's `cover-image` (the hero image, or the
 * generated typographic cover) becomes the thumbnail.
 */
import { readFile } from 'node:fs/promises';
import type { DownloadsReport, PublicationInfo } from './downloads-page.js';
import { readEpub } from './epub-reader.js';

export async function publicationInfoFromEpub(path: string): Promise<PublicationInfo | undefined> {
  try {
    const epub = await readEpub(new Uint8Array(await readFile(path)));
    const { metadata } = epub;
    const data = epub.cover ? epub.files.get(epub.cover.path) : undefined;
    return {
      title: metadata.title,
      ...(metadata.subtitle ? { subtitle: metadata.subtitle } : {}),
      authors: metadata.authors,
      lang: metadata.lang,
      ...(metadata.date ? { date: metadata.date } : {}),
      ...(metadata.description ? { description: metadata.description } : {}),
      ...(epub.cover && data ? { cover: { data, mediaType: epub.cover.mediaType, alt: '' } } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Fills in `publication` from each report's EPUB where the report lacks it. */
export async function withPublicationInfo(reports: DownloadsReport[]): Promise<DownloadsReport[]> {
  return Promise.all(
    reports.map(async (report) => {
      if (report.publication) return report;
      const epub = report.outputs.find((o) => o.format === 'epub');
      const info = epub ? await publicationInfoFromEpub(epub.path) : undefined;
      return info ? { ...report, publication: info } : report;
    }),
  );
}
