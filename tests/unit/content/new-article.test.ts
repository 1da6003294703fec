import { describe, expect, it } from "vitest";
import { newArticle } from "../../../src/content/new-article.js";
import { parseFrontMatter } from "../../../src/content/parse-front-matter.js";
import { validateArticle } from "../../../src/content/validate-article.js";
import type { Article } from "../../../src/model.js";
import { makeSource } from "../../helpers/factories.js";

const DATE = "2026-11-26T15:04:00+01:00";

function made(input: Parameters<typeof newArticle>[0]) {
  const result = newArticle(input);
  if (Array.isArray(result)) throw new Error(result.map((d) => d.message).join("; "));
  return result;
}

function validated(text: string, slug: string): Article {
  const parsed = parseFrontMatter(makeSource(`content/articles/${slug}.md`, `${slug}.md`, text));
  if (Array.isArray(parsed)) throw new Error(JSON.stringify(parsed));
  const article = validateArticle(parsed, "Europe/Amsterdam");
  if (Array.isArray(article)) throw new Error(JSON.stringify(article));
  return article;
}

describe("newArticle", () => {
  it("writes complete front-matter that validates as a draft dated now", () => {
    const { slug, text } = made({
      title: "Grid operators agree: a data format",
      tags: "energy, Policy,energy",
      sourceUrl: "https://www.wire.example/story",
      date: DATE,
    });
    expect(slug).toBe("grid-operators-agree-a-data-format");
    const a = validated(text, slug);
    expect(a).toMatchObject({
      slug,
      title: "Grid operators agree: a data format",
      tags: ["energy", "Policy"],
      source: { name: "wire.example", url: "https://www.wire.example/story" },
      isDraft: true,
      summary: null,
    });
    expect(new Date(a.date).toISOString()).toBe("2026-11-26T14:04:00.000Z");
    expect(text).toMatch(
      /^---\ntitle: "Grid operators agree: a data format"\ndate: 2026-11-26T15:04:00\+01:00\nsummary: ""\n/,
    );
  });

  it("quotes headlines YAML would misread", () => {
    for (const title of ["yes", "- list?", "# not a comment", "Null", "[bracket] & *star", "'quoted' \"both\""]) {
      const { slug, text } = made({ title, date: DATE });
      expect(validated(text, slug).title).toBe(title);
    }
  });

  it("uses the given source name", () => {
    const { slug, text } = made({ title: "T", sourceUrl: "https://x.example/a", sourceName: "X Daily", date: DATE });
    expect(validated(text, slug).source).toEqual({ name: "X Daily", url: "https://x.example/a", feed: null });
  });

  it("writes --author and --summary into the front-matter, on one line each", () => {
    const { slug, text } = made({
      title: "Storm",
      author: "  Ana   Ruiz ",
      summary: " Ferries stop:\n all of them. ",
      date: DATE,
    });
    expect(validated(text, slug)).toMatchObject({ author: "Ana Ruiz", summary: "Ferries stop: all of them." });
    expect(text).toMatch(/\nsummary: "Ferries stop: all of them\."\n/);
    expect(text).toMatch(/\nauthor: Ana Ruiz\ndraft: true\n/);
    expect(text).not.toMatch(/summary: ""/);
  });

  it.each([
    [{ title: "   " }, "MissingField"],
    [{ title: "T", author: "  " }, "InvalidField"],
    [{ title: "!!!" }, "InvalidSlug"],
    [{ title: "T", sourceUrl: "javascript:alert(1)" }, "InvalidUrl"],
    [{ title: "T", sourceName: "Wire" }, "MissingField"],
  ])("refuses %j with %s", (input, code) => {
    const result = newArticle({ ...input, date: DATE });
    expect(Array.isArray(result) && result.map((d) => d.code)).toEqual([code]);
  });
});
