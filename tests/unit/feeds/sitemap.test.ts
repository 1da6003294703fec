import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderRobots, renderSitemap } from "../../../src/feeds/sitemap.js";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { planPages } from "../../../src/pages/plan-pages.js";
import type { RenderedArticle, ResolvedConfig } from "../../../src/model.js";
import { formatIso } from "../../../src/time/zoned-time.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

const day = (d: number, h = 0) => Date.UTC(2026, 10, d, h);

/** The sitemap of these articles, as loc → lastmod (null when the page has none). */
function sitemapOf(articles: RenderedArticle[], config: ResolvedConfig = makeConfig({}, { perPage: 2 })) {
  const graph = buildSiteGraph(articles, [], config);
  const xml = String(renderSitemap(planPages(graph, config), graph, config).contents);
  expect(XMLValidator.validate(xml)).toBe(true);
  const urls = [new XMLParser().parse(xml).urlset.url ?? []].flat() as { loc: string; lastmod?: string }[];
  return new Map(urls.map((u) => [u.loc.replace("https://test.example", ""), u.lastmod ?? null]));
}

const ARTICLES = [
  makeArticle({ slug: "newest", date: day(20), tags: ["energy"] }),
  // Older, but changed last: an update three days after the newest article.
  makeArticle({
    slug: "updated",
    date: day(18),
    tags: ["energy"],
    isFeatured: true,
    updates: [{ date: day(23, 6), text: "More", kind: "update" }],
  }),
  makeArticle({ slug: "enhanced", date: day(10), enhanced: day(12, 8) }),
  makeArticle({ slug: "oldest", date: day(1), tags: ["grid"] }),
];

describe("renderSitemap", () => {
  it.each([
    { path: "/articles/newest/", lastmod: "2026-11-20T00:00:00Z" },
    { path: "/articles/updated/", lastmod: "2026-11-23T06:00:00Z" },
    { path: "/articles/enhanced/", lastmod: "2026-11-12T08:00:00Z" },
    { path: "/", lastmod: "2026-11-23T06:00:00Z" },
    { path: "/page/2/", lastmod: "2026-11-12T08:00:00Z" },
    { path: "/tags/energy/", lastmod: "2026-11-23T06:00:00Z" },
    { path: "/tags/grid/", lastmod: "2026-11-01T00:00:00Z" },
    { path: "/tags/", lastmod: "2026-11-23T06:00:00Z" },
    { path: "/recommended/", lastmod: "2026-11-23T06:00:00Z" },
  ])("dates $path with the latest modified instant it shows: $lastmod", ({ path, lastmod }) => {
    expect(sitemapOf(ARTICLES).get(path)).toBe(lastmod);
  });

  it("writes the same instant the feeds and pages give, in UTC", () => {
    const article = ARTICLES[1]!;
    expect(Date.parse(sitemapOf(ARTICLES).get("/articles/updated/")!)).toBe(article.modified);
    expect(Date.parse(formatIso(article.modified, "Europe/Amsterdam"))).toBe(article.modified);
  });

  it("leaves syndicated copies and drafts out, and does not let drafts date a list page", () => {
    const config = makeConfig({ includeDrafts: true }, { perPage: 10 });
    const urls = sitemapOf(
      [
        makeArticle({ slug: "own", date: day(10) }),
        makeArticle({ slug: "copy", date: day(11), canonical: "https://origin.example/story" }),
        makeArticle({ slug: "draft", date: day(12), isDraft: true }),
      ],
      config,
    );
    expect(urls.has("/articles/own/")).toBe(true);
    expect(urls.has("/articles/copy/")).toBe(false);
    expect(urls.has("/articles/draft/")).toBe(false);
    expect(urls.get("/")).toBe("2026-11-11T00:00:00Z");
  });

  it("gives no lastmod to pages without articles and leaves the 404 page out", () => {
    const urls = sitemapOf(ARTICLES);
    expect(urls.get("/tags/")).not.toBeNull();
    expect([...urls.keys()].some((u) => u.includes("404"))).toBe(false);
    expect(sitemapOf([]).get("/recommended/")).toBeNull();
  });
});

describe("renderRobots", () => {
  it("allows everything and names the sitemap and the news sitemap", () => {
    const config = makeConfig({}, { baseUrl: "https://test.example/news/" });
    expect(renderRobots(config).contents).toBe(
      "User-agent: *\nAllow: /\n\nSitemap: https://test.example/news/sitemap.xml\nSitemap: https://test.example/news/news-sitemap.xml\n",
    );
  });
});
