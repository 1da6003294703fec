import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import Parser from "rss-parser";
import { mainFeedSpec, tagFeedSpec } from "../../../src/feeds/feed-items.js";
import type { FileSizes } from "../../../src/feeds/feed-images.js";
import { renderFeed } from "../../../src/feeds/rss.js";
import type { RenderedArticle, ResolvedConfig, SiteSettings } from "../../../src/model.js";
import { makeArticle, makeConfig, makeHtml } from "../../helpers/factories.js";

const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata" });
const feedOf = async (
  articles: RenderedArticle[],
  site: Partial<SiteSettings> = {},
  html: Record<string, string> = {},
  { config: over = {}, sizes = new Map() }: { config?: Partial<ResolvedConfig>; sizes?: FileSizes } = {},
) => {
  const config = makeConfig(over, site);
  const store = makeHtml(html);
  const xml = String(renderFeed(mainFeedSpec(articles, config), config, store, sizes).contents);
  expect(XMLValidator.validate(xml)).toBe(true);
  return { xml, doc: parser.parse(xml) };
};
const itemsOf = (doc: { rss: { channel: { item?: unknown } } }) =>
  [doc.rss.channel.item ?? []].flat() as Record<string, unknown>[];
const contentOf = (item: Record<string, unknown>) => (item["content:encoded"] as { "#cdata": string })["#cdata"];

