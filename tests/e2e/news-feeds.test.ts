/**
 * The feeds and sitemaps a built site publishes: the news sitemap lists exactly the articles of the
 * 48 hours before the build clock; every JSON Feed follows the 1.1 rules and carries the items of
 * its RSS twin; every page links the JSON Feed; RSS gives a site picture its size in bytes.
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { buildInto, fixture, listFiles, ROOT } from "../helpers/site.js";
import { findAll, parseHtml } from "../helpers/html.js";
import { jsonFeedProblems } from "../helpers/json-feed-rules.js";

const xml = new XMLParser({ ignoreAttributes: false });
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe("the news sitemap of a site built at 2026-11-26T12:00:00Z", () => {
  // Each article's date line, and whether it is news at the build clock.
  const ARTICLES = [
    { slug: "fresh", lines: "date: 2026-11-26T06:00:00Z", isNews: true },
    { slug: "hours-47", lines: "date: 2026-11-24T13:00:00Z", isNews: true },
    { slug: "hours-49", lines: "date: 2026-11-24T11:00:00Z", isNews: false },
    { slug: "future", lines: "date: 2026-11-26T13:00:00Z", isNews: false },
    { slug: "draft", lines: "date: 2026-11-26T10:00:00Z\ndraft: true", isNews: false },
    { slug: "copy", lines: "date: 2026-11-26T09:00:00Z\ncanonical: https://origin.example/story", isNews: false },
  ];
  let content: string;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), "broadsheet-news-"));
    content = path.join(root, "content");
    await mkdir(path.join(content, "articles"), { recursive: true });
    await writeFile(
      path.join(content, "site.yaml"),
      "title: Harbour <News> & Co\nbaseUrl: https://news.example/\nlanguage: zh-HK\ntimeZone: Asia/Hong_Kong\n",
    );
    for (const a of ARTICLES)
      await writeFile(
        path.join(content, "articles", `${a.slug}.md`),
        `---\ntitle: Story ${a.slug}\n${a.lines}\ntags: [harbour]\n---\nThe ${a.slug} story.\n`,
      );
  });

  it.each([
    { name: "a normal build", includeDrafts: false },
    { name: "a build with drafts", includeDrafts: true },
  ])("lists exactly the published articles of the last 48 hours, newest first, in $name", async ({ includeDrafts }) => {
    const { out, result } = await buildInto(content, { includeDrafts });
    expect(result.isOk).toBe(true);
    const source = await readFile(path.join(out, "news-sitemap.xml"), "utf8");
    expect(XMLValidator.validate(source)).toBe(true);
    const urls = list(xml.parse(source).urlset.url) as { loc: string; "news:news": Record<string, any> }[];
    expect(urls.map((u) => u.loc)).toEqual(
      ARTICLES.filter((a) => a.isNews).map((a) => `https://news.example/articles/${a.slug}/`),
    );
    expect(urls[0]!["news:news"]).toEqual({
      "news:publication": { "news:name": "Harbour <News> & Co", "news:language": "zh-tw" },
      "news:publication_date": "2026-11-26T14:00:00+08:00",
      "news:title": "Story fresh",
    });
    expect(await readFile(path.join(out, "robots.txt"), "utf8")).toContain(
      "Sitemap: https://news.example/news-sitemap.xml\n",
    );
    // The syndicated copy stays out of the sitemap too; the original's site owns the story.
    const sitemap = await readFile(path.join(out, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("https://news.example/articles/hours-49/");
    expect(sitemap).not.toContain("https://news.example/articles/copy/");
    expect(sitemap).not.toContain("https://news.example/articles/draft/");
  });
});

describe("the JSON Feeds of the basic fixture site", () => {
  let out: string;
  let files: string[];
  const read = (p: string) => readFile(path.join(out, p), "utf8");

  beforeAll(async () => {
    const built = await buildInto(path.join(fixture("basic"), "content"));
    expect(built.result.isOk).toBe(true);
    out = built.out;
    files = await listFiles(out);
  });

  it("writes a JSON Feed beside every RSS feed, following the JSON Feed 1.1 rules, with the same items", async () => {
    const rssFeeds = files.filter((f) => /(^|\/)feed\.xml$/.test(f));
    expect(rssFeeds.length).toBeGreaterThan(5);
    for (const rssPath of rssFeeds) {
      const jsonPath = rssPath.replace(/\.xml$/, ".json");
      expect(files, jsonPath).toContain(jsonPath);
      const feed = JSON.parse(await read(jsonPath));
      expect(jsonFeedProblems(feed), jsonPath).toEqual([]);
      expect(feed.feed_url).toBe(`https://fixture.example/${jsonPath.split("/").map(encodeURIComponent).join("/")}`);
      const rssLinks = list(xml.parse(await read(rssPath)).rss.channel.item).map((i: any) => i.link);
      expect(
        feed.items.map((i: { id: string }) => i.id),
        jsonPath,
      ).toEqual(rssLinks);
    }
  });

  it("flags the generated article, and no other, as trained algorithmic media", async () => {
    const feed = JSON.parse(await read("feed.json"));
    const flagged = feed.items
      .filter((i: Record<string, unknown>) => "_broadsheet" in i)
      .map((i: { id: string }) => i.id);
    expect(flagged).toEqual(["https://fixture.example/articles/grid-data-format/"]);
  });

  it("links the site's JSON Feed from every page", async () => {
    const pages = files.filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const links = findAll(
        parseHtml(await read(page)),
        (el) => el.tagName === "link" && el.properties.type === "application/feed+json",
      );
      const found = links.map((l) => [l.properties.rel, l.properties.href, l.properties.title]);
      expect(found[0], page).toEqual([["alternate"], "https://fixture.example/feed.json", "Fixture Gazette"]);
      // A tag's or author's page also links its own JSON Feed, beside its RSS feed.
      const own = /^(tags|authors)\/([^/]+)\//.exec(page);
      expect(found.slice(1), page).toEqual(
        own
          ? [[["alternate"], encodeURI(`https://fixture.example/${own[1]}/${own[2]}/feed.json`), expect.any(String)]]
          : [],
      );
    }
  });

  it("gives the lead image in RSS with the size of the file the site publishes", async () => {
    const item = list(xml.parse(await read("feed.xml")).rss.channel.item).find(
      (i: any) => i.link === "https://fixture.example/articles/grid-data-format/",
    );
    const { size } = await stat(path.join(ROOT, "public/images/mesh-wales.svg"));
    expect(item["media:content"]).toMatchObject({
      "@_url": "https://fixture.example/images/mesh-wales.svg",
      "@_type": "image/svg+xml",
      "@_medium": "image",
      "@_fileSize": String(size),
    });
    expect((await stat(path.join(out, "images/mesh-wales.svg"))).size).toBe(size);
  });
});
