import { describe, expect, it } from "vitest";
import { feedItems, mainFeedSpec, tagFeedSpec } from "../../../src/feeds/feed-items.js";
import { makeArticle, makeConfig, makeHtml } from "../../helpers/factories.js";

describe("feed specs and items", () => {
  it("names each feed's RSS and JSON Feed files side by side", () => {
    const config = makeConfig();
    expect(mainFeedSpec([], config)).toMatchObject({ rssPath: "feed.xml", jsonPath: "feed.json", pagePath: "/" });
    expect(tagFeedSpec({ key: "café", name: "Café", segment: "café", slugs: [] }, [], config)).toMatchObject({
      rssPath: "tags/café/feed.xml",
      jsonPath: "tags/café/feed.json",
      pagePath: "/tags/café/",
      title: "Test Times: Café",
    });
  });

  it("takes both dates from the article's published and modified instants", async () => {
    const config = makeConfig();
    const article = makeArticle({
      slug: "a",
      date: Date.UTC(2026, 10, 20),
      enhanced: Date.UTC(2026, 10, 21),
      updates: [{ date: Date.UTC(2026, 10, 23), text: "Later", kind: "update" }],
    });
    const [item] = feedItems(mainFeedSpec([article], config), config, makeHtml(), new Map());
    expect(item).toMatchObject({
      url: "https://test.example/articles/a/",
      published: Date.UTC(2026, 10, 20),
      modified: Date.UTC(2026, 10, 23),
    });
    expect(item!.modified).toBe(article.modified);
  });

  it("writes the source's addresses as a URL parser does, the same in the HTML and the item", async () => {
    const config = makeConfig();
    const article = makeArticle({
      slug: "a",
      source: { name: "S", url: 'https://s.example/a b?q="x"<y>', feed: "HTTPS://S.example/feed" },
    });
    const [item] = feedItems(mainFeedSpec([article], config), config, makeHtml(), new Map());
    expect(item!.source).toEqual({
      name: "S",
      url: "https://s.example/a%20b?q=%22x%22%3Cy%3E",
      feed: "https://s.example/feed",
    });
    expect(item!.html).toContain('<a href="https://s.example/a%20b?q=%22x%22%3Cy%3E">S</a>');
  });
});
