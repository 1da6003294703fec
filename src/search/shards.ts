/**
 * How the search index is split into shards (docs/search.md, "Shards"): each article goes to a
 * shard by a hash of its URL, so adding, editing or removing one article changes one shard, and
 * only that shard is indexed again. Each shard is its own Pagefind bundle; the search page loads
 * the first and merges the others (Pagefind's `mergeIndex`). Plain functions, used by the bundle
 * (plan-search.ts) and the search page (pages/search-page.ts), which must agree.
 */
import { hashOf } from "../cache/hash.js";

/** At most this many shards: each one the search page merges costs the reader two small requests. */
export const MAX_SHARDS = 16;
/**
 * A shard holds about this many articles or fewer (until MAX_SHARDS is reached): an edit re-indexes
 * its shard, ~0.4 s for 250 articles here (1,000 took 1.6 s), while readers merge at most 16 shards.
 */
const SHARD_SIZE = 250;

/**
 * The shard size in force. `BROADSHEET_SEARCH_SHARD_SIZE` exists for tests only (a site with a few
 * articles in several shards); it is read here and nowhere else.
 */
export function shardSize(): number {
  const given = Number(process.env.BROADSHEET_SEARCH_SHARD_SIZE);
  return Number.isInteger(given) && given > 0 ? given : SHARD_SIZE;
}

/**
 * How many shards `articles` articles are split into: 1 up to `size`, then the smallest power of
 * two that leaves about `size` or fewer in each, at most MAX_SHARDS. Powers of two, so the count
 * changes rarely (250 → 2, 500 → 4, 1,000 → 8, 2,000 → 16 articles), and a shard of S is split
 * in two when the count doubles. Crossing a threshold indexes every article once.
 */
export function shardCount(articles: number, size: number = shardSize()): number {
  let count = 1;
  while (count < MAX_SHARDS && articles > count * size) count *= 2;
  return count;
}

/** The shard of the article at `url` among `count`: stable (a hash of the URL alone), whatever else the site holds. */
export function shardOf(url: string, count: number): number {
  if (count <= 1) return 0;
  return Number.parseInt(hashOf("search-shard", url).slice(0, 8), 16) % count;
}

/** The folder of shard `shard` under `/pagefind/`: "" for the first, "s3/" for the fourth. */
export function shardDir(shard: number): string {
  return shard === 0 ? "" : `s${shard}/`;
}

/** One shard and the items (records, URLs) in it, in the order given. */
export interface Shard<T> {
  readonly shard: number;
  /** Folder under `/pagefind/`, "" or ending in "/". */
  readonly dir: string;
  readonly items: readonly T[];
}

/**
 * The shards that hold at least one item, in shard order (a shard that got no article has no
 * bundle). With no items at all, the one empty shard 0, so a site without articles still gets a
 * loadable bundle. The first shard returned is the one the search page loads; it merges the rest.
 */
export function splitIntoShards<T>(items: readonly T[], urlOf: (item: T) => string): Shard<T>[] {
  const count = shardCount(items.length);
  const buckets: T[][] = Array.from({ length: count }, () => []);
  for (const item of items) buckets[shardOf(urlOf(item), count)]!.push(item);
  const shards = buckets
    .map((bucket, shard) => ({ shard, dir: shardDir(shard), items: bucket }))
    .filter((s) => s.items.length > 0);
  return shards.length > 0 ? shards : [{ shard: 0, dir: shardDir(0), items: [] }];
}
