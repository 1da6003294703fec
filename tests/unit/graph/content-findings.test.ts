import { describe, expect, it } from "vitest";
import { findingDiagnostics, withImage } from "../../../src/graph/content-findings.js";

const FILES = new Set([
  "index.html",
  "articles/a/index.html",
  "articles/v20-20-0/index.html",
  "tags/energy/index.html",
  "feed.xml",
  "images/map.png",
  "articles/a/photo.jpg",
  "about/index.html",
]);
const at = (line: number) => ({ line, column: 1 });

describe("findingDiagnostics", () => {
  it("accepts links to pages (with or without the final slash), feeds and files", () => {
    const links = [
      "/",
      "/articles/a/",
      "/articles/a",
      "/tags/energy/",
      "/feed.xml",
      "/images/map.png",
      "/articles/a/photo.jpg",
      "/about/index.html",
    ];
    const findings = links.map((sitePath, i) => ({ kind: "link" as const, sitePath, isImage: false, ...at(i + 1) }));
    expect(findingDiagnostics([{ sourcePath: "a.md", bodyLine: 5, findings }], FILES)).toEqual([]);
  });

  it("reports links (a warning) and images (an error) that go nowhere, at their line in the file", () => {
    const d = findingDiagnostics(
      [
        {
          sourcePath: "content/articles/a.md",
          bodyLine: 6,
          findings: [
            { kind: "link", sitePath: "/articles/gone/", isImage: false, ...at(2) },
            { kind: "link", sitePath: "/images/gone.png", isImage: true, line: 4, column: 3 },
          ],
        },
      ],
      FILES,
    );
    expect(d).toEqual([
      expect.objectContaining({
        code: "BrokenLink",
        severity: "warning",
        file: "content/articles/a.md",
        line: 7,
        column: 1,
        message: "Link to /articles/gone/ goes to no page of the site",
      }),
      expect.objectContaining({
        code: "BrokenLink",
        severity: "error",
        line: 9,
        column: 3,
        message: "Image /images/gone.png is not part of the site",
      }),
    ]);
  });

  it("makes a missing image a warning with missingImages: warn (an imported archive)", () => {
    const d = findingDiagnostics(
      [
        {
          sourcePath: "content/articles/a.md",
          bodyLine: 6,
          findings: [{ kind: "link", sitePath: "/images/gone.png", isImage: true, line: 4, column: 3 }],
        },
      ],
      FILES,
      new Map(),
      "warn",
    );
    expect(d).toEqual([expect.objectContaining({ code: "BrokenLink", severity: "warning", line: 9 })]);
  });

  it("suggests the article an old archive address names", () => {
    const [d] = findingDiagnostics(
      [
        {
          sourcePath: "a.md",
          bodyLine: 1,
          findings: [{ kind: "link", sitePath: "/blog/release/v20.20.0/", isImage: false, ...at(1) }],
        },
      ],
      FILES,
    );
    expect(d!.hint).toBe("Did you mean /articles/v20-20-0/?");
  });

  it("turns missing alt text and shortcodes into warnings", () => {
    const d = findingDiagnostics(
      [
        {
          sourcePath: "a.md",
          bodyLine: 3,
          findings: [
            { kind: "missing-alt", ...at(1) },
            { kind: "shortcode", text: "{{< youtube x >}}", count: 2, ...at(2) },
          ],
        },
      ],
      FILES,
    );
    expect(d.map((x) => [x.code, x.severity, x.line])).toEqual([
      ["MissingAlt", "warning", 3],
      ["Shortcode", "warning", 4],
    ]);
    expect(d[1]!.message).toBe(
      "`{{< youtube x >}}` is a Hugo shortcode or Liquid tag that Broadsheet cannot run; it is shown as text (2 template tags in this file)",
    );
  });

  describe("the front-matter picture", () => {
    const source = { sourcePath: "content/articles/a.md", bodyLine: 9, findings: [] };
    const image = (src: string) => ({ src, line: 5, column: 8 });

    it.each([
      { src: "/images/map.png", sitePath: "/images/map.png" },
      { src: "photo.jpg", sitePath: "/articles/a/photo.jpg" },
      { src: "./photo.jpg?v=2#top", sitePath: "/articles/a/photo.jpg" },
      { src: "../b/photo.jpg", sitePath: "/articles/b/photo.jpg" },
      { src: "/images/caf%C3%A9.png", sitePath: "/images/café.png" },
    ])("resolves $src against the article's page: $sitePath", ({ src, sitePath }) => {
      expect(withImage(source, "a", image(src)).image).toEqual({ sitePath, line: 5, column: 8 });
    });

    it.each(["https://cdn.example/x.jpg", "http://cdn.example/x.jpg", "//cdn.example/x.jpg"])(
      "leaves %s to its own site",
      (src) => {
        expect(withImage(source, "a", image(src))).toBe(source);
      },
    );

    it("is a BrokenLink at its line when no file of the site has it, and fine when one does", () => {
      const sources = ["/images/gone.png", "photo.jpg", "/images/map.png", "lost.jpg"].map((src, i) =>
        withImage({ ...source, sourcePath: `content/articles/${i}.md` }, "a", image(src)),
      );
      expect(findingDiagnostics(sources, FILES)).toEqual([
        {
          code: "BrokenLink",
          severity: "error",
          message: "Image /images/gone.png is not part of the site",
          file: "content/articles/0.md",
          line: 5,
          column: 8,
          field: "image",
          hint: expect.stringMatching(/^Fix `image` in the front-matter/),
        },
        expect.objectContaining({
          code: "BrokenLink",
          message: "Image /articles/a/lost.jpg is not part of the site",
          file: "content/articles/3.md",
          line: 5,
        }),
      ]);
    });
  });

  describe("links to old addresses", () => {
    const files = new Set([...FILES, "blog/release/v20.20.0/index.html"]);
    const aliases = new Map([["/blog/release/v20.20.0/", "/articles/v20-20-0/"]]);
    const link = (sitePath: string) => [
      { sourcePath: "a.md", bodyLine: 1, findings: [{ kind: "link" as const, sitePath, isImage: false, ...at(1) }] },
    ];

    it("accepts a link to an article's old address: its redirect page leads there", () => {
      expect(findingDiagnostics(link("/blog/release/v20.20.0/"), files, aliases)).toEqual([]);
    });

    it("suggests the article when a broken link is a near miss of an old address", () => {
      const [d] = findingDiagnostics(link("/blog/release/v20.2.0/"), files, aliases);
      expect(d).toMatchObject({ code: "BrokenLink", severity: "warning" });
      expect(d!.hint).toBe(
        "Did you mean /articles/v20-20-0/? (/blog/release/v20.20.0/ is an old address of that article)",
      );
    });
  });
});
