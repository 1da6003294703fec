/** Authors in the graph: one per folded name, articles newest first, stable segments, profiles matched by name. */
import { describe, expect, it } from "vitest";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import {
  collectAuthors,
  missingAvatarWarnings,
  profilesByAuthor,
  profileWarnings,
} from "../../../src/graph/authors.js";
import type { StaticPage } from "../../../src/model.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

function profilePage(file: string, name: string, html = "<p>Bio.</p>"): StaticPage {
  return {
    sourcePath: `content/authors/${file}.md`,
    bodyLine: 4,
    slug: `authors/${file}`,
    title: name,
    summary: null,
    extra: { avatar: { src: "/images/a.jpg", alt: name }, links: ["https://a.example/"], email: null },
    content: { html, excerpt: "", headings: [], wordCount: 1, findings: [] },
  };
}

describe("collectAuthors", () => {
  it("lists every author of a multi-author article, each with their articles newest first", () => {
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "old", daysAgo: 5, author: "Ana Ruiz" }),
        makeArticle({ slug: "both", daysAgo: 2, authors: ["Ana Ruiz", "Ben Okafor"], author: null }),
        makeArticle({ slug: "new", daysAgo: 1, author: "Ben Okafor" }),
      ],
      [],
      makeConfig(),
    );
    expect(graph.authors.map((a) => [a.name, a.segment, a.slugs])).toEqual([
      ["Ana Ruiz", "ana-ruiz", ["both", "old"]],
      ["Ben Okafor", "ben-okafor", ["new", "both"]],
    ]);
    expect(graph.authorByKey.get("ana ruiz")?.name).toBe("Ana Ruiz");
  });

  it("joins spellings that differ only in case and shows the one most articles use", () => {
    const authors = collectAuthors([
      makeArticle({ slug: "c", daysAgo: 1, author: "ana ruiz" }),
      makeArticle({ slug: "b", daysAgo: 2, author: "Ana Ruiz" }),
      makeArticle({ slug: "a", daysAgo: 3, author: "Ana Ruiz" }),
    ]);
    expect(authors).toHaveLength(1);
    expect(authors[0]).toMatchObject({ name: "Ana Ruiz", slugs: ["c", "b", "a"] });
  });

  it("gives names that fold to the same segment distinct, stable folders", () => {
    const authors = collectAuthors([
      makeArticle({ slug: "a", author: "Ana Ruiz" }),
      makeArticle({ slug: "b", author: "Ana-Ruiz" }),
    ]);
    const segments = authors.map((a) => a.segment);
    expect(segments[0]).toBe("ana-ruiz");
    expect(segments[1]).toMatch(/^ana-ruiz-[0-9a-f]{8}$/);
    expect(
      collectAuthors([...authors.map((a) => makeArticle({ slug: a.key, author: a.name }))]).map((a) => a.segment),
    ).toEqual(segments);
  });

  it("attaches a profile by the author's folded name", () => {
    const { profiles } = profilesByAuthor([profilePage("ana-ruiz", "Ana  Ruiz")]);
    const [ana] = collectAuthors([makeArticle({ slug: "a", author: "Ana Ruiz" })], profiles);
    expect(ana?.profile).toEqual({
      sourcePath: "content/authors/ana-ruiz.md",
      bioHtml: "<p>Bio.</p>",
      avatar: { src: "/images/a.jpg", alt: "Ana  Ruiz" },
      links: ["https://a.example/"],
      email: null,
    });
  });
});

describe("profile warnings", () => {
  const authors = collectAuthors([makeArticle({ slug: "a", author: "Ana Ruiz" })]);

  it("names a profile no published article uses, suggesting the nearest author", () => {
    const [w] = profileWarnings(authors, [profilePage("anna", "Anna Ruis")]);
    expect(w).toMatchObject({ code: "AuthorProfile", severity: "warning", file: "content/authors/anna.md" });
    expect(w?.message).toMatch(/No published article is by "Anna Ruis"/);
    expect(w?.hint).toContain("name: Ana Ruiz");
  });

  it("names a profile whose file is named for someone else", () => {
    const [w] = profileWarnings(authors, [profilePage("ben-okafor", "Ana Ruiz")]);
    expect(w?.message).toMatch(/in a file named "ben-okafor"/);
    expect(profileWarnings(authors, [profilePage("ana-ruiz", "Ana Ruiz")])).toEqual([]);
  });

  it("keeps the first of two profiles of one author and names both files", () => {
    const { profiles, diagnostics } = profilesByAuthor([profilePage("b", "Ana Ruiz"), profilePage("a", "ana ruiz")]);
    expect(profiles.get("ana ruiz")?.sourcePath).toBe("content/authors/a.md");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain("content/authors/a.md");
  });
});

describe("missingAvatarWarnings", () => {
  it("names a profile whose local avatar is not among the site's files", () => {
    const { profiles } = profilesByAuthor([profilePage("ana-ruiz", "Ana Ruiz")]);
    const authors = collectAuthors([makeArticle({ slug: "a", author: "Ana Ruiz" })], profiles);
    expect(missingAvatarWarnings(authors, new Set(["images/a.jpg"]))).toEqual([]);
    expect(missingAvatarWarnings(authors, new Set())).toMatchObject([
      { code: "BrokenLink", severity: "warning", file: "content/authors/ana-ruiz.md", field: "avatar" },
    ]);
  });
});
