import { describe, expect, it } from "vitest";
import { isValidSlug, MAX_SLUG_LENGTH, readFileName, slugify } from "../../../src/content/slugify.js";

describe("slugify", () => {
  it.each([
    { text: "Café déjà vu: 2.0!", slug: "cafe-deja-vu-2-0" },
    { text: "Hello World", slug: "hello-world" },
    { text: "  --a--b--  ", slug: "a-b" },
    { text: "Ünïcödé", slug: "unicode" },
    { text: "ﬁre drill", slug: "fire-drill" },
    { text: "C++ & C#", slug: "c-c" },
    { text: "2024 in review", slug: "2024-in-review" },
  ])("turns $text into $slug", ({ text, slug }) => {
    expect(slugify(text)).toBe(slug);
  });

  it.each(["!!!", "日本語", "", "   "])(
    "returns an empty slug for %j, which has no ASCII letters or digits",
    (text) => {
      expect(slugify(text)).toBe("");
    },
  );

  it("cuts long text to the maximum slug length", () => {
    const slug = slugify("a".repeat(MAX_SLUG_LENGTH + 30));
    expect(slug).toHaveLength(MAX_SLUG_LENGTH);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("never leaves a trailing hyphen where it cuts", () => {
    const slug = slugify("ab ".repeat(80));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).not.toMatch(/-$/);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("always returns a valid slug or an empty string", () => {
    for (const text of ["../../etc/passwd", "A/B\\C", "x\u0000y", "-lead", "tail-", "Ærø Łódź", "\u{1F600} emoji"]) {
      const slug = slugify(text);
      expect(slug === "" || isValidSlug(slug), `${text} → ${slug}`).toBe(true);
    }
  });
});

describe("isValidSlug", () => {
  it.each([
    { slug: "grid-data", isValid: true },
    { slug: "a1-b2", isValid: true },
    { slug: "a".repeat(MAX_SLUG_LENGTH), isValid: true },
    { slug: "a".repeat(MAX_SLUG_LENGTH + 1), isValid: false },
    { slug: "../x", isValid: false },
    { slug: "Grid", isValid: false },
    { slug: "a--b", isValid: false },
    { slug: "-a", isValid: false },
    { slug: "a-", isValid: false },
    { slug: "a/b", isValid: false },
    { slug: "", isValid: false },
    { slug: "café", isValid: false },
  ])("says $isValid for $slug", ({ slug, isValid }) => {
    expect(isValidSlug(slug)).toBe(isValid);
  });
});

describe("readFileName", () => {
  it.each([
    { relPath: "2024-05-01-grid-data.md", slug: "grid-data", date: "2024-05-01" },
    { relPath: "grid-data.md", slug: "grid-data", date: null },
    { relPath: "Grid Data.markdown", slug: "grid-data", date: null },
    { relPath: "2026/05/post.MD", slug: "post", date: null },
    { relPath: "2024/2024-05-01-grid-data.md", slug: "grid-data", date: "2024-05-01" },
    { relPath: "bundle/index.md", slug: "bundle", date: null },
    { relPath: "2026/bundle/index.md", slug: "bundle", date: null },
    { relPath: "2024-05-01-bundle/index.md", slug: "bundle", date: "2024-05-01" },
    { relPath: "bundle/INDEX.md", slug: "bundle", date: null },
    { relPath: "2024-5-1-x.md", slug: "2024-5-1-x", date: null },
    { relPath: "2024-05-01.md", slug: "2024-05-01", date: null },
    { relPath: "Café déjà vu.md", slug: "cafe-deja-vu", date: null },
  ])("reads $relPath as slug $slug and date $date", ({ relPath, slug, date }) => {
    expect(readFileName(relPath)).toEqual({ slug, date });
  });

  it("keeps a top-level index.md as the slug index, since it has no folder to name it", () => {
    expect(readFileName("index.md")).toEqual({ slug: "index", date: null });
  });
});
