import { describe, expect, it } from "vitest";
import {
  absoluteUrl,
  articlePath,
  assignTagSegments,
  homePath,
  outputPathFor,
  portablePathKey,
  siteUrl,
  staticPagePath,
  tagFeedPath,
  tagPath,
  tagSegmentBase,
} from "../../../src/pages/urls.js";

/** What a tag segment must never contain, whatever the tag. */
function expectSafeSegment(segment: string): void {
  expect(segment).not.toBe("");
  expect(segment).not.toContain("/");
  expect(segment).not.toContain("\\");
  expect(segment).not.toContain("..");
  expect(segment).not.toMatch(/^\.|[?#%\s]/);
}

describe("tag segments", () => {
  it.each([
    { key: "energy", segment: "energy" },
    { key: "open source", segment: "open-source" },
    { key: "café", segment: "café" },
    { key: "cafe", segment: "cafe" },
    { key: "c++", segment: "c-plus-plus" },
    { key: "c#", segment: "c-sharp" },
    { key: "c", segment: "c" },
    { key: "at&t", segment: "at-and-t" },
    { key: "日本語", segment: "日本語" },
    { key: "../etc", segment: "dot-dot-slash-etc" },
    { key: "..", segment: "dot-dot" },
    { key: "a/b", segment: "a-slash-b" },
  ])("makes the readable segment $segment for the tag $key", ({ key, segment }) => {
    expect(tagSegmentBase(key)).toBe(segment);
  });

  it("gives a tag of symbols with no word a hashed segment", () => {
    expect(tagSegmentBase("?")).toMatch(/^tag-[0-9a-f]{8}$/);
    expect(tagSegmentBase("?")).not.toBe(tagSegmentBase("¿"));
  });

  it("composes decomposed accents so the same tag always gets the same segment", () => {
    expect(tagSegmentBase("cafe\u0301")).toBe(tagSegmentBase("caf\u00e9"));
  });

  it("truncates long tags to 80 characters plus a hash of the whole key", () => {
    const long = "x".repeat(100);
    const other = `${"x".repeat(99)}y`;
    const segment = tagSegmentBase(long);
    expect(segment).toMatch(/^x{80}-[0-9a-f]{8}$/);
    expect(tagSegmentBase(other)).not.toBe(segment);
  });

  it("counts characters, not UTF-16 units, when truncating non-ASCII tags", () => {
    const segment = tagSegmentBase("é".repeat(100));
    expect(segment).toMatch(/^é{80}-[0-9a-f]{8}$/u);
  });

  it("keeps a segment a legal folder name (≤ 255 bytes) for letters of 3 and 4 UTF-8 bytes", () => {
    for (const ch of ["語", "𠀀", "İ"]) {
      const segment = tagSegmentBase(ch.repeat(300));
      expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255 - 9);
      expect(segment).toMatch(/-[0-9a-f]{8}$/);
    }
    // Even with a collision suffix added by assignTagSegments.
    const keys = ["𠀀".repeat(300), `${"𠀀".repeat(300)}!`];
    for (const segment of assignTagSegments(keys).values()) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255);
  });

  it("never leaves a hyphen before the hash when the cut falls on a separator", () => {
    expect(tagSegmentBase(`a${" b".repeat(60)}`)).not.toMatch(/--/);
  });

  it("gives distinct segments to tags that differ only by accents, symbols or separators", () => {
    const keys = ["café", "cafe", "c++", "c#", "c", "a b", "a-b", "a_b"];
    const segments = assignTagSegments(keys);
    expect(new Set(segments.values()).size).toBe(keys.length);
    expect(segments.get("café")).toBe("café");
    expect(segments.get("cafe")).toBe("cafe");
    for (const segment of segments.values()) expectSafeSegment(segment);
  });

  it("lets the first key in sort order keep a shared readable segment and hashes the others", () => {
    const segments = assignTagSegments(["a-b", "a b"]);
    expect(segments.get("a b")).toBe("a-b");
    expect(segments.get("a-b")).toMatch(/^a-b-[0-9a-f]{8}$/);
  });

  it("gives the same segments whatever order the keys come in", () => {
    const keys = ["a-b", "c#", "a b", "café", "c++", "cafe"];
    expect([...assignTagSegments(keys)].sort()).toEqual([...assignTagSegments([...keys].reverse())].sort());
  });

  it("gives the same segments from one build to the next", () => {
    expect(assignTagSegments(["a-b", "a b"]).get("a-b")).toBe(assignTagSegments(["a b", "a-b"]).get("a-b"));
  });

  it.each(["../../etc/passwd", "..", ".", "/", "a/../b", "%2e%2e", "\\..\\", " ", "-", "\u0000", "?x#y"])(
    "never puts a slash or dot-dot in the segment for %j",
    (key) => {
      const segment = tagSegmentBase(key);
      expectSafeSegment(segment);
      expect(assignTagSegments([key]).get(key)).toBe(segment);
    },
  );
});

