import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { mainFeedSpec, tagFeedSpec, type FeedSpec } from "../../../src/feeds/feed-items.js";
import { renderJsonFeed, TRAINED_ALGORITHMIC_MEDIA } from "../../../src/feeds/json-feed.js";
import { renderFeed } from "../../../src/feeds/rss.js";
import type { RenderedArticle, SiteSettings } from "../../../src/model.js";
import { jsonFeedProblems } from "../../helpers/json-feed-rules.js";
import { makeArticle, makeConfig, makeHtml } from "../../helpers/factories.js";

// Every field a feed item can carry, in one article.
const FULL = makeArticle({
  slug: "grid",
  title: "Grid operators agree",
  summary: "Six operators, one format.",
  date: Date.UTC(2026, 10, 20, 8, 30),
  enhanced: Date.UTC(2026, 10, 21, 9),
  updates: [{ date: Date.UTC(2026, 10, 22, 10), text: "A seventh joined.", kind: "update" }],
  tags: ["energy", "open protocols"],
  author: "Ana Ruiz",
  isGenerated: true,
  source: { name: "Grid Weekly", url: "https://grid.example/story", feed: "https://grid.example/feed.xml" },
  image: { src: "/images/grid.png", alt: "Pylons" },
});

async function render(articles: RenderedArticle[], site: Partial<SiteSettings> = {}, spec?: FeedSpec) {
  const config = makeConfig({}, site);
  const store = makeHtml({ "key-of-grid": '<p>The <a href="https://test.example/x/">agreement</a>.</p>\n' });
  const feedSpec = spec ?? mainFeedSpec(articles, config);
  const json = String(renderJsonFeed(feedSpec, config, store).contents);
  const rss = String(renderFeed(feedSpec, config, store).contents);
  return { json, feed: JSON.parse(json), rss };
}

