import { describe, expect, it } from "vitest";
import { validateContent } from "../../../src/content/validate-content.js";
import type { SourceFile } from "../../../src/model.js";
import { makeSource } from "../../helpers/factories.js";

const ZONE = "Europe/Amsterdam";

function article(relPath: string, frontMatter: string): SourceFile {
  return makeSource(`content/articles/${relPath}`, relPath, `---\n${frontMatter}\n---\nBody of ${relPath}.\n`);
}

function page(relPath: string, frontMatter: string): SourceFile {
  return makeSource(`content/pages/${relPath}`, relPath, `---\n${frontMatter}\n---\nPage ${relPath}.\n`);
}

describe("validateContent", () => {
  it("returns valid articles and pages without diagnostics", () => {
    const result = validateContent(
      [article("a.md", "title: A\ndate: 2024-05-01"), article("2024-05-02-b.md", "title: B")],
      [page("about.md", "title: About us\nsummary: ' Who we are '\ncolor: red")],
      ZONE,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.articles.map((a) => a.slug)).toEqual(["a", "b"]);
    expect(result.pages).toEqual([
      {
        sourcePath: "content/pages/about.md",
        slug: "about",
        title: "About us",
        summary: "Who we are",
        body: "Page about.md.\n",
        bodyLine: 6,
        extra: { color: "red" },
      },
    ]);
  });

  describe("duplicate slugs", () => {
    it("reports a duplicate slug on both files, each naming the other", () => {
      const result = validateContent(
        [
          article("first.md", "title: First\ndate: 2024-05-01\nslug: same"),
          article("2024-05-03-same.md", "title: Second"),
          article("other.md", "title: O\ndate: 2024-05-01"),
        ],
        [],
        ZONE,
      );
      const duplicates = result.diagnostics.filter((d) => d.code === "DuplicateSlug");
      expect(duplicates).toHaveLength(2);
      expect(duplicates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: "DuplicateSlug",
            file: "content/articles/first.md",
            line: 4,
            field: "slug",
            message: expect.stringMatching(/"same" is also used by content\/articles\/2024-05-03-same\.md/),
          }),
          expect.objectContaining({
            code: "DuplicateSlug",
            file: "content/articles/2024-05-03-same.md",
            line: 2,
            message: expect.stringMatching(/"same" is also used by content\/articles\/first\.md/),
          }),
        ]),
      );
      expect(result.diagnostics).toHaveLength(2);
    });

    it("names every other file when three articles share a slug", () => {
      const result = validateContent(
        [
          article("x.md", "title: X\ndate: 2024-05-01"),
          article("2024-05-02-x.md", "title: X2"),
          article("y.md", "title: Y\ndate: 2024-05-01\nslug: x"),
        ],
        [],
        ZONE,
      );
      expect(result.diagnostics.map((d) => d.file).sort()).toEqual([
        "content/articles/2024-05-02-x.md",
        "content/articles/x.md",
        "content/articles/y.md",
      ]);
      const onY = result.diagnostics.find((d) => d.file === "content/articles/y.md")!;
      expect(onY.message).toMatch(/content\/articles\/x\.md/);
      expect(onY.message).toMatch(/content\/articles\/2024-05-02-x\.md/);
    });

    it("leaves articles with a duplicate slug out and keeps the others", () => {
      const result = validateContent(
        [
          article("a.md", "title: A\ndate: 2024-05-01\nslug: same"),
          article("b.md", "title: B\ndate: 2024-05-01\nslug: same"),
          article("c.md", "title: C\ndate: 2024-05-01"),
        ],
        [],
        ZONE,
      );
      expect(result.articles.map((a) => a.slug)).toEqual(["c"]);
    });
  });

  it("collects problems from every broken file in one run", () => {
    const result = validateContent(
      [
        article("bad-yaml.md", "title: A\nsummary: a: b"),
        article("no-title.md", "date: 2024-05-01"),
        article("bad-date.md", "title: T\ndate: soon"),
        article("ok.md", "title: OK\ndate: 2024-05-01"),
      ],
      [page("notitle.md", "summary: s")],
      ZONE,
    );
    expect(result.diagnostics.map((d) => [d.file, d.code, d.line])).toEqual([
      ["content/articles/bad-yaml.md", "YamlSyntax", 3],
      ["content/articles/no-title.md", "MissingField", 2],
      ["content/articles/bad-date.md", "InvalidDate", 3],
      ["content/pages/notitle.md", "MissingField", 2],
    ]);
    expect(result.articles.map((a) => a.slug)).toEqual(["ok"]);
  });

  describe("pages", () => {
    it.each([
      "articles",
      "tags",
      "authors",
      "search",
      "pagefind",
      "page",
      "recommended",
      "assets",
      "feed",
      "sitemap",
      "404",
    ])("refuses the reserved page slug %s", (slug) => {
      const result = validateContent([], [page("x.md", `title: X\nslug: '${slug}'`)], ZONE);
      expect(result.pages).toEqual([]);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: "InvalidSlug",
          file: "content/pages/x.md",
          line: 3,
          field: "slug",
          message: expect.stringMatching(/not allowed/),
        }),
      ]);
    });

    it("refuses a reserved slug that comes from the file name", () => {
      const result = validateContent([], [page("tags.md", "title: Tags")], ZONE);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: "InvalidSlug",
          file: "content/pages/tags.md",
          message: expect.stringMatching(/"tags"/),
        }),
      ]);
    });

    it.each(["../up", "About", "a/b", "a--b"])("refuses the unsafe page slug %s", (slug) => {
      const result = validateContent([], [page("x.md", `title: X\nslug: '${slug}'`)], ZONE);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: "InvalidSlug", line: 3 })]);
    });

    it("reports a missing page title as MissingField at the first front-matter line", () => {
      const result = validateContent([], [page("contact.md", "summary: Write to us")], ZONE);
      expect(result.pages).toEqual([]);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: "MissingField",
          file: "content/pages/contact.md",
          line: 2,
          field: "title",
          message: expect.stringMatching(/title is required/i),
        }),
      ]);
    });

    it("reports a blank page title as InvalidField at its line", () => {
      const result = validateContent([], [page("contact.md", "summary: S\ntitle: '  '")], ZONE);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: "InvalidField", line: 3, field: "title" })]);
    });

    it("reports a missing title and a reserved slug of one page together", () => {
      const result = validateContent([], [page("feed.md", "summary: S")], ZONE);
      expect(result.diagnostics.map((d) => d.code)).toEqual(["MissingField", "InvalidSlug"]);
    });

    it("takes a page bundle's slug from its folder", () => {
      const result = validateContent([], [page("team/index.md", "title: Team")], ZONE);
      expect(result.pages.map((p) => p.slug)).toEqual(["team"]);
    });

    it("reports YAML errors in pages at their line", () => {
      const result = validateContent([], [page("about.md", "title: About\nsummary: a: b")], ZONE);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ code: "YamlSyntax", file: "content/pages/about.md", line: 3 }),
      ]);
    });
  });
});