describe("renderFeed", () => {
  it("bounds the feed to feedLength items, in the order given (newest first)", async () => {
    const { doc } = await feedOf([makeArticle({ slug: "a" }), makeArticle({ slug: "b" }), makeArticle({ slug: "c" })], {
      feedLength: 2,
    });
    expect(itemsOf(doc).map((i) => i.link)).toEqual([
      "https://test.example/articles/a/",
      "https://test.example/articles/b/",
    ]);
  });

  it("uses the permalink as a permanent guid and the published instant as an RFC 822 pubDate", async () => {
    const { xml } = await feedOf([
      makeArticle({ slug: "a", date: Date.UTC(2026, 10, 20, 8, 30), enhanced: Date.UTC(2026, 10, 22) }),
    ]);
    expect(xml).toContain('<guid isPermaLink="true">https://test.example/articles/a/</guid>');
    expect(xml).toContain("<pubDate>Fri, 20 Nov 2026 08:30:00 GMT</pubDate>");
  });

  it("dates the channel from its items: pubDate the newest published, lastBuildDate the newest modified instant", async () => {
    const { doc } = await feedOf([
      makeArticle({ slug: "a", date: Date.UTC(2026, 10, 20, 8) }),
      makeArticle({
        slug: "b",
        date: Date.UTC(2026, 10, 18),
        updates: [{ date: Date.UTC(2026, 10, 24, 7), text: "More", kind: "update" }],
      }),
    ]);
    expect(doc.rss.channel.pubDate).toBe("Fri, 20 Nov 2026 08:00:00 GMT");
    expect(doc.rss.channel.lastBuildDate).toBe("Tue, 24 Nov 2026 07:00:00 GMT");
  });

  it("dates an empty feed with the build clock", async () => {
    const { doc } = await feedOf([], {}, {}, { config: { now: Date.UTC(2026, 5, 1, 12) } });
    expect(doc.rss.channel.lastBuildDate).toBe("Mon, 01 Jun 2026 12:00:00 GMT");
    expect(doc.rss.channel.pubDate).toBe("Mon, 01 Jun 2026 12:00:00 GMT");
  });

  it.each([
    { name: "the clock's year, not the newest item's", now: Date.UTC(2027, 2, 1), zone: "UTC", year: 2027 },
    {
      name: "the year in the site's zone (already 2027 in Amsterdam)",
      now: Date.UTC(2026, 11, 31, 23, 30),
      zone: "Europe/Amsterdam",
      year: 2027,
    },
    {
      name: "the year in the site's zone (still 2026 in New York)",
      now: Date.UTC(2027, 0, 1, 3),
      zone: "America/New_York",
      year: 2026,
    },
  ])("writes one copyright year: $name", async ({ now, zone, year }) => {
    const { doc } = await feedOf(
      [makeArticle({ slug: "a", date: Date.UTC(2025, 5, 1) })],
      { timeZone: zone },
      {},
      {
        config: { now },
      },
    );
    expect(doc.rss.channel.copyright).toEqual({ "#cdata": `Copyright © ${year} Test Times Ltd` });
  });

  it("removes characters XML 1.0 forbids from every field", async () => {
    const bad = "A\u0000B\u0008C\uFFFE\uD800D";
    const { xml } = await feedOf(
      [
        makeArticle({
          slug: "a",
          title: bad,
          summary: bad,
          tags: [bad],
          author: bad,
          isGenerated: true,
          updates: [{ date: Date.UTC(2026, 10, 25), text: bad, kind: "correction" }],
          image: { src: "/x.png", alt: bad },
          source: { name: bad, url: "https://x.example/", feed: "https://x.example/feed" },
        }),
      ],
      {},
      { "key-of-a": `<p>${bad}</p>` },
    );
    expect(xml).not.toMatch(/[\u0000-\u0008\uFFFE]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(xml).toContain("ABCD");
  });

  it("escapes the plain-text summary so feed readers never see markup in the description", async () => {
    const { doc } = await feedOf([makeArticle({ slug: "a", summary: "Use <script>alert(1)</script> & more" })]);
    expect(itemsOf(doc)[0]!.description).toEqual({ "#cdata": "Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" });
  });

  it("escapes the channel description too: a site description or tag name is text, readers render it as HTML", async () => {
    // Found by the hostile corpus (tests/fixtures/hostile): site.yaml's description reached readers as markup.
    const { doc } = await feedOf([makeArticle({ slug: "a" })], {
      description: '</title><svg onload=alert(1)> & "more"',
    });
    expect(doc.rss.channel.description).toEqual({
      "#cdata": "&lt;/title&gt;&lt;svg onload=alert(1)&gt; &amp; &quot;more&quot;",
    });
    const config = makeConfig();
    const tag = { key: "x", name: "<img src=x onerror=alert(1)>", segment: "x", slugs: [] };
    const tagFeed = renderFeed(tagFeedSpec(tag, [], config), config, makeHtml());
    expect(tagFeed.path).toBe("tags/x/feed.xml");
    expect(parser.parse(String(tagFeed.contents)).rss.channel.description).toEqual({
      "#cdata": "Articles about &lt;img src=x onerror=alert(1)&gt; from Test Times.",
    });
  });

  it.each([
    { logo: "/assets/logo.svg", url: "https://test.example/assets/logo.png" },
    { logo: "https://cdn.example/logo.svg", url: "https://test.example/assets/logo.png" },
    { logo: "/brand/mark.png", url: "https://test.example/brand/mark.png" },
    { logo: "brand/mark.JPG", url: "https://test.example/brand/mark.JPG" },
    { logo: "/brand/mark.gif?v=2", url: "https://test.example/brand/mark.gif?v=2" },
    { logo: "https://cdn.example/logo.jpeg", url: "https://cdn.example/logo.jpeg" },
  ])("gives the channel a PNG, JPEG or GIF image: logo $logo → $url", async ({ logo, url }) => {
    const { doc } = await feedOf([], { logo: { src: logo, alt: "L" } });
    expect(doc.rss.channel.image.url).toBe(url);
  });

  it.each([
    {
      name: "names the outlet's feed with <source url> when it has one",
      feed: "https://grid.example/feed?a=1&b=2",
      expected: { "#text": "Grid Weekly", "@_url": "https://grid.example/feed?a=1&b=2" },
    },
    {
      name: "writes no <source> without the outlet's feed (RSS wants a feed there, not an article)",
      feed: null,
      expected: undefined,
    },
  ])("$name", async ({ feed, expected }) => {
    const { doc } = await feedOf([
      makeArticle({ slug: "a", source: { name: "Grid Weekly", url: "https://grid.example/s?a=1&b=2", feed } }),
    ]);
    expect(itemsOf(doc)[0]!.source).toEqual(expected);
  });

  it.each([
    {
      name: "a site file with its type and size",
      src: "/images/grid.png",
      attributes: {
        "@_url": "https://test.example/images/grid.png",
        "@_type": "image/png",
        "@_medium": "image",
        "@_fileSize": "2048",
      },
    },
    {
      name: "a picture beside the article, resolved from its page",
      src: "photo.jpeg",
      attributes: {
        "@_url": "https://test.example/articles/a/photo.jpeg",
        "@_type": "image/jpeg",
        "@_medium": "image",
        "@_fileSize": "512",
      },
    },
    {
      name: "another site's picture, without a size",
      src: "https://cdn.example/grid.webp",
      attributes: { "@_url": "https://cdn.example/grid.webp", "@_type": "image/webp", "@_medium": "image" },
    },
    {
      name: "a file whose extension says nothing, without a type",
      src: "/images/grid",
      attributes: { "@_url": "https://test.example/images/grid", "@_medium": "image" },
    },
  ])("gives the lead image as media:content: $name", async ({ src, attributes }) => {
    const sizes = new Map([
      ["images/grid.png", 2048],
      ["articles/a/photo.jpeg", 512],
    ]);
    const { doc } = await feedOf(
      [makeArticle({ slug: "a", image: { src, alt: "Pylons & <wires>" } })],
      {},
      {},
      { sizes },
    );
    const media = itemsOf(doc)[0]!["media:content"] as Record<string, unknown>;
    expect(media).toEqual({ ...attributes, "media:description": { "#text": "Pylons & <wires>", "@_type": "plain" } });
    expect(contentOf(itemsOf(doc)[0]!)).toMatch(
      new RegExp(
        `^<p><img src="${attributes["@_url"].replace(/[.?]/g, "\\$&")}" alt="Pylons &amp; &lt;wires&gt;"></p>\n<p>Body.</p>`,
      ),
    );
  });

  it("writes no media:content for an article without a picture", async () => {
    const { doc } = await feedOf([makeArticle({ slug: "a" })]);
    expect(itemsOf(doc)[0]!).not.toHaveProperty("media:content");
  });

  it("opens a generated article's HTML with the disclosure and ends a sourced one with the link to the original", async () => {
    const { doc } = await feedOf([
      makeArticle({
        slug: "a",
        isGenerated: true,
        source: { name: "Grid Weekly", url: "https://grid.example/s", feed: null },
      }),
    ]);
    expect(contentOf(itemsOf(doc)[0]!)).toBe(
      '<p>Generated article, based on Grid Weekly.</p>\n<p>Body.</p>\n<p>Read the original at <a href="https://grid.example/s">Grid Weekly</a>.</p>\n',
    );
  });

  it("is read by rss-parser with the Media RSS and content modules", async () => {
    const { xml } = await feedOf([
      makeArticle({ slug: "a", image: { src: "/images/grid.png", alt: "Pylons" }, tags: ["energy"] }),
    ]);
    const feed = await new Parser<Record<string, never>, { "content:encoded": string; "media:content": unknown }>({
      customFields: { item: ["content:encoded", "media:content"] },
    }).parseString(xml);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.categories).toEqual(["energy"]);
    expect(feed.items[0]!["content:encoded"]).toContain(
      '<img src="https://test.example/images/grid.png" alt="Pylons">',
    );
    expect(feed.items[0]!["media:content"]).toMatchObject({ $: { url: "https://test.example/images/grid.png" } });
  });

  it("is byte-identical for the same input, whatever the wall clock", async () => {
    const articles = [makeArticle({ slug: "a" })];
    const first = (await feedOf(articles)).xml;
    await new Promise((r) => setTimeout(r, 1100));
    expect((await feedOf(articles)).xml).toBe(first);
  });
});
