import { describe, expect, it } from "vitest";
import { computeRelated, recencyFactor, tagWeight, type RankItem } from "../../../src/graph/related.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 26);

/** Items newest first (ties by slug), as the graph stage hands them over. */
function items(...list: [slug: string, daysAgo: number, tags: string[]][]): RankItem[] {
  return list
    .map(([slug, daysAgo, tagKeys]) => ({ slug, date: T0 - daysAgo * DAY, tagKeys }))
    .sort((a, b) => b.date - a.date || (a.slug < b.slug ? -1 : 1));
}

const relatedOf = (list: RankItem[], slug: string, options = {}) =>
  computeRelated(list, { isFilled: false, ...options }).get(slug);

describe("computeRelated", () => {
  it("ranks articles with more shared tags first", () => {
    const list = items(
      ["a", 0, ["x", "y", "z"]],
      ["one", 1, ["x"]],
      ["two", 1, ["x", "y"]],
      ["three", 1, ["x", "y", "z"]],
    );
    expect(relatedOf(list, "a")).toEqual(["three", "two", "one"]);
  });

  it("weights a rare shared tag above a tag that is on every article", () => {
    const list = items(
      ["a", 0, ["common", "rare"]],
      ["b", 1, ["common"]],
      ["c", 1, ["common", "rare"]],
      ["d", 1, ["common"]],
      ["e", 1, ["common"]],
    );
    expect(relatedOf(list, "a")![0]).toBe("c");
    expect(tagWeight(1, 100)).toBeGreaterThan(tagWeight(100, 100));
  });

  it("prefers the article nearer in time, newer or older, when tag scores are equal", () => {
    const list = items(["far-old", 200, ["x"]], ["near-new", 0, ["x"]], ["a", 3, ["x"]], ["near-old", 7, ["x"]]);
    expect(relatedOf(list, "a")).toEqual(["near-new", "near-old", "far-old"]);
  });

  it("breaks exact ties by newer date, then by slug", () => {
    const list = items(["a", 10, ["x"]], ["b-later", 5, ["x"]], ["c-earlier", 15, ["x"]], ["aa", 15, ["x"]]);
    // b-later and c-earlier/aa are all 5 days away; the newer wins, then aa before c-earlier by slug.
    expect(relatedOf(list, "a")).toEqual(["b-later", "aa", "c-earlier"]);
  });

  it("never recommends the article itself and caps the list at the limit", () => {
    const list = items(...Array.from({ length: 12 }, (_, i) => [`s${i}`, i, ["x"]] as [string, number, string[]]));
    const related = relatedOf(list, "s0")!;
    expect(related).toHaveLength(5);
    expect(related).not.toContain("s0");
  });

  it("fills up with the nearest articles in time when too few share a tag", () => {
    const list = items(["a", 10, ["x"]], ["b", 11, ["x"]], ["c", 9, ["y"]], ["d", 30, ["z"]], ["e", 12, []]);
    expect(computeRelated(list, { limit: 3 }).get("a")).toEqual(["b", "c", "e"]);
  });

  it("gives the same lists whatever order equal-date items arrive in, once sorted", () => {
    const a = items(["p", 1, ["x"]], ["q", 1, ["x"]], ["r", 1, ["x"]]);
    const b = items(["r", 1, ["x"]], ["q", 1, ["x"]], ["p", 1, ["x"]]);
    expect([...computeRelated(a)]).toEqual([...computeRelated(b)]);
  });

  it("considers only the nearest-in-time articles of a tag above the common-tag cap", () => {
    const list = items(
      ["a", 50, ["x"]],
      ...Array.from(
        { length: 100 },
        (_, i) => [`n${String(i).padStart(3, "0")}`, i, ["x"]] as [string, number, string[]],
      ),
    );
    const related = relatedOf(list, "a", { commonTagCap: 10 })!;
    for (const slug of related) expect(Math.abs(Number(slug.slice(1)) - 50)).toBeLessThanOrEqual(5);
  });

  it("scales through the tag index: 20,000 articles finish without an all-pairs loop", () => {
    const big = items(
      ...Array.from(
        { length: 20_000 },
        (_, i) => [`s${i}`, i % 700, [`t${i % 50}`, `u${i % 7}`]] as [string, number, string[]],
      ),
    );
    const related = computeRelated(big, { commonTagCap: 200 });
    expect(related.size).toBe(20_000);
    for (const list of related.values()) expect(list).toHaveLength(5);
  });
});

describe("recencyFactor", () => {
  it("is 1 at the same instant, halves after the half-life, and is symmetric", () => {
    expect(recencyFactor(T0, T0, 30)).toBe(1);
    expect(recencyFactor(T0, T0 - 30 * DAY, 30)).toBeCloseTo(0.5);
    expect(recencyFactor(T0, T0 + 30 * DAY, 30)).toBeCloseTo(0.5);
  });
});
