import type { Publication } from '../../src/ast/publication.js';

/** A readable view of a tree for golden fixtures: positions dropped, key fields kept. */
export function simplifyNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplifyNode);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'position' || value === undefined || value === null) continue;
    if (key === 'data' && typeof value === 'object' && Object.keys(value).length === 0) continue;
    out[key] = simplifyNode(value);
  }
  return out;
}

export function simplifyPublication(publication: Publication): unknown {
  return {
    meta: publication.meta,
    chapters: publication.chapters.map((c) => ({
      id: c.id,
      titleText: c.titleText,
      anchor: c.anchor,
      subtitle: c.subtitle,
      authors: c.authors,
      lang: c.lang,
      hero: c.hero ? simplifyNode(c.hero) : undefined,
      tree: simplifyNode(c.tree.children),
    })),
    assets: [...publication.assets.values()].map((a) => ({ id: a.id, href: a.href, mediaType: a.mediaType, width: a.width, height: a.height })),
    credits: publication.credits.map((c) => `${c.credit.id} → ${c.figure.id} (${c.chapterId})`),
  };
}
