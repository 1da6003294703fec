import { describe, expect, it } from "vitest";
import { frontPage, tagHeading, teaser } from "../../../src/pages/front-page.js";

const story = (slug: string, isFeatured = false) => ({ slug, isFeatured });

describe("frontPage", () => {
  it("leads with the newest featured story on the page, keeping the others in order", () => {
    const front = frontPage([story("a"), story("b"), story("c", true), story("d", true), story("e"), story("f")]);
    expect(front!.lead.slug).toBe("c");
    expect(front!.rail.map((s) => s.slug)).toEqual(["a", "b"]);
    expect(front!.rest.map((s) => s.slug)).toEqual(["d", "e", "f"]);
  });

  it("leads with the newest story when none on the page is featured", () => {
    const front = frontPage([story("a"), story("b"), story("c")]);
    expect([front!.lead.slug, front!.rail.map((s) => s.slug), front!.rest]).toEqual(["a", ["b", "c"], []]);
  });

  it("has a lead alone for a one-story site, and nothing for an empty one", () => {
    expect(frontPage([story("a")])).toEqual({ lead: story("a"), rail: [], rest: [] });
    expect(frontPage([])).toBeNull();
  });
});

describe("tagHeading", () => {
  it.each([
    ["open protocols", "Open protocols"],
    ["énergie", "Énergie"],
    ["C++", "C++"],
    ["iOS", "iOS"],
    ["Open Source", "Open Source"],
    ["", ""],
  ])("heads %j as %j", (name, heading) => {
    expect(tagHeading(name, "en-GB")).toBe(heading);
  });
});

describe("teaser", () => {
  it("is the summary when there is one", () => {
    expect(teaser("The summary.", "The first paragraph.")).toBe("The summary.");
  });

  it("falls back to the first paragraph, cut at a word, and to nothing when that is empty", () => {
    const long = `${"word ".repeat(60)}end`;
    const cut = teaser(null, long)!;
    expect(cut.length).toBeLessThan(long.length);
    expect(cut).toMatch(/^word( word)*…$/);
    expect(teaser(null, "Short first paragraph.")).toBe("Short first paragraph.");
    expect(teaser(null, "  ")).toBeNull();
  });
});
