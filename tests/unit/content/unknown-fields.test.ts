import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../../src/content/parse-front-matter.js";
import { validateArticle } from "../../../src/content/validate-article.js";
import { validateContent } from "../../../src/content/validate-content.js";
import { QUIET_KEYS } from "../../../src/content/foreign-fields.js";
import type { Diagnostic } from "../../../src/errors.js";
import { makeSource } from "../../helpers/factories.js";

const ZONE = "Europe/Amsterdam";

/** The warnings of an article whose front-matter has a title, a date and `extra` on line 4. */
function warningsFor(extra: string): Diagnostic[] {
  const parsed = parseFrontMatter(
    makeSource("content/articles/story.md", "story.md", `---\ntitle: T\ndate: 2024-05-01\n${extra}\n---\nBody.\n`),
  );
  if (Array.isArray(parsed)) throw new Error(JSON.stringify(parsed));
  const warnings: Diagnostic[] = [];
  const result = validateArticle(parsed, ZONE, warnings);
  if (Array.isArray(result)) throw new Error(JSON.stringify(result));
  return warnings;
}

describe("unknown front-matter keys", () => {
  it.each([
    { key: "sumary", meant: "summary" },
    { key: "tag", meant: "tags" },
    { key: "titles", meant: "title" },
    { key: "slugs", meant: "slug" },
    { key: "auhtor", meant: "author" },
    { key: "feature", meant: "featured" },
    { key: "iamge", meant: "image" },
    { key: "Summary", meant: "summary" },
    { key: "descripton", meant: "description" },
    { key: "publishdate", meant: "publishDate" },
  ])("warns about $key at its line: did you mean $meant", ({ key, meant }) => {
    expect(warningsFor(`${key}: x`)).toEqual([
      {
        code: "UnknownField",
        severity: "warning",
        message: `Unknown field "${key}": did you mean "${meant}"?`,
        file: "content/articles/story.md",
        line: 4,
        column: 1,
        field: key,
        hint: `Keys we do not know are kept for templates as article.extra; rename it if it was meant to be ${meant}.`,
      },
    ]);
  });

  it.each([
    "layout",
    "weight",
    "permalink",
    "subtitle",
    "toc",
    "menu",
    "type",
    "url",
    "series",
    "keywords",
    "eleventyNavigation",
    "comments",
    "cover",
    "thumbnail",
  ])("keeps %s silently for templates: it is far from every field of ours", (key) => {
    expect(warningsFor(`${key}: x`)).toEqual([]);
  });

  it.each(QUIET_KEYS)("keeps %s silently: another generator's key, close to ours by accident", (key) => {
    expect(warningsFor(`${key}: x`)).toEqual([]);
  });

  it.each([
    "images: [a.jpg]",
    "authors: [A, B]",
    "aliases: [/old/]",
    "redirect_from: /old/",
    "description: d",
    "categories: [a]",
    "lastmod: 2024-06-01",
    "published: true",
    "image: /a.jpg\nimage_alt: A",
  ])("knows the foreign key we read in %s", (line) => {
    expect(warningsFor(line).filter((d) => d.code === "UnknownField")).toEqual([]);
  });

  it("reports a mistyped key beside the error it causes in a broken file", () => {
    const result = validateContent(
      [makeSource("content/articles/a.md", "a.md", "---\ntitel: T\ndate: 2024-05-01\n---\nBody.\n")],
      [],
      ZONE,
    );
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ["MissingField", "error", 2],
      ["UnknownField", "warning", 2],
    ]);
  });

  it("checks the keys of static pages against title, summary and slug", () => {
    const result = validateContent(
      [],
      [makeSource("content/pages/about.md", "about.md", "---\ntitle: About\nsumary: Us\nlayout: wide\n---\nText.\n")],
      ZONE,
    );
    expect(result.pages.map((p) => p.slug)).toEqual(["about"]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "UnknownField",
        file: "content/pages/about.md",
        line: 3,
        message: 'Unknown field "sumary": did you mean "summary"?',
        hint: expect.stringMatching(/as extra; rename it if it was meant to be summary\.$/),
      }),
    ]);
  });
});