describe("site paths", () => {
  it("builds every kind of site path", () => {
    expect(articlePath("grid-data")).toBe("/articles/grid-data/");
    expect(staticPagePath("about")).toBe("/about/");
    expect(tagPath("energy")).toBe("/tags/energy/");
    expect(tagPath("energy", 1)).toBe("/tags/energy/");
    expect(tagPath("energy", 3)).toBe("/tags/energy/page/3/");
    expect(homePath()).toBe("/");
    expect(homePath(2)).toBe("/page/2/");
    expect(tagFeedPath("energy")).toBe("/tags/energy/feed.xml");
  });
});

describe("outputPathFor", () => {
  it.each([
    { sitePath: "/", output: "index.html" },
    { sitePath: "/articles/x/", output: "articles/x/index.html" },
    { sitePath: "/page/2/", output: "page/2/index.html" },
    { sitePath: "/tags/café/", output: "tags/café/index.html" },
    { sitePath: "/feed.xml", output: "feed.xml" },
    { sitePath: "/tags/energy/feed.xml", output: "tags/energy/feed.xml" },
    { sitePath: "robots.txt", output: "robots.txt" },
    { sitePath: "//double/", output: "double/index.html" },
  ])("writes $sitePath to $output", ({ sitePath, output }) => {
    expect(outputPathFor(sitePath)).toBe(output);
  });
});

describe("siteUrl", () => {
  it.each([
    { sitePath: "/", basePath: "", url: "/" },
    { sitePath: "/", basePath: "/news", url: "/news/" },
    { sitePath: "/articles/x/", basePath: "/news", url: "/news/articles/x/" },
    { sitePath: "/tags/café/", basePath: "/news", url: "/news/tags/caf%C3%A9/" },
    { sitePath: "/tags/日本語/", basePath: "", url: "/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/" },
    { sitePath: "/tags/a b/", basePath: "", url: "/tags/a%20b/" },
    { sitePath: "/tags/50%/", basePath: "", url: "/tags/50%25/" },
  ])("links $sitePath under base path '$basePath' as $url", ({ sitePath, basePath, url }) => {
    expect(siteUrl(sitePath, basePath)).toBe(url);
  });
});

describe("absoluteUrl", () => {
  it.each([
    { sitePath: "/", baseUrl: "https://x.example/news/", url: "https://x.example/news/" },
    { sitePath: "/articles/x/", baseUrl: "https://x.example/news/", url: "https://x.example/news/articles/x/" },
    { sitePath: "/tags/café/", baseUrl: "https://x.example/", url: "https://x.example/tags/caf%C3%A9/" },
    { sitePath: "/feed.xml", baseUrl: "https://x.example/news/", url: "https://x.example/news/feed.xml" },
  ])("resolves $sitePath against $baseUrl", ({ sitePath, baseUrl, url }) => {
    expect(absoluteUrl(sitePath, baseUrl)).toBe(url);
  });
});

describe("assignTagSegments with contrived collisions", () => {
  it("keeps segments distinct when a hashed segment is itself another tag's readable form", () => {
    const first = assignTagSegments(["a b", "a-b"]);
    const hashed = first.get("a-b")!;
    const contrived = hashed.replace(/-/g, " ");
    const segments = assignTagSegments(["a b", "a-b", contrived]);
    expect(new Set(segments.values()).size).toBe(3);
  });
});

describe("assignTagSegments on case-insensitive disks", () => {
  it("gives tags that such a disk takes for one folder (σ and ς: tagKey keeps them apart) distinct folders there", () => {
    const segments = assignTagSegments(["σ", "ς"]);
    expect(new Set([...segments.values()].map(portablePathKey)).size).toBe(2);
    // The first by key keeps its readable form.
    expect(segments.get("ς")).toBe("ς");
    expect(segments.get("σ")).toMatch(/^σ-[0-9a-f]{8}$/);
  });
});

describe("portablePathKey", () => {
  it.each([
    ["Index.html", "index.html"],
    ["tags/Σ/index.html", "tags/σ/index.html"],
    ["tags/ς/index.html", "tags/σ/index.html"],
    ["cafe\u0301", "café"],
    ["Straße", "straße"],
  ])("%s folds to %s", (input, key) => {
    expect(portablePathKey(input)).toBe(key);
  });
});
