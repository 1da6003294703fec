import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_SHARDS, shardCount, shardDir, shardOf, shardSize, splitIntoShards } from "../../../src/search/shards.js";

const urls = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `/articles/story-${from + i}/`);

describe("shardCount", () => {
  it("keeps one shard up to 250 articles, then the smallest power of two that holds ~250 or fewer each, at most 16", () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(250)).toBe(1);
    expect(shardCount(251)).toBe(2);
    expect(shardCount(500)).toBe(2);
    expect(shardCount(501)).toBe(4);
    expect(shardCount(1000)).toBe(4);
    expect(shardCount(1001)).toBe(8);
    expect(shardCount(2001)).toBe(16);
    expect(shardCount(10_000)).toBe(16);
    expect(shardCount(1_000_000)).toBe(MAX_SHARDS);
    expect(shardCount(5, 2)).toBe(4);
  });
});

describe("shardOf", () => {
  it("depends on the URL alone: the same article lands in the same shard whatever else the site holds", () => {
    for (const url of urls(50)) {
      expect(shardOf(url, 8)).toBe(shardOf(url, 8));
      expect(shardOf(url, 8)).toBeGreaterThanOrEqual(0);
      expect(shardOf(url, 8)).toBeLessThan(8);
      // Doubling the count splits a shard in two: k goes to k or k + 8.
      expect(shardOf(url, 16) % 8).toBe(shardOf(url, 8));
    }
    expect(shardOf("/articles/x/", 1)).toBe(0);
    // A fixed value: the assignment must not change between versions (it would re-index everything).
    expect([shardOf("/articles/heat-pumps/", 16), shardOf("/articles/grid/", 16)]).toEqual([11, 5]);
  });

  it("spreads 10,000 articles evenly over 16 shards (each within 10% of 625)", () => {
    const sizes = new Array(16).fill(0);
    for (const url of urls(10_000)) sizes[shardOf(url, 16)]++;
    for (const size of sizes) expect(Math.abs(size - 625)).toBeLessThan(63);
  });
});

describe("splitIntoShards", () => {
  it("gives one shard at /pagefind/ for a small site, and one empty shard for none", () => {
    expect(splitIntoShards(urls(3), (u) => u)).toEqual([{ shard: 0, dir: "", items: urls(3) }]);
    expect(splitIntoShards([], (u) => u)).toEqual([{ shard: 0, dir: "", items: [] }]);
    expect(shardDir(0)).toBe("");
    expect(shardDir(5)).toBe("s5/");
  });

  it("changes one shard only when an article is added, and no other shard's members", () => {
    const before = splitIntoShards(urls(3000), (u) => u);
    const added = "/articles/a-new-story/";
    const after = splitIntoShards([...urls(3000), added], (u) => u);
    expect(after.map((s) => s.shard)).toEqual(before.map((s) => s.shard));
    const changed = after.filter((s, i) => JSON.stringify(s.items) !== JSON.stringify(before[i]!.items));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.items).toContain(added);
    expect(changed[0]!.dir).toBe(shardDir(changed[0]!.shard));
  });

  it("keeps every item exactly once, in the order given, and leaves out shards that got none", () => {
    const shards = splitIntoShards(urls(1800), (u) => u);
    expect(shards.flatMap((s) => s.items).sort()).toEqual(urls(1800).sort());
    for (const s of shards) expect([...s.items]).toEqual(urls(1800).filter((u) => s.items.includes(u)));
    expect(shards.map((s) => s.shard)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe("shardSize", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is 250 unless the test-only BROADSHEET_SEARCH_SHARD_SIZE gives a positive whole number", () => {
    expect(shardSize()).toBe(250);
    vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "2");
    expect(shardSize()).toBe(2);
    expect(shardCount(5)).toBe(4);
    vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "zero");
    expect(shardSize()).toBe(250);
  });
});
