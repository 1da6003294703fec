/** Front-matter written for Hugo, Jekyll, Eleventy and Astro is read under our field names. */
import { describe, expect, it } from "vitest";
import { mapForeignFields } from "../../../src/content/foreign-fields.js";
import { parseFrontMatter } from "../../../src/content/parse-front-matter.js";
import { validateArticle } from "../../../src/content/validate-article.js";
import type { Diagnostic } from "../../../src/errors.js";
import type { Article } from "../../../src/model.js";
import { makeSource } from "../../helpers/factories.js";

const ZONE = "Europe/Amsterdam";

function read(text: string, relPath = "story.md"): { result: Article | Diagnostic[]; warnings: Diagnostic[] } {
  const parsed = parseFrontMatter(makeSource(`content/articles/${relPath}`, relPath, text));
  if (Array.isArray(parsed)) return { result: parsed, warnings: [] };
  const warnings: Diagnostic[] = [];
  return { result: validateArticle(parsed, ZONE, warnings), warnings };
}

function article(text: string, relPath?: string): Article {
  const { result } = read(text, relPath);
  if (Array.isArray(result)) throw new Error(result.map((d) => `${d.code} ${d.line}: ${d.message}`).join("; "));
  return result;
}

describe("mapForeignFields", () => {
  it("leaves our own fields alone when both are present", () => {
    const { data, origin } = mapForeignFields({
      summary: "ours",
      description: "theirs",
      tags: ["a"],
      categories: ["b"],
      enhanced: "2024-05-02",
      lastmod: "2024-05-03",
    });
    expect(data).toMatchObject({ summary: "ours", tags: ["a"], enhanced: "2024-05-02" });
    expect(origin).toEqual({});
  });

  it.each([
    [{ description: "D" }, "summary", "D", "description"],
    [{ excerpt: "E" }, "summary", "E", "excerpt"],
    [{ categories: ["Release", "Security"] }, "tags", ["Release", "Security"], "categories"],
    [{ categories: "release security" }, "tags", ["release", "security"], "categories"],
    [{ category: "release" }, "tags", "release", "category"],
    [{ lastmod: "2024-05-02" }, "enhanced", "2024-05-02", "lastmod"],
    [{ updated: "2024-05-02" }, "enhanced", "2024-05-02", "updated"],
    [{ last_modified_at: "2024-05-02" }, "enhanced", "2024-05-02", "last_modified_at"],
    [{ publishDate: "2024-05-02" }, "date", "2024-05-02", "publishDate"],
    [{ date: "2024-05-01", publishDate: "2024-05-02" }, "date", "2024-05-02", "publishDate"],
    [{ pubDate: "2024-05-02" }, "date", "2024-05-02", "pubDate"],
    [{ published: false }, "draft", true, "published"],
    [{ author: ["Ana", "Ben"] }, "authors", ["Ana", "Ben"], "author"],
    [{ redirect_from: ["/old/"] }, "aliases", ["/old/"], "redirect_from"],
    [{ author: { name: "Ana" } }, "author", "Ana", "author"],
    [{ image: "/img/a.jpg", image_alt: "A dam" }, "image", { src: "/img/a.jpg", alt: "A dam" }, "image"],
    [{ images: ["a.jpg", "b.jpg"] }, "image", { src: "a.jpg", alt: "" }, "images"],
  ])("maps %j to %s", (input, field, value, key) => {
    const { data, origin } = mapForeignFields(input);
    expect(data[field]).toEqual(value);
    expect(origin[field]).toBe(key);
  });

  it("keeps an article with `published: true` published", () => {
    expect(mapForeignFields({ published: true }).data.draft).toBeUndefined();
  });
});

