import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  NEWS_LIMIT,
  NEWS_WINDOW_MS,
  newsArticles,
  newsLanguage,
  renderNewsSitemap,
} from "../../../src/feeds/news-sitemap.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

const NOW = Date.UTC(2026, 10, 26, 12);
const HOUR = 3_600_000;

describe("newsArticles", () => {
  it.each([
    { name: "published at the build clock", ago: 0, isIn: true },
    { name: "published 47 hours ago", ago: 47 * HOUR, isIn: true },
    { name: "published exactly 48 hours ago", ago: NEWS_WINDOW_MS, isIn: true },
    { name: "published 48 hours and 1 ms ago", ago: NEWS_WINDOW_MS + 1, isIn: false },
    { name: "published 49 hours ago", ago: 49 * HOUR, isIn: false },
    { name: "dated 1 ms after the build clock", ago: -1, isIn: false },
    { name: "dated tomorrow", ago: -24 * HOUR, isIn: false },
  ])("lists an article $name: $isIn", ({ ago, isIn }) => {
    const article = makeArticle({ slug: "a", date: NOW - ago });
    expect(newsArticles([article], NOW)).toEqual(isIn ? [article] : []);
  });

  it.each([
    { name: "a draft", over: { isDraft: true } },
    { name: "a syndicated copy", over: { canonical: "https://origin.example/story" } },
  ])("never lists $name", ({ over }) => {
    expect(newsArticles([makeArticle({ slug: "a", date: NOW - HOUR, ...over })], NOW)).toEqual([]);
  });

  it("lists at most 1,000 articles, newest first (ties by slug)", () => {
    const articles = Array.from({ length: NEWS_LIMIT + 5 }, (_, i) =>
      makeArticle({ slug: `a${String(i).padStart(4, "0")}`, date: NOW - Math.floor(i / 2) * 60_000 }),
    ).reverse();
    const listed = newsArticles(articles, NOW);
    expect(NEWS_LIMIT).toBe(1000);
    expect(listed).toHaveLength(1000);
    expect(listed.slice(0, 3).map((a) => a.slug)).toEqual(["a0000", "a0001", "a0002"]);
    expect(listed.at(-1)!.slug).toBe("a0999");
  });
});

describe("newsLanguage", () => {
  it.each([
    { tag: "en", expected: "en" },
    { tag: "en-GB", expected: "en" },
    { tag: "pt-BR", expected: "pt" },
    { tag: "FR-ca", expected: "fr" },
    { tag: "fil", expected: "fil" },
    { tag: "sr-Latn-RS", expected: "sr" },
    { tag: "zh", expected: "zh-cn" },
    { tag: "zh-CN", expected: "zh-cn" },
    { tag: "zh-Hans", expected: "zh-cn" },
    { tag: "zh-SG", expected: "zh-cn" },
    { tag: "zh-TW", expected: "zh-tw" },
    { tag: "zh-HK", expected: "zh-tw" },
    { tag: "zh-Hant", expected: "zh-tw" },
  ])("writes $tag as $expected", ({ tag, expected }) => {
    expect(newsLanguage(tag)).toBe(expected);
  });
});

describe("renderNewsSitemap", () => {
  const parse = (xml: string) => new XMLParser({ ignoreAttributes: false }).parse(xml).urlset;

  it("gives each article its address, the publication, the published instant with the site's offset, and its title", () => {
    const config = makeConfig({ now: NOW }, { title: "Test & Times", language: "en-GB" });
    const article = makeArticle({ slug: "a", title: "Grid <deal> & more", date: Date.UTC(2026, 10, 26, 8, 30) });
    const xml = String(renderNewsSitemap([article], config).contents);
    expect(XMLValidator.validate(xml)).toBe(true);
    const urlset = parse(xml);
    expect(urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(urlset["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(urlset.url).toEqual({
      loc: "https://test.example/articles/a/",
      "news:news": {
        "news:publication": { "news:name": "Test & Times", "news:language": "en" },
        "news:publication_date": "2026-11-26T09:30:00+01:00",
        "news:title": "Grid <deal> & more",
      },
    });
    expect(Date.parse(urlset.url["news:news"]["news:publication_date"])).toBe(article.date);
  });

  it("is written, as an empty urlset, when there is no news", () => {
    const config = makeConfig({ now: NOW });
    const xml = String(renderNewsSitemap([makeArticle({ slug: "old", date: NOW - 72 * HOUR })], config).contents);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain("<url>");
    expect(parse(xml)).toMatchObject({ "@_xmlns:news": "http://www.google.com/schemas/sitemap-news/0.9" });
  });
});
