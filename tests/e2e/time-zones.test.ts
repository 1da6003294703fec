/**
 * One truth per article: in a site on UTC, on Asia/Tokyo and on America/Los_Angeles (built on the
 * day daylight saving time ends there), every output that dates an article — the page's <time
 * datetime>, RSS, JSON Feed, the sitemap, the news sitemap, JSON-LD, Open Graph — names the same
 * instant for its publication and for its last change, and a date-only article is published at
 * midnight in the site's zone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { ROOT } from "../helpers/site.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  readonly zone: string;
  /** The build clock. */
  readonly now: string;
  /** Front-matter date lines, and the instants they mean. */
  readonly articles: readonly { slug: string; lines: string; published: string; modified: string }[];
}

const CASES: readonly Case[] = [
  {
    zone: "UTC",
    now: "2026-11-21T12:00:00Z",
    articles: [
      {
        slug: "day-only",
        lines: "date: 2026-11-20",
        published: "2026-11-20T00:00:00Z",
        modified: "2026-11-20T00:00:00Z",
      },
      {
        slug: "enhanced",
        lines: "date: 2026-11-20T09:30:00\nenhanced: 2026-11-21T08:00:00",
        published: "2026-11-20T09:30:00Z",
        modified: "2026-11-21T08:00:00Z",
      },
    ],
  },
  {
    zone: "Asia/Tokyo",
    now: "2026-11-21T12:00:00+09:00",
    articles: [
      {
        slug: "day-only",
        lines: "date: 2026-11-20",
        published: "2026-11-19T15:00:00Z",
        modified: "2026-11-19T15:00:00Z",
      },
      {
        slug: "corrected",
        lines:
          "date: 2026-11-20T10:00:00\nupdates:\n  - { date: 2026-11-21T09:00:00, text: The figure was wrong, kind: correction }",
        published: "2026-11-20T01:00:00Z",
        modified: "2026-11-21T00:00:00Z",
      },
    ],
  },
  {
    // Daylight saving time ends at 02:00 on 1 November 2026: midnight is PDT (-07:00), noon is PST (-08:00).
    zone: "America/Los_Angeles",
    now: "2026-11-01T18:00:00-08:00",
    articles: [
      {
        slug: "day-only",
        lines: "date: 2026-11-01",
        published: "2026-11-01T07:00:00Z",
        modified: "2026-11-01T07:00:00Z",
      },
      {
        slug: "after-the-change",
        lines: "date: 2026-11-01T12:00:00\nenhanced: 2026-11-01T15:30:00",
        published: "2026-11-01T20:00:00Z",
        modified: "2026-11-01T23:30:00Z",
      },
    ],
  },
];

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const instant = (text: unknown) => new Date(String(text)).toISOString();
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function buildCase(c: Case) {
  const root = mkdtempSync(path.join(tmpdir(), "broadsheet-zones-"));
  made.push(root);
  const articles = path.join(root, "content/articles");
  mkdirSync(articles, { recursive: true });
  writeFileSync(
    path.join(root, "content/site.yaml"),
    `title: Zone Times\nbaseUrl: https://zones.example/\ntimeZone: ${c.zone}\n`,
  );
  for (const a of c.articles)
    writeFileSync(
      path.join(articles, `${a.slug}.md`),
      `---\ntitle: ${a.slug}\n${a.lines}\ntags: [time]\n---\nA story about ${a.slug}.\n`,
    );
  const out = path.join(root, "dist");
  const result = await build({
    now: c.now,
    paths: {
      content: path.join(root, "content"),
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      out,
      cache: path.join(root, "cache"),
    },
  });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return (file: string) => readFileSync(path.join(out, file), "utf8");
}

/** Every dated place of every output, as [where, instant], for one article. */
function datesOf(
  read: (file: string) => string,
  slug: string,
): { published: [string, string][]; modified: [string, string][] } {
  const page = read(`articles/${slug}/index.html`);
  const url = `https://zones.example/articles/${slug}/`;
  const published: [string, string][] = [];
  const modified: [string, string][] = [];
  const times = [...page.matchAll(/<time datetime="([^"]+)"[^>]*>/g)].map((m) => m[1]!);
  published.push(["page <time>", instant(times[0])]);
  const meta = (property: string) => new RegExp(`<meta property="${property}" content="([^"]+)"`).exec(page)?.[1];
  published.push(["og article:published_time", instant(meta("article:published_time"))]);
  modified.push(["og article:modified_time", instant(meta("article:modified_time"))]);
  // Each block is a node, or a graph of nodes.
  const ld = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].flatMap((m) => {
    const block = JSON.parse(m[1]!) as { "@graph"?: unknown[] };
    return block["@graph"] ?? list(block);
  }) as { "@type"?: string }[];
  const article = ld.find((node) => node["@type"] === "NewsArticle") as unknown as {
    datePublished: string;
    dateModified: string;
  };
  published.push(["JSON-LD datePublished", instant(article.datePublished)]);
  modified.push(["JSON-LD dateModified", instant(article.dateModified)]);
  const rssItem = list(xml.parse(read("feed.xml")).rss.channel.item).find((i: { link: string }) => i.link === url) as {
    pubDate: string;
  };
  published.push(["RSS pubDate", instant(rssItem.pubDate)]);
  const jsonItem = (
    JSON.parse(read("feed.json")) as { items: { url: string; date_published: string; date_modified: string }[] }
  ).items.find((i) => i.url === url)!;
  published.push(["JSON Feed date_published", instant(jsonItem.date_published)]);
  modified.push(["JSON Feed date_modified", instant(jsonItem.date_modified)]);
  const sitemapUrl = list(xml.parse(read("sitemap.xml")).urlset.url).find((u: { loc: string }) => u.loc === url) as {
    lastmod: string;
  };
  modified.push(["sitemap lastmod", instant(sitemapUrl.lastmod)]);
  const newsUrl = list(xml.parse(read("news-sitemap.xml")).urlset.url).find((u: { loc: string }) => u.loc === url) as {
    "news:news": { "news:publication_date": string };
  };
  published.push(["news sitemap publication_date", instant(newsUrl["news:news"]["news:publication_date"])]);
  return { published, modified };
}

describe.each(CASES)("a site on $zone", (c) => {
  it("dates each article with one published and one modified instant in every output", async () => {
    const read = await buildCase(c);
    for (const a of c.articles) {
      const { published, modified } = datesOf(read, a.slug);
      for (const [where, when] of published)
        expect(when, `${a.slug}: ${where}`).toBe(new Date(a.published).toISOString());
      for (const [where, when] of modified)
        expect(when, `${a.slug}: ${where}`).toBe(new Date(a.modified).toISOString());
    }
  });
});
