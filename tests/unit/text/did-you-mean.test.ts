import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../../src/text/did-you-mean.js";

describe("editDistance", () => {
  it.each([
    { a: "", b: "", d: 0 },
    { a: "tags", b: "tags", d: 0 },
    { a: "", b: "tags", d: 4 },
    { a: "tags", b: "", d: 4 },
    { a: "tag", b: "tags", d: 1 },
    { a: "sumary", b: "summary", d: 1 },
    { a: "titel", b: "title", d: 1 },
    { a: "tgas", b: "tags", d: 1 },
    { a: "base_url", b: "base-url", d: 1 },
    { a: "date", b: "data", d: 1 },
    { a: "math", b: "date", d: 2 },
    { a: "ca", b: "abc", d: 3 },
    { a: "layout", b: "slug", d: 5 },
    { a: "café", b: "cafe", d: 1 },
    { a: "😀a", b: "a😀", d: 1 },
  ])("$a → $b is $d", ({ a, b, d }) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("didYouMean", () => {
  const known = ["title", "tags", "summary", "drafts", "draft"];

  it.each([
    { word: "sumary", meant: "summary" },
    { word: "tag", meant: "tags" },
    { word: "Title", meant: "title" },
    { word: "TITEL", meant: "title" },
    { word: "summery", meant: "summary" },
    { word: "layout", meant: null },
    { word: "weight", meant: null },
    { word: "permalink", meant: null },
    { word: "", meant: null },
  ])("$word → $meant", ({ word, meant }) => {
    expect(didYouMean(word, known)).toBe(meant);
  });

  it("prefers the nearest word, and the earlier one of two as near", () => {
    expect(didYouMean("drafs", known)).toBe("drafts");
    expect(didYouMean("draf", known)).toBe("draft");
    expect(didYouMean("ab", ["ax", "xb"])).toBe("ax");
  });

  it("goes no further than the distance it is given", () => {
    expect(didYouMean("smry", ["summary"])).toBeNull();
    expect(didYouMean("smry", ["summary"], 3)).toBe("summary");
  });
});
