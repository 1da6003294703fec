/** The oldUrls pattern: validated once, expanded per article into a redirect path. */
import { describe, expect, it } from "vitest";
import { oldUrlOf, oldUrlPatternProblem } from "../../../src/content/old-urls.js";

const FACTS = { path: "release/v20.20.0", slug: "v20-20-0", date: Date.UTC(2024, 0, 31, 23, 30), tag: "release" };

describe("oldUrls", () => {
  it.each([
    ["/blog/:path/", "/blog/release/v20.20.0/"],
    ["/:year/:month/:slug/", "/2024/01/v20-20-0/"],
    ["/:tag/:slug.html", "/release/v20-20-0.html"],
    ["/:year/:month/:day/:slug/", "/2024/01/31/v20-20-0/"],
  ])("expands %s to %s", (pattern, expected) => {
    expect(oldUrlPatternProblem(pattern)).toBeNull();
    expect(oldUrlOf(pattern, FACTS, "UTC")).toBe(expected);
  });

  it("reads the date in the site's time zone", () => {
    expect(oldUrlOf("/:year/:month/:day/:slug/", FACTS, "Europe/Amsterdam")).toBe("/2024/02/01/v20-20-0/");
  });

  it("gives no old address to an article without the tag the pattern needs", () => {
    expect(oldUrlOf("/:tag/:slug/", { ...FACTS, tag: null }, "UTC")).toBeNull();
  });

  it.each([
    ["blog/:path/", /must start with "\/"/],
    ["/blog/:path", /must end with/],
    ["/blog/:category/:slug/", /unknown part ":category"/],
    ["/:year/:month/", /must contain :slug or :path/],
    ["/a b/:slug/", /does not make a usable path/],
  ])("refuses %s", (pattern, problem) => {
    const found = oldUrlPatternProblem(pattern);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
