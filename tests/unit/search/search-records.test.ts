import { describe, expect, it } from "vitest";
import { indexLanguage, searchDocument, searchIndexKey, searchRecords } from "../../../src/search/search-records.js";
import { makeArticle } from "../../helpers/factories.js";

describe("searchRecords", () => {
  it("takes URL, title, summary, body key, tags and authors from each article, sorted by URL", () => {
    const records = searchRecords([
      makeArticle({ slug: "zebra", tags: ["Energy"], author: "Ana Ruiz" }),
      makeArticle({ slug: "apple", summary: null, authors: ["Ben Okafor", "Ana Ruiz"] }),
    ]);
    expect(records).toEqual([
      {
        url: "/articles/apple/",
        title: "Title of apple",
        summary: null,
        bodyKey: "key-of-apple",
        tags: [],
        authors: ["Ben Okafor", "Ana Ruiz"],
      },
      {
        url: "/articles/zebra/",
        title: "Title of zebra",
        summary: "Summary of zebra.",
        bodyKey: "key-of-zebra",
        tags: ["Energy"],
        authors: ["Ana Ruiz"],
      },
    ]);
  });
});

describe("searchIndexKey", () => {
  const base = [makeArticle({ slug: "a", tags: ["x"] }), makeArticle({ slug: "b" })];
  const keyOf = (articles = base, language = "en", version = "1.6.0") =>
    searchIndexKey(searchRecords(articles), language, version);

  it("is the same for the same articles in any order", () => {
    expect(keyOf([...base].reverse())).toBe(keyOf());
  });

  it.each([
    ["a title", [makeArticle({ slug: "a", tags: ["x"], title: "New" }), base[1]!]],
    ["a summary", [makeArticle({ slug: "a", tags: ["x"], summary: "New." }), base[1]!]],
    [
      "a body (its content key)",
      [makeArticle({ slug: "a", tags: ["x"], content: { ...base[0]!.content, key: "k2" } }), base[1]!],
    ],
    ["a tag", [makeArticle({ slug: "a", tags: ["y"] }), base[1]!]],
    ["an author", [makeArticle({ slug: "a", tags: ["x"], author: "Ana" }), base[1]!]],
    ["an article added", [...base, makeArticle({ slug: "c" })]],
    ["an article removed", [base[0]!]],
  ])("changes with %s", (_what, articles) => {
    expect(keyOf(articles)).not.toBe(keyOf());
  });

  it("changes with the language and the Pagefind version", () => {
    expect(keyOf(base, "nl")).not.toBe(keyOf());
    expect(keyOf(base, "en", "1.7.0")).not.toBe(keyOf());
  });

  it("ignores what the index does not hold (dates, pictures)", () => {
    expect(keyOf([makeArticle({ slug: "a", tags: ["x"], daysAgo: 9 }), base[1]!])).toBe(keyOf());
  });
});

describe("searchDocument", () => {
  it("holds the headline, the summary as metadata, the body as is, and tags and authors as filters only", () => {
    const [record] = searchRecords([makeArticle({ slug: "a", tags: ["Energy"], author: "Ana Ruiz" })]);
    const html = searchDocument(record!, '<h2 id="user-content-why">Why</h2><p>Body.</p>', "en");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<article data-pagefind-body><h1>Title of a</h1>");
    expect(html).toContain('<p data-pagefind-meta="summary">Summary of a.</p>');
    expect(html).toContain('<h2 id="user-content-why">Why</h2><p>Body.</p>');
    expect(html).toContain(
      '<div data-pagefind-ignore><span data-pagefind-filter="tag">Energy</span><span data-pagefind-filter="author">Ana Ruiz</span></div>',
    );
  });

  it("escapes titles, summaries, tags and authors", () => {
    const hostile = '</h1><script>alert("x")</script>&';
    const [record] = searchRecords([
      makeArticle({ slug: "a", title: hostile, summary: hostile, tags: [hostile], author: hostile }),
    ]);
    const html = searchDocument(record!, "<p>Body.</p>", "en");
    expect(html).not.toContain("<script>");
    expect(html.match(/&lt;\/h1&gt;&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&amp;/g)).toHaveLength(5);
  });
});

describe("indexLanguage", () => {
  it.each([
    ["en-GB", "en"],
    ["nl", "nl"],
    ["PT-br", "pt"],
    ["", "en"],
  ])("indexes a %s site as %s", (site, expected) => {
    expect(indexLanguage(site)).toBe(expected);
  });
});