describe("renderJsonFeed", () => {
  it("writes a feed that follows the JSON Feed 1.1 field rules", async () => {
    const { feed } = await render([FULL, makeArticle({ slug: "plain" })]);
    expect(jsonFeedProblems(feed)).toEqual([]);
  });

  it("describes the feed: version, title, pages, language, icons and the publication as author", async () => {
    const { feed } = await render([FULL]);
    const { items, ...top } = feed;
    expect(top).toEqual({
      version: "https://jsonfeed.org/version/1.1",
      title: "Test Times",
      home_page_url: "https://test.example/",
      feed_url: "https://test.example/feed.json",
      description: "News for tests.",
      language: "en-GB",
      icon: "https://test.example/assets/logo.png",
      favicon: "https://test.example/assets/logo.png",
      authors: [{ name: "Test Times", url: "https://test.example/" }],
    });
    expect(items).toHaveLength(1);
  });

  it("maps an article to an item with RFC 3339 dates in the site's offset, from its two instants", async () => {
    const { feed } = await render([FULL]);
    const { content_html: _html, ...item } = feed.items[0];
    expect(item).toEqual({
      id: "https://test.example/articles/grid/",
      url: "https://test.example/articles/grid/",
      external_url: "https://grid.example/story",
      title: "Grid operators agree",
      summary: "Six operators, one format.",
      image: "https://test.example/images/grid.png",
      date_published: "2026-11-20T09:30:00+01:00",
      date_modified: "2026-11-22T11:00:00+01:00",
      authors: [{ name: "Ana Ruiz" }],
      tags: ["energy", "open protocols"],
      _broadsheet: { generated: true, digital_source_type: TRAINED_ALGORITHMIC_MEDIA },
    });
    expect(Date.parse(item.date_published)).toBe(FULL.date);
    expect(Date.parse(item.date_modified)).toBe(FULL.modified);
  });

  it("flags generated articles with IPTC's term for trained algorithmic media", () => {
    expect(TRAINED_ALGORITHMIC_MEDIA).toBe("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
  });

  it("leaves out what an article does not have: source, picture, author, tags, generated flag", async () => {
    const { feed } = await render([makeArticle({ slug: "plain" })]);
    expect(Object.keys(feed.items[0]).sort()).toEqual(
      ["content_html", "date_modified", "date_published", "id", "summary", "title", "url"].sort(),
    );
  });

  it("carries the same HTML as the RSS content:encoded, and the same items in the same order", async () => {
    const articles = [FULL, makeArticle({ slug: "b" }), makeArticle({ slug: "c" })];
    const { feed, rss } = await render(articles, { feedLength: 2 });
    const channel = new XMLParser({ cdataPropName: "#cdata" }).parse(rss).rss.channel;
    const rssItems = [channel.item].flat() as { link: string; "content:encoded": { "#cdata": string } }[];
    expect(feed.items.map((i: { url: string }) => i.url)).toEqual(rssItems.map((i) => i.link));
    expect(feed.items.map((i: { content_html: string }) => i.content_html)).toEqual(
      rssItems.map((i) => i["content:encoded"]["#cdata"]),
    );
    expect(feed.items[0].content_html).toMatch(/^<p>Generated article, based on Grid Weekly\.<\/p>\n/);
  });

  it("points a tag's feed at its own file and page", async () => {
    const config = makeConfig();
    const spec = tagFeedSpec({ key: "energy", name: "energy", segment: "energy", slugs: ["grid"] }, [FULL], config);
    const { feed } = await render([FULL], {}, spec);
    expect(feed).toMatchObject({
      title: "Test Times: energy",
      feed_url: "https://test.example/tags/energy/feed.json",
      home_page_url: "https://test.example/tags/energy/",
      description: "Articles about energy from Test Times.",
    });
  });

  it("keeps markup in text fields as text and removes characters no page or feed carries", async () => {
    const bad = "<b>A</b>\u0000\uD800\uFFFE & B";
    const { feed, json } = await render(
      [makeArticle({ slug: "a", title: bad, summary: bad, author: bad, tags: [bad] })],
      {
        title: bad,
      },
    );
    expect(feed.title).toBe("<b>A</b> & B");
    expect(feed.items[0]).toMatchObject({ title: "<b>A</b> & B", summary: "<b>A</b> & B", tags: ["<b>A</b> & B"] });
    expect(json).not.toMatch(/\\u0000|\\ud800|\uFFFE/i);
  });

  it("is byte-identical for the same input", async () => {
    expect((await render([FULL])).json).toBe((await render([FULL])).json);
  });
});

describe("jsonFeedProblems (the test's checker)", () => {
  const valid = () => ({
    version: "https://jsonfeed.org/version/1.1",
    title: "T",
    items: [{ id: "https://x.example/a/", content_html: "<p>A</p>", date_published: "2026-11-20T09:30:00+01:00" }],
  });

  it.each([
    {
      name: "a wrong version",
      change: (f: any) => (f.version = "https://jsonfeed.org/version/1"),
      problem: /^version/,
    },
    { name: "no title", change: (f: any) => delete f.title, problem: /^title/ },
    { name: "no items", change: (f: any) => delete f.items, problem: /^items/ },
    { name: "an item without id", change: (f: any) => delete f.items[0].id, problem: /id: required/ },
    { name: "a numeric id", change: (f: any) => (f.items[0].id = 1), problem: /id: required/ },
    { name: "duplicate ids", change: (f: any) => f.items.push({ ...f.items[0] }), problem: /duplicate/ },
    { name: "an item without content", change: (f: any) => delete f.items[0].content_html, problem: /no content_html/ },
    { name: "a relative URL", change: (f: any) => (f.feed_url = "/feed.json"), problem: /^feed_url: not an absolute/ },
    {
      name: "a script URL",
      change: (f: any) => (f.items[0].url = "javascript:alert(1)"),
      problem: /url: not an absolute/,
    },
    {
      name: "a date without offset",
      change: (f: any) => (f.items[0].date_published = "2026-11-20T09:30:00"),
      problem: /RFC 3339/,
    },
    { name: "a date-only value", change: (f: any) => (f.items[0].date_modified = "2026-11-20"), problem: /RFC 3339/ },
    {
      name: "an impossible date",
      change: (f: any) => (f.items[0].date_modified = "2026-13-45T99:00:00Z"),
      problem: /RFC 3339/,
    },
    { name: "tags that are not strings", change: (f: any) => (f.items[0].tags = [1]), problem: /tags: not an array/ },
    { name: "an empty author", change: (f: any) => (f.authors = [{}]), problem: /no name, url or avatar/ },
    {
      name: "an unknown field",
      change: (f: any) => (f.items[0].generated = true),
      problem: /not a JSON Feed 1.1 field/,
    },
    {
      name: "an extension that is not an object",
      change: (f: any) => (f._x = true),
      problem: /extension must be an object/,
    },
  ])("finds $name", ({ change, problem }) => {
    const feed = valid();
    expect(jsonFeedProblems(feed)).toEqual([]);
    change(feed);
    expect(jsonFeedProblems(feed)).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });
});