describe("Hugo TOML front-matter", () => {
  const hugo = [
    "+++",
    'title = "Dam opens"',
    "date = 2024-05-01T10:00:00+02:00",
    "lastmod = 2024-05-03T09:00:00Z",
    'description = "A new dam."',
    'categories = ["Energy", "Water"]',
    "draft = false",
    "+++",
    "",
    "The body.",
  ].join("\n");

  it("reads title, dates, summary and tags", () => {
    const a = article(hugo);
    expect(a).toMatchObject({
      title: "Dam opens",
      summary: "A new dam.",
      tags: ["Energy", "Water"],
      isDraft: false,
      bodyLine: 9,
    });
    expect(new Date(a.date).toISOString()).toBe("2024-05-01T08:00:00.000Z");
    expect(new Date(a.enhanced!).toISOString()).toBe("2024-05-03T09:00:00.000Z");
  });

  it("reads a TOML local date in the site's time zone, as a day", () => {
    const a = article('+++\ntitle = "T"\ndate = 2024-05-01\n+++\nBody\n');
    expect(new Date(a.date).toISOString()).toBe("2024-04-30T22:00:00.000Z");
    expect(a.isDateOnly).toBe(true);
  });

  it("reports TOML syntax errors at their line in the file", () => {
    const { result } = read('+++\ntitle = "T"\ndate = \n+++\nBody\n');
    expect(result).toEqual([
      expect.objectContaining({ code: "TomlSyntax", line: 3, file: "content/articles/story.md" }),
    ]);
  });

  it("reports a missing closing +++", () => {
    const { result } = read('+++\ntitle = "T"\n');
    expect(result).toEqual([expect.objectContaining({ code: "TomlSyntax", line: 1 })]);
  });

  it("points a bad value at its TOML line, naming the key the editor wrote", () => {
    const { result } = read('+++\ntitle = "T"\npublishDate = "next week"\n+++\nBody\n');
    expect(result).toEqual([
      expect.objectContaining({
        code: "InvalidDate",
        line: 3,
        field: "publishDate",
        message: expect.stringMatching(/read from `publishDate`/),
      }),
    ]);
  });

  it("finds keys inside a [table]", () => {
    const { result } = read(
      '+++\ntitle = "T"\ndate = 2024-05-01\n\n[source]\nname = "Wire"\nurl = "ftp://x"\n+++\nBody\n',
    );
    expect(result).toEqual([expect.objectContaining({ code: "InvalidUrl", line: 7, field: "source.url" })]);
  });
});

describe("Jekyll and Eleventy front-matter", () => {
  it("takes the date and slug from a dated file name and reads categories, updated and published", () => {
    const a = article(
      "---\ntitle: Release\ncategories: release security\nlast_modified_at: 2016-01-02 10:00:00 -0800\npublished: false\n---\nBody\n",
      "2016-01-01-node-v5-4-0.md",
    );
    expect(a).toMatchObject({ slug: "node-v5-4-0", tags: ["release", "security"], isDraft: true });
    expect(a.enhanced).not.toBeNull();
  });

  it("drops an imported last-modified date that is not after the publication date", () => {
    const a = article("---\ntitle: T\ndate: 2024-05-01T10:00:00Z\nlastmod: 2024-05-01T10:00:00Z\n---\nBody\n");
    expect(a.enhanced).toBeNull();
    // Our own field is still checked strictly.
    const { result } = read("---\ntitle: T\ndate: 2024-05-02\nenhanced: 2024-05-01\n---\nBody\n");
    expect(result).toEqual([expect.objectContaining({ code: "DateOrder" })]);
  });

  it("accepts a bare image path with a warning about alt text", () => {
    const { result, warnings } = read("---\ntitle: T\ndate: 2024-05-01\nimage: /images/a.png\n---\nBody\n");
    expect(Array.isArray(result)).toBe(false);
    expect((result as Article).image).toEqual({ src: "/images/a.png", alt: "", caption: null, credit: null });
    expect(warnings).toEqual([
      expect.objectContaining({ code: "MissingAlt", severity: "warning", line: 4, field: "image" }),
    ]);
  });

  it("explains that Eleventy's `date: Last Modified` needs a real date", () => {
    const { result } = read("---\ntitle: T\ndate: git Last Modified\n---\nBody\n");
    expect(result).toEqual([
      expect.objectContaining({
        code: "InvalidDate",
        line: 3,
        hint: expect.stringMatching(/^Eleventy's "git Last Modified" depends on the checkout/),
      }),
    ]);
  });

  it("keeps the Node.js blog's `category` as a tag and `layout` for templates", () => {
    const a = article(
      "---\ndate: '2022-09-23T16:14:42.309Z'\ncategory: release\ntitle: Node.js 16.17.1 (LTS)\nlayout: blog-post\nauthor: Ruy Adorno\n---\n\nThis is a security release.\n",
    );
    expect(a).toMatchObject({
      tags: ["release"],
      author: "Ruy Adorno",
      extra: { category: "release", layout: "blog-post" },
    });
  });
});
