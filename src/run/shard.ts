/** `--shard K/N`: a deterministic split of a catalogue across N CI runners. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Jobs of shard K of N: sorted by name, every N-th starting at K. Each job lands
 * in exactly one shard whatever the order the inputs were given in.
 */
export function selectShard<T extends { name: string }>(jobs: T[], shard: Shard): T[] {
  const sorted = [...jobs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
