import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { mainFeedSpec, renderFeed } from "../../../src/feeds/rss.js";
import { renderRobots, renderSitemap } from "../../../src/feeds/sitemap.js";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { planPages } from "../../../src/pages/plan-pages.js";
import { makeArticle, makeConfig, makeStore } from "../../helpers/factories.js";

const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata" });
const feedOf = async (articles: ReturnType<typeof makeArticle>[], site = {}, html: Record<string, string> = {}) => {
  const config = makeConfig({}, site);
  const store = makeStore(html);
  await store.ensure(articles.map((a) => a.content.key));
  const xml = String(renderFeed(mainFeedSpec(articles, config), config, store).contents);
  expect(XMLValidator.validate(xml)).toBe(true);
  return { xml, doc: parser.parse(xml) };
};
const itemsOf = (doc: { rss: { channel: { item?: unknown } } }) =>
  [doc.rss.channel.item ?? []].flat() as Record<string, unknown>[];

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

  it("uses the permalink as a permanent guid and RFC 822 dates", async () => {
    const { xml } = await feedOf([makeArticle({ slug: "a", date: Date.UTC(2026, 10, 20, 8, 30) })]);
    expect(xml).toContain('<guid isPermaLink="true">https://test.example/articles/a/</guid>');
    expect(xml).toContain("<pubDate>Fri, 20 Nov 2026 08:30:00 GMT</pubDate>");
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
          source: { name: bad, url: "https://x.example/", feed: null },
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
    const tagFeed = renderFeed(
      {
        path: "tags/x/feed.xml",
        title: "T: <b>x</b>",
        description: "Articles about <img src=x onerror=alert(1)>.",
        pagePath: "/tags/x/",
        articles: [],
      },
      config,
      makeStore(),
    );
    expect(parser.parse(String(tagFeed.contents)).rss.channel.description).toEqual({
      "#cdata": "Articles about &lt;img src=x onerror=alert(1)&gt;.",
    });
  });

  it("gives the channel image as an absolute URL, whether the logo is a path or an absolute URL", async () => {
    const imageUrl = async (src: string) => (await feedOf([], { logo: { src, alt: "L" } })).doc.rss.channel.image.url;
    expect(await imageUrl("/assets/logo.svg")).toMatch(/^https?:\/\/[^/]+\/assets\/logo\.svg$/);
    expect(await imageUrl("https://cdn.example/logo.png")).toBe("https://cdn.example/logo.png");
  });

  it("names the original outlet with <source url>", async () => {
    const { doc } = await feedOf([
      makeArticle({ slug: "a", source: { name: "Grid Weekly", url: "https://grid.example/s?a=1&b=2", feed: null } }),
    ]);
    expect(itemsOf(doc)[0]!.source).toEqual({ "#text": "Grid Weekly", "@_url": "https://grid.example/s?a=1&b=2" });
  });

  it("is byte-identical for the same input, whatever the wall clock", async () => {
    const articles = [makeArticle({ slug: "a" })];
    const first = (await feedOf(articles)).xml;
    await new Promise((r) => setTimeout(r, 1100));
    expect((await feedOf(articles)).xml).toBe(first);
  });
});

describe("renderSitemap and renderRobots", () => {
  it("lists every page with lastmod from enhanced, else date, and points robots.txt at it", async () => {
    const config = makeConfig();
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "a", date: Date.UTC(2026, 0, 1), enhanced: Date.UTC(2026, 0, 2) }),
        makeArticle({ slug: "b", date: Date.UTC(2026, 0, 3) }),
      ],
      [],
      config,
    );
    const xml = String(renderSitemap(planPages(graph, config, makeStore()), graph, config).contents);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(
      "<url><loc>https://test.example/articles/a/</loc><lastmod>2026-01-02T00:00:00Z</lastmod></url>",
    );
    expect(xml).toContain(
      "<url><loc>https://test.example/articles/b/</loc><lastmod>2026-01-03T00:00:00Z</lastmod></url>",
    );
    expect(xml).toContain("<url><loc>https://test.example/tags/</loc></url>");
    expect(xml).not.toContain("404");
    expect(String(renderRobots(config).contents)).toContain("Sitemap: https://test.example/sitemap.xml");
  });
});
