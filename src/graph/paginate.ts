/** Splits a list into pages; page numbers start at 1, and an empty list still has one page. */

/** One page of a paginated list. */
export interface Pagination<T> {
  readonly items: readonly T[];
  /** 1-based page number. */
  readonly current: number;
  readonly total: number;
}

/** Splits `items` into pages of `perPage` (at least one page, even when empty). */
export function paginate<T>(items: readonly T[], perPage: number): Pagination<T>[] {
  const total = Math.max(1, Math.ceil(items.length / perPage));
  return Array.from({ length: total }, (_, i) => ({
    items: items.slice(i * perPage, (i + 1) * perPage),
    current: i + 1,
    total,
  }));
}
