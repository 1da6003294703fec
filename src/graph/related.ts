/**
 * Recommendations: other articles ranked by shared tags, each weighted by rarity, times a recency
 * factor relative to the article's own date. Computed through the tag → articles index (never all
 * pairs); very common tags only contribute their nearest-in-time articles so cost stays bounded.
 */

/** What ranking needs to know about an article. */
export interface RankItem {
  readonly slug: string;
  readonly date: number;
  readonly tagKeys: readonly string[];
}

/** Tuning knobs; defaults suit a news archive. */
export interface RelatedOptions {
  /** How many related articles per article. @default 5 */
  readonly limit?: number;
  /** Days after which the recency factor has halved. @default 30 */
  readonly halfLifeDays?: number;
  /** A tag on more articles than this only contributes the this-many nearest in time. @default 300 */
  readonly commonTagCap?: number;
  /** Fill up with the nearest-in-time articles when too few share a tag. @default true */
  readonly isFilled?: boolean;
}

const DAY = 86_400_000;

/** Inverse document frequency: a tag on every article says little. */
export function tagWeight(articlesWithTag: number, totalArticles: number): number {
  return Math.log(1 + totalArticles / articlesWithTag);
}

/** Recency factor in (0, 1]: 1 for the same instant, 1/2 after `halfLifeDays`, either direction. */
export function recencyFactor(a: number, b: number, halfLifeDays: number): number {
  return 1 / (1 + Math.abs(a - b) / (halfLifeDays * DAY));
}

/** Related slugs for every item (best first). `items` must be sorted newest first, ties by slug. */
export function computeRelated(items: readonly RankItem[], options: RelatedOptions = {}): Map<string, string[]> {
  const limit = options.limit ?? 5;
  const halfLife = options.halfLifeDays ?? 30;
  const cap = options.commonTagCap ?? 300;
  const isFilled = options.isFilled ?? true;

  // Tag index: tag key → item indexes, in list order (newest first).
  const index = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const key of item.tagKeys) {
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(i);
    }
  });
  const weights = new Map([...index].map(([key, list]) => [key, tagWeight(list.length, items.length)]));

  const result = new Map<string, string[]>();
  // Flat typed arrays instead of a Map per article: this loop runs for every article of the archive.
  const scores = new Float64Array(items.length);
  const touched = new Int32Array(items.length);
  const top: { other: number; score: number }[] = [];
  items.forEach((item, self) => {
    let touchedCount = 0;
    for (const key of item.tagKeys) {
      const list = index.get(key)!;
      const weight = weights.get(key)!;
      const [from, to] = nearestRange(list, self, cap);
      for (let j = from; j < to; j++) {
        const other = list[j]!;
        if (other === self) continue;
        if (scores[other] === 0) touched[touchedCount++] = other;
        scores[other] = scores[other]! + weight;
      }
    }
    // Keep the best `limit` (ties: newer first, then slug — the list order already encodes both).
    top.length = 0;
    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t]!;
      const score = scores[other]! * recencyFactor(item.date, items[other]!.date, halfLife);
      scores[other] = 0;
      if (top.length === limit && !isBetter(score, other, top[limit - 1]!)) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && isBetter(score, other, top[at - 1]!)) at--;
      top.splice(at, 0, { other, score });
      if (top.length > limit) top.pop();
    }
    const ranked = top.map((r) => r.other);
    if (isFilled && ranked.length < limit) fillByTime(items, self, ranked, limit);
    result.set(
      item.slug,
      ranked.map((i) => items[i]!.slug),
    );
  });
  return result;
}

function isBetter(score: number, other: number, than: { other: number; score: number }): boolean {
  return score > than.score || (score === than.score && other < than.other);
}

/** The index range [from, to) of at most `cap` entries of a newest-first list closest in time to `self`. */
function nearestRange(list: readonly number[], self: number, cap: number): [number, number] {
  if (list.length <= cap) return [0, list.length];
  // Entries are item positions in ascending order (newest first), so binary-search self's position.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < self) lo = mid + 1;
    else hi = mid;
  }
  const start = Math.max(0, Math.min(lo - Math.floor(cap / 2), list.length - cap));
  return [start, start + cap];
}

/** Adds the nearest-in-time articles not yet chosen, alternating newer and older. */
function fillByTime(items: readonly RankItem[], self: number, chosen: number[], limit: number): void {
  const taken = new Set(chosen);
  let newer = self - 1;
  let older = self + 1;
  while (chosen.length < limit && (newer >= 0 || older < items.length)) {
    const newerGap = newer >= 0 ? items[self]!.date - items[newer]!.date : Infinity;
    const olderGap = older < items.length ? items[self]!.date - items[older]!.date : Infinity;
    const pick = Math.abs(newerGap) <= Math.abs(olderGap) ? newer-- : older++;
    if (!taken.has(pick)) chosen.push(pick);
  }
}
