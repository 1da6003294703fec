import { describe, expect, it } from "vitest";
import { paginate } from "../../../src/graph/paginate.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe("paginate", () => {
  it("splits a list into pages of perPage, the last one holding the rest", () => {
    expect(paginate(range(5), 2)).toEqual([
      { items: [1, 2], current: 1, total: 3 },
      { items: [3, 4], current: 2, total: 3 },
      { items: [5], current: 3, total: 3 },
    ]);
  });

  it("makes full pages when the list divides evenly", () => {
    expect(paginate(range(4), 2).map((p) => p.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("still has one empty page for an empty list", () => {
    expect(paginate([], 10)).toEqual([{ items: [], current: 1, total: 1 }]);
  });

  it("puts a short list on a single page", () => {
    expect(paginate(["a"], 10)).toEqual([{ items: ["a"], current: 1, total: 1 }]);
  });

  it.each([
    { length: 1, perPage: 1, pages: 1 },
    { length: 10, perPage: 10, pages: 1 },
    { length: 11, perPage: 10, pages: 2 },
    { length: 61, perPage: 6, pages: 11 },
  ])(
    "makes $pages pages of $length items at $perPage per page, each item once and in order",
    ({ length, perPage, pages }) => {
      const result = paginate(range(length), perPage);
      expect(result).toHaveLength(pages);
      expect(result.flatMap((p) => p.items)).toEqual(range(length));
      expect(result.map((p) => p.current)).toEqual(range(pages));
      expect(result.every((p) => p.total === pages && p.items.length <= perPage && p.items.length > 0)).toBe(true);
    },
  );

  it("does not change the list it splits", () => {
    const items = Object.freeze(range(3));
    paginate(items, 2);
    expect(items).toEqual([1, 2, 3]);
  });
});
